package policyweb_test

import (
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBrowserPolicyEditors walks Ballerup's administrator through the policy's editors
// in headless Chromium, in Danish, and checks each form with axe-core, with and
// without errors shown.
func TestBrowserPolicyEditors(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleAdmin, "mette@ballerup.example")
	ctx := browsertest.New(t)

	browsertest.SignIn(t, ctx, srv.URL, "da", "mette@ballerup.example", servertest.Password)

	// The policy: its text fields are marked as Danish.
	browsertest.Navigate(t, ctx, srv.URL+"/staff/policy")
	browsertest.WaitVisible(t, ctx, "#full_text")
	if lang, _ := browsertest.Attr(t, ctx, "#full_text", "lang"); lang != "da" {
		t.Errorf("full text lang %q", lang)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "admin-policy")
	browsertest.Screenshot(t, ctx, 375, "admin-policy")
	browsertest.Fill(t, ctx, "#title", " ")
	browsertest.Fill(t, ctx, "#adopted_by", "Kommunalbestyrelsen i Ballerup")
	browsertest.Click(t, ctx, `main form.admin-form button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, ".error-summary")
	if got, _ := browsertest.Attr(t, ctx, "#adopted_by", "value"); got != "Kommunalbestyrelsen i Ballerup" {
		t.Errorf("input not kept: %q", got)
	}
	if !strings.HasPrefix(browsertest.Title(t, ctx), "Fejl") && !strings.HasPrefix(browsertest.Title(t, ctx), "Error") {
		t.Errorf("title %q does not say there is an error", browsertest.Title(t, ctx))
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "admin-policy-errors")

	// The trip report deadline, on the same page: a mistake, then 14 days.
	browsertest.Navigate(t, ctx, srv.URL+"/staff/policy#report-deadline")
	browsertest.Fill(t, ctx, "#report_deadline_days", "14 dage")
	browsertest.ClickAndLoad(t, ctx, `main form.admin-deadline-form button[type="submit"]`, "#report_deadline_days-error")
	if got, _ := browsertest.Attr(t, ctx, "#report_deadline_days", "value"); got != "14 dage" {
		t.Errorf("deadline input not kept: %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "admin-deadline-errors")
	browsertest.Fill(t, ctx, "#report_deadline_days", "14")
	browsertest.ClickAndLoad(t, ctx, `main form.admin-deadline-form button[type="submit"]`, ".notice--success")
	browsertest.Axe(t, ctx)
	if n := servertest.Scalar[int](t, pool, `SELECT report_deadline_days FROM municipality WHERE slug = 'ballerup'`); n != 14 {
		t.Errorf("deadline stored as %d", n)
	}

	// Priorities: move one down, then a new one with mistakes.
	browsertest.Navigate(t, ctx, srv.URL+"/staff/policy/priorities")
	browsertest.Axe(t, ctx)
	browsertest.Click(t, ctx, `main form.admin-move button[value="down"]`)
	browsertest.WaitVisible(t, ctx, ".notice--success")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "admin-priorities")
	browsertest.Screenshot(t, ctx, 1280, "admin-priorities")
	browsertest.Navigate(t, ctx, srv.URL+"/staff/policy/priorities/new")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#code", "f 5")
	browsertest.Fill(t, ctx, "#description", "Kultur og idræt.")
	browsertest.Click(t, ctx, `main form.admin-form button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, "#code-error")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "admin-priority-errors")
	browsertest.Fill(t, ctx, "#code", "F5")
	browsertest.Fill(t, ctx, "#title", "Kultur og idræt")
	browsertest.Click(t, ctx, `main form.admin-form button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, ".notice--success")
	browsertest.Click(t, ctx, `main li:target a`)
	browsertest.WaitVisible(t, ctx, ".history")
	browsertest.Axe(t, ctx)

	// Policy rules: a sentence that is not in the text is refused.
	browsertest.Navigate(t, ctx, srv.URL+"/staff/policy/rules")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "admin-rules")
	browsertest.Navigate(t, ctx, srv.URL+"/staff/policy/rules/new")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#parameters", `{"office": `)
	browsertest.Fill(t, ctx, "#source_sentence", "Denne sætning står ikke i strategien.")
	browsertest.Click(t, ctx, `main form.admin-form button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, "#source_sentence-error")
	browsertest.Click(t, ctx, ".admin-kinds summary")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "admin-rule-errors")
	browsertest.Screenshot(t, ctx, 375, "admin-rule-errors")
}
