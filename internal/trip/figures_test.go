package trip_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/servertest"
)

// stale counts trips whose stored figures differ from a fresh computation.
func stale(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	err := pool.QueryRow(context.Background(), `
SELECT count(*) FROM trip_figures f FULL JOIN trip_figures_computed c USING (trip_id)
WHERE (f.planned_minor, f.actual_minor, f.has_actual, f.total_minor, f.travellers, f.distance_km, f.co2e_kg)
      IS DISTINCT FROM (c.planned_minor, c.actual_minor, c.has_actual, c.total_minor, c.travellers, c.distance_km, c.co2e_kg)`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFiguresFollowChanges shows the stored figures stay equal to the computed
// ones through every kind of change to a trip's rows.
func TestFiguresFollowChanges(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	id := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Reference: "BAL-2025-0001", Travellers: []string{"A", "B"},
		Destinations: []servertest.Destination{{City: "Wuxi", Country: "CN", Lat: 31.5689, Lon: 120.2886, Mode: "long_haul_flight_rf"}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 100, Actual: 90}, {Category: "meals", Planned: 50, Actual: -1}},
	})
	steps := []struct{ name, sql string }{
		{"insert", `SELECT $1::bigint`},
		{"update cost", `UPDATE trip_cost SET actual_minor = 55 WHERE trip_id = $1 AND category = 'meals'`},
		{"delete cost", `DELETE FROM trip_cost WHERE trip_id = $1 AND category = 'transport'`},
		{"add traveller", `INSERT INTO trip_traveller (trip_id, position, name, kind) VALUES ($1, 3, 'C', 'staff')`},
		{"remove traveller", `DELETE FROM trip_traveller WHERE trip_id = $1 AND position = 1`},
		{"add destination by car", `INSERT INTO trip_destination (trip_id, position, city, country, latitude, longitude, transport_mode) VALUES ($1, 2, 'Berlin', 'DE', 52.52, 13.405, 'car_diesel')`},
		{"change mode", `UPDATE trip_destination SET transport_mode = 'international_rail' WHERE trip_id = $1 AND position = 2`},
		{"unknown mode", `UPDATE trip_destination SET transport_mode = NULL WHERE trip_id = $1 AND position = 1`},
		{"home moved", `UPDATE municipality SET latitude = latitude + 0.1 WHERE slug = 'ballerup' AND $1 > 0`},
		{"factor revised", `UPDATE emission_factor SET kg_co2e_per_unit = kg_co2e_per_unit * 1.1 WHERE mode = 'international_rail' AND $1 > 0`},
		{"trip deleted", `DELETE FROM trip WHERE id = $1`},
	}
	for _, s := range steps {
		if _, err := pool.Exec(ctx, s.sql, id); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if n := stale(t, pool); n != 0 {
			t.Errorf("after %s: %d trips with stale figures", s.name, n)
		}
	}
	var co2 *float64
	if err := pool.QueryRow(ctx, `SELECT co2e_kg FROM trip_figures_computed WHERE trip_id = $1`, id).Scan(&co2); err == nil {
		t.Errorf("deleted trip still has figures")
	}
}

// TestFiguresAfterBulkLoad shows the demo loader, which switches the triggers off
// for its transaction, leaves every trip with current figures.
func TestFiguresAfterBulkLoad(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	if _, err := demo.Load(context.Background(), pool, demo.Options{Trips: 200, Seed: 3, Now: servertest.Now}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM trip_figures`).Scan(&n); err != nil || n < 200 {
		t.Fatalf("%d figure rows (%v)", n, err)
	}
	if n := stale(t, pool); n != 0 {
		t.Errorf("%d trips with stale figures after the bulk load", n)
	}
}

// TestFiguresWithoutCoordinates: a destination nobody gave coordinates for has an
// unknown distance, and the trip an unknown CO2e; the other destination's
// distance still counts.
func TestFiguresWithoutCoordinates(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	id := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Reference: "BAL-2025-0001", Travellers: []string{"A"},
		Destinations: []servertest.Destination{{City: "Wuxi", Country: "CN", Lat: 31.5689, Lon: 120.2886, Mode: "long_haul_flight_rf"}},
	})
	if _, err := pool.Exec(ctx, `
INSERT INTO trip_destination (trip_id, position, city, country, transport_mode) VALUES ($1, 2, 'Stockholm', 'SE', 'international_rail')`, id); err != nil {
		t.Fatal(err)
	}
	var legKm *float64
	if err := pool.QueryRow(ctx, `SELECT distance_km FROM trip_leg WHERE trip_id = $1 AND position = 2`, id).Scan(&legKm); err != nil {
		t.Fatal(err)
	}
	if legKm != nil {
		t.Errorf("distance to a place without coordinates = %.0f km, want unknown", *legKm)
	}
	var km, co2 *float64
	if err := pool.QueryRow(ctx, `SELECT distance_km, co2e_kg FROM trip_figures WHERE trip_id = $1`, id).Scan(&km, &co2); err != nil {
		t.Fatal(err)
	}
	// Ballerup–Wuxi is about 8,100 km each way.
	if km == nil || *km < 16000 || *km > 16500 {
		t.Errorf("distance %v km, want Wuxi's there and back alone", km)
	}
	if co2 != nil {
		t.Errorf("CO2e %.0f kg with a destination of unknown distance, want unknown", *co2)
	}
}
