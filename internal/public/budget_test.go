package public_test

import (
	"context"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/servertest"
)

// budgetAmountRE finds an amount as the English interface writes it: "−1,234.56".
var budgetAmountRE = regexp.MustCompile(`[−-]?[0-9][0-9,]*\.[0-9]{2}`)

// budgetAmount reads the first English-formatted amount of s in minor units (two decimals).
func budgetAmount(t *testing.T, s string) int64 {
	t.Helper()
	m := budgetAmountRE.FindString(s)
	if m == "" {
		t.Fatalf("no amount in %q", s)
	}
	neg := strings.HasPrefix(m, "−") || strings.HasPrefix(m, "-")
	digits := strings.NewReplacer("−", "", "-", "", ",", "", ".", "").Replace(m)
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", m, err)
	}
	if neg {
		n = -n
	}
	return n
}

// budgetColumns are the amount columns of the budget table, in order, after the
// row header (the line, or "Total"); the CO2e column (td.budget-co2e) comes last.
var budgetColumns = []string{"allocated", "carried", "available", "spent_published", "spent_unpublished", "spent", "remaining", "committed"}

// budgetRow is one row of the budget table, by column.
type budgetRow struct {
	code   string
	amount map[string]int64
}

func budgetRows(t *testing.T, doc *goquery.Document) (rows []budgetRow, total map[string]int64) {
	t.Helper()
	doc.Find("table.budget-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		r := budgetRow{code: strings.TrimSpace(tr.Find("th .budget-code").Text()), amount: map[string]int64{}}
		cells := tr.Find("td:not(.budget-co2e)")
		if cells.Length() != len(budgetColumns) {
			t.Fatalf("row %s has %d cells", r.code, cells.Length())
		}
		for i, col := range budgetColumns {
			r.amount[col] = budgetAmount(t, cells.Eq(i).Text())
		}
		rows = append(rows, r)
	})
	total = map[string]int64{}
	cells := doc.Find("table.budget-table tfoot tr td:not(.budget-co2e)")
	if cells.Length() != len(budgetColumns) {
		t.Fatalf("totals row has %d cells", cells.Length())
	}
	for i, col := range budgetColumns {
		total[col] = budgetAmount(t, cells.Eq(i).Text())
	}
	return rows, total
}

// budgetCheckTotals fails unless every column of the totals row is the sum of its rows,
// and each row's derived columns follow from the others.
func budgetCheckTotals(t *testing.T, rows []budgetRow, total map[string]int64) {
	t.Helper()
	for _, col := range budgetColumns {
		var sum int64
		for _, r := range rows {
			sum += r.amount[col]
		}
		if sum != total[col] {
			t.Errorf("column %s: rows sum to %d, totals row says %d", col, sum, total[col])
		}
	}
	for _, r := range rows {
		a := r.amount
		if a["available"] != a["allocated"]+a["carried"] || a["spent"] != a["spent_published"]+a["spent_unpublished"] ||
			a["remaining"] != a["available"]-a["spent"] {
			t.Errorf("row %s does not add up: %v", r.code, a)
		}
	}
}

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
	want := map[string]int64{"C1": 15000000, "C2": 15900000, "C3": 19000000, "C4": 2300000,
		"KB": 6900000, "OKU": 6500000, "SU": 6500000, "SRF": 10000000}
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
	if total["allocated"] != 82100000 {
		t.Errorf("total allocated %d, want DKK 821,000.00", total["allocated"])
	}
	// The holders' table shows the central budget as one figure.
	centralRow := doc.Find("table.budget-owners tbody tr").First()
	if got := strings.TrimSpace(centralRow.Find("th").Text()); got != "Central budget" {
		t.Errorf("first holder %q", got)
	}
	if got := strings.TrimSpace(centralRow.Find("td").Eq(1).Text()); got != "522,000.00" {
		t.Errorf("central budget shown as %q", got)
	}
	if got := doc.Find(".budget-figures div").First().Find("dd").Text(); got != "DKK\u00a0821,000.00" {
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
	if !carries["SU"] || !carries["KB"] || !carries["OKU"] || carries["C1"] || carries["SRF"] {
		t.Errorf("carries over: %v", carries)
	}
	if holders["OKU"] != "Committee: Økonomiudvalget" || holders["C1"] != "Central budget: Centralt driftsbudget til internationale aktiviteter" {
		t.Errorf("holders: %v", holders)
	}
	// The chart has a bar pair per line and an accessible name.
	if n := doc.Find(`svg.budget-chart__svg[role="img"] title`).Length(); n != 1 {
		t.Errorf("chart title elements: %d", n)
	}
	if n := doc.Find(".budget-chart__data tbody tr").Length(); n != 8 {
		t.Errorf("chart data rows: %d", n)
	}
	// Year navigation: the seeded year and the current one.
	var years []string
	doc.Find(".year-nav__list a").Each(func(_ int, a *goquery.Selection) { years = append(years, a.Text()) })
	if strings.Join(years, " ") != "2015 2026" {
		t.Errorf("years %v", years)
	}
	if href, _ := doc.Find(`.year-nav a[rel="next"]`).Attr("href"); href != "/m/ballerup/budget/2026" {
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
	res, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/budget/2016", "da")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if doc.Find("table.budget-table").Length() != 0 {
		t.Error("empty year shows a table")
	}
	if got := doc.Find(".budget-empty").Text(); !strings.Contains(got, "Der er ikke registreret budgetposter for 2016") {
		t.Errorf("empty state %q", got)
	}
	if href, _ := doc.Find(`.year-nav a[rel="prev"]`).Attr("href"); href != "/m/ballerup/budget/2015" {
		t.Errorf("previous year link %q", href)
	}
	// A municipality without any lines says so.
	_, doc = servertest.Get(t, c, srv.URL+"/m/berlin/budget/2026", "de")
	if got := doc.Find(".budget-empty").Text(); !strings.Contains(got, "noch keine Haushaltsposten") {
		t.Errorf("no lines at all: %q", got)
	}
}

// budgetExec runs fixture SQL.
func budgetExec(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// TestBudgetCarryOver charges trips in every lifecycle state to Ballerup's committee
// line and checks what counts as spent, committed and carried over.
func TestBudgetCarryOver(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c := servertest.Client(t)
	for _, y := range []int{2025, 2026, 2027} {
		budgetExec(t, pool, `INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency, carries_over)
			VALUES ((SELECT id FROM municipality WHERE slug = 'ballerup'), $1, 'SU', 'Stående udvalg', 'committee', 'De stående udvalg', 6500000, 'DKK', true)`, y)
	}
	// trip inserts a trip charged to the committee line of year with one cost row.
	n := 0
	trip := func(year int, status string, planned, actual *int64) {
		n++
		ref := "BAL-" + strconv.Itoa(year) + "-" + strings.Repeat("0", 3) + strconv.Itoa(n)
		budgetExec(t, pool, `
WITH t AS (
  INSERT INTO trip (municipality_id, reference, status, purpose, starts_on, ends_on, budget_line_id, currency, published_at)
  SELECT m.id, $1, $2, 'Studietur ' || $1, make_date($3, 3, 1), make_date($3, 3, 4), bl.id, 'DKK',
         CASE WHEN $2 = 'published' THEN now() END
  FROM municipality m JOIN budget_line bl ON bl.municipality_id = m.id AND bl.fiscal_year = $3 AND bl.code = 'SU'
  WHERE m.slug = 'ballerup' RETURNING id)
INSERT INTO trip_cost (trip_id, position, category, planned_minor, actual_minor)
SELECT id, 1, 'transport', $4, $5 FROM t`, ref, status, year, planned, actual)
	}
	p := func(v int64) *int64 { return &v }
	trip(2025, "published", p(100000), p(100000))
	trip(2026, "published", p(3000000), p(2500000))       // published: 25,000
	trip(2026, "report_submitted", p(1000000), p(900000)) // in review: 9,000
	trip(2026, "completed", p(700000), p(600000))         // report not written: 6,000
	trip(2026, "approved", p(1200000), nil)               // committed: 12,000
	trip(2026, "draft", p(9900000), nil)                  // not counted
	trip(2026, "submitted", p(9900000), nil)              // not counted
	budgetExec(t, pool, `UPDATE trip SET archived_at = now() WHERE reference = 'BAL-2026-0007'`)

	_, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/budget/2026", "en")
	rows, total := budgetRows(t, doc)
	budgetCheckTotals(t, rows, total)
	if len(rows) != 1 {
		t.Fatalf("%d rows in 2026", len(rows))
	}
	got := rows[0].amount
	want := map[string]int64{
		// 2025's unspent 64,000 does not cross into the new election period.
		"allocated": 6500000, "carried": 0, "available": 6500000,
		"spent_published": 2500000, "spent_unpublished": 1500000, "spent": 4000000,
		"remaining": 2500000, "committed": 1200000,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("2026 %s = %d, want %d", k, got[k], v)
		}
	}
	// Only the published trip is listed, under its line.
	refs := doc.Find("#line-SU table tbody .trip-ref")
	if refs.Length() != 1 || refs.Text() != "BAL-2026-0002" {
		t.Errorf("listed trips %q", refs.Text())
	}
	for _, hidden := range []string{"BAL-2026-0003", "BAL-2026-0004", "BAL-2026-0005", "BAL-2026-0006"} {
		if strings.Contains(doc.Text(), hidden) {
			t.Errorf("unpublished trip %s is shown", hidden)
		}
	}
	if href, _ := doc.Find("table.budget-table tbody td").Eq(3).Find("a").Attr("href"); href != "#line-SU" {
		t.Errorf("published spending links to %q", href)
	}

	// DKK 65,000 with DKK 40,000 spent in 2026 → DKK 90,000 available in 2027.
	_, doc = servertest.Get(t, c, srv.URL+"/m/ballerup/budget/2027", "en")
	rows, total = budgetRows(t, doc)
	budgetCheckTotals(t, rows, total)
	if got := rows[0].amount; got["carried"] != 2500000 || got["available"] != 9000000 {
		t.Errorf("2027: %v", got)
	}

	// Overspending shows as a negative remainder, said in words.
	budgetExec(t, pool, `UPDATE trip_cost SET actual_minor = 9000000 WHERE trip_id = (SELECT id FROM trip WHERE reference = 'BAL-2026-0002')`)
	_, doc = servertest.Get(t, c, srv.URL+"/m/ballerup/budget/2026", "en")
	rows, total = budgetRows(t, doc)
	budgetCheckTotals(t, rows, total)
	if rows[0].amount["remaining"] != 6500000-10500000 {
		t.Errorf("overspent remaining %d", rows[0].amount["remaining"])
	}
	if got := doc.Find("table.budget-table tbody td.overspent .overspent__label").Text(); got != "overspent" {
		t.Errorf("overspent label %q", got)
	}
	_, doc = servertest.Get(t, c, srv.URL+"/m/ballerup/budget/2027", "en")
	if rows, _ := budgetRows(t, doc); rows[0].amount["carried"] != 0 {
		t.Errorf("an overspent year carried %d", rows[0].amount["carried"])
	}
}

// TestBudgetWithoutElectionPeriods: Berlin's country has none stored, so carry-over
// is not guessed.
func TestBudgetWithoutElectionPeriods(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c := servertest.Client(t)
	// A country whose periods are not stored: carry-over cannot be computed.
	budgetExec(t, pool, `DELETE FROM election_period WHERE country = 'DE'`)
	for _, y := range []int{2025, 2026} {
		budgetExec(t, pool, `INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency, carries_over)
			VALUES ((SELECT id FROM municipality WHERE slug = 'berlin'), $1, 'A1', 'Ausschussreisen', 'committee', 'Hauptausschuss', 1000000, 'EUR', true)`, y)
	}
	_, doc := servertest.Get(t, c, srv.URL+"/m/berlin/budget/2026", "en")
	if got := doc.Find(".notice--warning").Text(); !strings.Contains(got, "Carry-over could not be computed") || !strings.Contains(got, "Germany") {
		t.Errorf("notice %q", got)
	}
	if got := doc.Find("table.budget-table tbody td").Eq(1).Text(); !strings.Contains(got, "not computed") {
		t.Errorf("carried cell %q", got)
	}
	// The first year has nothing to carry from: no notice needed for the cell.
	_, doc = servertest.Get(t, c, srv.URL+"/m/berlin/budget/2025", "en")
	if got := doc.Find("table.budget-table tbody td").Eq(1).Text(); got != "0.00" {
		t.Errorf("first year carried cell %q", got)
	}
}

// budgetLoadDemo fills the database with demo data at the tests' clock.
func budgetLoadDemo(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	if _, err := demo.Load(context.Background(), pool, demo.Options{Trips: 400, Seed: 7, Now: servertest.Now}); err != nil {
		t.Fatal(err)
	}
}

// TestBudgetDemoSpending checks every line of every demo year against an
// independent SQL sum of the charged trips.
func TestBudgetDemoSpending(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	budgetLoadDemo(t, pool)
	c := servertest.Client(t)
	ctx := context.Background()

	rows, err := pool.Query(ctx, `SELECT DISTINCT m.slug, bl.fiscal_year FROM budget_line bl JOIN municipality m ON m.id = bl.municipality_id
		WHERE bl.archived_at IS NULL AND bl.is_demo ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	type page struct {
		slug string
		year int
	}
	var pages []page
	for rows.Next() {
		var p page
		if err := rows.Scan(&p.slug, &p.year); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(pages) < 5 {
		t.Fatalf("demo data has budgets for only %d municipality-years", len(pages))
	}
	var spentSomewhere bool
	for _, p := range pages {
		res, doc := servertest.Get(t, c, srv.URL+"/m/"+p.slug+"/budget/"+strconv.Itoa(p.year), "en")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s %d: status %d", p.slug, p.year, res.StatusCode)
		}
		lines, total := budgetRows(t, doc)
		budgetCheckTotals(t, lines, total)
		if doc.Find(".notice--demo").Length() != 1 {
			t.Errorf("%s %d: demo notice shown %d times", p.slug, p.year, doc.Find(".notice--demo").Length())
		}
		for _, l := range lines {
			var spent, published, committed int64
			err := pool.QueryRow(ctx, `
SELECT coalesce(sum(f.actual_minor) FILTER (WHERE t.status IN ('completed', 'report_submitted', 'report_returned', 'report_approved', 'published')), 0),
       coalesce(sum(f.actual_minor) FILTER (WHERE t.status = 'published'), 0),
       coalesce(sum(f.planned_minor) FILTER (WHERE t.status = 'approved'), 0)
FROM trip t JOIN trip_figures f ON f.trip_id = t.id
JOIN budget_line bl ON bl.id = t.budget_line_id
JOIN municipality m ON m.id = bl.municipality_id
WHERE m.slug = $1 AND bl.fiscal_year = $2 AND bl.code = $3 AND t.archived_at IS NULL`, p.slug, p.year, l.code).
				Scan(&spent, &published, &committed)
			if err != nil {
				t.Fatal(err)
			}
			if l.amount["spent"] != spent || l.amount["spent_published"] != published || l.amount["committed"] != committed {
				t.Errorf("%s %d %s: page spent %d (published %d, committed %d), SQL %d (%d, %d)", p.slug, p.year, l.code,
					l.amount["spent"], l.amount["spent_published"], l.amount["committed"], spent, published, committed)
			}
			spentSomewhere = spentSomewhere || spent > 0
			// The list of published trips adds up to the published spending; a line
			// with more trips than the page lists links to the register filtered by
			// the line, whose total is the published spending.
			var listed int64
			doc.Find("#line-" + l.code + " table tbody tr").Each(func(_ int, tr *goquery.Selection) {
				listed += budgetAmount(t, tr.Find("td.num:not(.budget-co2e)").Text())
			})
			if all := doc.Find("#line-" + l.code + ` a[href*="line="]`); all.Length() > 0 {
				if n := doc.Find("#line-" + l.code + " table tbody tr").Length(); n != budget.TripsShown {
					t.Errorf("%s %d %s: %d trips listed with a link to all, want %d", p.slug, p.year, l.code, n, budget.TripsShown)
				}
				_, reg := servertest.Get(t, c, srv.URL+all.AttrOr("href", ""), "en")
				listed = budgetAmount(t, reg.Find("#result-count").Text())
			}
			if listed != l.amount["spent_published"] {
				t.Errorf("%s %d %s: listed trips sum to %d, published spending %d", p.slug, p.year, l.code, listed, l.amount["spent_published"])
			}
		}
		// No reference of an unpublished trip appears on the page.
		refs, err := pool.Query(ctx, `SELECT t.reference FROM trip t JOIN municipality m ON m.id = t.municipality_id
			WHERE m.slug = $1 AND t.status <> 'published' AND t.reference IS NOT NULL`, p.slug)
		if err != nil {
			t.Fatal(err)
		}
		text := doc.Text()
		for refs.Next() {
			var ref string
			if err := refs.Scan(&ref); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(text, ref) {
				t.Errorf("%s %d shows unpublished trip %s", p.slug, p.year, ref)
			}
		}
		refs.Close()
	}
	if !spentSomewhere {
		t.Error("no demo budget line has any spending: the test proves nothing")
	}
}

// budgetEURCentsSQL is the independent computation of a municipality's published travel
// costs of a year in euro cents, in SQL numeric arithmetic.
const budgetEURCentsSQL = `
SELECT count(t.id), coalesce(sum(f.actual_minor), 0)::bigint,
       round(coalesce(sum(f.actual_minor), 0)::numeric / 10 ^ c.minor_units * r.rate * 100)::bigint,
       round(coalesce(sum(f.actual_minor), 0)::numeric / 10 ^ c.minor_units * r.rate * 100 * 1000 / m.population)::bigint
FROM municipality m JOIN currency c ON c.code = m.currency
CROSS JOIN LATERAL (
  SELECT CASE WHEN m.currency = 'EUR' THEN 1::numeric ELSE
    (SELECT eur_per_unit FROM exchange_rate x WHERE x.currency = m.currency AND x.year <= $2 ORDER BY x.year DESC LIMIT 1) END AS rate) r
LEFT JOIN trip t ON t.municipality_id = m.id AND t.status = 'published' AND t.archived_at IS NULL
     AND extract(year FROM t.starts_on) = $2
LEFT JOIN trip_figures f ON f.trip_id = t.id
WHERE m.slug = $1
GROUP BY m.id, c.minor_units, r.rate`

func TestCompareSeeded(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)
	res, doc := servertest.Get(t, c, srv.URL+"/compare", "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	// Without published trips the default is the current year.
	if v, _ := doc.Find("#compare-year option[selected]").Attr("value"); v != "2026" {
		t.Errorf("default year %q", v)
	}
	heads := doc.Find("table.compare-table thead th a")
	if heads.Length() != 5 {
		t.Fatalf("%d municipalities", heads.Length())
	}
	// 2026 has no rate yet: the 2025 rate is used and named.
	rateRow := doc.Find("table.compare-table tbody tr").Eq(2)
	if got := rateRow.Text(); !strings.Contains(got, "1 DKK = €0.133987") || !strings.Contains(got, "rate of 2025") || !strings.Contains(got, "ECB yearly average reference rate") {
		t.Errorf("rate row %q", got)
	}
	if got := rateRow.Find("details p").First().Text(); !strings.Contains(got, "annual mean") {
		t.Errorf("full source %q", got)
	}
	res, doc = servertest.Get(t, c, srv.URL+"/compare?year=2015", "de")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if got := doc.Find("table.compare-table tbody tr").Eq(2).Text(); !strings.Contains(got, "1 DKK = 0,134072 €") || strings.Contains(got, "Kurs von") {
		t.Errorf("2015 rate row %q", got)
	}
	if canon, _ := doc.Find(`link[rel="canonical"]`).Attr("href"); !strings.HasSuffix(canon, "/compare?year=2015") {
		t.Errorf("canonical %q", canon)
	}
}

func TestCompareDemo(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	budgetLoadDemo(t, pool)
	c := servertest.Client(t)
	ctx := context.Background()

	var latest int
	if err := pool.QueryRow(ctx, `SELECT max(extract(year FROM starts_on))::int FROM trip WHERE status = 'published'`).Scan(&latest); err != nil {
		t.Fatal(err)
	}
	_, doc := servertest.Get(t, c, srv.URL+"/compare", "en")
	if v, _ := doc.Find("#compare-year option[selected]").Attr("value"); v != strconv.Itoa(latest) {
		t.Errorf("default year %q, want latest with published trips %d", v, latest)
	}
	for _, year := range []int{latest, latest - 1, latest - 2} {
		_, doc := servertest.Get(t, c, srv.URL+"/compare?year="+strconv.Itoa(year), "en")
		heads := doc.Find("table.compare-table thead th a")
		if heads.Length() != 5 {
			t.Fatalf("%d: %d municipalities", year, heads.Length())
		}
		if doc.Find(".notice--demo").Length() != 1 {
			t.Errorf("%d: demo notice %d times", year, doc.Find(".notice--demo").Length())
		}
		body := doc.Find("table.compare-table tbody tr")
		heads.Each(func(i int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			slug := strings.TrimPrefix(href, "/m/")
			var trips int
			var own, eur, perThousand int64
			if err := pool.QueryRow(ctx, budgetEURCentsSQL, slug, year).Scan(&trips, &own, &eur, &perThousand); err != nil {
				t.Fatal(err)
			}
			cell := func(row int) string { return body.Eq(row).Find("td").Eq(i).Text() }
			if got := strings.TrimSpace(body.Eq(0).Find("td").Eq(i).Contents().First().Text()); got != strconv.Itoa(trips) && got != budgetGroupThousands(trips) {
				t.Errorf("%d %s: trips %q, want %d", year, slug, got, trips)
			}
			if got := budgetAmount(t, cell(1)); got != own {
				t.Errorf("%d %s: own currency %d, want %d", year, slug, got, own)
			}
			if got := budgetAmount(t, cell(3)); got != eur {
				t.Errorf("%d %s: EUR %d, want %d", year, slug, got, eur)
			}
			if got := budgetAmount(t, cell(5)); got != perThousand {
				t.Errorf("%d %s: per 1,000 residents %d, want %d", year, slug, got, perThousand)
			}
			if !strings.Contains(cell(3), "€") || !strings.Contains(cell(5), "€") {
				t.Errorf("%d %s: euro amounts without €: %q %q", year, slug, cell(3), cell(5))
			}
		})
		// Each municipality's priority shares add up to its spending.
		doc.Find(".compare-share-table").Each(func(_ int, tbl *goquery.Selection) {
			var sum int64
			tbl.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
				sum += budgetAmount(t, tr.Find("td").Eq(1).Text())
			})
			total := budgetAmount(t, tbl.Find("tfoot td").Eq(1).Text())
			// Each row is rounded on its own: allow a unit per row.
			if d := sum - total; d < -int64(tbl.Find("tbody tr").Length()) || d > int64(tbl.Find("tbody tr").Length()) {
				t.Errorf("%d: shares sum to %d, total %d", year, sum, total)
			}
		})
	}
}

// budgetGroupThousands writes n with English thousands separators.
func budgetGroupThousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
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

// TestBudgetCarryOverWithinBerlinsPeriod: Berlin's stored period 2021–2026 lets
// unspent 2022 money reach 2023; the period ends in September 2026, so 2026 money
// does not reach 2027.
func TestBudgetCarryOverWithinBerlinsPeriod(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	for _, y := range []int{2022, 2023, 2026, 2027} {
		budgetExec(t, pool, `INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency, carries_over)
			VALUES ((SELECT id FROM municipality WHERE slug = 'berlin'), $1, 'A1', 'Ausschussreisen', 'committee', 'Hauptausschuss', 1000000, 'EUR', true)`, y)
	}
	c := servertest.Client(t)
	for year, want := range map[int]string{2023: "10,000.00", 2027: "0.00"} {
		_, doc := servertest.Get(t, c, srv.URL+"/m/berlin/budget/"+strconv.Itoa(year), "en")
		if got := strings.TrimSpace(doc.Find("table.budget-table tbody td").Eq(1).Text()); got != want {
			t.Errorf("%d carried in: %q, want %q", year, got, want)
		}
	}
}

// budgetCO2eRE reads a CO2e figure as the English interface writes it.
var budgetCO2eRE = regexp.MustCompile(`^([0-9][0-9,]*(?:\.[0-9])?) (kg|t) CO₂e`)

// budgetCO2eCell splits a CO2e cell into its figure in kg (as shown, rounded) and its
// note; ok is false when the cell shows no figure.
func budgetCO2eCell(t *testing.T, td *goquery.Selection) (kg float64, note string, ok bool) {
	t.Helper()
	note = strings.TrimSpace(td.Find(".budget-note").Text())
	text := strings.TrimSpace(td.Clone().Find(".budget-note").Remove().End().Text())
	m := budgetCO2eRE.FindStringSubmatch(text)
	if m == nil {
		return 0, note, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
	if err != nil {
		t.Fatalf("CO2e %q: %v", text, err)
	}
	if m[2] == "t" {
		v *= 1000
	}
	return v, note, true
}

// TestBudgetCO2e charges trips with and without a CO2e estimate to Ballerup's 2026
// lines: each line sums the known estimates of its published trips, says how many
// have none, and the totals row sums the lines.
func TestBudgetCO2e(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	ctx := context.Background()
	for _, code := range []string{"SU", "KB", "OKU", "C1"} {
		budgetExec(t, pool, `INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency, carries_over)
			VALUES ((SELECT id FROM municipality WHERE slug = 'ballerup'), 2026, $1, 'Linje ' || $1, 'committee', 'Udvalget', 6500000, 'DKK', false)`, code)
	}
	malmo := servertest.Destination{City: "Malmö", Country: "SE", Lat: 55.6050, Lon: 13.0038, Mode: "short_haul_flight_rf"}
	// charge inserts a trip to dest charged to line; unknown drops the destination's
	// coordinates, so that its CO2e cannot be estimated.
	charge := func(line, ref, status string, dest servertest.Destination, unknown bool) int64 {
		id := servertest.InsertTrip(t, pool, servertest.Trip{
			Municipality: "ballerup", Reference: ref, Status: status,
			Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC),
			Destinations: []servertest.Destination{dest}, Costs: []servertest.Cost{{Category: "transport", Planned: 100000, Actual: 90000}},
		})
		budgetExec(t, pool, `UPDATE trip SET budget_line_id = (SELECT bl.id FROM budget_line bl JOIN municipality m ON m.id = bl.municipality_id
			WHERE m.slug = 'ballerup' AND bl.fiscal_year = 2026 AND bl.code = $2) WHERE id = $1`, id, line)
		if unknown {
			budgetExec(t, pool, `UPDATE trip_destination SET latitude = NULL, longitude = NULL WHERE trip_id = $1`, id)
		}
		return id
	}
	su1 := charge("SU", "BAL-2026-0101", "published", prague, false)
	su2 := charge("SU", "BAL-2026-0102", "published", malmo, false)
	charge("SU", "BAL-2026-0103", "published", prague, true)
	draft := charge("SU", "", "draft", wuxi, false)
	kb := charge("KB", "BAL-2026-0104", "published", malmo, false)
	charge("OKU", "BAL-2026-0105", "published", prague, true)

	co2e := func(id int64) *float64 {
		var kg *float64
		if err := pool.QueryRow(ctx, `SELECT co2e_kg FROM trip_figures WHERE trip_id = $1`, id).Scan(&kg); err != nil {
			t.Fatal(err)
		}
		return kg
	}
	for _, id := range []int64{su1, su2, kb, draft} {
		if co2e(id) == nil {
			t.Fatalf("trip %d has no CO2e estimate: the fixture proves nothing", id)
		}
	}
	var unknown int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM trip_figures f JOIN trip t ON t.id = f.trip_id
		WHERE t.reference IN ('BAL-2026-0103', 'BAL-2026-0105') AND f.co2e_kg IS NULL`).Scan(&unknown); err != nil || unknown != 2 {
		t.Fatalf("trips without an estimate: %d, %v", unknown, err)
	}
	wantSU := *co2e(su1) + *co2e(su2)
	wantKB := *co2e(kb)
	// The sums stay below a tonne, so the page shows whole kilograms; the draft's
	// long-haul flight would push the line above one.
	if wantSU+wantKB >= 1000 || *co2e(draft) < 1000 {
		t.Fatalf("fixture sums %.1f kg, draft %.1f kg", wantSU+wantKB, *co2e(draft))
	}

	c := servertest.Client(t)
	_, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/budget/2026", "en")
	if got := doc.Find("table.budget-table thead th").Last().Text(); got != "Estimated CO₂e of published trips" {
		t.Errorf("last column header %q", got)
	}
	if n := doc.Find(`table.budget-table thead th[scope="col"]`).Length(); n != 10 {
		t.Errorf("%d column headers, want 10", n)
	}
	lines := map[string]*goquery.Selection{}
	doc.Find("table.budget-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		lines[strings.TrimSpace(tr.Find("th .budget-code").Text())] = tr.Find("td.budget-co2e")
	})
	tests := []struct {
		code  string
		kg    float64
		known bool
		note  string
	}{
		{"SU", wantSU, true, "excl. 1 trip without an estimate"},
		{"KB", wantKB, true, ""},
		{"OKU", 0, false, "1 trip without an estimate"},
		{"C1", 0, true, ""}, // no trips: nothing emitted, a true zero
	}
	var sum float64
	for _, tt := range tests {
		td, ok := lines[tt.code]
		if !ok || td.Length() != 1 {
			t.Fatalf("line %s has no CO2e cell", tt.code)
		}
		kg, note, known := budgetCO2eCell(t, td)
		if known != tt.known || kg != math.Round(tt.kg) || note != tt.note {
			t.Errorf("%s: %v kg (figure shown: %v), note %q; want %v kg (%v), %q", tt.code, kg, known, note, math.Round(tt.kg), tt.known, tt.note)
		}
		if !known && !strings.Contains(td.Text(), "not estimated") {
			t.Errorf("%s: unknown CO2e shown as %q", tt.code, td.Text())
		}
		sum += tt.kg
	}
	kg, note, ok := budgetCO2eCell(t, doc.Find("table.budget-table tfoot td.budget-co2e"))
	if !ok || kg != math.Round(sum) || note != "excl. 2 trips without an estimate" {
		t.Errorf("totals row: %v kg (%v), note %q; want %v kg", kg, ok, note, math.Round(sum))
	}
	// The trips listed under the line show their own figures, the unknown one as such.
	list := doc.Find("#line-SU table tbody tr")
	if list.Length() != 3 {
		t.Fatalf("%d trips listed under SU, want 3", list.Length())
	}
	if got := list.Eq(2).Find("td.budget-co2e").Text(); !strings.Contains(got, "not estimated") {
		t.Errorf("trip without an estimate shows %q", got)
	}
	if kg, note, _ := budgetCO2eCell(t, doc.Find("#line-SU table tfoot td.budget-co2e")); kg != math.Round(wantSU) || note != "excl. 1 trip without an estimate" {
		t.Errorf("SU trip list total %v kg, note %q", kg, note)
	}
	// Every language has the column and the note.
	for _, lang := range []string{"da", "de", "sv"} {
		_, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/budget/2026", lang)
		cat := i18n.MustLoad()
		head, _ := cat.Message(lang, "budget.col.co2e")
		if got := doc.Find("table.budget-table thead th").Last().Text(); got != head {
			t.Errorf("%s: header %q", lang, got)
		}
		one, _ := cat.Message(lang, "budget.co2e_without_one")
		if got := doc.Find("table.budget-table tbody tr").FilterFunction(func(_ int, tr *goquery.Selection) bool {
			return strings.TrimSpace(tr.Find("th .budget-code").Text()) == "SU"
		}).Find(".budget-note").Text(); got != one {
			t.Errorf("%s: SU note %q, want %q", lang, got, one)
		}
	}
}
