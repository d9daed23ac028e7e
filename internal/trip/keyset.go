package trip

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// After is the position in the register after which a keyset page starts: the
// start date (nil for a trip without dates) and reference of the last trip of the
// page before.
type After struct {
	StartsOn  *time.Time
	Reference string
}

// MaxKeysetPage bounds the trips one keyset page returns (RegisterAfter reads one
// more, to tell whether a page follows).
const MaxKeysetPage = 200

// KeysetSorts are the sort orders a keyset page can follow: those by date, whose
// position is the start date and reference that register_entry_date_idx orders by.
var KeysetSorts = []string{SortDateDesc, SortDateAsc}

// RegisterAfter returns at most limit published trips of a municipality that f
// selects, in the order of f.Sort (SortDateDesc or SortDateAsc), after the
// position after (nil: from the first). It selects with the register's own
// conditions (Where) and reads the entries from register_entry's date index, so a
// page deep in 100,000 trips costs what the first does: no offset is skipped.
func (s *Store) RegisterAfter(ctx context.Context, municipalityID int64, f Filter, after *After, limit int) ([]Summary, error) {
	if f.Sort != SortDateAsc {
		f.Sort = SortDateDesc
	}
	limit = min(max(limit, 1), MaxKeysetPage+1)
	// starts_on DESC puts trips without dates first, ASC last (PostgreSQL's
	// default NULLS FIRST/LAST), so the position's comparison says where they are.
	// Each condition is one range of the date index: an OR of a row comparison and
	// "no dates" would make the comparison a filter over every entry before it.
	desc := f.Sort == SortDateDesc
	switch {
	case after == nil:
		return s.keysetPage(ctx, municipalityID, f, "", nil, limit)
	case after.StartsOn != nil && desc:
		return s.keysetPage(ctx, municipalityID, f, "(e.starts_on, e.reference) < (%s::date, %s)",
			[]any{*after.StartsOn, after.Reference}, limit)
	case after.StartsOn != nil:
		list, err := s.keysetPage(ctx, municipalityID, f, "(e.starts_on, e.reference) > (%s::date, %s)",
			[]any{*after.StartsOn, after.Reference}, limit)
		if err != nil || len(list) == limit {
			return list, err
		}
		// The dated trips are done: the trips without dates follow.
		rest, err := s.keysetPage(ctx, municipalityID, f, "e.starts_on IS NULL", nil, limit-len(list))
		return append(list, rest...), err
	case desc:
		// Past the trips without dates: those after the position, then every dated trip.
		list, err := s.keysetPage(ctx, municipalityID, f, "e.starts_on IS NULL AND e.reference < %s", []any{after.Reference}, limit)
		if err != nil || len(list) == limit {
			return list, err
		}
		rest, err := s.keysetPage(ctx, municipalityID, f, "e.starts_on IS NOT NULL", nil, limit-len(list))
		return append(list, rest...), err
	default:
		return s.keysetPage(ctx, municipalityID, f, "e.starts_on IS NULL AND e.reference > %s", []any{after.Reference}, limit)
	}
}

// keysetPage reads at most limit trips that f and the position condition cond
// select, in f's order; cond's %s are its values, numbered after Where's.
func (s *Store) keysetPage(ctx context.Context, municipalityID int64, f Filter, cond string, values []any, limit int) ([]Summary, error) {
	where, args := Where(municipalityID, f)
	if cond != "" {
		var marks []any
		for _, v := range values {
			args = append(args, v)
			marks = append(marks, "$"+strconv.Itoa(len(args)))
		}
		where += " AND " + fmt.Sprintf(cond, marks...)
	}
	order := OrderBy(f.Sort)
	rows, err := s.db.Query(ctx, `SELECT `+summaryColumns+fromPublished+`
JOIN register_entry e ON e.trip_id = t.id
WHERE t.id IN (SELECT e.trip_id FROM register_entry e WHERE `+where+` ORDER BY `+order+
		fmt.Sprintf(` LIMIT %d)`, limit)+` ORDER BY `+order, args...)
	if err != nil {
		return nil, fmt.Errorf("keyset register of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Summary, error) { return scanSummary(r) })
	if err != nil {
		return nil, fmt.Errorf("keyset register of municipality %d: %w", municipalityID, err)
	}
	return list, nil
}

// Totals returns the count, summed totals and CO2e of the published trips of a
// municipality that f selects, from the same summary rows as the register page.
func (s *Store) Totals(ctx context.Context, municipalityID int64, f Filter) (RegisterPage, error) {
	var p RegisterPage
	sql, args := totalsQuery(municipalityID, f)
	if err := s.db.QueryRow(ctx, sql, args...).Scan(&p.Total, &p.SumMinor, &p.SumCO2e, &p.CO2eKnown); err != nil {
		return p, fmt.Errorf("register totals of municipality %d: %w", municipalityID, err)
	}
	return p, nil
}

// Quarter is a calendar quarter that has ended, and whether any published trip of
// the municipality started in it. A quarter without one is stated as "nothing to
// report", not left out.
type Quarter struct {
	Year    int
	Number  int // 1–4
	From    time.Time
	To      time.Time // the last day
	HasTrip bool
}

// MaxQuarters bounds how far back Quarters reaches: 30 years.
const MaxQuarters = 120

// Quarters returns the quarters from the first year with a published trip of the
// municipality (register_facet, migration 00031) to the last quarter that ended
// before today, oldest first; none when it has published no trip. Each quarter
// is one probe of register_entry_date_idx (does any entry start in it?), so the
// cost does not grow with the number of trips.
func (s *Store) Quarters(ctx context.Context, municipalityID int64, today time.Time) ([]Quarter, error) {
	var first *int
	err := s.db.QueryRow(ctx, `SELECT min(value::int) FROM register_facet
WHERE municipality_id = $1 AND kind = 'year' AND trips > 0 AND value ~ '^[0-9]{4}$'`, municipalityID).Scan(&first)
	if err != nil {
		return nil, fmt.Errorf("first year of municipality %d: %w", municipalityID, err)
	}
	if first == nil {
		return nil, nil
	}
	// The first day of the quarter today is in: the quarters before it have ended.
	current := time.Date(today.Year(), time.Month((int(today.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
	from := time.Date(*first, 1, 1, 0, 0, 0, 0, time.UTC)
	if oldest := current.AddDate(0, -3*MaxQuarters, 0); from.Before(oldest) {
		from = oldest
	}
	if !from.Before(current) {
		return nil, nil
	}
	rows, err := s.db.Query(ctx, `
SELECT q::date, EXISTS (SELECT 1 FROM register_entry e WHERE e.municipality_id = $1
                        AND e.starts_on >= q::date AND e.starts_on < (q + interval '3 months')::date)
FROM generate_series($2::date, ($3::date - interval '3 months'), interval '3 months') q
ORDER BY q`, municipalityID, from, current)
	if err != nil {
		return nil, fmt.Errorf("quarters of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Quarter, error) {
		var q Quarter
		err := r.Scan(&q.From, &q.HasTrip)
		q.Year, q.Number = q.From.Year(), (int(q.From.Month())-1)/3+1
		q.To = q.From.AddDate(0, 3, -1)
		return q, err
	})
	if err != nil {
		return nil, fmt.Errorf("quarters of municipality %d: %w", municipalityID, err)
	}
	return list, nil
}
