package budgetweb_test

import (
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBrowserBudgetLines walks Ballerup's administrator through the budget line editor
// in headless Chromium, in Danish, and checks each form with axe-core, with and
// without errors shown.
func TestBrowserBudgetLines(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleAdmin, "mette@ballerup.example")
	ctx := browsertest.New(t)

	browsertest.SignIn(t, ctx, srv.URL, "da", "mette@ballerup.example", servertest.Password)

	// Budget lines: the year, a new line typed in Danish, with a mistake first.
	browsertest.Navigate(t, ctx, srv.URL+"/staff/budget-lines?year=2015")
	browsertest.WaitVisible(t, ctx, ".admin-budget-table")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "admin-budget")
	browsertest.Screenshot(t, ctx, 1280, "admin-budget")
	browsertest.Navigate(t, ctx, srv.URL+"/staff/budget-lines/new?year=2016")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#code", "KULTUR")
	browsertest.Fill(t, ctx, "#name", "Kulturudveksling")
	browsertest.Fill(t, ctx, "#owner_name", "Kultur- og fritidsudvalget")
	browsertest.Fill(t, ctx, "#amount", "12,345,6")
	browsertest.Click(t, ctx, `main form.admin-form button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, "#amount-error")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "admin-budget-line-errors")
	browsertest.Fill(t, ctx, "#amount", "45.000,50 kr.")
	browsertest.Click(t, ctx, `main form.admin-form button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, ".history")
	if got, _ := browsertest.Attr(t, ctx, "#amount", "value"); got != "45.000,50" {
		t.Errorf("amount shown as %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "admin-budget-line")
	if n := servertest.Scalar[int64](t, pool, `SELECT amount_minor FROM budget_line WHERE code = 'KULTUR'`); n != 4500050 {
		t.Errorf("stored %d", n)
	}
}
