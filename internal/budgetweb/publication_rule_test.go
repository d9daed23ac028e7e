package budgetweb_test

import (
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBudgetTripsStateTheRule: the budget's list of trips says when a trip
// becomes public as each municipality's policy decides: Ballerup once its report
// is approved, Stuttgart (no such rule) once the report is submitted.
func TestBudgetTripsStateTheRule(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	budgetExec(t, pool, `INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency)
		VALUES ((SELECT id FROM municipality WHERE slug = 'stuttgart'), 2026, 'IB', 'Internationale Beziehungen', 'office', 'Abteilung Außenbeziehungen', 5000000, 'EUR')`)
	budgetExec(t, pool, `INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency)
		VALUES ((SELECT id FROM municipality WHERE slug = 'ballerup'), 2026, 'SU', 'Stående udvalg', 'committee', 'De stående udvalg', 6500000, 'DKK')`)
	c := servertest.Client(t)
	for _, tc := range []struct{ slug, want, not string }{
		{"ballerup", "once their report has been approved", "submitted"},
		{"stuttgart", "once their report has been submitted", "approved"},
	} {
		_, doc := servertest.Get(t, c, srv.URL+"/m/"+tc.slug+"/budget/2026", "en")
		intro := doc.Find("#budget-trips").Parent().Find("p").First().Text()
		if !strings.Contains(intro, tc.want) || strings.Contains(intro, tc.not) {
			t.Errorf("%s: %q, want %q", tc.slug, intro, tc.want)
		}
	}
}
