package report

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/municipality"
)

// Store reads the yearly report.
type Store struct{ q database.Querier }

// NewStore returns a Store on q.
func NewStore(q database.Querier) *Store { return &Store{q: q} }

// Years lists the years with published trips or budget lines, newest first.
func (s *Store) Years(ctx context.Context, municipalityID int64) ([]int, error) {
	rows, err := s.q.Query(ctx, `
SELECT value::int FROM register_facet WHERE municipality_id = $1 AND kind = 'year'
UNION
SELECT DISTINCT fiscal_year::int FROM budget_line WHERE municipality_id = $1 AND archived_at IS NULL
ORDER BY 1 DESC`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("report years of municipality %d: %w", municipalityID, err)
	}
	years, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		return nil, fmt.Errorf("report years of municipality %d: %w", municipalityID, err)
	}
	return years, nil
}

// Load assembles the report of municipality m for year on day today (late reports
// are counted as they stand on that day).
func (s *Store) Load(ctx context.Context, m municipality.Municipality, year int, today time.Time) (Report, error) {
	r := Report{Year: year}
	steps := []func(context.Context, *Report, municipality.Municipality, time.Time) error{
		s.trips, s.modes, s.partnerships, s.agreements, s.late,
	}
	for _, step := range steps {
		if err := step(ctx, &r, m, today); err != nil {
			return r, fmt.Errorf("report of municipality %d for %d: %w", m.ID, year, err)
		}
	}
	b := budget.NewStore(s.q)
	var err error
	if r.Budget, err = b.Sheet(ctx, m.ID, m.Country, year); err != nil {
		return r, err
	}
	if r.BudgetBefore, err = b.Sheet(ctx, m.ID, m.Country, year-1); err != nil {
		return r, err
	}
	r.HasDemo = r.HasDemo || r.Budget.HasDemo()
	return r, nil
}

// pick returns the figures of the year (true) or of the year before.
func pick(f *[2]Figures, now bool) *Figures {
	if now {
		return &f[0]
	}
	return &f[1]
}

// trips totals the published trips of the two years, all and per priority, from
// register_sum's rows (a few hundred a year at most), and names the priorities.
func (s *Store) trips(ctx context.Context, r *Report, m municipality.Municipality, _ time.Time) error {
	rows, err := s.q.Query(ctx, `
SELECT year, priority_ids, sum(trips)::int, sum(total_minor)::bigint,
       coalesce(sum(co2e_kg) FILTER (WHERE co2e_known), 0)::float8,
       coalesce(sum(trips) FILTER (WHERE co2e_known), 0)::int, bool_or(is_demo)
FROM register_sum WHERE municipality_id = $1 AND year IN ($2, $2 - 1)
GROUP BY year, priority_ids`, m.ID, r.Year)
	if err != nil {
		return err
	}
	var (
		total, none [2]Figures
		per         = map[int64]*[2]Figures{}
		year        int
		ids         []int64
		f           Figures
		demo        bool
	)
	_, err = pgx.ForEachRow(rows, []any{&year, &ids, &f.Trips, &f.TotalMinor, &f.CO2eKg, &f.CO2eTrips, &demo}, func() error {
		now := year == r.Year
		add(pick(&total, now), f)
		if len(ids) == 0 {
			add(pick(&none, now), f)
		}
		for _, id := range ids {
			if per[id] == nil {
				per[id] = &[2]Figures{}
			}
			add(pick(per[id], now), f)
		}
		r.HasDemo = r.HasDemo || demo
		return nil
	})
	if err != nil {
		return err
	}
	r.Now, r.Before, r.NoPriorityNow, r.NoPriorityBefore = total[0], total[1], none[0], none[1]
	used := make([]int64, 0, len(per))
	for id := range per {
		used = append(used, id)
	}
	slices.Sort(used)
	// The priorities of the policy in force, and any other a trip of the two years
	// was made for (a priority archived since).
	rows, err = s.q.Query(ctx, `
SELECT p.id, p.code, p.title, pol.language
FROM priority p JOIN policy pol ON pol.id = p.policy_id
WHERE pol.municipality_id = $1
  AND ((pol.archived_at IS NULL AND p.archived_at IS NULL) OR p.id = ANY($2))
ORDER BY pol.archived_at IS NOT NULL, min(p.id) OVER (PARTITION BY p.policy_id, p.kind), p.position`, m.ID, used)
	if err != nil {
		return err
	}
	var p Priority
	_, err = pgx.ForEachRow(rows, []any{&p.ID, &p.Code, &p.Title, &p.Lang}, func() error {
		q := p
		if f := per[p.ID]; f != nil {
			q.Now, q.Before = f[0], f[1]
		}
		r.Priorities = append(r.Priorities, q)
		return nil
	})
	return err
}

func add(to *Figures, f Figures) {
	to.Trips += f.Trips
	to.TotalMinor += f.TotalMinor
	to.CO2eKg += f.CO2eKg
	to.CO2eTrips += f.CO2eTrips
}

// modes reads CO2e by transport mode from report_mode_sum (migration 00105).
func (s *Store) modes(ctx context.Context, r *Report, m municipality.Municipality, _ time.Time) error {
	rows, err := s.q.Query(ctx, `
SELECT s.year, s.mode, coalesce(e.label, ''), sum(s.trips)::int, sum(s.legs)::int, sum(s.co2e_legs)::int,
       sum(s.co2e_kg)::float8, sum(s.distance_km)::float8, bool_or(s.is_demo)
FROM report_mode_sum s LEFT JOIN emission_factor e ON e.mode = s.mode
WHERE s.municipality_id = $1 AND s.year IN ($2, $2 - 1)
GROUP BY 1, 2, 3
ORDER BY s.mode = '', s.mode`, m.ID, r.Year)
	if err != nil {
		return err
	}
	var (
		year        int
		mode, label string
		f           ModeFigures
		demo        bool
		at          = map[string]int{}
	)
	_, err = pgx.ForEachRow(rows, []any{&year, &mode, &label, &f.Trips, &f.Legs, &f.CO2eLegs, &f.CO2eKg, &f.DistanceKm, &demo}, func() error {
		i, ok := at[mode]
		if !ok {
			i = len(r.Modes)
			at[mode] = i
			r.Modes = append(r.Modes, Mode{Mode: mode, Label: label})
		}
		if year == r.Year {
			r.Modes[i].Now = f
		} else {
			r.Modes[i].Before = f
		}
		r.HasDemo = r.HasDemo || demo
		return nil
	})
	if err != nil {
		return err
	}
	// The largest emitter first; destinations without a mode last.
	slices.SortStableFunc(r.Modes, func(a, b Mode) int {
		if (a.Mode == "") != (b.Mode == "") {
			if a.Mode == "" {
				return 1
			}
			return -1
		}
		switch {
		case a.Now.CO2eKg > b.Now.CO2eKg:
			return -1
		case a.Now.CO2eKg < b.Now.CO2eKg:
			return 1
		}
		return 0
	})
	return nil
}

// partnerships lists the partnerships that existed in the year with their visits
// per year from report_partnership_year (migration 00108) and the latest visit
// from one probe of register_partnership's index (migration 00062).
func (s *Store) partnerships(ctx context.Context, r *Report, m municipality.Municipality, _ time.Time) error {
	rows, err := s.q.Query(ctx, `
SELECT ps.id, pc.name, coalesce(pc.country, ''), ps.kind, ps.status, ps.since_year::int, ps.is_demo,
       coalesce((SELECT visits FROM report_partnership_year y WHERE y.partnership_id = ps.id AND y.year = $2), 0),
       coalesce((SELECT visits FROM report_partnership_year y WHERE y.partnership_id = ps.id AND y.year = $2 - 1), 0),
       (SELECT rp.starts_on FROM register_partnership rp WHERE rp.partnership_id = ps.id
           AND rp.starts_on < make_date($2 + 1, 1, 1)
         ORDER BY rp.starts_on DESC NULLS LAST, rp.reference DESC LIMIT 1)
FROM partnership ps JOIN partner_city pc ON pc.id = ps.partner_city_id
WHERE ps.municipality_id = $1 AND ps.archived_at IS NULL
  AND (ps.since_year IS NULL OR ps.since_year <= $2)
ORDER BY ps.status <> 'active', pc.name, ps.id`, m.ID, r.Year)
	if err != nil {
		return err
	}
	first := time.Date(r.Year-DormantYears+1, 1, 1, 0, 0, 0, 0, time.UTC)
	var (
		p    Partnership
		demo bool
	)
	_, err = pgx.ForEachRow(rows, []any{&p.ID, &p.City, &p.Country, &p.Kind, &p.Status, &p.SinceYear, &demo,
		&p.Now, &p.Before, &p.LastVisit}, func() error {
		q := p
		q.Dormant = q.Status == "active" && (q.LastVisit == nil || q.LastVisit.Before(first))
		r.Partnerships = append(r.Partnerships, q)
		r.HasDemo = r.HasDemo || demo
		return nil
	})
	return err
}

// agreements lists the public agreements signed in the year and counts those of the
// year before.
func (s *Store) agreements(ctx context.Context, r *Report, m municipality.Municipality, _ time.Time) error {
	rows, err := s.q.Query(ctx, `
SELECT id, type, title, signed_on, is_demo FROM agreement
WHERE municipality_id = $1 AND status <> 'draft' AND archived_at IS NULL
  AND signed_on >= make_date($2 - 1, 1, 1) AND signed_on < make_date($2 + 1, 1, 1)
ORDER BY signed_on, id`, m.ID, r.Year)
	if err != nil {
		return err
	}
	var (
		a    Agreement
		demo bool
	)
	_, err = pgx.ForEachRow(rows, []any{&a.ID, &a.Type, &a.Title, &a.SignedOn, &demo}, func() error {
		if a.SignedOn.Year() != r.Year {
			r.SignedBefore++
			return nil
		}
		a.Lang = m.Language()
		r.Signed = append(r.Signed, a)
		r.HasDemo = r.HasDemo || demo
		return nil
	})
	return err
}

// late counts the reports of the trips that ended in the two years: submitted by
// the due date (the trip's end plus the municipality's report deadline) or after
// it, from report_late_sum (migration 00106); and still owed after it on day today,
// as the overdue list counts them (through trip_status_idx: few trips owe one).
func (s *Store) late(ctx context.Context, r *Report, m municipality.Municipality, today time.Time) error {
	rows, err := s.q.Query(ctx, `
SELECT year, on_time, late, 0 FROM report_late_sum WHERE municipality_id = $1 AND year IN ($2, $2 - 1)
UNION ALL
SELECT extract(year FROM t.ends_on)::int, 0, 0, count(*)::int
FROM trip t JOIN municipality m ON m.id = t.municipality_id
WHERE t.municipality_id = $1 AND t.archived_at IS NULL AND t.reference IS NOT NULL
  AND t.status IN ('approved', 'completed', 'report_returned')
  AND t.ends_on + m.report_deadline_days < $3::date
  AND t.ends_on >= make_date($2 - 1, 1, 1) AND t.ends_on < make_date($2 + 1, 1, 1)
GROUP BY 1`, m.ID, r.Year, today)
	if err != nil {
		return err
	}
	var (
		year                  int
		onTime, late, overdue int
	)
	_, err = pgx.ForEachRow(rows, []any{&year, &onTime, &late, &overdue}, func() error {
		l := &r.LateBefore
		if year == r.Year {
			l = &r.LateNow
		}
		l.OnTime += onTime
		l.Late += late
		l.Overdue += overdue
		return nil
	})
	if err != nil {
		return err
	}
	return s.q.QueryRow(ctx, `SELECT report_deadline_days FROM municipality WHERE id = $1`, m.ID).Scan(&r.DeadlineDays)
}
