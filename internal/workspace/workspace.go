// Package workspace is what the workspace's dashboard shows a signed-in person:
// their own trips in draft or returned, the reports due and the trips awaiting
// a decision, each scoped to the person's municipality.
package workspace

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// Trip is a trip on the dashboard.
type Trip struct {
	ID        int64
	Reference string
	Purpose   string
	Status    string
	StartsOn  *time.Time
	EndsOn    *time.Time
	// Comment is the latest reviewer's comment when the trip was returned.
	Comment   string
	ReportDue *time.Time
	UpdatedAt time.Time
}

// Store reads the dashboard's lists.
type Store struct{ q database.Querier }

// NewStore returns a Store on q.
func NewStore(q database.Querier) *Store { return &Store{q: q} }

// Drafts lists the drafts the author keeps in the municipality.
func (s *Store) Drafts(ctx context.Context, municipalityID, authorID int64) ([]Trip, error) {
	return s.trips(ctx, `t.author_id = $2 AND t.status = 'draft'`, municipalityID, authorID)
}

// Returned lists the author's trips and reports that a reviewer sent back.
func (s *Store) Returned(ctx context.Context, municipalityID, authorID int64) ([]Trip, error) {
	return s.trips(ctx, `t.author_id = $2 AND t.status IN ('returned', 'report_returned')`, municipalityID, authorID)
}

// ReportsDue lists the trips whose report is due on today: a report is due
// once the trip is over and until it is submitted.
func (s *Store) ReportsDue(ctx context.Context, municipalityID int64, today time.Time) ([]Trip, error) {
	return s.trips(ctx, `t.status IN ('approved', 'completed') AND t.ends_on < $2::date`, municipalityID, today)
}

// AwaitingReview lists the trips and reports submitted for a decision; viewer
// is the person asking (it only fills the query's second parameter).
func (s *Store) AwaitingReview(ctx context.Context, municipalityID, viewer int64) ([]Trip, error) {
	return s.trips(ctx, `t.status IN ('submitted', 'report_submitted') AND $2::bigint IS NOT NULL`, municipalityID, viewer)
}

// trips lists the trips of a municipality matching cond ($1 is the municipality,
// $2 the extra argument), with the latest reviewer comment and the report due date.
func (s *Store) trips(ctx context.Context, cond string, municipalityID int64, arg any) ([]Trip, error) {
	rows, err := s.q.Query(ctx, `
SELECT t.id, coalesce(t.reference, ''), t.purpose, t.status, t.starts_on, t.ends_on,
       coalesce((SELECT comment FROM trip_transition tt WHERE tt.trip_id = t.id AND tt.action IN ('return', 'return_report')
                 ORDER BY tt.at DESC LIMIT 1), ''),
       CASE WHEN t.ends_on IS NOT NULL THEN t.ends_on + m.report_deadline_days END,
       t.updated_at
FROM trip t JOIN municipality m ON m.id = t.municipality_id
WHERE t.municipality_id = $1 AND t.archived_at IS NULL AND `+cond+`
ORDER BY t.updated_at`, municipalityID, arg)
	if err != nil {
		return nil, fmt.Errorf("dashboard trips: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Trip, error) {
		var t Trip
		var due *time.Time
		err := row.Scan(&t.ID, &t.Reference, &t.Purpose, &t.Status, &t.StartsOn, &t.EndsOn, &t.Comment, &due, &t.UpdatedAt)
		t.ReportDue = due
		return t, err
	})
	if err != nil {
		return nil, fmt.Errorf("dashboard trips: %w", err)
	}
	return list, nil
}
