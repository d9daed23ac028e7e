package accountweb_test

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
)

// TestAuthorizationMatrix checks the account administration and the password
// page for visitors, every role, and another municipality. Each workspace area
// has a matrix like this one for its own routes.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	ids := servertest.People(t, pool)
	record := ids["ballerup/politician"]
	routes := []servertest.Route{
		{Method: "GET", Path: "/staff/accounts", Want: servertest.Want(303, 403, 403, 200, 403, 200)},
		{Method: "GET", Path: "/staff/accounts/new", Want: servertest.Want(303, 403, 403, 200, 403, 200)},
		{Method: "POST", Path: "/staff/accounts", Form: url.Values{"name": {"X"}, "email": {"bad"}, "role": {"staff"}, "password": {"short"}}, Want: servertest.Want(303, 403, 403, 422, 403, 422)},
		{Method: "GET", Path: fmt.Sprintf("/staff/accounts/%d", record), Want: servertest.Want(303, 403, 403, 200, 403, 404)},
		{Method: "POST", Path: fmt.Sprintf("/staff/accounts/%d", record), Form: url.Values{"role": {"politician"}, "active": {"on"}, "version": {"1"}}, Want: servertest.Want(303, 403, 403, 303, 403, 404)},
		{Method: "GET", Path: "/staff/accounts/999999", Want: servertest.Want(303, 403, 403, 404, 403, 404)},
		{Method: "GET", Path: "/staff/accounts/abc", Want: servertest.Want(303, 403, 403, 404, 403, 404)},
		// Everyone may change their own password (an empty form: 422).
		{Method: "GET", Path: "/staff/password", Want: servertest.Want(303, 200, 200, 200, 200, 200)},
		{Method: "POST", Path: "/staff/password", Form: url.Values{"current": {""}, "new": {""}, "confirm": {""}}, Want: servertest.Want(303, 422, 422, 422, 422, 422)},
		// Last: it signs the Ballerup politician out.
		{Method: "POST", Path: fmt.Sprintf("/staff/accounts/%d/sessions/end", record), Want: servertest.Want(303, 403, 403, 303, 403, 404)},
	}
	servertest.CheckCoverage(t, srv, routes, "accountweb")
	servertest.CheckMatrix(t, srv, routes)
}
