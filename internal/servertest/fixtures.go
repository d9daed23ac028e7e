package servertest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Destination is a fixture trip's destination.
type Destination struct {
	City, Country string
	Lat, Lon      float64
	Mode          string // emission_factor.mode, e.g. long_haul_flight_rf
}

// Cost is a fixture trip's cost line in minor units; Actual < 0 means none yet.
type Cost struct {
	Category        string
	Planned, Actual int64
}

// Trip describes a trip to insert for a test. Zero values get sensible defaults.
type Trip struct {
	Municipality string // slug
	Reference    string // required unless Status is draft
	Status       string // default published
	Title        string // default: the purpose
	Purpose      string
	Organiser    string
	Start, End   time.Time
	Travellers   []string
	Destinations []Destination
	Costs        []Cost
	Priorities   []string // codes of the municipality's policy
	Demo         bool
	Report       bool
	// Programme are the descriptions of programme items on the first day; a
	// draft without them gets one ("Visit"), as a plan needs a programme where
	// the policy publishes trips with it.
	Programme []string
	// BudgetLine is the code of the municipality's budget line of the trip's
	// first year the trip is charged to ("" for none).
	BudgetLine string
}

// InsertTrip writes t with its rows, consistent with the lifecycle timestamps, and
// returns its id.
func InsertTrip(tb testing.TB, pool *pgxpool.Pool, t Trip) int64 {
	tb.Helper()
	if t.Status == "" {
		t.Status = "published"
	}
	if t.Start.IsZero() {
		t.Start = time.Date(2025, 5, 12, 0, 0, 0, 0, time.UTC)
	}
	if t.End.IsZero() {
		t.End = t.Start.AddDate(0, 0, 2)
	}
	if t.Purpose == "" {
		t.Purpose = "Study visit " + t.Reference
	}
	if t.Title == "" {
		t.Title = t.Purpose
	}
	if len(t.Travellers) == 0 {
		t.Travellers = []string{"Test Traveller"}
	}
	if len(t.Programme) == 0 && t.Status == "draft" {
		t.Programme = []string{"Visit"}
	}
	ctx := context.Background()
	var id int64
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		var ref *string
		if t.Reference != "" {
			ref = &t.Reference
		}
		at := t.End.AddDate(0, 0, 10)
		var published *time.Time
		if t.Status == "published" {
			published = &at
		}
		err := tx.QueryRow(ctx, `
INSERT INTO trip (municipality_id, reference, status, purpose, starts_on, ends_on, organiser, currency,
                  submitted_at, approved_at, completed_at, report_approved_at, published_at, is_demo, title)
SELECT m.id, $2, $3, $4, $5, $6, $7, m.currency,
       CASE WHEN $3 <> 'draft' THEN $8::timestamptz - interval '40 days' END,
       CASE WHEN $3 NOT IN ('draft', 'submitted', 'returned') THEN $8::timestamptz - interval '30 days' END,
       CASE WHEN $3 IN ('completed', 'report_submitted', 'report_returned', 'report_approved', 'published') THEN $8::timestamptz - interval '5 days' END,
       CASE WHEN $3 IN ('report_approved', 'published') THEN $8::timestamptz END,
       $9, $10, $11
FROM municipality m WHERE m.slug = $1 RETURNING id`,
			t.Municipality, ref, t.Status, t.Purpose, t.Start, t.End, t.Organiser, at, published, t.Demo, t.Title).Scan(&id)
		if err != nil {
			return fmt.Errorf("insert trip: %w", err)
		}
		for i, name := range t.Travellers {
			if _, err := tx.Exec(ctx, `INSERT INTO trip_traveller (trip_id, position, name, role, kind) VALUES ($1, $2, $3, 'Member', 'politician')`, id, i+1, name); err != nil {
				return err
			}
		}
		for i, d := range t.Destinations {
			if d.Mode == "" {
				d.Mode = "short_haul_flight_rf"
			}
			if _, err := tx.Exec(ctx, `INSERT INTO trip_destination (trip_id, position, city, country, latitude, longitude, transport_mode) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				id, i+1, d.City, d.Country, d.Lat, d.Lon, d.Mode); err != nil {
				return err
			}
		}
		for i, c := range t.Costs {
			var actual *int64
			if c.Actual >= 0 {
				actual = &c.Actual
			}
			if _, err := tx.Exec(ctx, `INSERT INTO trip_cost (trip_id, position, category, planned_minor, actual_minor) VALUES ($1, $2, $3, $4, $5)`,
				id, i+1, c.Category, c.Planned, actual); err != nil {
				return err
			}
		}
		for _, code := range t.Priorities {
			if _, err := tx.Exec(ctx, `
INSERT INTO trip_priority (trip_id, priority_id)
SELECT $1, p.id FROM priority p JOIN policy pol ON pol.id = p.policy_id JOIN municipality m ON m.id = pol.municipality_id
WHERE m.slug = $2 AND p.code = $3`, id, t.Municipality, code); err != nil {
				return err
			}
		}
		for i, d := range t.Programme {
			if _, err := tx.Exec(ctx, `INSERT INTO trip_programme_item (trip_id, day, position, description) VALUES ($1, $2, $3, $4)`,
				id, t.Start, i+1, d); err != nil {
				return err
			}
		}
		if t.BudgetLine != "" {
			tag, err := tx.Exec(ctx, `UPDATE trip SET budget_line_id = b.id FROM budget_line b
WHERE trip.id = $1 AND b.municipality_id = trip.municipality_id AND b.fiscal_year = $2 AND b.code = $3`, id, t.Start.Year(), t.BudgetLine)
			if err != nil {
				return err
			}
			if tag.RowsAffected() != 1 {
				return fmt.Errorf("no budget line %s of %d", t.BudgetLine, t.Start.Year())
			}
		}
		if t.Report {
			if _, err := tx.Exec(ctx, `INSERT INTO trip_report (trip_id, goal, programme_carried_out, outcome, follow_up) VALUES ($1, 'Learn.', 'As planned.', 'Useful.', 'Report to committee.')`, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("insert trip %s: %v", t.Reference, err)
	}
	return id
}

// RequireApprovals gives the municipality slug's policy the rules that any
// politician approves every trip's plan and report (the portal's behaviour
// before approvals followed each policy), for tests of the review itself.
func RequireApprovals(tb testing.TB, pool *pgxpool.Pool, slug string) {
	tb.Helper()
	_, err := pool.Exec(context.Background(), `
INSERT INTO policy_rule (policy_id, kind, enforcement, parameters, source_sentence)
SELECT p.id, k, 'enforce', '{"approver": "politicians", "applies_to": "all_trips"}', 'Test: every trip is approved by a politician.'
FROM policy p JOIN municipality m ON m.id = p.municipality_id
CROSS JOIN unnest(ARRAY['plan_approval', 'report_approval_before_publication']) AS k
WHERE m.slug = $1 AND p.archived_at IS NULL
ON CONFLICT (policy_id, kind) DO UPDATE SET parameters = EXCLUDED.parameters, archived_at = NULL`, slug)
	if err != nil {
		tb.Fatalf("require approvals in %s: %v", slug, err)
	}
}
