package auditweb_test

import (
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBrowserAuditLog checks the audit log and its filter form with axe-core,
// with a filter that cannot be read too.
func TestBrowserAuditLog(t *testing.T) {
	t.Parallel()
	f, _ := setup(t)
	ctx := browsertest.New(t)
	browsertest.SignIn(t, ctx, f.base, "de", "admin@ballerup.example", servertest.Password)

	browsertest.Navigate(t, ctx, f.base+"/staff/audit")
	browsertest.WaitVisible(t, ctx, ".audit-entries")
	if n := browsertest.Count(t, ctx, ".audit-entry"); n != 6 {
		t.Errorf("%d entries", n)
	}
	browsertest.Click(t, ctx, ".audit-long summary")
	browsertest.WaitVisible(t, ctx, ".audit-long__text")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "audit-log")
	browsertest.Screenshot(t, ctx, 375, "audit-log")

	// Filtering by the GET form.
	browsertest.Navigate(t, ctx, f.base+"/staff/audit?entity=trip")
	browsertest.Fill(t, ctx, "#id", "7")
	browsertest.ClickAndLoad(t, ctx, `main form.audit-filter button[type="submit"]`, "#audit-results")
	if got := browsertest.Text(t, ctx, "#audit-results"); !strings.Contains(got, "3") {
		t.Errorf("results %q", got)
	}

	// A filter that cannot be read: 400, the form says what is wrong.
	browsertest.Navigate(t, ctx, f.base+"/staff/audit?from=2026-02-30&to=2026-01-01&action=publish")
	browsertest.WaitVisible(t, ctx, ".error-summary")
	if browsertest.Count(t, ctx, ".audit-entry") != 0 || browsertest.Count(t, ctx, ".form-error") != 2 {
		t.Error("entries or errors off")
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "audit-log-errors")
}
