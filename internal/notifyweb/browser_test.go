package notifyweb_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBrowserSettings: a politician finds "Notifications" beside the password
// link, turns the e-mails off and chooses German, in Danish, with the page
// checked by axe-core at 375 and 1280 px before and after saving.
func TestBrowserSettings(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	id := servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "lars@ballerup.example")
	ctx := browsertest.New(t)
	browsertest.SignIn(t, ctx, srv.URL, "da", "lars@ballerup.example", servertest.Password)
	browsertest.ClickAndLoad(t, ctx, `.user-bar a[href="/staff/notifications"]`, "#on")
	if got := browsertest.Title(t, ctx); !strings.Contains(got, "Underretninger på e-mail") {
		t.Errorf("title %q", got)
	}
	if !strings.Contains(browsertest.Text(t, ctx, "main"), "lars@ballerup.example") {
		t.Error("the page does not say where the e-mails go")
	}
	browsertest.Axe(t, ctx)
	browsertest.Click(t, ctx, "#on")
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#language"), "de")); err != nil {
		t.Fatal(err)
	}
	browsertest.ClickAndLoad(t, ctx, `main form button[type="submit"]`, ".notice--success")
	if got := browsertest.Text(t, ctx, ".notice--success"); !strings.Contains(got, "gemt") {
		t.Errorf("message after saving: %q", got)
	}
	browsertest.Axe(t, ctx)
	if on := servertest.Scalar[bool](t, pool, `SELECT notify_email FROM account WHERE id = $1`, id); on {
		t.Error("still on after turning off")
	}
	if lang := servertest.Scalar[string](t, pool, `SELECT coalesce(language, '') FROM account WHERE id = $1`, id); lang != "de" {
		t.Errorf("language %q, want de", lang)
	}
}
