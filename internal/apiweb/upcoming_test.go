package apiweb_test

import (
	"slices"
	"testing"

	"github.com/municipal-intl/portal/internal/api"
	"github.com/municipal-intl/portal/internal/apiweb"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestUpcomingPlansInTheAPI: where the policy makes plans public before travel
// (rule plans_public_before_travel), the API lists the approved plans of trips
// still to come, as the upcoming trips page does; elsewhere it says plans are not
// public and lists none, not even an approved plan.
func TestUpcomingPlansInTheAPI(t *testing.T) {
	srv, pool := servertest.New(t)
	c := loadContract(t, srv)
	start := servertest.Now.AddDate(0, 1, 0)
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0101", Status: "approved",
		Title: "Skoleudveksling i Wuxi", Purpose: "Udveksling med en skole i Wuxi.", Start: start, End: start.AddDate(0, 0, 4),
		Travellers:   []string{"Mette Hansen"},
		Destinations: []servertest.Destination{{City: "Wuxi", Country: "CN", Lat: 31.49, Lon: 120.31, Mode: "long_haul_flight_rf"}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 1250000}}})
	// A plan whose trip is over, and one still waiting for approval, are not upcoming.
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0102", Status: "approved",
		Title: "Besøg i Prag", Start: servertest.Now.AddDate(0, -2, 0)})
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0103", Status: "submitted",
		Title: "Konference i Brandenburg", Start: start.AddDate(0, 0, 10)})
	path := api.Version + "/municipalities/ballerup/trips/upcoming"

	var off apiweb.UpcomingPlans
	c.get(t, srv, "GET", path).decode(t, &off)
	if off.PlansPublic || len(off.Trips) != 0 {
		t.Errorf("without the rule: %+v", off)
	}

	servertest.Exec(t, pool, `INSERT INTO policy_rule (policy_id, kind, enforcement, source_sentence)
		SELECT p.id, 'plans_public_before_travel', 'inform', 'Oplysninger om politikernes og administrationens udlandsrejser offentliggøres.'
		FROM policy p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'ballerup' AND p.archived_at IS NULL`)
	var on apiweb.UpcomingPlans
	c.get(t, srv, "GET", path).decode(t, &on)
	if !on.PlansPublic || len(on.Trips) != 1 {
		t.Fatalf("with the rule: %+v", on)
	}
	u := on.Trips[0]
	if u.Reference != "BAL-2026-0101" || u.Title != api.T("Skoleudveksling i Wuxi", "da") || u.StartsOn != start.Format("2006-01-02") ||
		u.Planned.Decimal != "12500.00" || u.Planned.Currency != "DKK" ||
		!slices.Equal(u.Destinations, []api.Place{{City: "Wuxi", Country: "CN"}}) || len(u.Travellers) != 1 || u.Travellers[0].Name != "Mette Hansen" {
		t.Errorf("plan %+v", u)
	}
	// Another municipality's plans stay its own.
	var other apiweb.UpcomingPlans
	c.get(t, srv, "GET", api.Version+"/municipalities/berlin/trips/upcoming").decode(t, &other)
	if other.PlansPublic || len(other.Trips) != 0 {
		t.Errorf("berlin: %+v", other)
	}
}
