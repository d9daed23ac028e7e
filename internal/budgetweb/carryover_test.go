package budgetweb_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBudgetCarryOver charges trips in every lifecycle state to Ballerup's committee
// line and checks what counts as spent, committed and carried over.
func TestBudgetCarryOver(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c := servertest.Client(t)
	withoutRecurringLines(t, pool, "ballerup")
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
