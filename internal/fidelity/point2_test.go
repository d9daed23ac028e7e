package fidelity_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestPoint2BallerupEveryYearFrom2015: the central budget and the study-trip
// fund are adopted "fra og med 2015", so every year from 2015 to the current
// one has its lines; a new year's lines come from the previous year's when
// first needed; an administrator can change one year's amount; and the trip
// form never offers an empty list of budget lines without saying who can fix
// it.
//
// From ballerup-international-strategi-2014.da.txt:
//
//	Det samlede centrale driftsbudget til internationale aktiviteter er pa 522.000 kr. fra
//	og med 2015.
//
//	Ballerup Kommunes studierejsefond har op til 100.000 kr. til r&dighed om 3ret.
//
// (OCR as received; the seeded text reads "… er på 522.000 kr. fra og med
// 2015." and "… til rådighed om året.")
func TestPoint2BallerupEveryYearFrom2015(t *testing.T) {
	t.Parallel()
	clock := servertest.NewClock()
	srv, pool := servertest.NewWith(t, clock)
	anon := visitor(t, srv)
	year := servertest.Now.Year()

	// The page of 2016 (the example) and of every other year from
	// 2015 on shows the adopted lines; 2014 is before the strategy's budget.
	for y := 2015; y <= year; y++ {
		rows, doc := budgetTable(anon, "ballerup", y)
		if got := codes(rows); got != "C1 C2 C3 C4 KB OKU SRF" {
			t.Errorf("%d: lines %q (%q)", y, got, text(doc.Find("main > p")))
			continue
		}
		if got := text(doc.Find("table.budget-table tfoot th + td")); got != "756,000.00" {
			t.Errorf("%d: allocated in all %q, want 756,000.00 (522,000 central, 100,000 fund, 65,000 and 69,000)", y, got)
		}
		if rows["SRF"].allocated != "100,000.00" {
			t.Errorf("%d: study-trip fund %s", y, rows["SRF"].allocated)
		}
	}
	if _, doc := budgetTable(anon, "ballerup", 2016); strings.Contains(text(doc.Find("main")), "No budget lines have been recorded") {
		t.Error("2016 says no budget lines were recorded")
	}
	if rows, _ := budgetTable(anon, "ballerup", 2014); len(rows) != 0 {
		t.Errorf("2014, before the budget was adopted: %s", codes(rows))
	}

	// Staff of a fresh installation can charge a trip this year: the form
	// offers this year's lines. Where no line exists (Berlin records none), the
	// form says who can add one instead of a bare "None".
	balStaff, _ := account(t, srv, pool, "ballerup", access.RoleStaff, "lise@ballerup.example")
	berStaff, _ := account(t, srv, pool, "berlin", access.RoleStaff, "jan@berlin.example")
	offered := func(p *person) ([]string, string) {
		t.Helper()
		doc := p.page("/staff/trips/new")
		var opts []string
		doc.Find("#budget_line option").Each(func(_ int, o *goquery.Selection) {
			if o.AttrOr("value", "") != "" {
				opts = append(opts, text(o))
			}
		})
		return opts, text(doc.Find("#budget_line-hint"))
	}
	if opts, hint := offered(balStaff); len(opts) != 7 || !strings.HasPrefix(opts[0], fmt.Sprintf("%d · C1", year)) || strings.Contains(hint, "No budget line") {
		t.Errorf("Ballerup's trip form offers %q (hint %q)", opts, hint)
	}
	if opts, hint := offered(berStaff); len(opts) != 0 || !strings.Contains(hint, fmt.Sprintf("No budget line is recorded for %d", year)) ||
		!strings.Contains(hint, "An administrator can add one") {
		t.Errorf("Berlin's trip form offers %q with hint %q", opts, hint)
	}

	// The administrator lowers the council's amount for this year only.
	admin, _ := account(t, srv, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	kb := servertest.Scalar[int64](t, pool, `SELECT b.id FROM budget_line b JOIN municipality m ON m.id = b.municipality_id
WHERE m.slug = 'ballerup' AND b.code = 'KB' AND b.fiscal_year = $1`, year)
	edit := fmt.Sprintf("/staff/budget-lines/%d", kb)
	form := servertest.FormValues(admin.page(edit), "main form")
	form.Set("amount", "50000")
	admin.mustPost(edit, form, http.StatusSeeOther)
	if rows, _ := budgetTable(anon, "ballerup", year); rows["KB"].allocated != "50,000.00" || rows["OKU"].allocated != "65,000.00" {
		t.Errorf("%d after the change: KB %s, OKU %s", year, rows["KB"].allocated, rows["OKU"].allocated)
	}

	// The next year begins: staff open the trip form first, and the year's
	// lines are there, at the adopted amounts (the council back at 69,000).
	clock.Advance(time.Date(year+1, 1, 2, 9, 0, 0, 0, time.UTC).Sub(clock.Now()))
	servertest.SignIn(t, balStaff.c, srv.URL, "lise@ballerup.example") // the session of last year has ended
	if opts, _ := offered(balStaff); len(opts) != 7 || !strings.HasPrefix(opts[0], fmt.Sprintf("%d · C1", year+1)) {
		t.Errorf("%d: the trip form offers %q", year+1, opts)
	}
	rows, _ := budgetTable(anon, "ballerup", year+1)
	if codes(rows) != "C1 C2 C3 C4 KB OKU SRF" || rows["KB"].allocated != "69,000.00" || rows["C3"].allocated != "190,000.00" {
		t.Errorf("%d: %s, KB %s", year+1, codes(rows), rows["KB"].allocated)
	}
}
