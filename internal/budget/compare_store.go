package budget

import (
	"context"
	"fmt"
	"math/big"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/municipality"
)

// TripYears returns the years in which published trips start, latest first.
func (s *Store) TripYears(ctx context.Context) ([]int, error) {
	rows, err := s.q.Query(ctx, `
SELECT DISTINCT value::int FROM register_facet WHERE kind = 'year' ORDER BY 1 DESC`)
	if err != nil {
		return nil, fmt.Errorf("years of published trips: %w", err)
	}
	years, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		return nil, fmt.Errorf("years of published trips: %w", err)
	}
	return years, nil
}

// Rates returns, for each of currencies, the exchange rate of year or, when that
// year has none, of the latest earlier year that has one.
func (s *Store) Rates(ctx context.Context, currencies []string, year int) (map[string]Rate, error) {
	rows, err := s.q.Query(ctx, `
SELECT DISTINCT ON (currency) currency::text, year::int, eur_per_unit::text, source
FROM exchange_rate WHERE currency = ANY($1) AND year <= $2
ORDER BY currency, year DESC`, currencies, year)
	if err != nil {
		return nil, fmt.Errorf("exchange rates for %d: %w", year, err)
	}
	out := map[string]Rate{}
	var r Rate
	_, err = pgx.ForEachRow(rows, []any{&r.Currency, &r.Year, &r.Text, &r.Source}, func() error {
		v, ok := new(big.Rat).SetString(r.Text)
		if !ok {
			return fmt.Errorf("rate %s %d is not a decimal: %q", r.Currency, r.Year, r.Text)
		}
		rate := r
		rate.EURPerUnit = v
		out[r.Currency] = rate
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("exchange rates for %d: %w", year, err)
	}
	return out, nil
}

// yearTrips returns the published trips that start in year, of every municipality,
// summed by what the comparison tells apart (municipality, priorities, whether
// actual costs and CO2e are known, demonstration), from the register's sums.
func (s *Store) yearTrips(ctx context.Context, year int) ([]YearTrip, error) {
	// register_sum (migration 00062) holds these sums, kept with the entries.
	rows, err := s.q.Query(ctx, `
SELECT sum(trips)::int, municipality_id, sum(actual_minor)::bigint, has_actual,
       CASE WHEN co2e_known THEN sum(co2e_kg)::float8 END, is_demo, priority_ids
FROM register_sum
WHERE year = $1
GROUP BY municipality_id, priority_ids, has_actual, co2e_known, is_demo
ORDER BY municipality_id, priority_ids, has_actual, NOT co2e_known, is_demo`, year)
	if err != nil {
		return nil, fmt.Errorf("published trips of %d: %w", year, err)
	}
	trips, err := pgx.CollectRows(rows, pgx.RowToStructByPos[YearTrip])
	if err != nil {
		return nil, fmt.Errorf("published trips of %d: %w", year, err)
	}
	return trips, nil
}

// priorities returns the current priorities of every municipality in the policy's
// order, followed by the earlier ones that the ids name.
func (s *Store) priorities(ctx context.Context, linked []int64) ([]PriorityRef, error) {
	rows, err := s.q.Query(ctx, `
SELECT p.id, pol.municipality_id, p.code, p.title, pol.language,
       (pol.archived_at IS NULL AND p.archived_at IS NULL) AS is_current
FROM priority p JOIN policy pol ON pol.id = p.policy_id
WHERE p.offered_for_trips AND ((pol.archived_at IS NULL AND p.archived_at IS NULL) OR p.id = ANY($1))
ORDER BY pol.municipality_id, is_current DESC, pol.id,
         min(p.id) OVER (PARTITION BY p.policy_id, p.kind), p.position`, linked)
	if err != nil {
		return nil, fmt.Errorf("priorities to compare: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[PriorityRef])
	if err != nil {
		return nil, fmt.Errorf("priorities to compare: %w", err)
	}
	return list, nil
}

// Compare loads and compares the published trips of year of the municipalities ms.
func (s *Store) Compare(ctx context.Context, ms []municipality.Municipality, year int) ([]Column, error) {
	trips, err := s.yearTrips(ctx, year)
	if err != nil {
		return nil, err
	}
	var currencies []string
	for _, m := range ms {
		if m.Currency != EUR {
			currencies = append(currencies, m.Currency)
		}
	}
	rates, err := s.Rates(ctx, currencies, year)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	linked := []int64{}
	for _, t := range trips {
		for _, id := range t.PriorityIDs {
			if !seen[id] {
				seen[id] = true
				linked = append(linked, id)
			}
		}
	}
	priorities, err := s.priorities(ctx, linked)
	if err != nil {
		return nil, err
	}
	// Spending per priority counts focus areas and themes only: a link to a
	// responsibility or strategy (not offered for trips) is left out, so a trip
	// linked to one focus area and one strategy counts wholly to the focus area.
	focus := map[int64]bool{}
	for _, p := range priorities {
		focus[p.ID] = true
	}
	for i := range trips {
		trips[i].PriorityIDs = slices.DeleteFunc(slices.Clone(trips[i].PriorityIDs), func(id int64) bool { return !focus[id] })
	}
	partnerships, err := s.activePartnerships(ctx)
	if err != nil {
		return nil, err
	}
	return Compare(CompareInput{Municipalities: ms, Trips: trips, Rates: rates, Priorities: priorities, Partnerships: partnerships}), nil
}

// activePartnerships counts the active partnerships of every municipality.
func (s *Store) activePartnerships(ctx context.Context) (map[int64]Partnerships, error) {
	rows, err := s.q.Query(ctx, `
SELECT municipality_id, count(*)::int, bool_or(is_demo) FROM partnership
WHERE status = 'active' AND archived_at IS NULL GROUP BY municipality_id`)
	if err != nil {
		return nil, fmt.Errorf("count active partnerships: %w", err)
	}
	out := map[int64]Partnerships{}
	var id int64
	var p Partnerships
	_, err = pgx.ForEachRow(rows, []any{&id, &p.Active, &p.IsDemo}, func() error {
		out[id] = p
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count active partnerships: %w", err)
	}
	return out, nil
}
