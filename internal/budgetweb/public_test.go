package budgetweb_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/servertest"
)

func TestBudgetRedirectsToThisYear(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)
	res, _ := servertest.Get(t, c, srv.URL+"/m/ballerup/budget", "en")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", res.StatusCode)
	}
	if loc := res.Header.Get("Location"); loc != "/m/ballerup/budget/2026" {
		t.Errorf("Location %q", loc)
	}
	res, _ = servertest.Get(t, c, srv.URL+"/m/atlantis/budget", "en")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown slug: status %d", res.StatusCode)
	}
}

func TestBudgetAndCompareRejectBadInput(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)
	cat := i18n.MustLoad()
	tests := []struct {
		path   string
		status int
		key    string
	}{
		{"/m/ballerup/budget/abc", http.StatusBadRequest, "budget.error.year"},
		{"/m/ballerup/budget/1989", http.StatusBadRequest, "budget.error.year"},
		{"/m/ballerup/budget/2201", http.StatusBadRequest, "budget.error.year"},
		{"/m/ballerup/budget/02015", http.StatusBadRequest, "budget.error.year"},
		{"/m/ballerup/budget/-2015", http.StatusBadRequest, "budget.error.year"},
		{"/m/ballerup/budget/2015.0", http.StatusBadRequest, "budget.error.year"},
		{"/m/atlantis/budget/2015", http.StatusNotFound, ""},
		{"/m/atlantis/budget/abc", http.StatusNotFound, ""},
		{"/compare?year=abc", http.StatusBadRequest, "compare.error.year"},
		{"/compare?year=1e3", http.StatusBadRequest, "compare.error.year"},
		{"/compare?year=9999", http.StatusBadRequest, "compare.error.year"},
		{"/compare?year=2015%27%3B--", http.StatusBadRequest, "compare.error.year"},
	}
	for _, tt := range tests {
		res, doc := servertest.Get(t, c, srv.URL+tt.path, "en")
		if res.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, res.StatusCode, tt.status)
			continue
		}
		if tt.key != "" {
			want, _ := cat.Message("en", tt.key)
			if got := doc.Find("main").Text(); !strings.Contains(got, want) {
				t.Errorf("%s: page does not explain %q", tt.path, tt.key)
			}
		}
	}
}

// TestBudgetBallerup2015 checks the seeded lines of Ballerup's strategy (migrations/00018).
func TestBudgetBallerup2015(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)
	res, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/budget/2015", "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if n := doc.Find("h1").Length(); n != 1 {
		t.Errorf("%d h1", n)
	}
	if got := doc.Find("title").Text(); !strings.Contains(got, "Budget 2015") || !strings.Contains(got, "Ballerup Kommune") {
		t.Errorf("title %q", got)
	}
	if href, _ := doc.Find(`.section-nav a[aria-current="page"]`).Attr("href"); href != "/m/ballerup/budget" {
		t.Errorf("section nav current %q", href)
	}
	if crumbs := doc.Find(".breadcrumbs li").Length(); crumbs != 4 {
		t.Errorf("%d breadcrumbs", crumbs)
	}
	rows, total := budgetRows(t, doc)
	budgetCheckTotals(t, rows, total)
	// "De stående udvalg og Økonomiudvalget har hver 65.000 kr. […]
	// Kommunalbestyrelsen har et budget på 69.000 kr. pr. år": the strategy names
	// no standing committee, so none has a line until one is recorded.
	want := map[string]int64{"C1": 15000000, "C2": 15900000, "C3": 19000000, "C4": 2300000,
		"KB": 6900000, "OKU": 6500000, "SRF": 10000000}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	var central int64
	for _, r := range rows {
		if r.amount["allocated"] != want[r.code] {
			t.Errorf("%s allocated %d, want %d", r.code, r.amount["allocated"], want[r.code])
		}
		if strings.HasPrefix(r.code, "C") {
			central += r.amount["allocated"]
		}
		// Nothing was spent in 2015 and 2014 had no lines to carry from.
		if r.amount["spent"] != 0 || r.amount["carried"] != 0 || r.amount["remaining"] != r.amount["allocated"] {
			t.Errorf("%s: %v", r.code, r.amount)
		}
	}
	if central != 52200000 {
		t.Errorf("central lines sum to %d, want DKK 522,000.00", central)
	}
	if total["allocated"] != 75600000 {
		t.Errorf("total allocated %d, want DKK 756,000.00", total["allocated"])
	}
	// The holders' table shows the central budget as one figure.
	centralRow := doc.Find("table.budget-owners tbody tr").First()
	if got := strings.TrimSpace(centralRow.Find("th").Text()); got != "Central budget" {
		t.Errorf("first holder %q", got)
	}
	if got := strings.TrimSpace(centralRow.Find("td").Eq(1).Text()); got != "522,000.00" {
		t.Errorf("central budget shown as %q", got)
	}
	if got := doc.Find(".budget-figures div").First().Find("dd").Text(); got != "DKK\u00a0756,000.00" {
		t.Errorf("allocated key figure %q", got)
	}
	// Committee and council money carries over; the lines say so, with their holders.
	carries := map[string]bool{}
	holders := map[string]string{}
	doc.Find("table.budget-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		code := strings.TrimSpace(tr.Find("th .budget-code").Text())
		carries[code] = tr.Find("th .budget-carries").Length() == 1
		holders[code] = strings.Join(strings.Fields(tr.Find("th .budget-owner").Text()), " ")
	})
	if !carries["KB"] || !carries["OKU"] || carries["C1"] || carries["SRF"] {
		t.Errorf("carries over: %v", carries)
	}
	if holders["OKU"] != "Committee: Økonomiudvalget" || holders["C1"] != "Central budget: Centralt driftsbudget til internationale aktiviteter" {
		t.Errorf("holders: %v", holders)
	}
	// The chart has a bar pair per line and an accessible name.
	if n := doc.Find(`svg.budget-chart__svg[role="img"] title`).Length(); n != 1 {
		t.Errorf("chart title elements: %d", n)
	}
	if n := doc.Find(".budget-chart__data tbody tr").Length(); n != 7 {
		t.Errorf("chart data rows: %d", n)
	}
	// Year navigation: every year from 2015 ("fra og med 2015") to the current one.
	var years []string
	doc.Find(".year-nav__list a").Each(func(_ int, a *goquery.Selection) { years = append(years, a.Text()) })
	if len(years) != time.Now().Year()-2015+1 || years[0] != "2015" || years[len(years)-1] != strconv.Itoa(time.Now().Year()) {
		t.Errorf("years %v", years)
	}
	if href, _ := doc.Find(`.year-nav a[rel="next"]`).Attr("href"); href != "/m/ballerup/budget/2016" {
		t.Errorf("next year link %q", href)
	}
	if doc.Find(".notice--demo").Length() != 0 {
		t.Error("seeded data marked as demo")
	}
	// The period the year lies in is named.
	if got := doc.Find(".budget-glossary").Text(); !strings.Contains(got, "1 January 2014") || !strings.Contains(got, "31 December 2017") {
		t.Errorf("election period not named: %q", got)
	}
}

func TestBudgetEmptyYear(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)
	// Ballerup's lines recur every year from 2015: the year before has none.
	res, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/budget/2014", "da")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if doc.Find("table.budget-table").Length() != 0 {
		t.Error("empty year shows a table")
	}
	if got := doc.Find(".budget-empty").Text(); !strings.Contains(got, "Der er ikke registreret budgetposter for 2014") {
		t.Errorf("empty state %q", got)
	}
	if href, _ := doc.Find(`.year-nav a[rel="next"]`).Attr("href"); href != "/m/ballerup/budget/2015" {
		t.Errorf("next year link %q", href)
	}
	// A municipality without any lines says so.
	_, doc = servertest.Get(t, c, srv.URL+"/m/berlin/budget/2026", "de")
	if got := doc.Find(".budget-empty").Text(); !strings.Contains(got, "noch keine Haushaltsposten") {
		t.Errorf("no lines at all: %q", got)
	}
}

// TestBudgetAndCompareInBrowser opens the budget and compare pages in Chromium,
// runs axe-core on them and keeps screenshots at phone and desktop widths.
func TestBudgetAndCompareInBrowser(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	budgetLoadDemo(t, pool)
	var demoYear int
	if err := pool.QueryRow(context.Background(), `SELECT max(fiscal_year) FROM budget_line bl JOIN municipality m ON m.id = bl.municipality_id
		WHERE m.slug = 'ballerup' AND bl.is_demo AND bl.fiscal_year < 2026`).Scan(&demoYear); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	pages := []struct {
		path, name, h1 string
	}{
		{"/m/ballerup/budget/2015?lang=en", "budget-ballerup-2015", "Budget 2015"},
		{"/m/ballerup/budget/" + strconv.Itoa(demoYear) + "?lang=da", "budget-ballerup-demo", "Budget " + strconv.Itoa(demoYear)},
		{"/m/stuttgart/budget/" + strconv.Itoa(demoYear) + "?lang=de", "budget-stuttgart-demo", "Haushalt " + strconv.Itoa(demoYear)},
		{"/m/vasteras/budget/1999?lang=sv", "budget-empty", "Budget 1999"},
		{"/compare?lang=en", "compare", "Compare municipalities"},
		{"/compare?year=2015&lang=sv", "compare-2015", "Jämför kommuner"},
	}
	for _, p := range pages {
		browsertest.Navigate(t, ctx, srv.URL+p.path)
		if got := browsertest.Text(t, ctx, "main h1"); !strings.HasPrefix(got, p.h1) {
			t.Errorf("%s: h1 %q, want %q…", p.path, got, p.h1)
		}
		browsertest.Axe(t, ctx)
		for _, w := range []int{375, 1280} {
			browsertest.Screenshot(t, ctx, w, p.name)
		}
	}
	// Following a line's link to its published trips opens them.
	browsertest.Navigate(t, ctx, srv.URL+"/m/ballerup/budget/"+strconv.Itoa(demoYear)+"?lang=en")
	if n := browsertest.Count(t, ctx, "table.budget-table tbody td a"); n == 0 {
		t.Fatal("no line links to its published trips")
	}
	browsertest.Click(t, ctx, "table.budget-table tbody td a")
	browsertest.WaitVisible(t, ctx, "details.budget-trips:target table")
}
