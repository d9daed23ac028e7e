package accountweb_test

import (
	"fmt"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBrowserPasswordAndSessions checks the change-password page (with its
// errors) and an account's open sessions with axe-core, at 375 and 1280 px.
func TestBrowserPasswordAndSessions(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleAdmin, "anna@ballerup.example")
	staffID := servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	servertest.SignIn(t, servertest.Client(t), srv.URL, "mette@ballerup.example")
	ctx := browsertest.New(t)

	browsertest.SignIn(t, ctx, srv.URL, "da", "anna@ballerup.example", servertest.Password)

	browsertest.Navigate(t, ctx, srv.URL+"/staff/password")
	browsertest.WaitVisible(t, ctx, "#current")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#current", servertest.Password)
	browsertest.Fill(t, ctx, "#new", "password1234")
	browsertest.Fill(t, ctx, "#confirm", "password1234")
	browsertest.Click(t, ctx, `main form button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, "#new-error")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "ws-password-errors-narrow")
	browsertest.Screenshot(t, ctx, 1280, "ws-password-errors")

	browsertest.Navigate(t, ctx, fmt.Sprintf("%s/staff/accounts/%d", srv.URL, staffID))
	browsertest.WaitVisible(t, ctx, "#sessions-heading")
	if n := browsertest.Count(t, ctx, `section[aria-labelledby="sessions-heading"] tbody tr`); n != 1 {
		t.Errorf("%d sessions listed, want 1", n)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "ws-account-sessions-narrow")
	browsertest.Screenshot(t, ctx, 1280, "ws-account-sessions")
}
