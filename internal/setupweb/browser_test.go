package setupweb_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/setup"
)

// TestBrowserSetup drives the first-run page in headless Chromium: axe-clean at
// 375 and 1280 px, a weak password refused, the administrator created once, then
// the link answers 404.
func TestBrowserSetup(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	token, _, err := setup.NewStore(pool, nil).Issue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	link := srv.URL + "/setup?token=" + token

	browsertest.Navigate(t, ctx, link)
	browsertest.WaitVisible(t, ctx, "#municipality")
	for _, w := range []int{375, 1280} {
		browsertest.Screenshot(t, ctx, w, "setup")
		browsertest.Axe(t, ctx)
	}
	browsertest.Fill(t, ctx, "#name", "Anna Admin")
	browsertest.Fill(t, ctx, "#email", "anna.admin@ballerup.example")
	browsertest.Fill(t, ctx, "#password", "too short")
	browsertest.ClickAndLoad(t, ctx, `main form button[type="submit"]`, "#password-error")
	// Two mistakes: the weak password and no municipality chosen.
	if n := browsertest.Count(t, ctx, ".error-summary li"); n != 2 {
		t.Errorf("%d problems in the summary, want 2", n)
	}
	if got, _ := browsertest.Attr(t, ctx, "#email", "value"); got != "anna.admin@ballerup.example" {
		t.Errorf("e-mail not kept: %q", got)
	}
	for _, w := range []int{375, 1280} {
		browsertest.Screenshot(t, ctx, w, "setup-errors")
		browsertest.Axe(t, ctx)
	}
	if n := count(t, pool, `SELECT count(*) FROM account`); n != 0 {
		t.Fatalf("a refused form created %d accounts", n)
	}

	// Choose Ballerup, as picking it in the drop-down does.
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#municipality"), "ballerup")); err != nil {
		t.Fatal(err)
	}
	browsertest.Fill(t, ctx, "#password", "a long enough first-run password")
	browsertest.ClickAndLoad(t, ctx, `main form button[type="submit"]`, "#email")
	if got := browsertest.Text(t, ctx, ".notice--success"); !strings.Contains(got, "administrator has been created") {
		t.Errorf("after setup the sign-in page says %q", got)
	}
	browsertest.Fill(t, ctx, "#email", "anna.admin@ballerup.example")
	browsertest.Fill(t, ctx, "#password", "a long enough first-run password")
	browsertest.ClickAndLoad(t, ctx, `main form button[type="submit"]`, ".dashboard")

	// The new administrator's home page says how to begin on this fresh installation.
	browsertest.Navigate(t, ctx, srv.URL+"/")
	browsertest.WaitVisible(t, ctx, "#first-run-title")
	for _, w := range []int{375, 1280} {
		browsertest.Screenshot(t, ctx, w, "home-first-run")
		browsertest.Axe(t, ctx)
	}

	// The link worked once: now it is a 404, like the page itself.
	browsertest.Navigate(t, ctx, link)
	if got := browsertest.Text(t, ctx, "main h1"); got != "Page not found" {
		t.Errorf("the used link shows %q, want the 404 page", got)
	}
	browsertest.Axe(t, ctx)
}
