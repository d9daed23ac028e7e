package workspace_test

import (
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBrowserWorkspace signs an administrator in through the form in headless
// Chromium and checks the workspace pages with axe-core.
func TestBrowserWorkspace(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "goteborg", "admin", "eva@goteborg.example")
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

	browsertest.Navigate(t, ctx, srv.URL+"/staff/accounts")
	browsertest.Axe(t, ctx)
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
}
