package tripweb_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestUpcomingTrips follows the rule "plans are public before travel": off for
// Ballerup as seeded (its policy does not say so), an approved plan is not public;
// once the administrator adds the rule in the rule editor, approved plans appear
// under "Upcoming trips" on the municipality's page, on their own page and in the
// calendar; and a politician's approval of another plan shows at once, through
// the content version the approval moves.
func TestUpcomingTrips(t *testing.T) {
	t.Parallel()
	a := servertest.NewAdmin(t, "ballerup")
	start := servertest.Now.AddDate(0, 1, 0)
	servertest.InsertTrip(t, a.Pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0101", Status: "approved",
		Title: "Skoleudveksling i Wuxi", Purpose: "Elever fra Ballerup besøger en skole i Wuxi.", Start: start, End: start.AddDate(0, 0, 4),
		Travellers:   []string{"Mette Hansen"},
		Destinations: []servertest.Destination{{City: "Wuxi", Country: "CN", Lat: 31.49, Lon: 120.31, Mode: "long_haul_flight_rf"}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 1250000}}})
	// A plan whose trip is over, and a trip still waiting for approval, are not upcoming.
	servertest.InsertTrip(t, a.Pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0102", Status: "approved",
		Purpose: "Besøg i Prag", Start: servertest.Now.AddDate(0, -2, 0)})
	waiting := servertest.InsertTrip(t, a.Pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0103", Status: "submitted",
		Purpose: "Konference i Brandenburg", Start: start.AddDate(0, 0, 10), Travellers: []string{"Jens Berg"},
		Costs: []servertest.Cost{{Category: "lodging", Planned: 300000}}})
	anon := servertest.Client(t)
	get := func(path string) (int, string) {
		t.Helper()
		res, doc := servertest.Get(t, anon, a.Srv.URL+path+"?lang=en", "en")
		return res.StatusCode, strings.ReplaceAll(doc.Find("main").Text(), "\u00a0", " ")
	}
	calendar := func() string {
		t.Helper()
		res, err := anon.Get(a.Srv.URL + "/m/ballerup/calendar.ics?lang=en")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return strings.ReplaceAll(string(b), "\r\n ", "")
	}

	if _, main := get("/m/ballerup"); strings.Contains(main, "Upcoming trips") || strings.Contains(main, "Skoleudveksling") {
		t.Error("plans are public without the rule")
	}
	if status, _ := get("/m/ballerup/trips/upcoming"); status != http.StatusNotFound {
		t.Errorf("upcoming page without the rule: %d", status)
	}
	if strings.Contains(calendar(), "BAL-2026-0101") {
		t.Error("the calendar has the plan without the rule")
	}

	// The administrator adds the rule, quoting the policy.
	doc := a.Get(t, "/staff/policy/rules/new", http.StatusOK)
	if !strings.Contains(doc.Find(".admin-kinds").Text(), "Plans are public before travel") {
		t.Error("the rule editor does not offer the kind")
	}
	a.MustPost(t, "/staff/policy/rules", url.Values{
		"kind": {"plans_public_before_travel"}, "enforcement": {"inform"}, "parameters": {"{}"},
		"source_sentence": {"Kommunen tilskynder via tilskud og støttemuligheder\nforeninger og borgere til at have internationale aktiviteter."},
	}, http.StatusSeeOther)

	_, main := get("/m/ballerup")
	for _, want := range []string{"Upcoming trips", "Skoleudveksling i Wuxi", "Elever fra Ballerup besøger en skole i Wuxi.", "BAL-2026-0101", "Wuxi (China)", "Mette Hansen", "DKK 12,500.00"} {
		if !strings.Contains(main, want) {
			t.Errorf("the municipality page lacks %q", want)
		}
	}
	for _, unwanted := range []string{"Besøg i Prag", "Konference i Brandenburg"} {
		if strings.Contains(main, unwanted) {
			t.Errorf("the municipality page lists %q as upcoming", unwanted)
		}
	}
	status, main := get("/m/ballerup/trips/upcoming")
	if status != http.StatusOK || !strings.Contains(main, "Skoleudveksling i Wuxi") {
		t.Errorf("upcoming page: %d", status)
	}
	cal := calendar()
	if !strings.Contains(cal, "UID:BAL-2026-0101@") || !strings.Contains(cal, "SUMMARY:Planned: BAL-2026-0101") || !strings.Contains(cal, "Skoleudveksling i Wuxi") ||
		!strings.Contains(cal, "DTSTART;VALUE=DATE:"+start.Format("20060102")) {
		t.Errorf("the calendar lacks the plan:\n%s", cal)
	}
	if strings.Contains(cal, "BAL-2026-0103") {
		t.Error("the calendar has a plan not yet approved")
	}

	// A politician approves the waiting plan: the kept pages change with it.
	servertest.CreateAccount(t, a.Pool, "ballerup", access.RolePolitician, "ole@ballerup.example")
	pol := servertest.Client(t)
	servertest.SignIn(t, pol, a.Srv.URL, "ole@ballerup.example")
	_, d := servertest.Get(t, pol, a.Srv.URL+"/staff", "en")
	res := servertest.Post(t, pol, fmt.Sprintf("%s/staff/lifecycle/%d", a.Srv.URL, waiting),
		url.Values{"csrf": {servertest.CSRF(d)}, "action": {"approve"}, "comment": {"Fine."}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", res.StatusCode)
	}
	if _, main := get("/m/ballerup"); !strings.Contains(main, "Konference i Brandenburg") {
		t.Error("the approved plan is not on the municipality page (stale page?)")
	}
	if _, main := get("/m/ballerup/trips/upcoming"); !strings.Contains(main, "Konference i Brandenburg") || !strings.Contains(main, "Jens Berg") {
		t.Error("the approved plan is not on the upcoming page")
	}
	if !strings.Contains(calendar(), "BAL-2026-0103") {
		t.Error("the approved plan is not in the calendar")
	}
}

// TestBrowserUpcomingTrips checks the upcoming trips, on the municipality page and
// on their own page, with axe-core at phone and desktop widths.
func TestBrowserUpcomingTrips(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	start := servertest.Now.AddDate(0, 0, 20)
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0201", Status: "approved",
		Purpose: "Studietur til Malmø", Start: start, End: start.AddDate(0, 0, 1), Travellers: []string{"Mette Hansen", "Jens Berg"},
		Destinations: []servertest.Destination{{City: "Malmö", Country: "SE", Lat: 55.6, Lon: 13.0, Mode: "national_rail"}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 80000}}, Demo: true})
	servertest.Exec(t, pool, `INSERT INTO policy_rule (policy_id, kind, enforcement, source_sentence)
		SELECT p.id, 'plans_public_before_travel', 'inform', 'Oplysninger om politikernes og administrationens udlandsrejser offentliggøres.'
		FROM policy p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'ballerup' AND p.archived_at IS NULL`)
	ctx := browsertest.New(t)
	for _, path := range []string{"/m/ballerup?lang=da", "/m/ballerup/trips/upcoming?lang=en"} {
		browsertest.Navigate(t, ctx, srv.URL+path)
		browsertest.WaitVisible(t, ctx, ".upcoming")
		browsertest.Axe(t, ctx)
	}
	browsertest.Screenshot(t, ctx, 375, "upcoming-trips")
}
