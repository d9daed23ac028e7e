package budgetweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
)

func lineID(t *testing.T, f fixture, year int, code string) int64 {
	t.Helper()
	return servertest.Scalar[int64](t, f.Pool, `
SELECT b.id FROM budget_line b JOIN municipality m ON m.id = b.municipality_id
WHERE m.slug = 'ballerup' AND b.fiscal_year = $1 AND b.code = $2`, year, code)
}

func TestBudgetLineList(t *testing.T) {
	t.Parallel()
	f := setup(t)
	// A trip charged to C3 that has taken place counts as spent.
	trip := servertest.InsertTrip(t, f.Pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2015-0001", Status: "completed",
		Costs: []servertest.Cost{{Category: "transport", Planned: 400000, Actual: 350000}}})
	if _, err := f.Pool.Exec(t.Context(), `UPDATE trip SET budget_line_id = $1 WHERE id = $2`, lineID(t, f, 2015, "C3"), trip); err != nil {
		t.Fatal(err)
	}
	doc := f.Get(t, "/staff/budget-lines?year=2015", http.StatusOK)
	if n := doc.Find(".admin-budget-table tbody tr").Length(); n != 7 {
		t.Fatalf("%d lines", n)
	}
	c3 := doc.Find(fmt.Sprintf(`.admin-budget-table a[href="/staff/budget-lines/%d"]`, lineID(t, f, 2015, "C3"))).Closest("tr")
	cells := c3.Find("td")
	if got := cells.Eq(2).Text(); got != "DKK\u00a0190,000.00" {
		t.Errorf("allocated %q", got)
	}
	if got := cells.Eq(4).Text(); got != "DKK\u00a03,500.00" {
		t.Errorf("spent %q", got)
	}
	if strings.TrimSpace(doc.Find(".admin-budget-table tfoot td").First().Text()) != "DKK\u00a0756,000.00" {
		t.Errorf("total allocated %q", doc.Find(".admin-budget-table tfoot td").First().Text())
	}
	// This year (the test clock's) has the recurring lines of the years before.
	doc = f.Get(t, "/staff/budget-lines", http.StatusOK)
	if !strings.Contains(doc.Find("h1").Text(), "2026") || doc.Find(".admin-budget-table tbody tr").Length() != 7 {
		t.Error("the default year is not the current one")
	}
	// A year whose lines are not there yet offers to copy the year before's.
	if _, err := f.Pool.Exec(t.Context(), `DELETE FROM budget_line WHERE fiscal_year = 2027`); err != nil {
		t.Fatal(err)
	}
	doc = f.Get(t, "/staff/budget-lines?year=2027", http.StatusOK)
	if !strings.Contains(doc.Find(`form[action="/staff/budget-lines/copy"] button`).Text(), "Copy 7 lines of 2026 to 2027") {
		t.Errorf("copy button %q", doc.Find(`form[action="/staff/budget-lines/copy"] button`).Text())
	}
	for _, bad := range []string{"abc", "15", "3000", "2015.5"} {
		res, page := servertest.Get(t, f.Client, f.Srv.URL+"/staff/budget-lines?year="+bad, "en")
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(page.Find("main").Text(), "four digits") {
			t.Errorf("year %q: %d", bad, res.StatusCode)
		}
	}
}

// TestBudgetLineMoney types the same amount the way each interface language
// writes it; each is stored exactly, in øre.
func TestBudgetLineMoney(t *testing.T) {
	t.Parallel()
	f := setup(t)
	cases := []struct {
		lang, amount string
		want         int64
	}{
		{"en", "1,234,567.89", 123456789},
		{"de", "1.234.567,89", 123456789},
		{"sv", "1 234 567,89", 123456789},
		{"sv", "1\u00a0234\u00a0567,89 kr", 123456789},
		{"da", "1.234.567,89 kr.", 123456789},
		{"da", "65.000", 6500000},
		{"de", "65.000", 6500000},
		{"en", "65,000", 6500000},
		{"en", "0.05", 5},
		{"da", "0,05", 5},
		{"en", "9,007,199,254,740,993.01", 900719925474099301},
	}
	for i, tc := range cases {
		t.Run(tc.lang+" "+tc.amount, func(t *testing.T) {
			f.Get(t, "/staff/budget-lines/new?year=2030&lang="+tc.lang, http.StatusOK)
			code := fmt.Sprintf("M%d", i)
			f.MustPost(t, "/staff/budget-lines", url.Values{
				"fiscal_year": {"2030"}, "code": {code}, "name": {"Test"}, "owner_kind": {"fund"}, "owner_name": {"Fond"}, "amount": {tc.amount},
			}, http.StatusSeeOther)
			id := lineID(t, f, 2030, code)
			if got := servertest.Scalar[int64](t, f.Pool, `SELECT amount_minor FROM budget_line WHERE id = $1`, id); got != tc.want {
				t.Errorf("stored %d, want %d", got, tc.want)
			}
			changes, _ := servertest.AuditChanges(t, f.Pool, "budget_line", id, "create")
			if got := fmt.Sprint(changes["amount_minor"]["new"]); got != fmt.Sprint(float64(tc.want)) {
				t.Errorf("logged %s", got)
			}
			// The form shows it back the way the language writes it, and that reads back the same.
			doc := f.Get(t, fmt.Sprintf("/staff/budget-lines/%d", id), http.StatusOK)
			form := servertest.FormValues(doc, "main form.admin-form")
			f.MustPost(t, fmt.Sprintf("/staff/budget-lines/%d", id), form, http.StatusSeeOther)
			if got := servertest.Scalar[int64](t, f.Pool, `SELECT amount_minor FROM budget_line WHERE id = $1`, id); got != tc.want {
				t.Errorf("after saving the form again: %d (%q)", got, form.Get("amount"))
			}
		})
	}
	f.Get(t, "/staff?lang=en", http.StatusOK)
	for _, tc := range []struct{ amount, key string }{
		{"1.234", "thousands or decimals"},
		{"12.345", "thousands or decimals"},
		{"€100", "in DKK"},
		{"-5", "zero or more"},
		{"1.5.0", "as a number"},
		{"", "Enter an amount"},
	} {
		res, page := f.Post(t, "/staff/budget-lines", url.Values{
			"fiscal_year": {"2030"}, "code": {"BAD"}, "name": {"Test"}, "owner_kind": {"fund"}, "owner_name": {"Fond"}, "amount": {tc.amount},
		})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page.Find("#amount-error").Text(), tc.key) ||
			page.Find("#amount").AttrOr("value", "") != tc.amount {
			t.Errorf("%q: %d %q", tc.amount, res.StatusCode, page.Find("#amount-error").Text())
		}
	}
}

func TestBudgetLineEdit(t *testing.T) {
	t.Parallel()
	f := setup(t)

	t.Run("mistakes come back with the input kept", func(t *testing.T) {
		form := url.Values{
			"fiscal_year": {"20x6"}, "code": {"kb 2"}, "name": {""}, "owner_kind": {"mayor"}, "owner_name": {" "},
			"amount": {"12,50,0"}, "carries_over": {"yes"}, "note": {"Overførselsadgang i valgperioden."}, "source": {"budget.pdf"},
		}
		res, page := f.Post(t, "/staff/budget-lines", form)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", res.StatusCode)
		}
		for _, field := range []string{"fiscal_year", "code", "name", "owner_kind", "owner_name", "amount"} {
			if page.Find("#"+field+"-error").Length() != 1 || page.Find(`.error-summary a[href="#`+field+`"]`).Length() != 1 {
				t.Errorf("no error for %s", field)
			}
		}
		if page.Find("#fiscal_year").AttrOr("value", "") != "20x6" || page.Find("#code").AttrOr("value", "") != "kb 2" ||
			page.Find("#amount").AttrOr("value", "") != "12,50,0" || page.Find("#carries_over[checked]").Length() != 1 ||
			page.Find("#note").Text() != "Overførselsadgang i valgperioden." || page.Find("#source").AttrOr("value", "") != "budget.pdf" {
			t.Error("input not kept")
		}
		res, page = f.Post(t, "/staff/budget-lines", url.Values{
			"fiscal_year": {"2015"}, "code": {"C1"}, "name": {"X"}, "owner_kind": {"fund"}, "owner_name": {"X"}, "amount": {"1"},
		})
		if res.StatusCode != http.StatusUnprocessableEntity || page.Find("#code-error").Length() != 1 {
			t.Errorf("a taken code: %d", res.StatusCode)
		}
	})

	// Two administrators open KB; the second save meets a conflict.
	id := lineID(t, f, 2015, "KB")
	edit := fmt.Sprintf("/staff/budget-lines/%d", id)
	doc := f.Get(t, edit, http.StatusOK)
	first := servertest.FormValues(doc, "main form.admin-form")
	second := servertest.FormValues(doc, "main form.admin-form")
	if first.Get("amount") != "69,000.00" || first.Get("carries_over") != "yes" || first.Get("version") != "1" {
		t.Fatalf("form %v", first)
	}
	first.Set("amount", "70,500.50")
	first.Del("carries_over")
	f.MustPost(t, edit, first, http.StatusSeeOther)
	changes, actor := servertest.AuditChanges(t, f.Pool, "budget_line", id, "update")
	if actor != f.ID || len(changes) != 2 || changes["amount_minor"]["old"] != float64(6900000) || changes["amount_minor"]["new"] != float64(7050050) ||
		changes["carries_over"]["old"] != true || changes["carries_over"]["new"] != false {
		t.Errorf("update changes %v", changes)
	}
	second.Set("name", "Kommunalbestyrelsens rejser")
	res, page := f.Post(t, edit, second)
	if res.StatusCode != http.StatusConflict || page.Find(".conflict").Length() != 1 || page.Find(`input[name="version"]`).AttrOr("value", "") != "2" ||
		page.Find("#name").AttrOr("value", "") != "Kommunalbestyrelsens rejser" {
		t.Fatalf("stale save: %d", res.StatusCode)
	}
	if !strings.Contains(page.Find(".conflict").Text(), "70,500.50") {
		t.Error("the conflict does not show the current amount")
	}
	if got := servertest.Scalar[string](t, f.Pool, `SELECT name || '|' || amount_minor || '|' || carries_over || '|' || version FROM budget_line WHERE id = $1`, id); got != "Kommunalbestyrelsen: kurser, konferencer og studieture|7050050|false|2" {
		t.Errorf("after the conflict: %s", got)
	}

	// Archive and restore, each logged; the line leaves and rejoins the year's budget.
	f.MustPost(t, edit+"/archive", url.Values{}, http.StatusSeeOther)
	doc = f.Get(t, "/staff/budget-lines?year=2015", http.StatusOK)
	if doc.Find(".admin-budget-table tbody tr").Length() != 6 || doc.Find("#archived").Length() != 1 {
		t.Error("the archived line is still in the budget")
	}
	f.MustPost(t, edit+"/restore", url.Values{}, http.StatusSeeOther)
	if n := servertest.Scalar[int](t, f.Pool, `SELECT count(*) FROM audit_log WHERE entity = 'budget_line' AND entity_id = $1`, id); n != 3 {
		t.Errorf("%d entries", n)
	}
	doc = f.Get(t, edit, http.StatusOK)
	if doc.Find(".history .audit-entry").Length() != 3 || doc.Find(`input[name="version"]`).AttrOr("value", "") != "4" {
		t.Error("the history or version is off")
	}
}

func TestBudgetLineCopy(t *testing.T) {
	t.Parallel()
	f := setup(t)
	withoutRecurringLines(t, f.Pool, "ballerup")
	// 2016 already has a C1 of its own; an archived 2015 line is not copied.
	f.MustPost(t, "/staff/budget-lines", url.Values{
		"fiscal_year": {"2016"}, "code": {"C1"}, "name": {"Egen linje"}, "owner_kind": {"central"}, "owner_name": {"Centralt"}, "amount": {"1000"},
	}, http.StatusSeeOther)
	f.MustPost(t, fmt.Sprintf("/staff/budget-lines/%d/archive", lineID(t, f, 2015, "C4")), url.Values{}, http.StatusSeeOther)

	f.MustPost(t, "/staff/budget-lines/copy", url.Values{"year": {"2016"}}, http.StatusSeeOther)
	rows, err := f.Pool.Query(t.Context(), `
SELECT b.code, b.name, b.amount_minor, b.carries_over FROM budget_line b JOIN municipality m ON m.id = b.municipality_id
WHERE m.slug = 'ballerup' AND b.fiscal_year = 2016 ORDER BY b.code`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var code, name string
		var amount int64
		var carries bool
		if err := rows.Scan(&code, &name, &amount, &carries); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %d %v", code, amount, carries))
		if code == "C1" && name != "Egen linje" {
			t.Error("an existing code was overwritten")
		}
	}
	want := "C1 100000 false|C2 15900000 false|C3 19000000 false|KB 6900000 true|OKU 6500000 true|SRF 10000000 false"
	if strings.Join(got, "|") != want {
		t.Errorf("2016:\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
	if n := servertest.Scalar[int](t, f.Pool, `
SELECT count(*) FROM audit_log l JOIN budget_line b ON b.id = l.entity_id
WHERE l.entity = 'budget_line' AND l.action = 'create' AND b.fiscal_year = 2016 AND l.changes->'fiscal_year'->>'new' = '2016'
  AND l.changes->'amount_minor'->'new' IS NOT NULL`); n != 6 {
		t.Errorf("%d create entries for 2016", n)
	}
	// Copying again copies nothing.
	f.MustPost(t, "/staff/budget-lines/copy", url.Values{"year": {"2016"}}, http.StatusSeeOther)
	doc := f.Get(t, "/staff/budget-lines?year=2016", http.StatusOK)
	if !strings.Contains(doc.Find(".notice--success").Text(), "Nothing was copied") || doc.Find(`form[action="/staff/budget-lines/copy"]`).Length() != 0 {
		t.Errorf("second copy: %q", doc.Find(".notice--success").Text())
	}
}
