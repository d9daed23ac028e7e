package agreementweb_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// signInBrowser signs email in through the sign-in form.
func signInBrowser(t *testing.T, ctx context.Context, base, email, lang string) {
	t.Helper()
	browsertest.SignIn(t, ctx, base, lang, email, servertest.Password)
}

// setValue sets a select's or a date input's value, as picking it would.
func setValue(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), value)); err != nil {
		t.Fatalf("set %s: %v", sel, err)
	}
}

// TestBrowserAgreementForms goes through the register in Danish in headless
// Chromium, checking every page and form state with axe-core: the list, the new
// form empty and with errors, a row added, the record page, the edit form, a
// version conflict and the archive confirmation.
func TestBrowserAgreementForms(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	ctx := browsertest.New(t)
	signInBrowser(t, ctx, srv.URL, "mette@ballerup.example", "da")

	browsertest.Navigate(t, ctx, srv.URL+"/staff/agreements")
	browsertest.Axe(t, ctx)
	browsertest.Click(t, ctx, `main a[href="/staff/agreements/new"]`)
	browsertest.WaitVisible(t, ctx, "#type")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "agreement-new")

	// Saved with nothing chosen: the summary and each error beside its field.
	setValue(t, ctx, "#valid_from", "2025-05-01")
	setValue(t, ctx, "#valid_until", "2025-04-30")
	browsertest.Click(t, ctx, `main form .form-actions button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, ".error-summary")
	if n := browsertest.Count(t, ctx, ".error-summary li"); n != 3 {
		t.Errorf("%d errors in the summary, want type, title and validity", n)
	}
	if got := browsertest.Title(t, ctx); !strings.HasPrefix(got, "Fejl:") {
		t.Errorf("title %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "agreement-errors")
	browsertest.Screenshot(t, ctx, 1280, "agreement-errors")

	// A second party, without JavaScript's help.
	browsertest.Click(t, ctx, `main form button[value="add:party"]`)
	browsertest.WaitVisible(t, ctx, "#party-1-name")
	browsertest.Axe(t, ctx)

	// Filled in, with the signed document.
	pdf := filepath.Join(t.TempDir(), "Samarbejdsaftale.pdf")
	if err := os.WriteFile(pdf, samplePDF, 0o600); err != nil {
		t.Fatal(err)
	}
	setValue(t, ctx, "#type", "cooperation_agreement")
	browsertest.Fill(t, ctx, "#title", "Samarbejdsaftale om klimatilpasning")
	browsertest.Fill(t, ctx, "#party-1-name", "Brandenburg an der Havel")
	setValue(t, ctx, "#valid_until", "2028-04-30")
	setValue(t, ctx, "#status", "in_force")
	browsertest.Click(t, ctx, "#priorities")
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#document"), []string{pdf})); err != nil {
		t.Fatal(err)
	}
	browsertest.Click(t, ctx, `main form .form-actions button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, ".record-facts")
	if got := browsertest.Text(t, ctx, "main h1"); got != "Samarbejdsaftale om klimatilpasning" {
		t.Errorf("h1 %q", got)
	}
	if got := browsertest.Text(t, ctx, ".record-facts a[download]"); got != "Samarbejdsaftale.pdf" {
		t.Errorf("document link %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "agreement-page")
	browsertest.Screenshot(t, ctx, 1280, "agreement-page")

	// The edit form, then a save that meets someone else's change.
	browsertest.Click(t, ctx, `main a[href$="/edit"]`)
	browsertest.WaitVisible(t, ctx, "#remove_document")
	browsertest.Axe(t, ctx)
	if _, err := pool.Exec(t.Context(), `UPDATE agreement SET title = 'Aftale om klimatilpasning', version = version + 1`); err != nil {
		t.Fatal(err)
	}
	browsertest.Fill(t, ctx, "#title", "Samarbejdsaftale om klima")
	browsertest.Click(t, ctx, `main form .form-actions button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, ".conflict")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "agreement-conflict")

	// The edit form with an error.
	browsertest.Fill(t, ctx, "#title", " ")
	browsertest.Click(t, ctx, `main form .form-actions button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, "#title-error")
	browsertest.Axe(t, ctx)

	browsertest.Navigate(t, ctx, strings.TrimSuffix(currentURL(t, ctx), "/edit")+"/archive")
	browsertest.WaitVisible(t, ctx, `main form button[value="archive"]`)
	browsertest.Axe(t, ctx)
	browsertest.Click(t, ctx, `main form button[value="archive"]`)
	browsertest.WaitVisible(t, ctx, ".notice--success")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "agreement-list")
}

func currentURL(t *testing.T, ctx context.Context) string {
	t.Helper()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestBrowserPolicyRefusal: Västerås's refusal of a twin-town agreement, with
// the German policy sentence quoted in a Swedish page, passes axe.
func TestBrowserPolicyRefusal(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "vasteras", access.RoleStaff, "karin@vasteras.example")
	ctx := browsertest.New(t)
	signInBrowser(t, ctx, srv.URL, "karin@vasteras.example", "sv")

	browsertest.Navigate(t, ctx, srv.URL+"/staff/agreements/new")
	setValue(t, ctx, "#type", "twin_town_agreement")
	browsertest.Fill(t, ctx, "#title", "Vänortsavtal med Lahtis")
	// Signed while the policy (adopted 9 October 2014, valid until 2020) applied.
	setValue(t, ctx, "#signed_on", "2016-05-01")
	browsertest.Click(t, ctx, `main form .form-actions button[type="submit"]`)
	browsertest.WaitVisible(t, ctx, "#type-error")
	if got, _ := browsertest.Attr(t, ctx, "#type-error q", "lang"); got != "de" {
		t.Errorf("quote lang %q", got)
	}
	if got := browsertest.Text(t, ctx, "#type-error q"); got != "Neue Partnerschaftsabkommen werden nicht unterzeichnet." {
		t.Errorf("quote %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "agreement-policy")
	browsertest.Screenshot(t, ctx, 1280, "agreement-policy")
}
