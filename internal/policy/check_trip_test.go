package policy_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/servertest"
)

// budgetLine adds a 2025 budget line of amount minor units to the municipality.
func budgetLine(t *testing.T, pool *pgxpool.Pool, slug, code string, amount int64) int64 {
	t.Helper()
	var id int64
	if err := pool.QueryRow(context.Background(), `
INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency)
SELECT id, 2025, $2, 'Study trips', 'committee', 'Committee', $3, currency FROM municipality WHERE slug = $1
RETURNING id`, slug, code, amount).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func charge(t *testing.T, pool *pgxpool.Pool, tripID, lineID int64) {
	t.Helper()
	if _, err := pool.Exec(context.Background(), `UPDATE trip SET budget_line_id = $2 WHERE id = $1`, tripID, lineID); err != nil {
		t.Fatal(err)
	}
}

// TestTripWarnings checks the two warnings for Ballerup and Berlin alike: they
// come from the trips' data, not from one municipality's rules.
func TestTripWarnings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	priorities := map[string]string{}
	for _, slug := range []string{"ballerup", "berlin"} {
		var code string
		if err := pool.QueryRow(ctx, `
SELECT pr.code FROM priority pr JOIN policy p ON p.id = pr.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = $1 AND p.archived_at IS NULL ORDER BY pr.kind, pr.position LIMIT 1`, slug).Scan(&code); err != nil {
			t.Fatal(err)
		}
		priorities[slug] = code
	}
	for _, slug := range []string{"ballerup", "berlin"} {
		t.Run(slug, func(t *testing.T) {
			prefix := map[string]string{"ballerup": "BAL", "berlin": "BER"}[slug]
			line := budgetLine(t, pool, slug, "ST", 1000000) // 10,000.00
			ref := func(n string) string { return prefix + "-2025-" + n }
			// What counts against the line: the actual costs of trips that have
			// taken place and the planned costs of approved ones.
			for _, tr := range []servertest.Trip{
				{Reference: ref("0001"), Status: "completed", Costs: []servertest.Cost{{Category: "transport", Planned: 350000, Actual: 300000}}},
				{Reference: ref("0002"), Status: "published", Costs: []servertest.Cost{{Category: "lodging", Planned: 90000, Actual: 100000}}},
				{Reference: ref("0003"), Status: "approved", Costs: []servertest.Cost{{Category: "fees", Planned: 200000, Actual: -1}}},
				// Not counted: drafts, plans under review, archived trips.
				{Status: "draft", Costs: []servertest.Cost{{Category: "other", Planned: 999900, Actual: -1}}},
				{Reference: ref("0004"), Status: "submitted", Costs: []servertest.Cost{{Category: "other", Planned: 999900, Actual: -1}}},
				{Reference: ref("0005"), Status: "completed", Costs: []servertest.Cost{{Category: "other", Planned: 999900, Actual: 999900}}},
			} {
				tr.Municipality = slug
				id := servertest.InsertTrip(t, pool, tr)
				charge(t, pool, id, line)
				if tr.Reference == ref("0005") {
					if _, err := pool.Exec(ctx, `UPDATE trip SET archived_at = now() WHERE id = $1`, id); err != nil {
						t.Fatal(err)
					}
				}
			}
			// Remaining: 10,000 − 3,000 − 1,000 − 2,000 = 4,000.
			cases := []struct {
				name      string
				status    string
				planned   int64
				priority  bool
				onLine    bool
				wantKinds []string
			}{
				{"no priority, no line", "draft", 500000, false, false, []string{policy.TripNoPriority}},
				{"priority, within what remains", "draft", 400000, true, true, nil},
				{"priority, one øre over", "draft", 400001, true, true, []string{policy.TripOverBudget}},
				{"neither", "draft", 900000, false, true, []string{policy.TripNoPriority, policy.TripOverBudget}},
				{"approved itself: not counted twice", "approved", 400000, true, true, nil},
			}
			for i, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					tr := servertest.Trip{Municipality: slug, Status: tc.status, Costs: []servertest.Cost{{Category: "transport", Planned: tc.planned, Actual: -1}}}
					if tc.status != "draft" {
						tr.Reference = ref("01" + string(rune('0'+i/10)) + string(rune('0'+i%10)))
					}
					if tc.priority {
						tr.Priorities = []string{priorities[slug]}
					}
					id := servertest.InsertTrip(t, pool, tr)
					if tc.onLine {
						charge(t, pool, id, line)
					}
					ws, err := policy.NewStore(pool).TripWarnings(ctx, id)
					if err != nil {
						t.Fatal(err)
					}
					var kinds []string
					for _, w := range ws {
						kinds = append(kinds, w.Kind)
						if w.Key == "" {
							t.Errorf("warning %s has no message key", w.Kind)
						}
						if w.Kind == policy.TripOverBudget {
							if w.RemainingMinor != 400000 || w.PlannedMinor != tc.planned || w.BudgetLineCode != "ST" || w.Currency == "" {
								t.Errorf("over budget: %+v", w)
							}
						}
					}
					if len(kinds) != len(tc.wantKinds) {
						t.Fatalf("warnings %v, want %v", kinds, tc.wantKinds)
					}
					for i := range kinds {
						if kinds[i] != tc.wantKinds[i] {
							t.Fatalf("warnings %v, want %v", kinds, tc.wantKinds)
						}
					}
				})
			}
		})
	}
}
