package workspaceweb_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBrowserWorkspace signs an administrator in through the form in headless
// Chromium and checks the workspace pages with axe-core.
func TestBrowserWorkspace(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "goteborg", access.RoleAdmin, "eva@goteborg.example")
	ctx := browsertest.New(t)

	browsertest.Navigate(t, ctx, srv.URL+"/staff?lang=sv")
	browsertest.WaitVisible(t, ctx, "#email")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "ws-sign-in")
	browsertest.Fill(t, ctx, "#email", "eva@goteborg.example")
	browsertest.Fill(t, ctx, "#password", "wrong password here")
	browsertest.Click(t, ctx, `main form button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, ".error-summary")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#password", servertest.Password)
	browsertest.Click(t, ctx, `main form button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, ".dashboard")
	if got := browsertest.Text(t, ctx, "main h1"); !strings.HasPrefix(got, "Välkommen") {
		t.Errorf("dashboard h1 %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "ws-dashboard")
	browsertest.Screenshot(t, ctx, 375, "ws-dashboard-admin-narrow")
	if got, _ := browsertest.Attr(t, ctx, `nav.workspace-nav a[href="/staff"]`, "aria-current"); got != "page" {
		t.Errorf("dashboard link aria-current %q", got)
	}
	// Göteborg keeps twin-city meetings; the administrator sees every area.
	if n := browsertest.Count(t, ctx, `nav.workspace-nav a`); n != 13 {
		t.Errorf("administrator's navigation has %d links, want 13", n)
	}

	browsertest.Navigate(t, ctx, srv.URL+"/staff/accounts")
	browsertest.Axe(t, ctx)
	// An error page in the workspace keeps the navigation.
	browsertest.Navigate(t, ctx, srv.URL+"/staff/trips/999999")
	browsertest.WaitVisible(t, ctx, "nav.workspace-nav")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "ws-not-found-narrow")
	if n := browsertest.Count(t, ctx, `nav.workspace-nav a`); n != 13 {
		t.Errorf("navigation on a 404 has %d links, want 13", n)
	}
	browsertest.Navigate(t, ctx, srv.URL+"/staff/accounts/new")
	browsertest.Fill(t, ctx, "#name", "Lars Nilsson")
	browsertest.Fill(t, ctx, "#email", "lars@")
	browsertest.Click(t, ctx, `main form button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, "#email-error")
	if got, _ := browsertest.Attr(t, ctx, "#name", "value"); got != "Lars Nilsson" {
		t.Errorf("name not kept: %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "ws-account-errors")

	// Staff and politicians get their own dashboard and navigation, each checked
	// with axe, with trips on it so that its links are checked too.
	staffID := servertest.CreateAccount(t, pool, "goteborg", access.RoleStaff, "sara@goteborg.example")
	servertest.CreateAccount(t, pool, "goteborg", access.RolePolitician, "per@goteborg.example")
	draft := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "goteborg", Status: "draft", Purpose: "Studieresa till Åbo"})
	submitted := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "goteborg", Reference: "GBG-2026-0001", Status: "submitted", Purpose: "Vänortsmöte i Bergen"})
	if _, err := pool.Exec(t.Context(), `UPDATE trip SET author_id = $1 WHERE id = ANY($2)`, staffID, []int64{draft, submitted}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		email, link string
		navLinks    int
	}{
		{"sara@goteborg.example", fmt.Sprintf("/staff/trips/%d", draft), 7},
		{"per@goteborg.example", fmt.Sprintf("/staff/review/%d", submitted), 8},
	} {
		// Sign out from the dashboard, which has no #email field of its own.
		browsertest.Navigate(t, ctx, srv.URL+"/staff")
		browsertest.WaitVisible(t, ctx, ".dashboard")
		browsertest.Click(t, ctx, `.user-bar__form button`)
		browsertest.WaitVisible(t, ctx, "#email")
		browsertest.Fill(t, ctx, "#email", tc.email)
		browsertest.Fill(t, ctx, "#password", servertest.Password)
		browsertest.Click(t, ctx, `main form button[type="submit"]`)
		browsertest.WaitVisible(t, ctx, ".dashboard")
		if n := browsertest.Count(t, ctx, `nav.workspace-nav a`); n != tc.navLinks {
			t.Errorf("%s: %d navigation links, want %d", tc.email, n, tc.navLinks)
		}
		if browsertest.Count(t, ctx, fmt.Sprintf(`.task-list a[href=%q]`, tc.link)) != 1 {
			t.Errorf("%s: no link to %s on the dashboard", tc.email, tc.link)
		}
		browsertest.Axe(t, ctx)
		browsertest.Screenshot(t, ctx, 375, "ws-dashboard-"+strings.Split(tc.email, "@")[0])
	}
}
