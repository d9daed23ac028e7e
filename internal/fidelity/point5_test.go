package fidelity_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestPoint5VasterasNoNewTwinTownAgreements: Västerås signs no *new*
// twin-town agreements and enters no new twin-town partnership from the
// policy's adoption on; its twin towns' historical agreements (Kassel, 1972)
// and partnerships register. The policy was valid until 2020: after that the
// rule warns instead of refusing, until an administrator records a successor
// policy, which keeps the old one readable.
//
// From vasteras-grundlagen-internationale-arbeit-2014.de.txt:
//
//	Verabschiedet durch die Stadtverordnetenversammlung, 9 Oktober
//	2014
//
//	Diese Grundlagen sind gültig bis 2020.
//
//	Neue Partnerschaftsabkommen werden nicht unterzeichnet.
func TestPoint5VasterasNoNewTwinTownAgreements(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	const sentence = "Neue Partnerschaftsabkommen werden nicht unterzeichnet."
	staff, _ := account(t, srv, pool, "vasteras", access.RoleStaff, "karin@vasteras.example")

	// Agreements: refused when signed on or after 9 October 2014 while the
	// policy is valid, quoting the sentence in German; registered before;
	// saved with a warning once the policy has expired.
	agreement := func(title, signed string) (int, string, *goquery.Document) {
		t.Helper()
		f := servertest.FormValues(staff.page("/staff/agreements/new"), "main form")
		f.Set("type", "twin_town_agreement")
		f.Set("title", title)
		f.Set("status", "in_force")
		f.Set("signed_on", signed)
		f.Set("action", "save")
		return staff.postFiles("/staff/agreements", f)
	}
	status, _, doc := agreement("Vänortsavtal med Lahtis", "2016-05-01")
	if status != http.StatusUnprocessableEntity || text(doc.Find(`#type-error q[lang="de"]`)) != sentence {
		t.Errorf("a twin-town agreement signed in 2016: %d, quoting %q", status, text(doc.Find("#type-error")))
	}
	if status, _, doc := agreement("Partnerschaftsvertrag Västerås–Kassel", "1972-05-01"); status != http.StatusSeeOther {
		t.Errorf("the 1972 agreement with Kassel: %d %q", status, text(doc.Find(".error-summary")))
	}
	status, loc, _ := agreement("Vänortsavtal 2022", "2022-06-01")
	if status != http.StatusSeeOther {
		t.Fatalf("a twin-town agreement signed after the policy expired: %d", status)
	}
	if flash := text(staff.page(loc).Find(".notice--success")); !strings.Contains(flash, "that policy had expired by the signing date, so the portal only warns") {
		t.Errorf("no warning about the expired policy: %q", flash)
	}

	// Partnerships: a new twin town is refused beside its kind, quoting the
	// sentence; one that began before the adoption registers; an ordinary
	// partnership is not concerned.
	partnership := func(city, country, kind, since string) (int, string, *goquery.Document) {
		t.Helper()
		return staff.post("/staff/partners", url.Values{"city_name": {city}, "country": {country}, "kind": {kind}, "status": {"active"}, "since_year": {since}})
	}
	status, _, doc = partnership("Tartu", "EE", "twin_town", "2016")
	if status != http.StatusUnprocessableEntity || doc.Find("#kind-error").Length() != 1 {
		t.Fatalf("a new twin-town partnership of 2016: %d", status)
	}
	if q := doc.Find(`#kind-policy blockquote[lang="de"]`); text(q) != sentence || !strings.Contains(doc.Find("#kind").AttrOr("aria-describedby", ""), "kind-policy") {
		t.Errorf("the refusal does not quote the sentence beside the kind: %q", text(q))
	}
	if _, invalid := doc.Find("#council_decision_ref").Attr("aria-invalid"); invalid {
		t.Error("the council decision field is marked wrong, though Västerås's rule is not about it")
	}
	if status, _, doc := partnership("Tartu", "EE", "twin_town", "1956"); status != http.StatusSeeOther {
		t.Errorf("a twin town since 1956: %d %q", status, text(doc.Find(".error-summary")))
	}
	if status, _, _ := partnership("Riga", "LV", "partnership", "2019"); status != http.StatusSeeOther {
		t.Errorf("an ordinary partnership of 2019: %d", status)
	}
	status, loc, _ = partnership("Pärnu", "EE", "twin_town", "2022")
	if status != http.StatusSeeOther || !strings.Contains(text(staff.page(loc).Find(".notice--success")), "that policy had expired") {
		t.Errorf("a twin town of 2022, after the policy expired: %d", status)
	}

	// The policy page says the policy has expired and the rule only warns.
	anon := visitor(t, srv)
	page := anon.page("/m/vasteras/policy")
	if got := text(page.Find("main")); !strings.Contains(got, "It was valid until 31 December 2020") {
		t.Errorf("the policy page does not say the policy expired: %q", got)
	}
	rule := ruleOnPolicyPage(t, page, sentence)
	if got := text(rule); !strings.Contains(got, "Enforced") || !strings.Contains(got, "comes from an expired policy: the portal warns instead of refusing") {
		t.Errorf("the rule on the policy page: %q", got)
	}

	// The administrator records a successor policy, adopted on 1 February 2021
	// and keeping the rule; the old one stays readable.
	admin, _ := account(t, srv, pool, "vasteras", access.RoleAdmin, "admin@vasteras.example")
	old := servertest.Scalar[int64](t, pool, `SELECT p.id FROM policy p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'vasteras' AND p.archived_at IS NULL`)
	f := servertest.FormValues(admin.page("/staff/policy/versions/new"), "main form.version-form")
	f.Set("action", "save")
	f.Set("title", "Grundlagen für internationale Arbeit 2021")
	f.Set("adopted_on", "2021-02-01")
	f.Set("valid_from", "2021-02-01")
	f.Set("valid_until", "")
	if status, _, doc := admin.postFiles("/staff/policy/versions", f); status != http.StatusSeeOther {
		t.Fatalf("successor policy: %d %q", status, text(doc.Find(".form-error")))
	}
	page = anon.page("/m/vasteras/policy")
	if got := text(page.Find("main h2").First()); got != "Grundlagen für internationale Arbeit 2021" {
		t.Errorf("the policy page shows %q", got)
	}
	if strings.Contains(text(page.Find("main")), "has expired") {
		t.Error("the successor is shown as expired")
	}
	if status, doc := anon.get("/m/vasteras/policy/versions/" + itoa(old)); status != http.StatusOK || !strings.Contains(text(doc.Find(".notice")), "An earlier version") {
		t.Errorf("the old version: %d", status)
	}
	// Under the successor, a new twin-town agreement is refused again.
	if status, _, doc := agreement("Vänortsavtal 2023", "2023-03-01"); status != http.StatusUnprocessableEntity || text(doc.Find(`#type-error q[lang="de"]`)) != sentence {
		t.Errorf("a twin-town agreement of 2023 under the successor policy: %d", status)
	}
}
