package server_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBrowserCitizenJourney is a citizen's way through the portal in headless
// Chromium: from the start page to a municipality, to its trip register, filters
// the register, opens a trip, downloads the register as CSV, and sees the partner
// map and the budget chart drawn.
func TestBrowserCitizenJourney(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	for i, tr := range []servertest.Trip{
		{Reference: "BAL-2025-0001", Purpose: "Skoleudveksling i Wuxi", Travellers: []string{"Mette Holm", "Jens Berg"},
			Start: time.Date(2025, 4, 7, 0, 0, 0, 0, time.UTC)},
		{Reference: "BAL-2025-0002", Purpose: "Erhvervsrejse til Prag 10", Travellers: []string{"Anne Lund"},
			Start: time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)},
		{Reference: "BAL-2024-0001", Purpose: "Venskabsbymøde i East Kilbride", Travellers: []string{"Mette Holm"},
			Start: time.Date(2024, 9, 2, 0, 0, 0, 0, time.UTC)},
	} {
		tr.Municipality = "ballerup"
		tr.Destinations = []servertest.Destination{{City: "Wuxi", Country: "CN", Lat: 31.5689, Lon: 120.2886, Mode: "long_haul_flight_rf"}}
		tr.Costs = []servertest.Cost{{Category: "transport", Planned: int64(100000 * (i + 1)), Actual: int64(90000 * (i + 1))}}
		tr.Report = true
		servertest.InsertTrip(t, pool, tr)
	}
	ctx := browsertest.New(t)

	browsertest.Navigate(t, ctx, srv.URL+"/?lang=en")
	browsertest.Click(t, ctx, `.card__title a[href="/m/ballerup"]`)
	browsertest.WaitVisible(t, ctx, ".section-nav")
	browsertest.Click(t, ctx, `.section-nav a[href="/m/ballerup/trips"]`)
	browsertest.WaitVisible(t, ctx, "details.filters summary")
	if n := browsertest.Count(t, ctx, "table.trip-table tbody tr"); n != 3 {
		t.Fatalf("register has %d rows, want 3", n)
	}
	// Filter: trips of 2025 with Mette Holm among the travellers.
	browsertest.Click(t, ctx, "details.filters summary")
	browsertest.WaitVisible(t, ctx, "#f-traveller")
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#f-year"), "2025")); err != nil {
		t.Fatal(err)
	}
	browsertest.Fill(t, ctx, "#f-traveller", "Mette")
	browsertest.Click(t, ctx, `details.filters button[type="submit"]`)
	// The server-rendered value attribute exists only on the page that answered the form.
	browsertest.WaitVisible(t, ctx, `#f-traveller[value="Mette"]`)
	if n := browsertest.Count(t, ctx, "table.trip-table tbody tr"); n != 1 {
		t.Fatalf("filtered register has %d rows, want 1", n)
	}
	browsertest.Screenshot(t, ctx, 1280, "journey-filtered")
	browsertest.Click(t, ctx, `table.trip-table tbody a[href="/m/ballerup/trips/BAL-2025-0001"]`)
	browsertest.WaitVisible(t, ctx, ".trip-ref")
	if got := browsertest.Text(t, ctx, "main h1"); got != "Skoleudveksling i Wuxi" {
		t.Errorf("trip page h1 %q", got)
	}
	if got := browsertest.Text(t, ctx, ".cost-table tfoot td:nth-child(3)"); got != "DKK\u00a0900.00" {
		t.Errorf("actual total %q", got)
	}

	// Download the register's CSV the way a visitor would: by its link.
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
	}); err != nil {
		t.Fatal(err)
	}
	browsertest.Navigate(t, ctx, srv.URL+"/m/ballerup/trips?year=2025&lang=en")
	browsertest.Click(t, ctx, `a[href="/m/ballerup/trips.csv?year=2025"]`)
	var file string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline) && file == ""; time.Sleep(100 * time.Millisecond) {
		matches, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
		if len(matches) == 1 {
			file = matches[0]
		}
	}
	if file == "" {
		t.Fatal("the CSV was not downloaded")
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("the download is not CSV: %v", err)
	}
	if len(rows) != 3 || !strings.Contains(strings.Join(rows[1], ","), "BAL-2025-0002") {
		t.Errorf("CSV: %d rows, first data row %v", len(rows), rows[min(1, len(rows)-1)])
	}

	// The map and the budget chart are drawn with a real size.
	size := func(sel string) float64 {
		w, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => { const e = document.querySelector(`+"`"+sel+"`"+`); return e ? e.getBoundingClientRect().width * e.getBoundingClientRect().height : 0 })()`))
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	browsertest.Navigate(t, ctx, srv.URL+"/m/ballerup?lang=en")
	if a := size(`section[aria-labelledby="partners"] svg`); a < 100*100 {
		t.Errorf("partner map drawn at %.0f px²", a)
	}
	if n := browsertest.Count(t, ctx, `section[aria-labelledby="partners"] svg path`); n == 0 {
		t.Error("the map has no outlines")
	}
	browsertest.Navigate(t, ctx, srv.URL+"/m/ballerup/budget/2015?lang=en")
	if a := size(`main svg`); a < 100*100 {
		t.Errorf("budget chart drawn at %.0f px²", a)
	}
	browsertest.Screenshot(t, ctx, 1280, "journey-budget")
}
