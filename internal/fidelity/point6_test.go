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

// TestPoint6GoteborgRotationFromRecords: the document names no order of hosts
// and no starting year, so the portal reads both from the meetings staff
// record, and says it cannot yet tell while too few are recorded; "every
// eighth year" is checked against that order; the evaluation after Göteborg
// hosted is a dashboard task until its report is attached, shown as late to
// the public after the deadline; and departments give notice of a cooperation
// to Stadsledningskontoret. Each rule carries the label of what it does.
//
// From goteborg-positionspapper-vanorter.sv.txt:
//
//	Vänortsmötena sker vartannat år med roterande värdskap. Göteborgs Stad har ansvar att arrangera ett vänortsmöte var åttonde år.
//
//	En samlad avrapportering och analys av stadens relation till vänorterna skall göras efter Göteborgs Stads värdskap av vänortsmötet.
//
//	Förvaltningar och bolag ska informera Stadsledningskontoret om samarbeten och erfarenhetsutbyten med vänorter.
func TestPoint6GoteborgRotationFromRecords(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	anon := visitor(t, srv)

	// What each rule does, as the policy page says it.
	policy := anon.page("/m/goteborg/policy")
	for sentence, label := range map[string]string{
		"Vänortsmötena sker vartannat år med roterande värdskap.":                                                                             "Informational",
		"Göteborgs Stad har ansvar att arrangera ett vänortsmöte var åttonde år.":                                                             "Checked",
		"En samlad avrapportering och analys av stadens relation till vänorterna skall göras efter Göteborgs Stads värdskap av vänortsmötet.": "Checked",
		"Förvaltningar och bolag ska informera Stadsledningskontoret om samarbeten och erfarenhetsutbyten med vänorter.":                      "Informational",
	} {
		rule := ruleOnPolicyPage(t, policy, sentence)
		if got := text(rule.Find(".badge--rule")); got != label {
			t.Errorf("%q is labelled %q, want %q", sentence, got, label)
		}
		if text(rule.Find(`blockquote[lang="sv"]`)) != sentence {
			t.Errorf("the rule does not quote %q in Swedish", sentence)
		}
	}

	meetings := func() string {
		t.Helper()
		return text(anon.page("/m/goteborg").Find(`section[aria-labelledby="meetings"]`))
	}
	// Nothing recorded: no order of hosts is invented.
	if got := meetings(); !strings.Contains(got, "No meeting has been recorded yet") || strings.Contains(got, "→") {
		t.Errorf("without records: %q", got)
	}

	staff, _ := account(t, srv, pool, "goteborg", access.RoleStaff, "eva@goteborg.example")
	record := func(year, host string) {
		t.Helper()
		f := url.Values{"year": {year}, "host": {host}, "place": {""}, "participants": {""}, "version": {"0"}}
		if status, _, doc := staff.postFiles("/staff/meetings", f, servertest.File{Field: "report", Name: "protokoll.pdf", Content: pdf}); status != http.StatusSeeOther {
			t.Fatalf("record %s %s: %d %q", year, host, status, text(doc.Find(".error-summary")))
		}
	}
	// Göteborg hosted in 2017, Turku in 2019: too few to tell who is next.
	record("2017", "Göteborg")
	record("2019", "Turku")
	if got := meetings(); !strings.Contains(got, "The portal cannot yet tell who hosts next") || strings.Contains(got, "Next meeting") {
		t.Errorf("two meetings recorded: %q", got)
	}
	// After a pause, Bergen in 2023 and Aarhus in 2025: the order is the
	// recorded one, the next meeting two years after the last.
	record("2023", "Bergen")
	record("2025", "Aarhus")
	got := meetings()
	for _, want := range []string{
		"Next meeting: 2027, hosted by Göteborg.",
		"Hosts in turn, as the recorded meetings show: Göteborg → Turku → Bergen → Aarhus.",
		"Göteborg is due to host the meeting in 2027.",
		// Every eighth year, checked: 2027 is ten years after 2017.
		"By the recorded order, Göteborg (last host in 2017) would host later than every 8 years, as the policy asks.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the outlook lacks %q: %q", want, got)
		}
	}

	// Göteborg hosted in 2017 and its evaluation is missing: a task on the
	// dashboard, and late for the public, as a late trip report would be.
	if !strings.Contains(got, "The consolidated evaluation report of the 2017 meeting, which this municipality hosted, is due and not yet attached.") || !strings.Contains(got, "Late") {
		t.Errorf("the public outlook does not show the late evaluation: %q", got)
	}
	task := staff.page("/staff").Find("#evaluation-due").Parent()
	if !strings.Contains(text(task), "after the 2017 twin-city meeting") || task.Find(".badge--overdue").Length() != 1 {
		t.Errorf("the dashboard task: %q", text(task))
	}
	// Staff attach the evaluation: the task and the public notice go.
	var edit string
	staff.page("/staff/meetings").Find(`a[href^="/staff/meetings/"]`).Each(func(_ int, a *goquery.Selection) {
		if text(a) == "2017" {
			edit = a.AttrOr("href", "")
		}
	})
	f := servertest.FormValues(staff.page(edit), "main form")
	if status, _, doc := staff.postFiles(edit, f, servertest.File{Field: "evaluation", Name: "utvardering.pdf", Content: pdf}); status != http.StatusSeeOther {
		t.Fatalf("attach the evaluation: %d %q", status, text(doc.Find(".error-summary")))
	}
	if staff.page("/staff").Find("#evaluation-due").Length() != 0 {
		t.Error("the evaluation task stays after its report was attached")
	}
	if got := meetings(); strings.Contains(got, "is due and not yet attached") {
		t.Errorf("the public outlook still shows the evaluation as due: %q", got)
	}

	// A department gives notice of a cooperation: a record, and an item on the
	// dashboard until someone at the office takes note of it.
	staff.mustPost("/staff/meetings/notices", url.Values{"department": {"Grundskoleförvaltningen"}, "partner": {"Bergen"},
		"summary": {"Skolutbyte mellan högstadieskolor"}, "starts_on": {"2027-01-15"}}, http.StatusSeeOther)
	item := staff.page("/staff").Find("#notices").Parent().Find(".task-list li")
	if item.Length() != 1 || !strings.Contains(text(item), "Grundskoleförvaltningen · Bergen") {
		t.Fatalf("the dashboard's notices: %q", text(item))
	}
	notice := servertest.Scalar[int64](t, pool, `SELECT id FROM cooperation_notice WHERE department = 'Grundskoleförvaltningen'`)
	staff.mustPost("/staff/meetings/notices/"+itoa(notice)+"/noted", url.Values{}, http.StatusSeeOther)
	if staff.page("/staff").Find("#notices").Parent().Find(".task-list li").Length() != 0 {
		t.Error("a notice taken note of still waits on the dashboard")
	}
}
