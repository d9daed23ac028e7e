package fidelity_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestPoint3BallerupPublishesProgrammeAndAccounts: the rule
// publish_trips_with_accounts, labelled "Enforced" on the policy page, is
// applied: a Ballerup plan without a programme cannot be submitted, a trip
// cannot be completed without its actual costs, and so every published trip
// shows its programme and its accounts. Stuttgart's page states no such rule.
//
// From ballerup-international-strategi-2014.da.txt:
//
//	Oplysninger om politikernes og administrationens udlandsrejser offentligggres pa
//	ballerup.dk. Disse oplysninger indeholder bl.a. program og regnskab for udlandsrej-
//	sen.
//
// (OCR as received; the seeded text reads "… offentliggøres på ballerup.dk.
// Disse oplysninger indeholder bl.a. program og regnskab for udlandsrejsen.")
func TestPoint3BallerupPublishesProgrammeAndAccounts(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	anon := visitor(t, srv)

	// The policy page labels the rule and quotes the sentence in Danish.
	rule := ruleOnPolicyPage(t, anon.page("/m/ballerup/policy"), "program og regnskab for udlandsrejsen")
	if got := text(rule.Find(".badge--rule")); got != "Enforced" {
		t.Errorf("the rule is labelled %q", got)
	}
	if q := rule.Find(`blockquote[lang="da"]`); text(q) != "Oplysninger om politikernes og administrationens udlandsrejser offentliggøres på ballerup.dk. Disse oplysninger indeholder bl.a. program og regnskab for udlandsrejsen." {
		t.Errorf("quoted %q", text(q))
	}

	// Staff plan a study trip paid from the study-trip fund, without a programme.
	staff, _ := account(t, srv, pool, "ballerup", access.RoleStaff, "lise@ballerup.example")
	form := tripForm("Skolebesøg i Malmø", "Malmö", "SE", "55.605", "13.0038", false)
	form.Set("budget_line", optionValue(t, staff.page("/staff/trips/new"), "#budget_line", "SRF"))
	id := createTrip(staff, form)
	tripPage := fmt.Sprintf("/staff/trips/%d", id)
	if got := text(staff.page(tripPage).Find(".trip-missing")); !strings.Contains(got, "The programme is missing") {
		t.Errorf("the trip page does not say the programme is missing before submission: %q", got)
	}
	// Submitting is refused, with the reason and the sentence it rests on, in
	// Danish, and nothing changes.
	status, doc := step(staff, id, "submit")
	if status != http.StatusUnprocessableEntity || !strings.Contains(text(doc.Find(".trip-step")), "The programme is missing: the policy publishes the trips of such travellers with their programme and accounts.") {
		t.Fatalf("a plan without a programme: %d %q", status, text(doc.Find(".trip-step")))
	}
	if q := doc.Find(`.trip-step .error-summary blockquote[lang="da"]`); text(q) != "Oplysninger om politikernes og administrationens udlandsrejser offentliggøres på ballerup.dk. Disse oplysninger indeholder bl.a. program og regnskab for udlandsrejsen." {
		t.Errorf("the refusal quotes %q", text(q))
	}
	if s := tripStatus(t, pool, id); s != "draft" {
		t.Fatalf("the refused submission left the trip %s", s)
	}

	// With a programme day added in the edit form, the plan goes through (no
	// committee pays for it: submitting approves it).
	edit := servertest.FormValues(staff.page(tripPage+"/edit"), "main form")
	edit.Set("action", "save")
	edit.Set("programme-0-day", "2026-05-12")
	edit.Set("programme-0-description", "Besøg på Malmö latinskola")
	edit.Set("programme-0-location", "Malmö")
	staff.mustPost(tripPage, edit, http.StatusSeeOther)
	mustStep(staff, id, "submit")
	if s := tripStatus(t, pool, id); s != "approved" {
		t.Fatalf("after submission: %s", s)
	}
	// Completion needs the accounts: the actual cost of every line.
	status, doc = step(staff, id, "complete")
	if status != http.StatusUnprocessableEntity || !strings.Contains(strings.ToLower(text(doc.Find(".trip-step"))), "actual cost") {
		t.Fatalf("completion without actual costs: %d %q", status, text(doc.Find(".trip-step")))
	}
	completeAndReport(staff, id)

	// The published trip shows its programme and its accounts.
	ref := servertest.Scalar[string](t, pool, `SELECT reference FROM trip WHERE id = $1 AND status = 'published'`, id)
	pub := anon.page("/m/ballerup/trips/" + ref)
	main := text(pub.Find("main"))
	if !strings.Contains(main, "Besøg på Malmö latinskola") {
		t.Error("the published trip does not show its programme")
	}
	if !strings.Contains(main, "3,950.00") || !strings.Contains(main, "4,200.00") {
		t.Errorf("the published trip does not show its accounts (planned 4,200, actual 3,950): %q", text(pub.Find(".cost-table")))
	}

	// Stuttgart's page states no such rule: a plan without a programme is submitted.
	stg, _ := account(t, srv, pool, "stuttgart", access.RoleStaff, "jonas@stuttgart.example")
	sid := createTrip(stg, tripForm("Besuch in Straßburg", "Strasbourg", "FR", "48.5734", "7.7521", false))
	mustStep(stg, sid, "submit")
}

// ruleOnPolicyPage is the item of the policy page's list of rules that quotes
// words, failing the test without one.
func ruleOnPolicyPage(t *testing.T, doc *goquery.Document, words string) *goquery.Selection {
	t.Helper()
	r := doc.Find("ul.rules > li").FilterFunction(func(_ int, li *goquery.Selection) bool {
		return strings.Contains(li.Find("blockquote").Text(), words)
	})
	if r.Length() != 1 {
		t.Fatalf("%d rules quote %q; rules: %q", r.Length(), words, text(doc.Find("ul.rules")))
	}
	return r
}
