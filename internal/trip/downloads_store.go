package trip

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/municipal-intl/portal/internal/opendata"
)

// selectRecords reads an opendata.Record per trip in one statement: the cost categories are
// pivoted by a lateral sum … FILTER per category and the repeated rows
// (destinations, travellers, priorities) are aggregated into arrays, so a download
// of any size is one query whose rows are written as they arrive.
const selectRecords = `
SELECT t.id, t.reference, t.title, t.purpose, t.starts_on, t.ends_on, t.organiser,
       coalesce(d.cities, '{}'), coalesce(d.countries, '{}'),
       coalesce(v.names, '{}'), coalesce(v.roles, '{}'), coalesce(v.kinds, '{}'),
       coalesce(pr.codes, '{}'), coalesce(pr.titles, '{}'),
       pc.name, b.code, b.name, b.fiscal_year::int,
       t.currency, c.minor_units,
       k.p_transport, k.p_lodging, k.p_meals, k.p_per_diem, k.p_fees, k.p_other,
       k.a_transport, k.a_lodging, k.a_meals, k.a_per_diem, k.a_fees, k.a_other,
       f.planned_minor, f.actual_minor, f.has_actual, f.total_minor, f.travellers,
       f.distance_km, f.co2e_kg, t.approved_at, t.published_at, t.is_demo
FROM register_entry e
JOIN trip t ON t.id = e.trip_id
JOIN trip_figures f ON f.trip_id = t.id
JOIN currency c ON c.code = t.currency
LEFT JOIN partnership ps ON ps.id = t.partnership_id
LEFT JOIN partner_city pc ON pc.id = ps.partner_city_id
LEFT JOIN budget_line b ON b.id = t.budget_line_id
LEFT JOIN LATERAL (
    SELECT array_agg(city ORDER BY position) AS cities, array_agg(country::text ORDER BY position) AS countries
    FROM trip_destination WHERE trip_id = t.id) d ON true
LEFT JOIN LATERAL (
    SELECT array_agg(name ORDER BY position) AS names, array_agg(role ORDER BY position) AS roles,
           array_agg(kind ORDER BY position) AS kinds
    FROM trip_traveller WHERE trip_id = t.id) v ON true
LEFT JOIN LATERAL (
    SELECT array_agg(p.code ORDER BY p.kind, p.position) AS codes, array_agg(p.title ORDER BY p.kind, p.position) AS titles
    FROM trip_priority tp JOIN priority p ON p.id = tp.priority_id WHERE tp.trip_id = t.id) pr ON true
CROSS JOIN LATERAL (
    SELECT coalesce(sum(planned_minor) FILTER (WHERE category = 'transport'), 0)::bigint AS p_transport,
           coalesce(sum(planned_minor) FILTER (WHERE category = 'lodging'), 0)::bigint   AS p_lodging,
           coalesce(sum(planned_minor) FILTER (WHERE category = 'meals'), 0)::bigint     AS p_meals,
           coalesce(sum(planned_minor) FILTER (WHERE category = 'per_diem'), 0)::bigint  AS p_per_diem,
           coalesce(sum(planned_minor) FILTER (WHERE category = 'fees'), 0)::bigint      AS p_fees,
           coalesce(sum(planned_minor) FILTER (WHERE category = 'other'), 0)::bigint     AS p_other,
           coalesce(sum(actual_minor) FILTER (WHERE category = 'transport'), 0)::bigint  AS a_transport,
           coalesce(sum(actual_minor) FILTER (WHERE category = 'lodging'), 0)::bigint    AS a_lodging,
           coalesce(sum(actual_minor) FILTER (WHERE category = 'meals'), 0)::bigint      AS a_meals,
           coalesce(sum(actual_minor) FILTER (WHERE category = 'per_diem'), 0)::bigint   AS a_per_diem,
           coalesce(sum(actual_minor) FILTER (WHERE category = 'fees'), 0)::bigint       AS a_fees,
           coalesce(sum(actual_minor) FILTER (WHERE category = 'other'), 0)::bigint      AS a_other
    FROM trip_cost WHERE trip_id = t.id) k`

func (s *Store) stream(ctx context.Context, op, sql string, args []any, fn func(*opendata.Record) error) error {
	rows, err := s.db.Query(ctx, sql, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	// One Record is reused for every row: what fn keeps, it must copy.
	var r opendata.Record
	for rows.Next() {
		r = opendata.Record{}
		err := rows.Scan(&r.ID, &r.Reference, &r.Title, &r.Purpose, &r.StartsOn, &r.EndsOn, &r.Organiser,
			&r.Cities, &r.CityCountries, &r.TravellerNames, &r.TravellerRoles, &r.TravellerKinds,
			&r.PriorityCodes, &r.PriorityTitles, &r.PartnershipCity, &r.BudgetLineCode, &r.BudgetLineName,
			&r.BudgetLineYear, &r.Currency, &r.MinorUnits,
			&r.Planned[0], &r.Planned[1], &r.Planned[2], &r.Planned[3], &r.Planned[4], &r.Planned[5],
			&r.Actual[0], &r.Actual[1], &r.Actual[2], &r.Actual[3], &r.Actual[4], &r.Actual[5],
			&r.PlannedTotal, &r.ActualTotal, &r.HasActual, &r.Total, &r.Travellers,
			&r.DistanceKm, &r.CO2eKg, &r.ApprovedAt, &r.PublishedAt, &r.Demo)
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// Downloads calls fn for every published trip of a municipality that f selects,
// with every public field the open data downloads carry, in the register's order
// (f.Page is ignored: a download holds the whole selection). The rows stream from
// the database, so memory stays flat however many there are; fn gets the same
// *opendata.Record each time, refilled.
func (s *Store) Downloads(ctx context.Context, municipalityID int64, f Filter, fn func(*opendata.Record) error) error {
	cond, args := Where(municipalityID, f)
	return s.stream(ctx, fmt.Sprintf("stream open data of municipality %d", municipalityID),
		selectRecords+"\nWHERE "+cond+"\nORDER BY "+OrderBy(f.Sort), args, fn)
}

// CalendarRecords calls fn for every published trip of a municipality that has
// dates and ends on or after from, in date order.
func (s *Store) CalendarRecords(ctx context.Context, municipalityID int64, from time.Time, fn func(*opendata.Record) error) error {
	cond, args := Where(municipalityID, Filter{})
	args = append(args, from)
	cond += " AND t.starts_on IS NOT NULL AND coalesce(t.ends_on, t.starts_on) >= $" + strconv.Itoa(len(args))
	return s.stream(ctx, fmt.Sprintf("stream calendar of municipality %d", municipalityID),
		selectRecords+"\nWHERE "+cond+"\nORDER BY t.starts_on, t.reference", args, fn)
}
