package budgetweb_test

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestAuthorizationMatrix requests every route of the budget line editor as a
// visitor, each role and another municipality's staff and administrator. The
// records named are Ballerup's; Berlin's administrator must not find them.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	line := servertest.Scalar[int64](t, pool, `
SELECT b.id FROM budget_line b JOIN municipality m ON m.id = b.municipality_id WHERE m.slug = 'ballerup' AND b.code = 'C1' AND b.fiscal_year = 2015`)

	invalidLine := url.Values{"fiscal_year": {"2015"}, "code": {"x"}, "name": {""}, "owner_kind": {"fund"}, "owner_name": {"Fund"}, "amount": {"abc"}}
	invalidLineEdit := url.Values{"version": {"1"}, "fiscal_year": {"2015"}, "code": {"C1"}, "name": {""}, "owner_kind": {"central"}, "owner_name": {"X"}, "amount": {"1"}}

	b := func(id int64, suffix string) string { return fmt.Sprintf("/staff/budget-lines/%d%s", id, suffix) }
	W := servertest.Want
	routes := []servertest.Route{
		{Method: "GET", Path: "/staff/budget-lines", Action: access.BudgetLineEdit, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "GET", Path: "/staff/budget-lines?year=2015", Action: access.BudgetLineEdit, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "GET", Path: "/staff/budget-lines?year=15", Action: access.BudgetLineEdit, Want: W(303, 403, 403, 400, 403, 400)},
		{Method: "GET", Path: "/staff/budget-lines/new?year=2016", Action: access.BudgetLineEdit, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "POST", Path: "/staff/budget-lines", Form: invalidLine, Action: access.BudgetLineEdit, Want: W(303, 403, 403, 422, 403, 422)},
		{Method: "GET", Path: b(line, ""), Action: access.BudgetLineEdit, Want: W(303, 403, 403, 200, 403, 404)},
		{Method: "POST", Path: b(line, ""), Form: invalidLineEdit, Action: access.BudgetLineEdit, Want: W(303, 403, 403, 422, 403, 404)},
		{Method: "POST", Path: b(line, "/archive"), Action: access.BudgetLineEdit, Want: W(303, 403, 403, 303, 403, 404)},
		{Method: "POST", Path: b(line, "/restore"), Action: access.BudgetLineEdit, Want: W(303, 403, 403, 303, 403, 404)},
		{Method: "POST", Path: "/staff/budget-lines/copy", Form: url.Values{"year": {"2016"}}, Action: access.BudgetLineEdit, Want: W(303, 403, 403, 303, 403, 303)},
		{Method: "POST", Path: "/staff/budget-lines/copy", Form: url.Values{"year": {"next"}}, Action: access.BudgetLineEdit, Want: W(303, 403, 403, 400, 403, 400)},
		{Method: "GET", Path: b(999999, ""), Action: access.BudgetLineEdit, Want: W(303, 403, 403, 404, 403, 404)},
		{Method: "GET", Path: "/staff/budget-lines/abc", Action: access.BudgetLineEdit, Want: W(303, 403, 403, 404, 403, 404)},
	}
	servertest.CheckCoverage(t, srv, routes, "budgetweb")
	servertest.CheckMatrix(t, srv, routes)
}
