package tripweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/servertest"
)

// TestCompleteAfterTheLastDay: a trip of 10–11 March 2027, approved and with its
// actual costs, is not offered for completion on 22 November 2026, and marking
// it completed then is refused with the reason (422, nothing changed); on its
// last day the step is offered and taken.
func TestCompleteAfterTheLastDay(t *testing.T) {
	t.Parallel()
	clock := servertest.NewClock()
	srv, pool := servertest.NewWith(t, clock)
	c, token := staff(t, srv, pool, "mette@ballerup.example", "en")
	form := tripForm(token)
	form.Set("starts_on", "2027-03-10")
	form.Set("ends_on", "2027-03-11")
	form.Set("programme-0-day", "2027-03-10")
	form.Set("programme-1-day", "2027-03-11")
	id := createTrip(t, srv, c, form)
	page := fmt.Sprintf("%s/staff/trips/%d", srv.URL, id)
	res := servertest.Post(t, c, page+"/step", url.Values{"csrf": {token}, "action": {"submit"}})
	res.Body.Close()
	var ref string
	if err := pool.QueryRow(t.Context(), `SELECT coalesce(reference, '') FROM trip WHERE id = $1`, id).Scan(&ref); err != nil || ref != "BAL-2027-0001" {
		t.Errorf("a trip of 2027 submitted in 2026: reference %q (%v), want BAL-2027-0001", ref, err)
	}
	if _, err := pool.Exec(t.Context(), `UPDATE trip SET status = 'approved', approved_at = submitted_at WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(t.Context(), `UPDATE trip_cost SET actual_minor = planned_minor WHERE trip_id = $1`, id); err != nil {
		t.Fatal(err)
	}
	offered := func() []string {
		t.Helper()
		_, doc := servertest.Get(t, c, page, "en")
		return doc.Find(`.trip-step button[name="action"]`).Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("value", "") })
	}
	if got := offered(); len(got) != 0 {
		t.Errorf("steps offered before the trip: %v", got)
	}
	_, doc := servertest.Get(t, c, page, "en")
	if note := doc.Find(".trip-step__not-over").Text(); !strings.Contains(note, "11 March 2027") {
		t.Errorf("the page does not say from when the trip can be completed: %q", note)
	}
	res, doc = post(t, c, page+"/step", url.Values{"csrf": {token}, "action": {"complete"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("completed before the trip: %d", res.StatusCode)
	}
	if text := doc.Find(".trip-step .error-summary").Text(); !strings.Contains(text, "has not taken place yet") {
		t.Errorf("refusal without its reason: %q", text)
	}
	var status string
	if err := pool.QueryRow(t.Context(), `SELECT status FROM trip WHERE id = $1`, id).Scan(&status); err != nil || status != "approved" {
		t.Fatalf("refused completion changed the trip: %s %v", status, err)
	}

	clock.Advance(time.Date(2027, 3, 11, 9, 0, 0, 0, time.UTC).Sub(clock.Now()))
	servertest.SignIn(t, c, srv.URL, "mette@ballerup.example") // the session has long expired
	_, doc = servertest.Get(t, c, page, "en")
	token = servertest.CSRF(doc)
	if got := offered(); strings.Join(got, ",") != "complete" {
		t.Errorf("steps offered on the last day: %v", got)
	}
	res = servertest.Post(t, c, page+"/step", url.Values{"csrf": {token}, "action": {"complete"}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("complete on the last day: %d", res.StatusCode)
	}
}

// TestRegisterStatesItsRule: Ballerup's register says a trip is published once
// its report is approved, Stuttgart's (no such rule) once it is submitted, in
// the reader's language.
func TestRegisterStatesItsRule(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)
	for _, tc := range []struct{ slug, lang, want, not string }{
		{"ballerup", "en", "once a reviewer has approved its plan and its report.", "submitted"},
		{"stuttgart", "en", "its report has been submitted", "approved its plan and its report."},
		{"stuttgart", "de", "ihr Bericht eingereicht ist", "Bericht genehmigt"},
		{"ballerup", "da", "både planen og rapporten er godkendt", "indsendt"},
	} {
		_, doc := servertest.Get(t, c, srv.URL+"/m/"+tc.slug+"/trips", tc.lang)
		intro := doc.Find("main p").First().Text()
		if !strings.Contains(intro, tc.want) || strings.Contains(intro, tc.not) {
			t.Errorf("%s register (%s): %q, want %q", tc.slug, tc.lang, intro, tc.want)
		}
	}
}

// TestPlacesNamedOneWay: a destination reads "Hamburg (Germany)" on the register
// and on the trip page, with the country named in the reader's language.
func TestPlacesNamedOneWay(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Reference: "BAL-2025-0009", Purpose: "Havnesamarbejde",
		Destinations: []servertest.Destination{{City: "Hamburg", Country: "DE", Lat: 53.55, Lon: 9.99, Mode: "international_rail"}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 100000, Actual: 90000}},
	})
	c := servertest.Client(t)
	for lang, want := range map[string]string{"en": "Hamburg (Germany)", "de": "Hamburg (Deutschland)", "da": "Hamburg (Tyskland)"} {
		_, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/trips?lang="+lang, lang)
		html, _ := doc.Find("main").Html()
		if !strings.Contains(html, want) || strings.Contains(html, "(DE)") {
			t.Errorf("register (%s) does not write %q", lang, want)
		}
		_, doc = servertest.Get(t, c, srv.URL+"/m/ballerup/trips/BAL-2025-0009?lang="+lang, lang)
		html, _ = doc.Find("main").Html()
		if n := strings.Count(html, want); n < 2 || strings.Contains(html, "(DE)") {
			t.Errorf("trip page (%s) writes %q %d times, want in the summary and the legs", lang, want, n)
		}
	}
}
