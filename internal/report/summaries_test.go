package report_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/servertest"
)

// The report's summary rows, recomputed from the trips themselves: any row where
// the kept sums and the recomputation differ.
const modeDrift = `
WITH fresh AS (
  SELECT e.municipality_id, coalesce(extract(year FROM e.starts_on)::int, 0) AS year,
         coalesce(l.transport_mode, '') AS mode, e.is_demo,
         count(DISTINCT e.trip_id)::int AS trips, count(*)::int AS legs, count(l.co2e_kg)::int AS co2e_legs,
         round(coalesce(sum(l.co2e_kg::numeric), 0), 3) AS co2e
  FROM register_entry e JOIN trip_leg l ON l.trip_id = e.trip_id
  GROUP BY 1, 2, 3, 4),
kept AS (
  SELECT municipality_id, year, mode, is_demo, trips, legs, co2e_legs, round(co2e_kg, 3) AS co2e FROM report_mode_sum)
SELECT count(*) FROM ((TABLE fresh EXCEPT TABLE kept) UNION ALL (TABLE kept EXCEPT TABLE fresh)) d`

const lateDrift = `
WITH fresh AS (
  SELECT t.municipality_id, extract(year FROM t.ends_on)::int AS year,
         count(*) FILTER (WHERE rp.submitted_at::date <= t.ends_on + m.report_deadline_days)::int AS on_time,
         count(*) FILTER (WHERE rp.submitted_at::date > t.ends_on + m.report_deadline_days)::int AS late
  FROM trip t JOIN municipality m ON m.id = t.municipality_id JOIN trip_report rp ON rp.trip_id = t.id
  WHERE t.archived_at IS NULL AND t.reference IS NOT NULL AND t.ends_on IS NOT NULL AND rp.submitted_at IS NOT NULL
    AND t.status IN ('report_submitted', 'report_approved', 'published')
  GROUP BY 1, 2),
kept AS (SELECT municipality_id, year, on_time, late FROM report_late_sum)
SELECT count(*) FROM ((TABLE fresh EXCEPT TABLE kept) UNION ALL (TABLE kept EXCEPT TABLE fresh)) d`

const partnershipDrift = `
WITH fresh AS (
  SELECT partnership_id, coalesce(extract(year FROM starts_on)::int, 0) AS year, count(*)::int AS visits
  FROM register_partnership GROUP BY 1, 2),
kept AS (SELECT partnership_id, year, visits FROM report_partnership_year)
SELECT count(*) FROM ((TABLE fresh EXCEPT TABLE kept) UNION ALL (TABLE kept EXCEPT TABLE fresh)) d`

func drift(t *testing.T, pool *pgxpool.Pool, when string) {
	t.Helper()
	if n := servertest.Scalar[int64](t, pool, modeDrift); n != 0 {
		t.Errorf("%s: %d rows of report_mode_sum differ from the trips", when, n)
	}
	if n := servertest.Scalar[int64](t, pool, lateDrift); n != 0 {
		t.Errorf("%s: %d rows of report_late_sum differ from the trips", when, n)
	}
	if n := servertest.Scalar[int64](t, pool, partnershipDrift); n != 0 {
		t.Errorf("%s: %d rows of report_partnership_year differ from the visits", when, n)
	}
}

// TestSummariesFollowTheTrips loads the demo (a bulk load that refreshes once at
// the end), then changes trips the ways staff and the demo remover do, and checks
// after each change that the report's sums equal a recomputation from the trips.
func TestSummariesFollowTheTrips(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, pool, demo.Options{Trips: 300, Seed: 11, Now: servertest.Now}); err != nil {
		t.Fatal(err)
	}
	if n := servertest.Scalar[int64](t, pool, `SELECT count(*) FROM report_mode_sum`); n == 0 {
		t.Fatal("the demo left no CO2e by transport mode")
	}
	if n := servertest.Scalar[int64](t, pool, `SELECT sum(late) FROM report_late_sum`); n == 0 {
		t.Fatal("the demo left no late report: the test would prove little")
	}
	drift(t, pool, "after the demo")

	steps := []struct{ name, sql string }{
		{"a destination's transport mode changed",
			`UPDATE trip_destination SET transport_mode = 'international_rail' WHERE id IN (
			   SELECT d.id FROM trip_destination d JOIN register_entry e ON e.trip_id = d.trip_id
			   WHERE d.transport_mode IS DISTINCT FROM 'international_rail' ORDER BY d.id LIMIT 15)`},
		{"a trip moved to another year",
			`UPDATE trip SET starts_on = starts_on - 400, ends_on = ends_on - 400 WHERE id IN (
			   SELECT trip_id FROM register_entry ORDER BY trip_id LIMIT 10)`},
		{"reports submitted later",
			`UPDATE trip_report SET submitted_at = submitted_at + interval '90 days' WHERE trip_id IN (
			   SELECT trip_id FROM trip_report WHERE submitted_at IS NOT NULL ORDER BY trip_id LIMIT 25)`},
		{"a report deadline changed", `UPDATE municipality SET report_deadline_days = report_deadline_days + 20 WHERE slug = 'berlin'`},
		{"trips unpublished", `UPDATE trip SET status = 'report_approved', published_at = NULL WHERE id IN (
			   SELECT trip_id FROM register_entry ORDER BY trip_id DESC LIMIT 10)`},
		{"a partnership's city changed", `WITH c AS (INSERT INTO partner_city (name, name_en, country) VALUES ('Testby', 'Testby', 'DK') RETURNING id)
			UPDATE partnership SET partner_city_id = (SELECT id FROM c)
			WHERE id = (SELECT partnership_id FROM register_partnership GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)`},
		{"trips deleted", `DELETE FROM trip WHERE id IN (SELECT trip_id FROM register_entry ORDER BY trip_id LIMIT 12 OFFSET 30)`},
	}
	for _, s := range steps {
		servertest.Exec(t, pool, s.sql)
		drift(t, pool, s.name)
	}
	if _, err := demo.Remove(ctx, pool); err != nil {
		t.Fatal(err)
	}
	drift(t, pool, "after the demo was removed")
}
