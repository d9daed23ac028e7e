package tripweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// The sentences of the seeded rules the trip lifecycle enforces, as their
// policies state them.
const (
	ballerupPublication = "Oplysninger om politikernes og administrationens udlandsrejser offentliggøres på ballerup.dk. Disse oplysninger indeholder bl.a. program og regnskab for udlandsrejsen."
	ballerupPlans       = "Herudover har de stående politiske udvalg et eget budget til at foretage studierejser, bl.a. til udlandet."
	ballerupReports     = "Disse rapporter behandles og godkendes i udvalgene inden offentliggørelse på ballerup.dk."
	goteborgMeetings    = "Huvudinriktningen i Göteborgs Stads relation till våra vänorter är det politiska erfarenhetsutbytet. Deltagande vid politikermötena hanteras av Kommunfullmäktiges presidium."
)

// quoted is the sentence the refusal in sel quotes in language lang, "" for none.
func quoted(sel *goquery.Selection, lang string) string {
	return strings.Join(strings.Fields(sel.Find(fmt.Sprintf(`figure.rule-quote blockquote[lang=%q]`, lang)).Text()), " ")
}

// TestSubmissionWithoutProgrammeQuotesTheRule: Ballerup's staff submit a plan
// without a programme and are refused, told why in their own language and
// shown the strategy's sentence in Danish; the trip page quotes it beforehand.
// Labelled informational, the rule refuses nothing.
//
// Ballerup Kommunes Internationale Strategi: "Oplysninger om politikernes og
// administrationens udlandsrejser offentliggøres på ballerup.dk. Disse
// oplysninger indeholder bl.a. program og regnskab for udlandsrejsen."
func TestSubmissionWithoutProgrammeQuotesTheRule(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "lise@ballerup.example", "de")
	form := tripForm(token)
	withoutProgramme(form)
	if res, doc := post(t, c, srv.URL+"/staff/trips", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %q", res.StatusCode, doc.Find(".error-summary").Text())
	}
	id := servertest.Scalar[int64](t, pool, `SELECT id FROM trip WHERE title = $1`, form.Get("title"))
	tripURL := fmt.Sprintf("%s/staff/trips/%d", srv.URL, id)

	_, doc := servertest.Get(t, c, tripURL, "")
	if got := quoted(doc.Find(".trip-missing"), "da"); got != ballerupPublication {
		t.Errorf("the list of what is missing quotes %q", got)
	}
	res, doc := post(t, c, tripURL+"/step", url.Values{"csrf": {token}, "action": {trip.Submit}})
	refusal := doc.Find(".trip-step .error-summary")
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(refusal.Text(), "Das Programm fehlt") {
		t.Fatalf("submission without a programme: %d %q", res.StatusCode, refusal.Text())
	}
	if got := quoted(refusal, "da"); got != ballerupPublication {
		t.Errorf("the refusal quotes %q, want the strategy's sentence in Danish", got)
	}
	if got := refusal.Find("figure.rule-quote figcaption").Text(); got != "In der Richtlinie heißt es:" {
		t.Errorf("the quote is introduced by %q", got)
	}

	// Labelled informational, the rule is shown and nothing checks it.
	servertest.Exec(t, pool, `UPDATE policy_rule SET enforcement = 'inform' WHERE kind = 'publish_trips_with_accounts'`)
	if res, doc := post(t, c, tripURL+"/step", url.Values{"csrf": {token}, "action": {trip.Submit}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("submission under an informational rule: %d %q", res.StatusCode, doc.Find(".error-summary").Text())
	}
}

// TestDecisionOutsideTheBodyQuotesTheRule: a politician who does not belong to
// the body a rule names and tries to decide is refused with the rule's
// sentence in its policy's language: Ballerup's committee on a plan and on a
// report, Göteborg's presidium on a trip to a twin-city meeting.
//
// Ballerup: "Herudover har de stående politiske udvalg et eget budget til at
// foretage studierejser, bl.a. til udlandet." "Disse rapporter behandles og
// godkendes i udvalgene inden offentliggørelse på ballerup.dk." Göteborg:
// "Deltagande vid politikermötena hanteras av Kommunfullmäktiges presidium."
func TestDecisionOutsideTheBodyQuotesTheRule(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "kim@ballerup.example")
	servertest.CreateAccount(t, pool, "goteborg", access.RolePolitician, "eva@goteborg.example")
	plan := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0042", Status: trip.StatusSubmitted,
		BudgetLine: "OKU", Programme: []string{"Møde"}, Costs: []servertest.Cost{{Category: "transport", Planned: 300000, Actual: -1}}})
	report := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0043", Status: trip.StatusReportSubmitted,
		BudgetLine: "OKU", Report: true, Programme: []string{"Møde"}, Costs: []servertest.Cost{{Category: "transport", Planned: 300000, Actual: 280000}}})
	meeting := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "goteborg", Reference: "GOT-2025-0007", Status: trip.StatusSubmitted,
		Costs: []servertest.Cost{{Category: "transport", Planned: 420000, Actual: -1}}})
	servertest.Exec(t, pool, `WITH m AS (INSERT INTO twin_city_meeting (municipality_id, year, host)
SELECT id, 2025, 'Bergen' FROM municipality WHERE slug = 'goteborg' RETURNING id)
UPDATE trip SET meeting_id = (SELECT id FROM m) WHERE id = $1`, meeting)

	for _, tc := range []struct {
		name, email, action, lang, sentence string
		id                                  int64
	}{
		{"Ballerup's plan", "kim@ballerup.example", trip.Approve, "da", ballerupPlans, plan},
		{"Ballerup's plan, returned", "kim@ballerup.example", trip.Return, "da", ballerupPlans, plan},
		{"Ballerup's report", "kim@ballerup.example", trip.ApproveReport, "da", ballerupReports, report},
		{"Göteborg's meeting trip", "eva@goteborg.example", trip.Approve, "sv", goteborgMeetings, meeting},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := servertest.Client(t)
			servertest.SignIn(t, c, srv.URL, tc.email)
			_, doc := servertest.Get(t, c, fmt.Sprintf("%s/staff/review/%d", srv.URL, tc.id), "en")
			res, doc := post(t, c, fmt.Sprintf("%s/staff/lifecycle/%d", srv.URL, tc.id), url.Values{"csrf": {servertest.CSRF(doc)},
				"action": {tc.action}, "comment": {"Bitte überarbeiten."}, "meeting_on": {"2025-04-01"}, "minutes": {"pkt. 3"}})
			refusal := doc.Find(".error-summary")
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(refusal.Text(), "only one of its members can record its decision") {
				t.Fatalf("%s by an outsider: %d %q", tc.action, res.StatusCode, refusal.Text())
			}
			if got := quoted(refusal, tc.lang); got != tc.sentence {
				t.Errorf("the refusal quotes %q, want %q", got, tc.sentence)
			}
		})
	}
}

// TestTripPageSaysWhoDecides: before submission, the trip page says who will
// decide on the plan as the rule says: Ballerup's committee that pays for the
// trip, by name; for a trip paid from the study-trip fund, that submitting
// approves the plan. Submitted, the plan and then the report wait for the
// committee by name.
func TestTripPageSaysWhoDecides(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, _ := staff(t, srv, pool, "lise@ballerup.example", "en")
	committee := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Status: trip.StatusDraft, BudgetLine: "OKU",
		Destinations: []servertest.Destination{{City: "Malmö", Country: "SE"}}, Costs: []servertest.Cost{{Category: "transport", Planned: 300000, Actual: -1}}})
	fund := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Status: trip.StatusDraft, BudgetLine: "SRF",
		Destinations: []servertest.Destination{{City: "Malmö", Country: "SE"}}, Costs: []servertest.Cost{{Category: "transport", Planned: 300000, Actual: -1}}})
	step := func(id int64) *goquery.Selection {
		t.Helper()
		_, doc := servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "en")
		return doc.Find(".trip-step")
	}
	s := step(committee)
	if got := strings.Join(strings.Fields(s.Text()), " "); !strings.Contains(got, "submit it: Økonomiudvalget decides on it, as the policy says") || strings.Contains(got, "politicians") {
		t.Errorf("a committee's trip before submission: %q", got)
	}
	if s.Find(`span[lang="da"]`).Text() != "Økonomiudvalget" {
		t.Errorf("the committee's name is not marked Danish: %q", s.Find(`span[lang]`).Text())
	}
	if got := strings.Join(strings.Fields(step(fund).Text()), " "); !strings.Contains(got, "submitting it approves it") {
		t.Errorf("a trip paid from the fund before submission: %q", got)
	}
	servertest.Exec(t, pool, `UPDATE trip SET status = 'submitted', reference = 'BAL-2025-0050' WHERE id = $1`, committee)
	if got := strings.Join(strings.Fields(step(committee).Text()), " "); !strings.Contains(got, "The plan is waiting for the decision of Økonomiudvalget.") {
		t.Errorf("a submitted plan: %q", got)
	}
	servertest.Exec(t, pool, `UPDATE trip SET status = 'report_submitted' WHERE id = $1`, committee)
	if got := strings.Join(strings.Fields(step(committee).Text()), " "); !strings.Contains(got, "The report is waiting for the approval of Økonomiudvalget.") {
		t.Errorf("a submitted report: %q", got)
	}
}
