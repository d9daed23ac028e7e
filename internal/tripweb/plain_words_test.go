package tripweb_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestTransportModesInPlainWords: the trip form names every transport mode in the
// person's language (one catalogue entry per emission factor, none of the
// factor's own technical label), chooses none in advance, saves a trip without
// one, and the staff and public trip pages show the factor behind a chosen mode.
func TestTransportModesInPlainWords(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// These tests are of the review itself: every plan and report needs a politician's decision.
	servertest.RequireApprovals(t, pool, "ballerup")
	c, token := staff(t, srv, pool, "lise@ballerup.example", "en")

	labels := map[string]string{}
	rows, err := pool.Query(t.Context(), `SELECT mode, label FROM emission_factor`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var mode, label string
		if err := rows.Scan(&mode, &label); err != nil {
			t.Fatal(err)
		}
		labels[mode] = label
	}
	if rows.Err() != nil || len(labels) < 13 {
		t.Fatalf("emission factors: %d, %v", len(labels), rows.Err())
	}
	choose := map[string]string{"en": "Choose…", "de": "Bitte wählen …", "sv": "Välj …", "da": "Vælg …"}
	diesel := map[string]string{"en": "Car (diesel)", "de": "Auto (Diesel)", "sv": "Bil (diesel)", "da": "Bil (diesel)"}
	for _, lang := range []string{"en", "de", "sv", "da"} {
		_, doc := servertest.Get(t, c, srv.URL+"/staff/trips/new?lang="+lang, "")
		opts := doc.Find("#destination-0-mode option")
		if first := opts.First(); first.AttrOr("value", "x") != "" || first.Text() != choose[lang] {
			t.Errorf("%s: first choice %q %q", lang, first.AttrOr("value", "x"), first.Text())
		}
		if sel := doc.Find("#destination-0-mode option[selected]"); sel.Length() != 0 {
			t.Errorf("%s: a mode is chosen in advance: %q", lang, sel.AttrOr("value", ""))
		}
		for mode, label := range labels {
			got := doc.Find(fmt.Sprintf(`#destination-0-mode option[value=%q]`, mode)).Text()
			if got == "" || got == label || strings.Contains(got, "VEHICLE") || strings.Contains(got, "UK") {
				t.Errorf("%s: mode %s is named %q", lang, mode, got)
			}
		}
		if got := doc.Find(`#destination-0-mode option[value="car_diesel"]`).Text(); got != diesel[lang] {
			t.Errorf("%s: car_diesel is %q", lang, got)
		}
	}
	servertest.Get(t, c, srv.URL+"/staff/trips/new?lang=en", "")

	// Saving without a mode stays allowed: the mode is not known.
	form := tripForm(token)
	form.Set("destination-0-mode", "")
	id := createTrip(t, srv, c, form)
	_, doc := servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "")
	row := doc.Find("main table tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Find("th").Text(), "Stockholm")
	})
	if got := row.Find("td").Eq(1).Text(); !strings.Contains(got, "not known") {
		t.Errorf("mode of a trip saved without one: %q", got)
	}

	// A car: the staff page names it and shows its factor, per vehicle-km, and where it comes from.
	form = tripForm(token)
	form.Set("destination-0-mode", "car_diesel")
	id = createTrip(t, srv, c, form)
	_, doc = servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "")
	row = doc.Find("main table tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Find("th").Text(), "Stockholm")
	})
	cell := row.Find("td").Eq(1)
	if !strings.HasPrefix(strings.TrimSpace(cell.Text()), "Car (diesel)") ||
		cell.Find(".small").Text() != "0.17304 kg CO₂e per vehicle-km (UK DESNZ 2025)" {
		t.Errorf("staff page mode cell: %q", cell.Text())
	}
	if !strings.Contains(doc.Find("main p.small").Text(), "factor ID 25_301_3069_4_1") {
		t.Errorf("staff page does not say where the factor comes from: %q", doc.Find("main p.small").Text())
	}

	// The public page: the mode in the reader's language, with the factor's year.
	seedBallerupTrips(t, pool)
	for lang, want := range map[string]string{"en": "Long-haul flight, economy (incl. high-altitude effect)", "de": "Langstreckenflug, Economy (mit Höhenwirkung)"} {
		_, doc = servertest.Get(t, servertest.Client(t), srv.URL+"/m/ballerup/trips/BAL-2025-0001", lang)
		leg := doc.Find("table").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.Contains(s.Find("caption").Text(), "CO₂e")
		}).Find("tbody tr").First().Find("td").First()
		if !strings.HasPrefix(strings.TrimSpace(leg.Text()), want) || !strings.Contains(leg.Find(".small").Text(), "UK DESNZ 2025") {
			t.Errorf("%s: public mode cell %q", lang, leg.Text())
		}
	}
}

// TestCoordinatesHint: the latitude and longitude fields say why they matter.
func TestCoordinatesHint(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// These tests are of the review itself: every plan and report needs a politician's decision.
	servertest.RequireApprovals(t, pool, "ballerup")
	c, _ := staff(t, srv, pool, "lise@ballerup.example", "en")
	for lang, want := range map[string]string{
		"en": "Without them the CO₂e of a place that is not a partner city cannot be estimated.",
		"sv": "Utan dem kan CO₂e inte beräknas för en ort som inte är en vänort.",
	} {
		_, doc := servertest.Get(t, c, srv.URL+"/staff/trips/new?lang="+lang, "")
		for _, field := range []string{"destination-0-lat", "destination-0-lon"} {
			hint := ""
			for _, id := range strings.Fields(doc.Find("#"+field).AttrOr("aria-describedby", "")) {
				hint += doc.Find("#" + id).Text()
			}
			if !strings.Contains(hint, want) {
				t.Errorf("%s %s: hint %q", lang, field, hint)
			}
		}
	}
}

// TestOutcomesSayWhatHappened: each lifecycle step ends with a message that says
// what it did (to whom a plan went back, where the published trip is), and the
// review page offers the approval as the primary button, the return beside it.
func TestOutcomesSayWhatHappened(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// These tests are of the review itself: every plan and report needs a politician's decision.
	servertest.RequireApprovals(t, pool, "ballerup")
	staffID := servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "ole@ballerup.example")
	id := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Status: "draft", Purpose: "Studietur til Prag", Travellers: []string{"Mette Holm"},
		Destinations: []servertest.Destination{{City: "Prague", Country: "CZ", Lat: 50.07, Lon: 14.47}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 250000, Actual: -1}},
	})
	if _, err := pool.Exec(t.Context(), `UPDATE trip SET author_id = $1 WHERE id = $2`, staffID, id); err != nil {
		t.Fatal(err)
	}
	staffC, pol := servertest.Client(t), servertest.Client(t)
	servertest.SignIn(t, staffC, srv.URL, "mette@ballerup.example")
	servertest.SignIn(t, pol, srv.URL, "ole@ballerup.example")

	// flash takes a step (a staff step on the trip page, a decision on the review
	// page) and returns the message of the page it leads to.
	flash := func(c *http.Client, action, comment string) string {
		t.Helper()
		page := fmt.Sprintf("%s/staff/trips/%d", srv.URL, id)
		target := page + "/step"
		if action == "return" || action == "approve" || action == "return_report" || action == "approve_report" {
			page = fmt.Sprintf("%s/staff/review/%d", srv.URL, id)
			target = fmt.Sprintf("%s/staff/lifecycle/%d", srv.URL, id)
		}
		_, doc := servertest.Get(t, c, page, "en")
		res, _ := post(t, c, target, map[string][]string{"csrf": {servertest.CSRF(doc)}, "action": {action}, "comment": {comment}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: status %d", action, res.StatusCode)
		}
		_, doc = servertest.Get(t, c, srv.URL+res.Header.Get("Location"), "en")
		return doc.Find(".notice--success").Text()
	}

	if got := flash(staffC, "submit", ""); got != "Plan BAL-2025-0001 submitted for a decision." {
		t.Errorf("submit: %q", got)
	}
	_, doc := servertest.Get(t, pol, fmt.Sprintf("%s/staff/review/%d", srv.URL, id), "en")
	buttons := doc.Find(`main form button[name="action"]`)
	if buttons.Length() != 2 || buttons.Eq(0).AttrOr("value", "") != "approve" || buttons.Eq(0).AttrOr("class", "") != "button" ||
		buttons.Eq(1).AttrOr("value", "") != "return" || buttons.Eq(1).AttrOr("class", "") != "button button--secondary" {
		t.Errorf("decision buttons: %d, %q %q, %q %q", buttons.Length(), buttons.Eq(0).AttrOr("value", ""), buttons.Eq(0).AttrOr("class", ""),
			buttons.Eq(1).AttrOr("value", ""), buttons.Eq(1).AttrOr("class", ""))
	}
	if got := flash(pol, "return", "Add the programme, please."); got != "Plan returned to mette with your comment." {
		t.Errorf("return: %q", got)
	}
	flash(staffC, "submit", "")
	if got := flash(pol, "approve", ""); got != "Plan approved." {
		t.Errorf("approve: %q", got)
	}
	if _, err := pool.Exec(t.Context(), `UPDATE trip_cost SET actual_minor = 240000 WHERE trip_id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if got := flash(staffC, "complete", ""); got != "Trip marked as completed: its report can now be written." {
		t.Errorf("complete: %q", got)
	}
	if _, err := pool.Exec(t.Context(), `INSERT INTO trip_report (trip_id, goal, outcome) VALUES ($1, 'Learn.', 'Useful.')`, id); err != nil {
		t.Fatal(err)
	}
	if got := flash(staffC, "submit_report", ""); got != "Report submitted for a decision." {
		t.Errorf("submit report: %q", got)
	}
	if got := flash(pol, "return_report", "Say what came of it."); got != "Report returned to mette with your comment." {
		t.Errorf("return report: %q", got)
	}
	flash(staffC, "submit_report", "")
	if got := flash(pol, "approve_report", ""); got != "Report approved — the trip is now public at https://portal.example.org/m/ballerup/trips/BAL-2025-0001" {
		t.Errorf("approve report: %q", got)
	}

	// Where the policy publishes a report when it is submitted, staff are told where.
	if _, err := pool.Exec(t.Context(), `
UPDATE policy_rule SET archived_at = now() WHERE kind = 'report_approval_before_publication'
AND policy_id IN (SELECT p.id FROM policy p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'ballerup')`); err != nil {
		t.Fatal(err)
	}
	id = servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Reference: "BAL-2026-0002", Status: "completed", Purpose: "Konference i Malmø",
		Destinations: []servertest.Destination{{City: "Malmö", Country: "SE", Lat: 55.6, Lon: 13.0}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 100000, Actual: 90000}}, Report: true,
	})
	if _, err := pool.Exec(t.Context(), `UPDATE trip SET author_id = $1 WHERE id = $2`, staffID, id); err != nil {
		t.Fatal(err)
	}
	if got := flash(staffC, "submit_report", ""); got != "Report submitted — the trip is now public at https://portal.example.org/m/ballerup/trips/BAL-2026-0002" {
		t.Errorf("submit report, published: %q", got)
	}
}

// TestRegisterSaysNotEstimated: a selection of which no trip has a CO2e estimate
// says so instead of "0 kg CO₂e", whichever way its totals are counted.
func TestRegisterSaysNotEstimated(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// These tests are of the review itself: every plan and report needs a politician's decision.
	servertest.RequireApprovals(t, pool, "ballerup")
	for i, city := range []string{"Prague", "Brno"} {
		servertest.InsertTrip(t, pool, servertest.Trip{
			Municipality: "ballerup", Reference: fmt.Sprintf("BAL-2025-%04d", i+1), Organiser: "Økonomiudvalget",
			Destinations: []servertest.Destination{{City: city, Country: "CZ", Lat: 50, Lon: 14}},
			Costs:        []servertest.Cost{{Category: "transport", Planned: 100000, Actual: -1}},
		})
	}
	if _, err := pool.Exec(t.Context(), `UPDATE trip_destination SET transport_mode = NULL`); err != nil {
		t.Fatal(err)
	}
	c := servertest.Client(t)
	count := func(query string) string {
		t.Helper()
		_, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/trips"+query, "en")
		return strings.Join(strings.Fields(doc.Find("#result-count").Text()), " ")
	}
	// All, a year (summary rows), a country and an organiser (facets), a traveller (entries).
	queries := []string{"", "?year=2025", "?country=CZ", "?organiser=%C3%98konomiudvalget", "?traveller=test"}
	for _, q := range queries {
		if got := count(q); !strings.HasPrefix(got, "2 trips") || !strings.HasSuffix(got, "CO₂e not estimated") {
			t.Errorf("%q: %q", q, got)
		}
	}
	if _, err := pool.Exec(t.Context(), `UPDATE trip_destination SET transport_mode = 'national_rail' WHERE city = 'Brno'`); err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		if got := count(q); !strings.HasSuffix(got, "kg CO₂e") || strings.Contains(got, "not estimated") {
			t.Errorf("%q with one estimate: %q", q, got)
		}
	}
}
