package trip_test

import (
	"context"
	"math"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// summaryDrift counts the register_sum and register_facet rows (migrations 00062,
// 00064) and the register_partnership rows that differ from a fresh computation
// over the register's entries.
func summaryDrift(t *testing.T, pool *pgxpool.Pool) (sums, partnerships int) {
	t.Helper()
	ctx := context.Background()
	err := pool.QueryRow(ctx, `
WITH fresh AS (
  SELECT municipality_id, coalesce(extract(year FROM starts_on)::int, 0) AS year, priority_ids, priorities,
         has_actual, co2e_kg IS NOT NULL AS co2e_known, is_demo,
         count(*)::int AS trips, sum(total_minor)::bigint AS total_minor, sum(actual_minor)::bigint AS actual_minor,
         coalesce(sum(co2e_kg::numeric), 0) AS co2e_kg
    FROM register_entry GROUP BY 1, 2, 3, 4, 5, 6, 7)
SELECT count(*) FROM register_sum s FULL JOIN fresh f
    ON (s.municipality_id, s.year, s.priority_ids, s.priorities, s.has_actual, s.co2e_known, s.is_demo)
     = (f.municipality_id, f.year, f.priority_ids, f.priorities, f.has_actual, f.co2e_known, f.is_demo)
 WHERE (s.trips, s.total_minor, s.actual_minor, s.co2e_kg) IS DISTINCT FROM (f.trips, f.total_minor, f.actual_minor, f.co2e_kg)`).Scan(&sums)
	if err != nil {
		t.Fatal(err)
	}
	err = pool.QueryRow(ctx, `
SELECT count(*) FROM register_partnership r FULL JOIN register_partnerships(NULL, NULL) f
    ON (r.partnership_id, r.trip_id) = (f.partnership_id, f.trip_id)
 WHERE (r.starts_on, r.ends_on, r.reference) IS DISTINCT FROM (f.starts_on, f.ends_on, f.reference)
    OR r.trip_id IS NULL OR f.trip_id IS NULL`).Scan(&partnerships)
	if err != nil {
		t.Fatal(err)
	}
	var facets int
	err = pool.QueryRow(ctx, `
WITH fresh AS (
  SELECT e.municipality_id, f.kind, f.value, count(*)::int AS trips, sum(e.total_minor)::bigint AS total_minor,
         coalesce(sum(e.co2e_kg::numeric), 0) AS co2e_kg, count(e.co2e_kg)::int AS co2e_trips
    FROM register_entry e CROSS JOIN LATERAL register_facets(e.starts_on, e.countries, e.organiser) f
   GROUP BY 1, 2, 3)
SELECT count(*) FROM register_facet r FULL JOIN fresh f
    ON (r.municipality_id, r.kind, r.value) = (f.municipality_id, f.kind, f.value)
 WHERE (r.trips, r.total_minor, r.co2e_kg, r.co2e_trips) IS DISTINCT FROM (f.trips, f.total_minor, f.co2e_kg, f.co2e_trips)`).Scan(&facets)
	if err != nil {
		t.Fatal(err)
	}
	return sums + facets, partnerships
}

// TestSummariesFollowChanges shows the register's sums and the partnerships' trip
// lists stay equal to a fresh computation through a bulk load and every kind of
// change that moves them.
func TestSummariesFollowChanges(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, pool, demo.Options{Trips: 300, Seed: 5, Now: servertest.Now}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM register_partnership`).Scan(&n); err != nil || n == 0 {
		t.Fatalf("no partnership trips after the demo load (%v)", err)
	}
	// The register's totals read from the summaries equal a count over the entries.
	var m int64
	var country, organiser string
	if err := pool.QueryRow(ctx, `SELECT municipality_id, countries[1], organiser FROM register_entry
		WHERE cardinality(countries) > 0 AND organiser <> '' ORDER BY trip_id LIMIT 1`).Scan(&m, &country, &organiser); err != nil {
		t.Fatal(err)
	}
	for _, f := range []trip.Filter{{}, {Country: country}, {Organiser: organiser}, {Year: 2025}, {Year: 2025, Country: country}, {Traveller: "a"}} {
		f.Page = 1
		p, err := trip.NewStore(pool).Register(ctx, m, f)
		if err != nil {
			t.Fatal(err)
		}
		cond, args := trip.Where(m, f)
		var n int
		var sum int64
		var co2 float64
		if err := pool.QueryRow(ctx, `SELECT count(*), coalesce(sum(e.total_minor), 0), coalesce(sum(e.co2e_kg), 0)
			FROM register_entry e WHERE `+cond, args...).Scan(&n, &sum, &co2); err != nil {
			t.Fatal(err)
		}
		if p.Total != n || p.SumMinor != sum || math.Abs(p.SumCO2e-co2) > 1e-6*max(1, co2) || n == 0 {
			t.Errorf("%+v: register %d trips, %d, %.3f kg; entries %d, %d, %.3f kg", f, p.Total, p.SumMinor, p.SumCO2e, n, sum, co2)
		}
	}

	id := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Reference: "BAL-2025-0901", Travellers: []string{"A"},
		Destinations: []servertest.Destination{{City: "Wuxi", Country: "CN"}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 100, Actual: 90}},
	})
	steps := []struct{ name, sql string }{
		{"bulk load and insert", `SELECT $1::bigint`},
		{"cost changed", `UPDATE trip_cost SET actual_minor = 55 WHERE trip_id = $1`},
		{"destination is a partner city", `UPDATE trip_destination SET partner_city_id =
			(SELECT ps.partner_city_id FROM partnership ps JOIN municipality m ON m.id = ps.municipality_id
			  WHERE m.slug = 'ballerup' ORDER BY ps.id LIMIT 1) WHERE trip_id = $1`},
		{"made for a partnership", `UPDATE trip SET partnership_id =
			(SELECT ps.id FROM partnership ps JOIN municipality m ON m.id = ps.municipality_id
			  WHERE m.slug = 'ballerup' ORDER BY ps.id DESC LIMIT 1) WHERE id = $1`},
		{"dates moved to another year", `UPDATE trip SET starts_on = starts_on - 400, ends_on = ends_on - 400 WHERE id = $1`},
		{"partnership's city changed", `UPDATE partnership SET partner_city_id =
			(SELECT id FROM partner_city WHERE id NOT IN (SELECT ps.partner_city_id FROM partnership ps
			   JOIN municipality m ON m.id = ps.municipality_id WHERE m.slug = 'ballerup') ORDER BY id LIMIT 1)
			WHERE id = (SELECT ps.id FROM partnership ps JOIN municipality m ON m.id = ps.municipality_id
			             WHERE m.slug = 'ballerup' ORDER BY ps.id LIMIT 1) AND $1 > 0`},
		{"new partnership with an existing city", `INSERT INTO partnership (municipality_id, partner_city_id, kind, status)
			SELECT m.id, d.partner_city_id, 'friendship', 'active' FROM municipality m, trip_destination d
			 WHERE m.slug = 'berlin' AND d.partner_city_id IS NOT NULL
			   AND d.partner_city_id NOT IN (SELECT partner_city_id FROM partnership WHERE municipality_id = m.id)
			   AND $1 > 0 LIMIT 1`},
		{"trip archived", `UPDATE trip SET archived_at = now() WHERE id = $1`},
		{"demo trips of one municipality deleted", `DELETE FROM trip WHERE is_demo AND municipality_id =
			(SELECT id FROM municipality WHERE slug = 'stuttgart') AND $1 > 0`},
	}
	for _, s := range steps {
		if _, err := pool.Exec(ctx, s.sql, id); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if sums, ps := summaryDrift(t, pool); sums != 0 || ps != 0 {
			t.Errorf("after %s: %d sum rows and %d partnership trips differ from the entries", s.name, sums, ps)
		}
	}
	if _, err := demo.Remove(ctx, pool); err != nil {
		t.Fatal(err)
	}
	if sums, ps := summaryDrift(t, pool); sums != 0 || ps != 0 {
		t.Errorf("after removing the demo: %d sum rows and %d partnership trips differ", sums, ps)
	}
}
