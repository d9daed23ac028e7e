package trip

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/access"
)

// QueueItem is a plan or report awaiting a decision.
type QueueItem struct {
	ID          int64
	Reference   string
	Title       string
	Purpose     string
	Status      string
	Organiser   string
	SubmittedAt time.Time
	Author      string
}

// underReview are the statuses that wait for a reviewer's decision.
var underReview = []string{StatusSubmitted, StatusReportSubmitted}

// decisions are the actions that decide on a plan or a report.
var decisions = []string{Approve, Return, ApproveReport, ReturnReport}

// ReviewQueue lists the plans and reports of municipality m that await a
// decision actor may take, the longest waiting first: a body's decision is
// listed to the body's members, a decision of any politician to every
// politician, and never a trip the actor wrote or travels on (as Available
// decides on the review page). A role that takes no decision but reads the
// queue (an administrator) sees everything that awaits one. Actor.Bodies nil
// are read. The rules are those in force on today.
func (s *Store) ReviewQueue(ctx context.Context, m int64, actor Actor, today time.Time) ([]QueueItem, error) {
	ids, err := s.decidable(ctx, m, actor, today)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `
SELECT t.id, coalesce(t.reference, ''), t.title, t.purpose, t.status, t.organiser,
       coalesce((SELECT max(at) FROM trip_transition tt WHERE tt.trip_id = t.id AND tt.action IN ($3, $4)), t.updated_at),
       coalesce(a.name, '')
FROM trip t LEFT JOIN account a ON a.id = t.author_id
WHERE t.municipality_id = $1 AND t.id = ANY($2)
ORDER BY 7, t.id`, m, ids, Submit, SubmitReport)
	if err != nil {
		return nil, fmt.Errorf("review queue of municipality %d: %w", m, err)
	}
	items, err := pgx.CollectRows(rows, pgx.RowToStructByPos[QueueItem])
	if err != nil {
		return nil, fmt.Errorf("review queue of municipality %d: %w", m, err)
	}
	return items, nil
}

// decidable returns the ids of the trips of municipality m under review that
// actor may decide on (see ReviewQueue), reading each trip's approvals from the
// policy's rules as loadFacts does, in two queries.
func (s *Store) decidable(ctx context.Context, m int64, actor Actor, today time.Time) ([]int64, error) {
	overview := !slices.ContainsFunc(decisions, func(a string) bool { return access.Allowed(actor.Role, moves[a].perm) })
	if actor.Bodies == nil && !overview {
		var err error
		if actor.Bodies, err = actorBodies(ctx, s.db, actor.ID); err != nil {
			return nil, err
		}
	}
	all, err := readRules(ctx, s.db, m)
	if err != nil {
		return nil, err
	}
	// As Apply reads them: only the rules of a policy valid today.
	rs, _ := all.on(today)
	rows, err := s.db.Query(ctx, `
SELECT t.id, t.status, coalesce(t.author_id, 0), b.body_id, (SELECT kind FROM body WHERE id = b.body_id), t.meeting_id IS NOT NULL,
       coalesce((SELECT array_agg(account_id) FROM trip_traveller WHERE trip_id = t.id AND account_id IS NOT NULL), '{}')
FROM trip t LEFT JOIN budget_line b ON b.id = t.budget_line_id
WHERE t.municipality_id = $1 AND t.archived_at IS NULL AND t.status = ANY($2)`, m, underReview)
	if err != nil {
		return nil, fmt.Errorf("trips under review in municipality %d: %w", m, err)
	}
	ids := []int64{}
	for rows.Next() {
		var id int64
		var f Facts
		var bodyID *int64
		var bodyKind *string
		var meeting bool
		if err := rows.Scan(&id, &f.Status, &f.AuthorID, &bodyID, &bodyKind, &meeting, &f.TravellerAccounts); err != nil {
			return nil, fmt.Errorf("trips under review in municipality %d: %w", m, err)
		}
		rs.apply(&f, subjectOf(bodyID, bodyKind, meeting), nil)
		if overview || slices.ContainsFunc(Available(f, actor), func(a string) bool { return slices.Contains(decisions, a) }) {
			ids = append(ids, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("trips under review in municipality %d: %w", m, err)
	}
	return ids, nil
}
