package policy

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/budget"
)

// Kinds of trip warnings. They come from the trip's own data, not from a rule of
// one municipality's policy, so every municipality gets them.
const (
	// TripNoPriority: the trip serves none of the policy's priorities.
	TripNoPriority = "trip_no_priority"
	// TripOverBudget: the trip's planned total is more than what remains on its
	// budget line.
	TripOverBudget = "trip_over_budget"
)

// TripWarning is one thing a reviewer should look at before approving a trip.
// Warnings never block a save. Key is the catalogue key of the explanation; the
// budget fields are set for TripOverBudget only, with amounts in minor units of
// Currency, for the view to format in the reader's language.
type TripWarning struct {
	Kind string
	Key  string

	BudgetLineCode string
	BudgetLineName string
	PlannedMinor   int64
	// RemainingMinor is the line's allocation less the actual cost of the other
	// trips charged to it that have taken place and the planned cost of the other
	// approved trips; negative when the line is overspent already.
	RemainingMinor int64
	Currency       string
	MinorUnits     int
}

// TripWarnings returns the warnings of trip tripID as it is stored (read through
// q, a pool or the transaction that just saved it). The caller has checked that
// the trip belongs to the asker's municipality.
//
// What remains on a budget line is counted as internal/budget does for the
// budget page: the actual cost of trips in budget.SpentStatuses and the planned
// cost of trips in budget.CommittedStatuses, of trips in the line's currency,
// this trip left out. Carry-over from earlier years is not added: the warning
// compares against the year's own allocation, the stricter reading.
func (s *Store) TripWarnings(ctx context.Context, tripID int64) ([]TripWarning, error) {
	var out []TripWarning
	var priorities int
	if err := s.q.QueryRow(ctx, `SELECT count(*) FROM trip_priority WHERE trip_id = $1`, tripID).Scan(&priorities); err != nil {
		return nil, fmt.Errorf("trip %d warnings: priorities: %w", tripID, err)
	}
	if priorities == 0 {
		out = append(out, TripWarning{Kind: TripNoPriority, Key: "tripedit.warning.no_priority"})
	}

	w := TripWarning{Kind: TripOverBudget, Key: "tripedit.warning.over_budget"}
	var hasPlanned bool
	err := s.q.QueryRow(ctx, `
SELECT bl.code, bl.name, bl.currency, c.minor_units::int,
       coalesce((SELECT sum(planned_minor) FROM trip_cost WHERE trip_id = t.id), 0)::bigint,
       EXISTS (SELECT 1 FROM trip_cost WHERE trip_id = t.id AND planned_minor IS NOT NULL),
       (bl.amount_minor
        - coalesce((SELECT sum(f.actual_minor) FROM trip o JOIN trip_figures f ON f.trip_id = o.id
                    WHERE o.budget_line_id = bl.id AND o.id <> t.id AND o.archived_at IS NULL
                      AND o.currency = bl.currency AND o.status = ANY($2)), 0)
        - coalesce((SELECT sum(f.planned_minor) FROM trip o JOIN trip_figures f ON f.trip_id = o.id
                    WHERE o.budget_line_id = bl.id AND o.id <> t.id AND o.archived_at IS NULL
                      AND o.currency = bl.currency AND o.status = ANY($3)), 0))::bigint
FROM trip t
JOIN budget_line bl ON bl.id = t.budget_line_id AND bl.municipality_id = t.municipality_id
JOIN currency c ON c.code = bl.currency
WHERE t.id = $1 AND t.currency = bl.currency`, tripID, budget.SpentStatuses, budget.CommittedStatuses).Scan(
		&w.BudgetLineCode, &w.BudgetLineName, &w.Currency, &w.MinorUnits, &w.PlannedMinor, &hasPlanned, &w.RemainingMinor)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		// No budget line, or one in another currency that cannot be compared.
	case err != nil:
		return nil, fmt.Errorf("trip %d warnings: budget line: %w", tripID, err)
	case hasPlanned && w.PlannedMinor > w.RemainingMinor:
		out = append(out, w)
	}
	return out, nil
}
