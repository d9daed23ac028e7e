package bodyweb_test

// Seed fidelity of the bodies and of Ballerup's budget as the strategy adopts it
// (Ballerup Kommunes Internationale Strategi, "Tilskud og finansiering").

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/servertest"
)

// budgetLines reads the public budget table: code → allocated and carried-in
// amounts as shown (e.g. "65,000.00"), and whether the line says it carries over.
type line struct {
	allocated, carried string
	carries            bool
}

func budgetLines(t *testing.T, c *http.Client, base, slug string, year int) (map[string]line, *goquery.Document) {
	t.Helper()
	res, doc := servertest.Get(t, c, fmt.Sprintf("%s/m/%s/budget/%d", base, slug, year), "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("budget %d: %d", year, res.StatusCode)
	}
	out := map[string]line{}
	doc.Find("table.budget-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		cells := tr.Find("td:not(.budget-co2e)")
		out[strings.TrimSpace(tr.Find("th .budget-code").Text())] = line{
			allocated: strings.TrimSpace(cells.Eq(0).Text()), carried: strings.TrimSpace(cells.Eq(1).Text()),
			carries: tr.Find("th .budget-carries").Length() == 1}
	})
	return out, doc
}

func codes(lines map[string]line) string {
	var out []string
	for _, c := range []string{"C1", "C2", "C3", "C4", "SRF", "OKU", "KB"} {
		if _, ok := lines[c]; ok {
			out = append(out, c)
		}
	}
	return strings.Join(out, " ")
}

// TestBodiesNamedByTheDocuments: each municipality's bodies are those its
// document names; Berlin's page names none.
//
// Stuttgart: "die Abteilung Außenbeziehungen nimmt im Geschäftsbereich des
// Oberbürgermeisters eine koordinierende, vernetzende und gestaltende Funktion
// ein." Göteborg: "Stadsledningskontoret ansvarar för vänortsmötet när Göteborgs
// Stad har värdskapet." Ballerup: "De stående udvalg og Økonomiudvalget har hver
// 65.000 kr. […] Kommunalbestyrelsen har et budget på 69.000 kr. pr. år".
func TestBodiesNamedByTheDocuments(t *testing.T) {
	t.Parallel()
	for slug, want := range map[string][]string{
		"ballerup":  {"Kommunalbestyrelsen", "Økonomiudvalget"},
		"goteborg":  {"Kommunfullmäktige", "Kommunfullmäktiges presidium", "Stadsledningskontoret"},
		"stuttgart": {"Gemeinderat", "Abteilung Außenbeziehungen"},
		"vasteras":  {"Stadtverordnetenversammlung"},
		"berlin":    nil,
	} {
		a := servertest.NewAdmin(t, slug)
		doc := a.Get(t, "/staff/bodies", http.StatusOK)
		var names []string
		doc.Find("table tbody th a").Each(func(_ int, s *goquery.Selection) { names = append(names, s.Text()) })
		for _, n := range want {
			if !strings.Contains(strings.Join(names, "|"), n) {
				t.Errorf("%s: %q missing from %v", slug, n, names)
			}
		}
		if slug == "ballerup" && len(names) != 2 {
			t.Errorf("ballerup: %v (the strategy names no standing committee)", names)
		}
		if want == nil && (len(names) != 0 || !strings.Contains(doc.Find("main").Text(), "No body is recorded yet")) {
			t.Errorf("%s: %v", slug, names)
		}
	}
}

// TestBallerupBudgetAsAdopted: the current year's budget shows the four central
// lines, the study-trip fund, Økonomiudvalget, the council and one line per
// recorded standing committee, each with its own carry-over; every year from
// 2015 has its lines; an amount changed for one year does not change the next.
//
// "Det samlede centrale driftsbudget til internationale aktiviteter er på
// 522.000 kr. fra og med 2015." "Ballerup Kommunes studierejsefond har op til
// 100.000 kr. til rådighed om året." "De stående udvalg og Økonomiudvalget har
// hver 65.000 kr. til deres rådighed til kurser, konferencer og studieture om
// året. Kommunalbestyrelsen har et budget på 69.000 kr. pr. år til kurser,
// konferencer og studieture. For begge gælder, at der er overførselsadgang
// mellem årene i valgperioden."
func TestBallerupBudgetAsAdopted(t *testing.T) {
	t.Parallel()
	a := servertest.NewAdmin(t, "ballerup")
	ctx := context.Background()
	year := servertest.Now.Year()
	anon := servertest.Client(t)

	// Every year from 2015 has its lines.
	if lines, _ := budgetLines(t, anon, a.Srv.URL, "ballerup", 2016); codes(lines) != "C1 C2 C3 C4 SRF OKU KB" {
		t.Errorf("2016: %v", lines)
	}
	lines, doc := budgetLines(t, anon, a.Srv.URL, "ballerup", year)
	if codes(lines) != "C1 C2 C3 C4 SRF OKU KB" || len(lines) != 7 {
		t.Fatalf("%d before any standing committee: %v", year, lines)
	}
	if lines["OKU"].allocated != "65,000.00" || lines["KB"].allocated != "69,000.00" || lines["SRF"].allocated != "100,000.00" || !lines["OKU"].carries || !lines["KB"].carries {
		t.Errorf("adopted amounts: %v", lines)
	}
	// No standing committee is named by the strategy: the page says so.
	if got := doc.Find(".budget-allocation").Text(); !strings.Contains(got, "Standing committee") || !strings.Contains(got, "De stående udvalg og Økonomiudvalget har hver 65.000 kr.") {
		t.Errorf("allocation notice %q", got)
	}

	// A form with a mistake keeps what was typed.
	res, page := a.Post(t, "/staff/bodies", url.Values{"kind": {"standing_committee"}, "name": {"Børne- og Skoleudvalget"}, "language": {"Danish"}})
	if res.StatusCode != http.StatusUnprocessableEntity || page.Find("#name").AttrOr("value", "") != "Børne- og Skoleudvalget" || page.Find("#language-error").Length() != 1 {
		t.Fatalf("invalid body: %d", res.StatusCode)
	}
	// The administrator records two standing committees: each gets its own line.
	ids := map[string]int64{}
	for _, name := range []string{"Børne- og Skoleudvalget", "Kultur- og Fritidsudvalget"} {
		a.MustPost(t, "/staff/bodies", url.Values{"kind": {"standing_committee"}, "name": {name}, "language": {"da"}}, http.StatusSeeOther)
		ids[name] = servertest.Scalar[int64](t, a.Pool, `SELECT id FROM body WHERE name = $1`, name)
	}
	a.MustPost(t, "/staff/bodies", url.Values{"kind": {"department"}, "name": {"Center for Skole"}, "language": {"da"}}, http.StatusSeeOther)
	bsu := fmt.Sprintf("SU-%d", ids["Børne- og Skoleudvalget"])
	kfu := fmt.Sprintf("SU-%d", ids["Kultur- og Fritidsudvalget"])
	lines, doc = budgetLines(t, anon, a.Srv.URL, "ballerup", year)
	if len(lines) != 9 || lines[bsu].allocated != "65,000.00" || lines[kfu].allocated != "65,000.00" || !lines[bsu].carries || !lines[kfu].carries {
		t.Fatalf("after recording two committees: %v", lines)
	}
	if doc.Find(".budget-allocation").Length() != 0 {
		t.Error("the page still says no standing committee is recorded")
	}
	row := doc.Find("table.budget-table tbody tr").FilterFunction(func(_ int, tr *goquery.Selection) bool {
		return strings.TrimSpace(tr.Find("th .budget-code").Text()) == bsu
	})
	if got := row.Find("th").Text(); !strings.Contains(got, "Børne- og Skoleudvalget") {
		t.Errorf("the committee's line does not name it: %q", got)
	}

	// One committee spends 20,000 this year; the other nothing.
	servertest.InsertTrip(t, a.Pool, servertest.Trip{Municipality: "ballerup", Reference: fmt.Sprintf("BAL-%d-0001", year), Status: "published",
		Start: servertest.Now.AddDate(0, -2, 0), BudgetLine: bsu, Programme: []string{"Skolebesøg"},
		Costs: []servertest.Cost{{Category: "transport", Planned: 2000000, Actual: 2000000}}})
	// The administrator changes the council's amount for this year only.
	kb := servertest.Scalar[int64](t, a.Pool, `SELECT id FROM budget_line WHERE code = 'KB' AND fiscal_year = $1`, year)
	edit := fmt.Sprintf("/staff/budget-lines/%d", kb)
	form := servertest.FormValues(a.Get(t, edit, http.StatusOK), "main form")
	form.Set("amount", "50000")
	a.MustPost(t, edit, form, http.StatusSeeOther)

	// The next year begins: its lines come from this year's (budget.EnsureYear,
	// as the first page that needs them calls it).
	mid := servertest.Scalar[int64](t, a.Pool, `SELECT id FROM municipality WHERE slug = 'ballerup'`)
	n, err := budget.NewStore(a.Pool).EnsureYear(ctx, mid, year+1)
	if err != nil || n != 9 {
		t.Fatalf("next year's lines: %d %v", n, err)
	}
	// Again (every public budget page calls it): nothing is written, not even an
	// identity value taken.
	seq := `SELECT last_value FROM pg_sequences WHERE sequencename = 'budget_line_id_seq'`
	before := servertest.Scalar[int64](t, a.Pool, seq)
	if n, err := budget.NewStore(a.Pool).EnsureYear(ctx, mid, year+1); err != nil || n != 0 {
		t.Errorf("again: %d %v", n, err)
	}
	if after := servertest.Scalar[int64](t, a.Pool, seq); after != before {
		t.Errorf("calling it again took identity values %d → %d", before, after)
	}
	next, _ := budgetLines(t, anon, a.Srv.URL, "ballerup", year+1)
	// Each committee carries its own remainder within the election period.
	if next[bsu].carried != "45,000.00" || next[kfu].carried != "65,000.00" || next["OKU"].carried != "65,000.00" {
		t.Errorf("carried into %d: %s %s OKU %s", year+1, next[bsu].carried, next[kfu].carried, next["OKU"].carried)
	}
	// The council's line is back at the adopted 69,000, carrying this year's 50,000.
	if next["KB"].allocated != "69,000.00" || next["KB"].carried != "50,000.00" || next["C1"].carried != "0.00" {
		t.Errorf("council in %d: %+v, C1 %+v", year+1, next["KB"], next["C1"])
	}
}

// TestPoliticiansBelongToBodies: the administrator ticks who belongs to a body;
// only the municipality's politicians are offered.
func TestPoliticiansBelongToBodies(t *testing.T) {
	t.Parallel()
	a := servertest.NewAdmin(t, "ballerup")
	pol := servertest.CreateAccount(t, a.Pool, "ballerup", access.RolePolitician, "anne@ballerup.example")
	servertest.CreateAccount(t, a.Pool, "ballerup", access.RoleStaff, "sune@ballerup.example")
	oku := servertest.Scalar[int64](t, a.Pool, `SELECT id FROM body WHERE name = 'Økonomiudvalget'`)
	page := fmt.Sprintf("/staff/bodies/%d", oku)
	doc := a.Get(t, page, http.StatusOK)
	boxes := doc.Find(`input[name="member"]`)
	if boxes.Length() != 1 || boxes.AttrOr("value", "") != strconv.FormatInt(pol, 10) {
		t.Fatalf("offered: %d", boxes.Length())
	}
	a.MustPost(t, page+"/members", url.Values{"member": {strconv.FormatInt(pol, 10)}}, http.StatusSeeOther)
	doc = a.Get(t, page, http.StatusOK)
	if _, checked := doc.Find(`input[name="member"]`).Attr("checked"); !checked {
		t.Error("the member is not ticked")
	}
	if n := servertest.Scalar[int](t, a.Pool, `SELECT count(*) FROM body_member WHERE body_id = $1 AND account_id = $2`, oku, pol); n != 1 {
		t.Errorf("%d memberships", n)
	}
	if n := servertest.Scalar[int](t, a.Pool, `SELECT count(*) FROM audit_log WHERE entity = 'body' AND entity_id = $1`, oku); n != 1 {
		t.Errorf("%d audit entries", n)
	}
	// Renaming the body renames the line it holds.
	form := servertest.FormValues(doc, `form[action="`+page+`"]`)
	form.Set("name", "Økonomiudvalget (ØU)")
	a.MustPost(t, page, form, http.StatusSeeOther)
	if got := servertest.Scalar[string](t, a.Pool, `SELECT owner_name FROM budget_line WHERE code = 'OKU' AND fiscal_year = 2015`); got != "Økonomiudvalget (ØU)" {
		t.Errorf("holder %q", got)
	}
}
