package budgetweb_test

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/servertest"
)

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

// TestBudgetCO2e charges trips with and without a CO2e estimate to Ballerup's 2026
// lines: each line sums the known estimates of its published trips, says how many
// have none, and the totals row sums the lines.
func TestBudgetCO2e(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	ctx := context.Background()
	withoutRecurringLines(t, pool, "ballerup")
	for _, code := range []string{"SU", "KB", "OKU", "C1"} {
		budgetExec(t, pool, `INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency, carries_over)
			VALUES ((SELECT id FROM municipality WHERE slug = 'ballerup'), 2026, $1, 'Linje ' || $1, 'committee', 'Udvalget', 6500000, 'DKK', false)`, code)
	}
	malmo := servertest.Destination{City: "Malmö", Country: "SE", Lat: 55.6050, Lon: 13.0038, Mode: "short_haul_flight_rf"}
	// charge inserts a trip to dest charged to line; unknown drops the destination's
	// coordinates, so that its CO2e cannot be estimated.
	charge := func(line, ref, status string, dest servertest.Destination, unknown bool) int64 {
		id := servertest.InsertTrip(t, pool, servertest.Trip{
			Municipality: "ballerup", Reference: ref, Status: status, Title: "Studietur " + ref,
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
	// Each is named by its title, in the municipality's language.
	if got := list.Eq(0).Find("td[lang=da]").Text(); got != "Studietur BAL-2026-0101" {
		t.Errorf("first trip under SU named %q, want its title", got)
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
