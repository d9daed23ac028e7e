package operatorweb_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// TestBrowserOnboarding: a sixth municipality joins without a code change. In
// headless Chromium the platform operator adds Aarhus Kommune (Denmark, DKK,
// Danish) with its first administrator, who signs in, chooses a password,
// enters the policy from its document (two priorities and a rule), a budget
// line, and imports the partnerships from a CSV; a staff
// member plans a trip that a politician approves and that goes to
// publication; Aarhus is then on the start page, /compare, in search and in
// the open data. axe-core checks every page on the way, at both widths.
func TestBrowserOnboarding(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateOperator(t, pool, servertest.OperatorEmail)
	ctx := browsertest.New(t)
	set := func(sel, value string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), value)); err != nil {
			t.Fatalf("set %s: %v", sel, err)
		}
	}
	press := func(button, sel string) {
		t.Helper()
		browsertest.ClickAndLoad(t, ctx, `main form button[value="`+button+`"]:not(.form-default-action)`, sel)
	}
	submit := func(sel string) {
		t.Helper()
		browsertest.ClickAndLoad(t, ctx, `main form button[type="submit"]`, sel)
	}
	// signIn signs in through the form; the operator lands on the list of
	// municipalities and a first administrator on the password form, not on
	// the dashboard browsertest.SignIn waits for.
	signIn := func(email, password string) {
		t.Helper()
		browsertest.Navigate(t, ctx, srv.URL+"/staff/sign-in?lang=en")
		browsertest.WaitVisible(t, ctx, "#email")
		browsertest.Fill(t, ctx, "#email", email)
		browsertest.Fill(t, ctx, "#password", password)
		browsertest.ClickAndLoad(t, ctx, `main form button[type="submit"]`, ".user-bar__form")
	}
	signOut := func() {
		t.Helper()
		browsertest.Click(t, ctx, `.user-bar__form button`)
		if err := chromedp.Do(ctx, chromedp.WaitNotPresent(chromedp.CSS(".user-bar__form"))); err != nil {
			t.Fatalf("still signed in after signing out: %v", err)
		}
	}

	// The operator adds Aarhus, first with a mistake.
	signIn(servertest.OperatorEmail, servertest.Password)
	browsertest.Navigate(t, ctx, srv.URL+"/staff")
	browsertest.WaitVisible(t, ctx, `a[href="/staff/municipalities/new"]`)
	browsertest.Axe(t, ctx)
	browsertest.ClickAndLoad(t, ctx, `a[href="/staff/municipalities/new"]`, "#name")
	browsertest.Axe(t, ctx)
	for sel, v := range map[string]string{"#name": "Aarhus Kommune", "#name_en": "Aarhus", "#slug": "aarhus", "#code": "AA",
		"#country": "DK", "#currency": "DKK", "#languages": "da", "#population": "367095", "#population_year": "2025",
		"#latitude": "56.1567", "#longitude": "10.2108", "#website": "https://www.aarhus.dk",
		"#admin_name": "Mette Sørensen", "#admin_email": "mette@aarhus.example", "#admin_password": "first password for Mette"} {
		browsertest.Fill(t, ctx, sel, v)
	}
	submit("#code-error")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#code", "AAR")
	browsertest.Fill(t, ctx, "#admin_password", "first password for Mette")
	submit("#confirm_remove")
	if got := browsertest.Text(t, ctx, "main"); !strings.Contains(got, "Aarhus Kommune") || !strings.Contains(got, "DKK") {
		t.Fatalf("municipality page: %q", got)
	}
	browsertest.Axe(t, ctx)
	signOut()

	// Its administrator chooses a password, enters a budget line and imports
	// the partnerships.
	signIn("mette@aarhus.example", "first password for Mette")
	browsertest.WaitVisible(t, ctx, "#current")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#current", "first password for Mette")
	browsertest.Fill(t, ctx, "#new", servertest.Password)
	browsertest.Fill(t, ctx, "#confirm", servertest.Password)
	submit(".notice--success")

	// The policy from its document: two priorities, each quoting its sentence,
	// and a rule from the catalogue with the sentence it applies.
	const policyText = "Internationalt samarbejde i Aarhus Kommune\n\n" +
		"Indsatsområder\n\n" +
		"Aarhus styrker den grønne omstilling gennem samarbejde med andre byer. " +
		"Aarhus deler viden om havne og byudvikling.\n\n" +
		"Venskabsbyaftaler indgås kun efter beslutning i byrådet."
	browsertest.Navigate(t, ctx, srv.URL+"/staff/policy/versions/new")
	browsertest.WaitVisible(t, ctx, "#title")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#title", "Internationalt samarbejde i Aarhus Kommune")
	set("#language", "da")
	browsertest.Fill(t, ctx, "#full_text", policyText)
	browsertest.Fill(t, ctx, "#headings", "Indsatsområder")
	browsertest.Fill(t, ctx, "#source", "Aarhus Byråd")
	set("#adopted_on", "2025-12-10")
	browsertest.Fill(t, ctx, "#adopted_by", "Byrådet")
	set("#valid_from", "2026-01-01")
	set("#priority-0-kind", "focus_area")
	browsertest.Fill(t, ctx, "#priority-0-code", "G1")
	browsertest.Fill(t, ctx, "#priority-0-title", "Grøn omstilling")
	browsertest.Fill(t, ctx, "#priority-0-sentence", "Aarhus styrker den grønne omstilling gennem samarbejde med andre byer.")
	press("add:priority", "#priority-1-code")
	set("#priority-1-kind", "focus_area")
	browsertest.Fill(t, ctx, "#priority-1-code", "G2")
	browsertest.Fill(t, ctx, "#priority-1-title", "Havne og byudvikling")
	browsertest.Fill(t, ctx, "#priority-1-sentence", "Aarhus deler viden om havne og byudvikling.")
	set("#rule-0-kind", "twin_city_requires_council_decision")
	set("#rule-0-enforcement", "enforce")
	browsertest.Fill(t, ctx, "#rule-0-parameters", `{"partnership_kind": "twin_town", "decided_by": "Byrådet"}`)
	browsertest.Fill(t, ctx, "#rule-0-sentence", "Venskabsbyaftaler indgås kun efter beslutning i byrådet.")
	press("save", ".notice--success")
	browsertest.Axe(t, ctx)
	if n := servertest.Scalar[int64](t, pool, `
SELECT count(*) FROM priority pr JOIN policy p ON p.id = pr.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'aarhus' AND p.archived_at IS NULL`); n != 2 {
		t.Fatalf("the policy has %d priorities, want 2", n)
	}

	// A body of the municipality: a standing committee.
	browsertest.Navigate(t, ctx, srv.URL+"/staff/bodies/new")
	browsertest.WaitVisible(t, ctx, "#kind")
	set("#kind", "standing_committee")
	browsertest.Fill(t, ctx, "#name", "Teknisk Udvalg")
	browsertest.Fill(t, ctx, "#language", "da")
	browsertest.Axe(t, ctx)
	press("save", ".notice--success")
	browsertest.Axe(t, ctx)
	if n := servertest.Scalar[int64](t, pool, `
SELECT count(*) FROM body b JOIN municipality m ON m.id = b.municipality_id
WHERE m.slug = 'aarhus' AND b.name = 'Teknisk Udvalg' AND b.kind = 'standing_committee'`); n != 1 {
		t.Fatalf("the committee was not recorded (%d rows)", n)
	}

	browsertest.Navigate(t, ctx, srv.URL+"/staff/budget-lines/new?year=2026")
	browsertest.WaitVisible(t, ctx, "#code")
	browsertest.Fill(t, ctx, "#code", "INT")
	browsertest.Fill(t, ctx, "#name", "Internationalt samarbejde")
	browsertest.Fill(t, ctx, "#owner_name", "Borgmesterens Afdeling")
	browsertest.Fill(t, ctx, "#amount", "150,000")
	browsertest.Click(t, ctx, `main form.admin-form button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, ".history")
	browsertest.Axe(t, ctx)
	line := servertest.Scalar[int64](t, pool, `SELECT b.id FROM budget_line b JOIN municipality m ON m.id = b.municipality_id WHERE m.slug = 'aarhus' AND b.code = 'INT'`)

	csvFile := filepath.Join(t.TempDir(), "aarhus-partnerships.csv")
	// Under the new rule a twin town needs the council's decision: the file
	// names it.
	if err := os.WriteFile(csvFile, []byte("\ufeffpartner_city,partner_city_en,country,latitude,longitude,kind,status,since_year,council_decision_ref\r\n"+
		"Turku,Turku,FI,60.4518,22.2666,twin_town,active,1947,BY-1947-12\r\n"+
		"Harstad,Harstad,NO,68.7983,16.5417,twin_town,active,1950,BY-1950-03\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	browsertest.Navigate(t, ctx, srv.URL+"/staff/partners")
	browsertest.ClickAndLoad(t, ctx, `a[href="/staff/partners/import"]`, "#file")
	browsertest.Axe(t, ctx)
	if _, err := chromedp.Run(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{csvFile})); err != nil {
		t.Fatal(err)
	}
	submit(".notice--success")
	// Turku is matched to the partner city the portal knows already (by its
	// English name; its own name may be the Swedish Åbo), Harstad is added.
	if got := browsertest.Text(t, ctx, "main"); !strings.Contains(got, "2 partnerships were imported") || !strings.Contains(got, "Harstad") {
		t.Errorf("partnerships after the import: %q", got)
	}
	browsertest.Axe(t, ctx)
	signOut()

	// A staff member plans a trip, it is approved (by a politician where the
	// policy asks for it), the report follows, and the trip is published. A fresh browser for this half: one
	// browser lives at most browsertest.Timeout, and axe at two widths on every
	// page of the journey can outrun it on a loaded machine.
	ctx = browsertest.New(t)
	servertest.CreateAccount(t, pool, "aarhus", access.RoleStaff, "jens@aarhus.example")
	servertest.CreateAccount(t, pool, "aarhus", access.RolePolitician, "anna@aarhus.example")
	status := func() string {
		return servertest.Scalar[string](t, pool, `SELECT status FROM trip WHERE purpose = 'Harbour renewal study visit'`)
	}
	approve := func(button string) {
		t.Helper()
		signIn("anna@aarhus.example", servertest.Password)
		browsertest.Navigate(t, ctx, srv.URL+"/staff/review")
		browsertest.WaitVisible(t, ctx, "main table")
		browsertest.ClickAndLoad(t, ctx, "main table tbody a", "#comment")
		browsertest.Axe(t, ctx)
		press(button, `[role="status"]`)
		signOut()
	}
	signIn("jens@aarhus.example", servertest.Password)
	browsertest.Navigate(t, ctx, srv.URL+"/staff/trips/new")
	browsertest.WaitVisible(t, ctx, "#purpose")
	browsertest.Fill(t, ctx, "#title", "Harbour renewal study visit")
	browsertest.Fill(t, ctx, "#purpose", "Harbour renewal study visit")
	set("#starts_on", "2026-10-12")
	set("#ends_on", "2026-10-14")
	browsertest.Fill(t, ctx, "#organiser", "Teknik og Miljø")
	browsertest.Fill(t, ctx, "#destination-0-city", "Turku")
	set("#destination-0-country", "FI")
	browsertest.Fill(t, ctx, "#destination-0-lat", "60.4518")
	browsertest.Fill(t, ctx, "#destination-0-lon", "22.2666")
	set("#destination-0-mode", "short_haul_flight_rf")
	browsertest.Fill(t, ctx, "#traveller-0-name", "Jens Nielsen")
	browsertest.Fill(t, ctx, "#traveller-0-role", "Planner")
	set("#traveller-0-kind", trip.KindStaff)
	set("#programme-0-day", "2026-10-13")
	browsertest.Fill(t, ctx, "#programme-0-description", "Visit to the renewed harbour of Turku")
	set("#cost-0-category", "transport")
	browsertest.Fill(t, ctx, "#cost-0-planned", "3,000")
	set("#budget_line", fmt.Sprint(line))
	browsertest.Click(t, ctx, "#priorities") // G1, the green transition
	press("save", ".trip-step")
	browsertest.Axe(t, ctx)
	press("submit", ".notice--success")
	tripURL := location(t, ctx)
	signOut()
	if status() == "submitted" { // where the policy asks for plan approval
		approve("approve")
	}
	if s := status(); s != "approved" {
		t.Fatalf("after approval: %s", s)
	}
	signIn("jens@aarhus.example", servertest.Password)
	browsertest.Navigate(t, ctx, tripURL+"/edit")
	browsertest.WaitVisible(t, ctx, "#cost-0-actual")
	browsertest.Fill(t, ctx, "#cost-0-actual", "2,950")
	press("save", ".trip-step")
	press("complete", ".notice--success")
	browsertest.Navigate(t, ctx, tripURL+"/report")
	browsertest.WaitVisible(t, ctx, "#goal")
	browsertest.Fill(t, ctx, "#goal", "To learn how Turku renewed its harbour.")
	browsertest.Fill(t, ctx, "#outcome", "A joint application for an EU harbour project.")
	browsertest.Fill(t, ctx, "#follow_up", "The committee decides in December.")
	press("save", ".trip-step")
	press("submit_report", ".notice--success")
	signOut()
	if status() == "report_submitted" {
		approve("approve_report")
	}
	if s := status(); s != "published" {
		t.Fatalf("the trip is %s, not published", s)
	}

	// Aarhus is everywhere a municipality is (a fresh browser again).
	ctx = browsertest.New(t)
	for _, c := range []struct{ path, sel, want string }{
		{"/?lang=en", "main", "Aarhus Kommune"},
		{"/compare?lang=en", "main", "Aarhus"},
		{"/search?q=harbour+renewal&lang=en", "main", "Harbour renewal study visit"},
		{"/m/aarhus?lang=en", "main", "Aarhus Kommune"},
		{"/m/aarhus/trips?lang=en", ".trip-table", "AAR-2026-0001"},
		{"/m/aarhus/partners?lang=en", "main", "Harstad"},
		{"/m/aarhus/policy?lang=en", "main", "Havne og byudvikling"},
		{"/m/aarhus/budget?year=2026&lang=en", "main", "Internationalt samarbejde"},
	} {
		browsertest.Navigate(t, ctx, srv.URL+c.path)
		browsertest.WaitVisible(t, ctx, c.sel)
		if got := browsertest.Text(t, ctx, c.sel); !strings.Contains(got, c.want) {
			t.Errorf("%s lacks %q", c.path, c.want)
		}
		browsertest.Axe(t, ctx)
	}
	for path, want := range map[string]string{"/m/aarhus/trips.csv": "AAR-2026-0001", "/m/aarhus/trips.json": "AAR-2026-0001",
		"/m/aarhus/partners/partnerships.csv": "Harstad"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(b), want) {
			t.Errorf("%s: status %d, %q not in it", path, res.StatusCode, want)
		}
	}
}

// location is the address of the page the browser shows.
func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return u
}
