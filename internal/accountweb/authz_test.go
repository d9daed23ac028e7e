package accountweb_test

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
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
		{Method: "GET", Path: "/staff", Action: access.WorkspaceView, Want: servertest.Want(303, 200, 200, 200, 200, 200).Op(303)},
		{Method: "GET", Path: "/staff/accounts", Action: access.AccountManage, Want: servertest.Want(303, 403, 403, 200, 403, 200)},
		{Method: "GET", Path: "/staff/accounts/new", Action: access.AccountManage, Want: servertest.Want(303, 403, 403, 200, 403, 200)},
		{Method: "POST", Path: "/staff/accounts", Form: url.Values{"name": {"X"}, "email": {"bad"}, "role": {access.RoleStaff}, "password": {"short"}}, Action: access.AccountManage, Want: servertest.Want(303, 403, 403, 422, 403, 422)},
		{Method: "GET", Path: fmt.Sprintf("/staff/accounts/%d", record), Action: access.AccountManage, Want: servertest.Want(303, 403, 403, 200, 403, 404)},
		{Method: "POST", Path: fmt.Sprintf("/staff/accounts/%d", record), Form: url.Values{"role": {access.RolePolitician}, "active": {"on"}, "version": {"1"}}, Action: access.AccountManage, Want: servertest.Want(303, 403, 403, 303, 403, 404)},
		{Method: "GET", Path: "/staff/accounts/999999", Action: access.AccountManage, Want: servertest.Want(303, 403, 403, 404, 403, 404)},
		{Method: "GET", Path: "/staff/accounts/abc", Action: access.AccountManage, Want: servertest.Want(303, 403, 403, 404, 403, 404)},
		// Everyone may change their own password (an empty form: 422).
		{Method: "GET", Path: "/staff/password", Action: access.PasswordChange, Want: servertest.Want(303, 200, 200, 200, 200, 200).Op(200)},
		{Method: "POST", Path: "/staff/password", Form: url.Values{"current": {""}, "new": {""}, "confirm": {""}}, Action: access.PasswordChange, Want: servertest.Want(303, 422, 422, 422, 422, 422).Op(422)},
		// Last: it signs the Ballerup politician out.
		{Method: "POST", Path: fmt.Sprintf("/staff/accounts/%d/sessions/end", record), Action: access.AccountSessionsEnd, Want: servertest.Want(303, 403, 403, 303, 403, 404)},
	}
	servertest.CheckCoverage(t, srv, routes, "accountweb")
	servertest.CheckMatrix(t, srv, routes)
}
