package tripweb_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// TestBrowserWholeJourney follows one Ballerup trip through its whole life in
// headless Chromium, each step taken with the page's own forms and buttons: staff
// plan it (forgetting the priority), a politician returns it with a comment, staff
// fix it and submit it again, the politician approves it, staff enter the actual
// costs, complete it and write the report, the politician approves the report, and
// an anonymous visitor finds it in the public register, on its page and in the CSV.
// axe-core checks the review pages and the trip pages on the way.
func TestBrowserWholeJourney(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// These tests are of the review itself: every plan and report needs a politician's decision.
	servertest.RequireApprovals(t, pool, "ballerup")
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "lars@ballerup.example")
	// The committee's line for 2026: DKK 65,000, of which nothing is spent yet.
	var line int64
	if err := pool.QueryRow(t.Context(), `
INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency, carries_over)
SELECT id, 2026, 'SU', 'Skole- og Uddannelsesudvalget', 'committee', 'Skole- og Uddannelsesudvalget', 6500000, 'DKK', true
FROM municipality WHERE slug = 'ballerup' RETURNING id`).Scan(&line); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	set := func(sel, value string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), value)); err != nil {
			t.Fatalf("set %s: %v", sel, err)
		}
	}
	// press clicks a button of the page's main form and waits for sel on the next page.
	press := func(button, sel string) {
		t.Helper()
		browsertest.ClickAndLoad(t, ctx, `main form button[value="`+button+`"]:not(.form-default-action)`, sel)
	}
	signIn := func(email string) {
		t.Helper()
		browsertest.SignIn(t, ctx, srv.URL, "en", email, servertest.Password)
	}
	signOut := func() {
		t.Helper()
		browsertest.Click(t, ctx, `.user-bar__form button`)
		if err := chromedp.Do(ctx, chromedp.WaitNotPresent(chromedp.CSS(".user-bar__form"))); err != nil {
			t.Fatalf("still signed in after signing out: %v", err)
		}
	}
	status := func() (s, ref string) {
		t.Helper()
		if err := pool.QueryRow(t.Context(), `SELECT status, coalesce(reference, '') FROM trip WHERE purpose = 'Study visit on school exchange'`).Scan(&s, &ref); err != nil {
			t.Fatal(err)
		}
		return s, ref
	}

	// Staff plan the trip and forget to link a priority.
	signIn("mette@ballerup.example")
	browsertest.Navigate(t, ctx, srv.URL+"/staff/trips/new")
	browsertest.WaitVisible(t, ctx, "#purpose")
	browsertest.Fill(t, ctx, "#title", "School exchange in Stockholm")
	browsertest.Fill(t, ctx, "#purpose", "Study visit on school exchange")
	set("#starts_on", "2026-10-12")
	set("#ends_on", "2026-10-14")
	browsertest.Fill(t, ctx, "#organiser", "Skole- og Uddannelsesudvalget")
	browsertest.Fill(t, ctx, "#destination-0-city", "Stockholm")
	set("#destination-0-country", "SE")
	browsertest.Fill(t, ctx, "#destination-0-lat", "59.3293")
	browsertest.Fill(t, ctx, "#destination-0-lon", "18.0686")
	set("#destination-0-mode", "international_rail")
	browsertest.Fill(t, ctx, "#traveller-0-name", "Anne Hansen")
	browsertest.Fill(t, ctx, "#traveller-0-role", "Chair")
	set("#traveller-0-kind", trip.KindPolitician)
	set("#programme-0-day", "2026-10-13")
	browsertest.Fill(t, ctx, "#programme-0-description", "Visit to two schools in Södermalm")
	set("#cost-0-category", "transport")
	browsertest.Fill(t, ctx, "#cost-0-planned", "4,200")
	press("add:cost", "#cost-1-planned")
	set("#cost-1-category", "lodging")
	browsertest.Fill(t, ctx, "#cost-1-planned", "3,600.50")
	set("#budget_line", fmt.Sprint(line))
	press("save", ".trip-step")
	if browsertest.Count(t, ctx, ".trip-warnings") != 1 {
		t.Error("no warning for the missing priority on the trip page")
	}
	browsertest.Axe(t, ctx)
	press("submit", ".notice--success")
	if s, ref := status(); s != "submitted" || ref != "BAL-2026-0001" {
		t.Fatalf("after submission: %s %q", s, ref)
	}
	if got := browsertest.Text(t, ctx, ".trip-ref"); got != "BAL-2026-0001" {
		t.Errorf("reference on the trip page %q", got)
	}
	tripURL := location(t, ctx)
	signOut()

	// The politician sees it in the queue with the warning, and returns it.
	signIn("lars@ballerup.example")
	browsertest.Navigate(t, ctx, srv.URL+"/staff/review")
	browsertest.WaitVisible(t, ctx, "main table")
	if got := browsertest.Text(t, ctx, "main table tbody"); !strings.Contains(got, "BAL-2026-0001") || !strings.Contains(got, "no priority") {
		t.Fatalf("queue: %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.ClickAndLoad(t, ctx, "main table tbody a", "#comment")
	if browsertest.Count(t, ctx, ".trip-warnings") != 1 {
		t.Error("no policy warning on the review page")
	}
	if got := browsertest.Text(t, ctx, ".glance"); !strings.Contains(got, "65,000.00") {
		t.Errorf("budget line on the review page: %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#comment", "Please link the trip to a focus area of the policy.")
	press("return", `[role="status"]`)
	if s, _ := status(); s != "returned" {
		t.Fatalf("after return: %s", s)
	}
	signOut()

	// Staff find the comment on the dashboard, fix the plan and submit it again.
	signIn("mette@ballerup.example")
	if got := browsertest.Text(t, ctx, ".dashboard"); !strings.Contains(got, "Please link the trip to a focus area") {
		t.Errorf("dashboard without the reviewer's comment: %q", got)
	}
	browsertest.Navigate(t, ctx, tripURL)
	browsertest.WaitVisible(t, ctx, ".trip-returned")
	if got := browsertest.Text(t, ctx, ".trip-returned"); !strings.Contains(got, "Please link the trip") {
		t.Errorf("trip page without the comment: %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Navigate(t, ctx, tripURL+"/edit")
	browsertest.WaitVisible(t, ctx, "#purpose")
	browsertest.Click(t, ctx, "#priorities") // F1, children and young people
	press("save", ".trip-step")
	if browsertest.Count(t, ctx, ".trip-warnings") != 0 {
		t.Errorf("warning left after linking a priority: %q", browsertest.Text(t, ctx, ".trip-warnings"))
	}
	press("submit", ".notice--success")
	signOut()

	// The politician approves.
	signIn("lars@ballerup.example")
	browsertest.Navigate(t, ctx, srv.URL+"/staff/review")
	browsertest.WaitVisible(t, ctx, "main table")
	browsertest.ClickAndLoad(t, ctx, "main table tbody a", "#comment")
	press("approve", `[role="status"]`)
	if s, _ := status(); s != "approved" {
		t.Fatalf("after approval: %s", s)
	}
	signOut()

	// After the trip, staff try to complete it before entering the actual costs,
	// are told why not, enter them, complete it and write the report.
	signIn("mette@ballerup.example")
	browsertest.Navigate(t, ctx, tripURL)
	press("complete", ".trip-step .error-summary")
	if got := browsertest.Text(t, ctx, ".trip-step .error-summary"); !strings.Contains(got, "actual amount") {
		t.Errorf("refusal: %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Navigate(t, ctx, tripURL+"/edit")
	browsertest.WaitVisible(t, ctx, "#cost-0-actual")
	browsertest.Fill(t, ctx, "#cost-0-actual", "3,980")
	browsertest.Fill(t, ctx, "#cost-1-actual", "3,600.50")
	press("save", ".trip-step")
	press("complete", ".notice--success")
	browsertest.Navigate(t, ctx, tripURL+"/report")
	browsertest.WaitVisible(t, ctx, "#goal")
	browsertest.Fill(t, ctx, "#goal", "To learn how Stockholm's schools run pupil exchanges.")
	browsertest.Fill(t, ctx, "#outcome", "Two schools agreed to exchange classes in spring.")
	browsertest.Fill(t, ctx, "#follow_up", "The committee follows up in March.")
	press("save", ".trip-step")
	press("submit_report", ".notice--success")
	if s, _ := status(); s != "report_submitted" {
		t.Fatalf("after the report: %s (Ballerup's report needs the committee's approval)", s)
	}
	signOut()

	// The politician approves the report, which publishes the trip.
	signIn("lars@ballerup.example")
	browsertest.Navigate(t, ctx, srv.URL+"/staff/review")
	browsertest.WaitVisible(t, ctx, "main table")
	browsertest.ClickAndLoad(t, ctx, "main table tbody a", "#comment")
	if got := browsertest.Text(t, ctx, "main"); !strings.Contains(got, "Two schools agreed") {
		t.Errorf("review page without the report")
	}
	browsertest.Axe(t, ctx)
	press("approve_report", `[role="status"]`)
	if s, _ := status(); s != "published" {
		t.Fatalf("after the report's approval: %s", s)
	}
	signOut()

	// Anyone finds it in the register, reads it in full and downloads it.
	browsertest.Navigate(t, ctx, srv.URL+"/m/ballerup/trips?lang=en")
	browsertest.WaitVisible(t, ctx, ".trip-table")
	if got := browsertest.Text(t, ctx, ".trip-table"); !strings.Contains(got, "BAL-2026-0001") {
		t.Fatalf("register: %q", got)
	}
	browsertest.ClickAndLoad(t, ctx, `.trip-table a[href$="/trips/BAL-2026-0001"]`, ".cost-table")
	page := browsertest.Text(t, ctx, "main")
	for _, want := range []string{"Study visit on school exchange", "7,580.50", "7,800.50",
		"Plan approved", "Report approved", "Published", "22 November 2026",
		"Two schools agreed to exchange classes in spring.", "SU Skole- og Uddannelsesudvalget",
		"1,049 km", "5 kg CO₂e"} { // 2 × 525 km by rail × 0.00446 kg per passenger-km
		if !strings.Contains(page, want) {
			t.Errorf("public trip page lacks %q", want)
		}
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "journey-public-trip")

	res, err := http.Get(srv.URL + "/m/ballerup/trips.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	rows, err := csv.NewReader(res.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[strings.TrimPrefix(name, "\ufeff")] = i
	}
	found := false
	for _, row := range rows[1:] {
		if row[col["reference"]] == "BAL-2026-0001" {
			found = true
			if got := row[col["actual_total"]]; got != "7580.50" {
				t.Errorf("CSV actual_total %q, want 7580.50", got)
			}
		}
	}
	if !found {
		t.Errorf("trip not in the CSV (header %v)", rows[0])
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
