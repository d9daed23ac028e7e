package workspaceweb_test

import (
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestAuthorizationMatrix checks the dashboard for visitors, every role, and
// another municipality. Each workspace area has a matrix like this one for its
// own routes.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	routes := []servertest.Route{
		{Method: "GET", Path: "/staff", Action: access.WorkspaceView, Want: servertest.Want(303, 200, 200, 200, 200, 200).Op(303)},
	}
	servertest.CheckCoverage(t, srv, routes, "workspaceweb")
	servertest.CheckMatrix(t, srv, routes)
}
