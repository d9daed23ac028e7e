package trip

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/access"
)

// WorkItem is a trip on a person's dashboard.
type WorkItem struct {
	ID        int64
	Reference string
	Title     string
	Purpose   string
	Status    string
	StartsOn  *time.Time
	EndsOn    *time.Time
	// Comment is the latest reviewer's comment when the trip was returned.
	Comment   string
	ReportDue *time.Time
	UpdatedAt time.Time
}

// Work is what a person has to do with the trips of their municipality.
type Work struct {
	// Drafts and Returned are the person's own trips to carry on with.
	Drafts   []WorkItem
	Returned []WorkItem
	// ReportsDue are the trips that are over and whose report is not submitted.
	ReportsDue []WorkItem
	// AwaitingReview are the plans and reports waiting for a decision, the
	// same as the person's review queue (ReviewQueue).
	AwaitingReview []WorkItem
}

// Work returns the dashboard lists of actor, of municipality m, on day today.
func (s *Store) Work(ctx context.Context, m int64, actor Actor, today time.Time) (Work, error) {
	var w Work
	var err error
	accountID := actor.ID
	if w.Drafts, err = s.work(ctx, `t.author_id = $2 AND t.status = ANY($3)`, m, accountID, []string{StatusDraft}); err != nil {
		return w, err
	}
	if w.Returned, err = s.work(ctx, `t.author_id = $2 AND t.status = ANY($3)`, m, accountID, []string{StatusReturned, StatusReportReturned}); err != nil {
		return w, err
	}
	// A report is due once the trip is over and until it is submitted.
	if w.ReportsDue, err = s.work(ctx, `t.ends_on < $2::date AND t.status = ANY($3)`, m, today, []string{StatusApproved, StatusCompleted}); err != nil {
		return w, err
	}
	if !access.Allowed(actor.Role, access.ReviewView) {
		// Only those who read the review queue have it on their dashboard.
		return w, nil
	}
	ids, err := s.decidable(ctx, m, actor, today)
	if err != nil {
		return w, err
	}
	if w.AwaitingReview, err = s.work(ctx, `t.id = ANY($2) AND t.status = ANY($3)`, m, ids, underReview); err != nil {
		return w, err
	}
	return w, nil
}

// work lists the trips of municipality m matching cond ($1 is the municipality,
// $2 arg, $3 the statuses), with the latest reviewer comment and the report due date.
func (s *Store) work(ctx context.Context, cond string, m int64, arg any, statuses []string) ([]WorkItem, error) {
	rows, err := s.db.Query(ctx, `
SELECT t.id, coalesce(t.reference, ''), t.title, t.purpose, t.status, t.starts_on, t.ends_on,
       coalesce((SELECT comment FROM trip_transition tt WHERE tt.trip_id = t.id AND tt.action = ANY($4)
                 ORDER BY tt.at DESC LIMIT 1), ''),
       CASE WHEN t.ends_on IS NOT NULL THEN t.ends_on + m.report_deadline_days END,
       t.updated_at
FROM trip t JOIN municipality m ON m.id = t.municipality_id
WHERE t.municipality_id = $1 AND t.archived_at IS NULL AND `+cond+`
ORDER BY t.updated_at`, m, arg, statuses, []string{Return, ReturnReport})
	if err != nil {
		return nil, fmt.Errorf("dashboard trips: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[WorkItem])
	if err != nil {
		return nil, fmt.Errorf("dashboard trips: %w", err)
	}
	return list, nil
}
