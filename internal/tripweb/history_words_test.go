package tripweb_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/servertest"
)

// TestHistoryInPeoplesWords (issue 14, point 7): the trip's history names each
// change by the form's label, writes amounts as money and dates as dates, names
// the budget line and the priorities instead of their ids, lists destinations,
// travellers and costs one a line, in the reader's language, and shows no
// column name or JSON.
func TestHistoryInPeoplesWords(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "words@ballerup.example", "en")
	ctx := context.Background()
	var line, priority int64
	var priorityTitle string
	if err := pool.QueryRow(ctx, `
INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency)
SELECT id, 2026, 'SU', 'Skole- og Uddannelsesudvalget', 'committee', 'Skole- og Uddannelsesudvalget', 6500000, 'DKK'
FROM municipality WHERE slug = 'ballerup' RETURNING id`).Scan(&line); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, `
SELECT p.id, p.code || ' ' || p.title FROM priority p JOIN policy po ON po.id = p.policy_id
JOIN municipality m ON m.id = po.municipality_id WHERE m.slug = 'ballerup' ORDER BY p.id LIMIT 1`).Scan(&priority, &priorityTitle); err != nil {
		t.Fatal(err)
	}
	id := createTrip(t, srv, c, tripForm(token))
	form := editForm(t, c, srv.URL, id)
	form.Set("budget_line", fmt.Sprint(line))
	form.Set("priority", fmt.Sprint(priority))
	form.Set("cost-2-planned", "900")
	form.Set("ends_on", "2026-05-14")
	if res, _ := post(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d", res.StatusCode)
	}

	history := func(lang string) *goquery.Selection {
		t.Helper()
		res, doc := servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d?lang=%s", srv.URL, id, lang), "")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: trip page %d", lang, res.StatusCode)
		}
		return doc.Find("section.history")
	}
	h := history("en")
	update := h.Find(".audit-entry").First()
	label := map[string]string{}
	update.Find(".audit-changes tbody tr").Each(func(_ int, row *goquery.Selection) {
		label[strings.TrimSpace(row.Find("th").Text())] = strings.Join(strings.Fields(row.Find("td").Eq(0).Text()+" → "+row.Find("td").Eq(1).Text()), " ")
	})
	for lbl, want := range map[string]string{
		"Budget line":                "SU Skole- og Uddannelsesudvalget (2026)",
		"Priorities the trip serves": priorityTitle,
		"Costs":                      "DKK 900.00",
		"Last day":                   "14 May 2026",
	} {
		if got, ok := label[lbl]; !ok || !strings.Contains(got, want) {
			t.Errorf("%q: %q, want it to contain %q (rows %v)", lbl, got, want, label)
		}
	}
	if !strings.Contains(label["Costs"], "Meals") || !strings.Contains(label["Costs"], "DKK 800.00") {
		t.Errorf("costs before: %q", label["Costs"])
	}
	text := h.Text()
	for _, internal := range []string{"_minor", "_id", "budget_line", "{", "planned_minor", "[", "priorities"} {
		if strings.Contains(text, internal) {
			t.Errorf("the history shows %q: %s", internal, strings.Join(strings.Fields(text), " "))
		}
	}
	created := h.Find(".audit-entry").Last()
	if got := created.Find(".audit-changes").Text(); !strings.Contains(got, "Anne Hansen · Chair of the committee · Politician") ||
		!strings.Contains(got, "Stockholm (Sweden)") || !strings.Contains(got, "Draft") {
		t.Errorf("creation in words: %s", strings.Join(strings.Fields(got), " "))
	}

	// In Danish, the same history in Danish.
	da := history("da").Find(".audit-entry").First().Text()
	for _, want := range []string{"Budgetpost", "SU Skole- og Uddannelsesudvalget (2026)", "14. maj 2026"} {
		if !strings.Contains(da, want) {
			t.Errorf("Danish history lacks %q: %s", want, strings.Join(strings.Fields(da), " "))
		}
	}
}
