package fidelity_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestPoint1BallerupEachStandingCommitteeHasItsOwnLine: Økonomiudvalget and
// each standing committee an administrator records have a line of 65,000 kr.
// of their own, the council one of 69,000 kr., each carrying its own remainder
// over within the election period; no shared "SU (hvert udvalg)" line and no
// total the strategy never states. This is also the "done when": the
// budget page of the current year shows the four central lines, the
// study-trip fund, Økonomiudvalget, the council and one line per recorded
// standing committee, each with its own carry-over.
//
// From ballerup-international-strategi-2014.da.txt:
//
//	De stdende udvalg og @konomiudvalget har hver 65.000 kr. til deres radighed til
//	kurser, konferencer og studieture om aret. Kommunalbestyrelsen har et budget pa
//	 69.000 kr. pr. ar til kurser, konferencer og studieture. For begge gzelder, at der er
//	overfgrselsadgang mellem drene i valgperioden.
//
// (OCR as received; the seeded text reads "De stående udvalg og
// Økonomiudvalget har hver 65.000 kr. til deres rådighed …".)
func TestPoint1BallerupEachStandingCommitteeHasItsOwnLine(t *testing.T) {
	t.Parallel()
	clock := servertest.NewClock()
	srv, pool := servertest.NewWith(t, clock)
	admin, _ := account(t, srv, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	anon := visitor(t, srv)
	year := servertest.Now.Year()

	// Before any standing committee is recorded: no shared line stands in for
	// them, and the page says why there is none, quoting the sentence.
	rows, doc := budgetTable(anon, "ballerup", year)
	if got := codes(rows); got != "C1 C2 C3 C4 KB OKU SRF" {
		t.Fatalf("%d before any committee is recorded: %s", year, got)
	}
	if got := text(doc.Find(".budget-allocation")); !strings.Contains(got, "None is recorded yet") ||
		!strings.Contains(got, "De stående udvalg og Økonomiudvalget har hver 65.000 kr.") {
		t.Errorf("the page does not say that no standing committee is recorded: %q", got)
	}
	if main := text(doc.Find("main")); strings.Contains(main, "hvert udvalg") || strings.Contains(main, "821,000") {
		t.Error("the budget still shows one shared line for all committees, or its total DKK 821,000")
	}

	// The administrator records two standing committees through the bodies
	// form (and a department, which the rule does not give a line).
	committees := map[string]string{} // name → line code
	for _, b := range []struct{ kind, name string }{
		{"standing_committee", "Børne- og Skoleudvalget"},
		{"standing_committee", "Kultur- og Fritidsudvalget"},
		{"department", "Center for Skole"},
	} {
		admin.mustPost("/staff/bodies", url.Values{"kind": {b.kind}, "name": {b.name}, "language": {"da"}}, http.StatusSeeOther)
		if b.kind == "standing_committee" {
			committees[b.name] = fmt.Sprintf("SU-%d", servertest.Scalar[int64](t, pool, `SELECT id FROM body WHERE name = $1`, b.name))
		}
	}
	bsu, kfu := committees["Børne- og Skoleudvalget"], committees["Kultur- og Fritidsudvalget"]

	// One committee's trip has cost 20,000 kr. this year.
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: fmt.Sprintf("BAL-%d-0001", year),
		Start: time.Date(year, 5, 12, 0, 0, 0, 0, time.UTC), BudgetLine: bsu, Programme: []string{"Skolebesøg"},
		Costs: []servertest.Cost{{Category: "transport", Planned: 2000000, Actual: 2000000}}})

	// A visitor reads this year's budget: every line the strategy gives, each
	// with its own allocation, carry-over and remainder.
	rows, doc = budgetTable(anon, "ballerup", year)
	want := map[string]string{"C1": "150,000.00", "C2": "159,000.00", "C3": "190,000.00", "C4": "23,000.00",
		"SRF": "100,000.00", "OKU": "65,000.00", "KB": "69,000.00", bsu: "65,000.00", kfu: "65,000.00"}
	if len(rows) != len(want) {
		t.Fatalf("%d lines, want %d: %s", len(rows), len(want), codes(rows))
	}
	for code, amount := range want {
		r, ok := rows[code]
		if !ok || r.allocated != amount {
			t.Errorf("line %s: %+v, want allocated %s", code, r, amount)
			continue
		}
		if !amountRE.MatchString(r.carried) {
			t.Errorf("line %s shows no carry-over figure of its own: %q", code, r.carried)
		}
		if political := code == "OKU" || code == "KB" || strings.HasPrefix(code, "SU-"); r.carries != political {
			t.Errorf("line %s: carries over %v, want %v", code, r.carries, political)
		}
	}
	for name, code := range committees {
		if !strings.Contains(rows[code].name, name) {
			t.Errorf("line %s does not name its committee %s: %q", code, name, rows[code].name)
		}
	}
	if rows[bsu].remaining != "45,000.00" || rows[kfu].remaining != "65,000.00" || rows["OKU"].remaining != "65,000.00" {
		t.Errorf("remaining: %s %s, %s %s, OKU %s", bsu, rows[bsu].remaining, kfu, rows[kfu].remaining, rows["OKU"].remaining)
	}
	// The total is the sum of the adopted amounts: 522,000 + 100,000 + 65,000 +
	// 69,000 + 2 × 65,000.
	if got := text(doc.Find("table.budget-table tfoot")); !strings.Contains(got, "886,000.00") {
		t.Errorf("total %q, want 886,000.00", got)
	}
	if doc.Find(".budget-allocation").Length() != 0 {
		t.Error("the page still says no standing committee is recorded")
	}

	// Carried over within the election period: in the last year of 2022–2025
	// Økonomiudvalget and the council carry what they did not spend in 2022–2024.
	before, _ := budgetTable(anon, "ballerup", 2025)
	if before["OKU"].carried != "195,000.00" || before["KB"].carried != "207,000.00" || before["C1"].carried != "0.00" {
		t.Errorf("carried into 2025: OKU %s, KB %s, C1 %s", before["OKU"].carried, before["KB"].carried, before["C1"].carried)
	}
	// The next year begins (2026–2029 is one election period): each committee
	// carries its own remainder.
	clock.Advance(time.Date(year+1, 1, 5, 12, 0, 0, 0, time.UTC).Sub(clock.Now()))
	next, _ := budgetTable(anon, "ballerup", year+1)
	if next[bsu].carried != "45,000.00" || next[kfu].carried != "65,000.00" || next["OKU"].carried != "65,000.00" || next["KB"].carried != "69,000.00" {
		t.Errorf("carried into %d: %s %s, %s %s, OKU %s, KB %s", year+1, bsu, next[bsu].carried, kfu, next[kfu].carried, next["OKU"].carried, next["KB"].carried)
	}
	if next[bsu].allocated != "65,000.00" || next["C1"].carried != "0.00" {
		t.Errorf("%d: %s allocated %s, C1 carried %s", year+1, bsu, next[bsu].allocated, next["C1"].carried)
	}
}

// codes lists the budget lines' codes in order, the committees' own lines as "SU".
func codes(rows map[string]budgetRow) string {
	var out []string
	for _, c := range []string{"C1", "C2", "C3", "C4", "KB", "OKU", "SRF"} {
		if _, ok := rows[c]; ok {
			out = append(out, c)
		}
	}
	for c := range rows {
		if strings.HasPrefix(c, "SU") {
			out = append(out, "SU")
		}
	}
	return strings.Join(out, " ")
}
