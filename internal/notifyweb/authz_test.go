package notifyweb_test

import (
	"net/url"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestAuthorizationMatrix: everyone signed in has their own notification
// settings; a visitor is sent to sign in.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	routes := []servertest.Route{
		{Method: "GET", Path: "/staff/notifications", Action: access.NotificationsEdit, Want: servertest.Want(303, 200, 200, 200, 200, 200)},
		// An unknown language comes back with its error (422); saving is 303.
		{Method: "POST", Path: "/staff/notifications", Form: url.Values{"on": {"on"}, "language": {"xx"}}, Action: access.NotificationsEdit, Want: servertest.Want(303, 422, 422, 422, 422, 422)},
	}
	servertest.CheckCoverage(t, srv, routes, "notifyweb")
	servertest.CheckMatrix(t, srv, routes)
}
