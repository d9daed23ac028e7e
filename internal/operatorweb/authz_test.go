package operatorweb_test

import (
	"net/url"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestAuthorizationMatrix: only the platform operator opens the municipalities'
// area; no municipality's administrator does, the new one included.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	W := func(anon, op int) servertest.Expect {
		e := servertest.Want(anon, 403, 403, 403, 403, 403)
		e.Operator = op
		return e
	}
	a := access.MunicipalityManage
	invalid := url.Values{"name": {""}}
	routes := []servertest.Route{
		{Method: "GET", Path: "/staff/municipalities", Action: a, Want: W(303, 200)},
		{Method: "GET", Path: "/staff/municipalities/new", Action: a, Want: W(303, 200)},
		{Method: "POST", Path: "/staff/municipalities", Form: invalid, Action: a, Want: W(303, 422)},
		{Method: "GET", Path: "/staff/municipalities/ballerup", Action: a, Want: W(303, 200)},
		{Method: "GET", Path: "/staff/municipalities/nowhere", Action: a, Want: W(303, 404)},
		{Method: "POST", Path: "/staff/municipalities/ballerup/archive", Form: url.Values{"confirm_archive": {"no"}}, Action: a, Want: W(303, 422)},
		{Method: "POST", Path: "/staff/municipalities/berlin/restore", Action: a, Want: W(303, 303)},
		{Method: "POST", Path: "/staff/municipalities/ballerup/remove", Form: url.Values{"confirm_remove": {"ballerup"}}, Action: a, Want: W(303, 409)},
	}
	servertest.CheckCoverage(t, srv, routes, "operatorweb")
	servertest.CheckMatrix(t, srv, routes)
}
