package auth_test

import (
	"net/url"
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
)

// TestAuthorizationMatrix checks signing in and out for visitors, every role and
// another municipality. The rows run in order with one client per person: the
// sign-out comes last but one, and the row after it proves that it worked.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	W := servertest.Want
	routes := []servertest.Route{
		// The form is for visitors; a signed-in person goes on to the workspace.
		{Method: "GET", Path: "/staff/sign-in", Want: W(200, 303, 303, 303, 303, 303).Op(303)},
		{Method: "GET", Path: "/staff/sign-in?next=/staff/trips", Want: W(200, 303, 303, 303, 303, 303).Op(303)},
		// An empty form is refused before any account is looked up (and before
		// a failure counts towards throttling).
		{Method: "POST", Path: "/staff/sign-in", Form: url.Values{"email": {""}, "password": {""}}, Want: W(422, 422, 422, 422, 422, 422).Op(422)},
		// A visitor is sent to sign in; everyone else is signed out.
		{Method: "POST", Path: "/staff/sign-out", Want: W(303, 303, 303, 303, 303, 303).Op(303)},
		{Method: "GET", Path: "/staff", Want: W(303, 303, 303, 303, 303, 303).Op(303)},
	}
	servertest.CheckCoverage(t, srv, routes, "auth")
	servertest.CheckMatrix(t, srv, routes)
}
