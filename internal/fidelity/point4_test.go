package fidelity_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// TestPoint4BallerupCommitteeApprovesReports: a committee's trip abroad is
// decided by that committee, recorded by one of its members with the meeting
// date and the minutes reference, and its report is published only after the
// committee approved it; a politician of another body cannot decide for it. A
// staff study trip paid from the study-trip fund is no committee's trip: it
// publishes when its report is submitted.
//
// From ballerup-international-strategi-2014.da.txt:
//
//	Herudover udarbejdes rapporter fra udvalgenes udlandsrejser, der bl.a. redegar for
//	rejsens mal og udbytte. Disse rapporter behandles og godkendes i udvalgene inden
//	offentligggrelse pa ballerup.dk.
//
//	I forhold til at sikre fortsat udvikling af de kommunale serviceydelser og ny inspira-
//	tion har Ballerup Kommune etableret en studierejsefond, der kan sgges af kommu-
//	nens ansatte til studierejser i udlandet. Herudover har de stdende politiske udvalg
//	et eget budget til at foretage studierejser, bl.a. til udlandet.
//
// (OCR as received; the seeded text reads "… Disse rapporter behandles og
// godkendes i udvalgene inden offentliggørelse på ballerup.dk." and "…
// Herudover har de stående politiske udvalg et eget budget …".)
func TestPoint4BallerupCommitteeApprovesReports(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	anon := visitor(t, srv)
	rule := ruleOnPolicyPage(t, anon.page("/m/ballerup/policy"), "Disse rapporter behandles og godkendes i udvalgene")
	if got := text(rule.Find(".badge--rule")); got != "Enforced" || text(rule.Find(`blockquote[lang="da"]`)) != "Disse rapporter behandles og godkendes i udvalgene inden offentliggørelse på ballerup.dk." {
		t.Errorf("report approval rule on the policy page: %q", text(rule))
	}

	// The administrator records the committee and who sits on it; another
	// politician sits on Økonomiudvalget.
	admin, _ := account(t, srv, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	member, memberID := account(t, srv, pool, "ballerup", access.RolePolitician, "ole@ballerup.example")
	outsider, outsiderID := account(t, srv, pool, "ballerup", access.RolePolitician, "kim@ballerup.example")
	admin.mustPost("/staff/bodies", url.Values{"kind": {"standing_committee"}, "name": {"Børne- og Skoleudvalget"}, "language": {"da"}}, http.StatusSeeOther)
	bsu := servertest.Scalar[int64](t, pool, `SELECT id FROM body WHERE name = 'Børne- og Skoleudvalget'`)
	oku := servertest.Scalar[int64](t, pool, `SELECT id FROM body WHERE name = 'Økonomiudvalget'`)
	for body, who := range map[int64]int64{bsu: memberID, oku: outsiderID} {
		admin.mustPost(fmt.Sprintf("/staff/bodies/%d/members", body), url.Values{"member": {strconv.FormatInt(who, 10)}}, http.StatusSeeOther)
	}

	// Staff plan the committee's study trip, charged to its own line.
	staff, _ := account(t, srv, pool, "ballerup", access.RoleStaff, "lise@ballerup.example")
	form := tripForm("Børne- og Skoleudvalgets studietur til Malmø", "Malmö", "SE", "55.605", "13.0038", true)
	form.Set("traveller-0-kind", trip.KindPolitician)
	form.Set("budget_line", optionValue(t, staff.page("/staff/trips/new"), "#budget_line", fmt.Sprintf("SU-%d", bsu)))
	id := createTrip(staff, form)
	mustStep(staff, id, "submit")
	if s := tripStatus(t, pool, id); s != "submitted" {
		t.Fatalf("a committee trip's plan after submission: %s, want it to wait for the committee", s)
	}

	// A politician of another committee is not offered the decision, and is
	// refused when trying.
	review := fmt.Sprintf("/staff/review/%d", id)
	if status, doc := outsider.get(review); status == http.StatusOK && doc.Find(`button[value="approve"]`).Length() != 0 {
		t.Error("a politician outside the committee is offered the decision")
	}
	status, doc := decide(outsider, id, "approve", "2026-04-20", "BSU 2026-04 pkt. 3")
	if status == http.StatusUnprocessableEntity && !strings.Contains(text(doc.Find("main")), "only one of its members can record its decision") ||
		status != http.StatusUnprocessableEntity && status != http.StatusForbidden && status != http.StatusNotFound {
		t.Errorf("a politician outside the committee approves: %d %q", status, text(doc.Find("main")))
	}
	if status == http.StatusUnprocessableEntity && text(doc.Find(`.error-summary blockquote[lang="da"]`)) != "Herudover har de stående politiske udvalg et eget budget til at foretage studierejser, bl.a. til udlandet." {
		t.Errorf("the refusal does not quote the rule: %q", text(doc.Find(".error-summary")))
	}
	if s := tripStatus(t, pool, id); s != "submitted" {
		t.Fatalf("after a politician outside the committee tried to approve: %s", s)
	}
	// A member records the committee's decision: meeting date and minutes.
	if got := text(member.page(review).Find("#decision").Parent()); !strings.Contains(got, "You record the decision of Børne- og Skoleudvalget") {
		t.Errorf("the member's decision form: %q", got)
	}
	if status, doc := decide(member, id, "approve", "2026-04-20", ""); status != http.StatusUnprocessableEntity || doc.Find("#minutes-error").Length() != 1 {
		t.Errorf("a decision without the minutes reference: %d", status)
	}
	if status, doc := decide(member, id, "approve", "2026-04-20", "BSU 2026-04 pkt. 3"); status != http.StatusSeeOther {
		t.Fatalf("the committee's decision: %d %q", status, text(doc.Find(".error-summary")))
	}

	// The trip takes place; its report waits for the committee, unpublished.
	completeAndReport(staff, id)
	ref := servertest.Scalar[string](t, pool, `SELECT reference FROM trip WHERE id = $1`, id)
	if s := tripStatus(t, pool, id); s != "report_submitted" {
		t.Fatalf("after the report was submitted: %s", s)
	}
	if status, _ := anon.get("/m/ballerup/trips/" + ref); status != http.StatusNotFound {
		t.Errorf("the report is public before the committee approved it: %d", status)
	}
	if status, doc := decide(outsider, id, "approve_report", "2026-06-10", "ØU 2026-06 pkt. 9"); status == http.StatusSeeOther || tripStatus(t, pool, id) != "report_submitted" {
		t.Errorf("a politician outside the committee approves the report: %d", status)
	} else if status == http.StatusUnprocessableEntity && text(doc.Find(`.error-summary blockquote[lang="da"]`)) != "Disse rapporter behandles og godkendes i udvalgene inden offentliggørelse på ballerup.dk." {
		t.Errorf("the refusal of the report's approval does not quote the rule: %q", text(doc.Find(".error-summary")))
	}
	if status, doc := decide(member, id, "approve_report", "2026-06-10", "BSU 2026-06 pkt. 4"); status != http.StatusSeeOther {
		t.Fatalf("the committee approves the report: %d %q", status, text(doc.Find(".error-summary")))
	}
	if status, _ := anon.get("/m/ballerup/trips/" + ref); status != http.StatusOK {
		t.Errorf("after the committee's approval the trip is not public: %d", status)
	}
	history := text(staff.page(fmt.Sprintf("/staff/trips/%d", id)).Find(".trip-history"))
	if !strings.Contains(history, "Decision of Børne- og Skoleudvalget at its meeting of") || !strings.Contains(history, "(minutes: BSU 2026-06 pkt. 4)") {
		t.Errorf("the history does not name the committee's decisions: %q", history)
	}

	// A staff study trip from the study-trip fund: nobody approves its plan or
	// its report; it publishes when the report is submitted.
	form = tripForm("Studietur om skoleudveksling", "Malmö", "SE", "55.605", "13.0038", true)
	form.Set("budget_line", optionValue(t, staff.page("/staff/trips/new"), "#budget_line", "SRF"))
	sid := createTrip(staff, form)
	mustStep(staff, sid, "submit")
	if s := tripStatus(t, pool, sid); s != "approved" {
		t.Fatalf("a staff study trip after submission: %s", s)
	}
	completeAndReport(staff, sid)
	if s := tripStatus(t, pool, sid); s != "published" {
		t.Errorf("a staff study trip after its report: %s, want published", s)
	}
}
