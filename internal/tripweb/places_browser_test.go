package tripweb_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBrowserPlaceSuggestions types "munchen" into a destination's city in
// headless Chromium: the script suggests places as one types (an ARIA combobox,
// checked by axe-core with the suggestions open), the arrow key and Enter choose
// München, which fills in the country and coordinates.
func TestBrowserPlaceSuggestions(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	ctx := browsertest.New(t)
	browsertest.SignIn(t, ctx, srv.URL, "en", "mette@ballerup.example", servertest.Password)

	browsertest.Navigate(t, ctx, srv.URL+"/staff/trips/new")
	browsertest.WaitVisible(t, ctx, "#destination-0-city")
	if role, _ := browsertest.Attr(t, ctx, "#destination-0-city", "role"); role != "combobox" {
		t.Fatalf("the city field is no combobox (role %q): the script did not run", role)
	}
	browsertest.Fill(t, ctx, "#destination-0-city", "munchen")
	browsertest.WaitVisible(t, ctx, "#destination-0-suggestions [role=option]")
	if got, _ := browsertest.Attr(t, ctx, "#destination-0-city", "aria-expanded"); got != "true" {
		t.Errorf("aria-expanded %q with suggestions shown", got)
	}
	if got := browsertest.Text(t, ctx, "#destination-0-suggestions [role=option]"); got != "München (Munich), Bavaria, Germany" {
		t.Errorf("first suggestion %q", got)
	}
	if n := browsertest.Count(t, ctx, "#destination-0-suggestions [role=option]"); n < 1 || n > 8 {
		t.Errorf("%d suggestions", n)
	}
	if got := browsertest.Text(t, ctx, "#destination-0-city ~ .place-finder__status, .place-finder__status"); !strings.Contains(got, "found") {
		t.Errorf("live region says %q", got)
	}
	browsertest.Axe(t, ctx)

	// The down arrow marks the first suggestion, Enter takes it.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#destination-0-city")), chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	if got, _ := browsertest.Attr(t, ctx, "#destination-0-city", "aria-activedescendant"); got != "destination-0-suggestions-0" {
		t.Errorf("aria-activedescendant %q after the down arrow", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	city, country := value(t, ctx, "#destination-0-city"), value(t, ctx, "#destination-0-country")
	lat, lon := value(t, ctx, "#destination-0-lat"), value(t, ctx, "#destination-0-lon")
	expanded, _ := browsertest.Attr(t, ctx, "#destination-0-city", "aria-expanded")
	if city != "München" || country != "DE" || lat != "48.13743" || lon != "11.57549" || expanded != "false" {
		t.Errorf("after choosing: city %q, country %q, %s %s, expanded %s", city, country, lat, lon, expanded)
	}
	if path := browsertest.Title(t, ctx); strings.HasPrefix(path, "Error") {
		t.Errorf("Enter submitted the form: %q", path)
	}

}

// TestBrowserFindPlaceChoices: the "Find place" button's choices, the way
// without JavaScript, in Chromium: axe-core finds nothing wrong with them, and
// choosing Göteborg fills in its country and coordinates.
func TestBrowserFindPlaceChoices(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	ctx := browsertest.New(t)
	browsertest.SignIn(t, ctx, srv.URL, "en", "mette@ballerup.example", servertest.Password)
	browsertest.Navigate(t, ctx, srv.URL+"/staff/trips/new")
	browsertest.WaitVisible(t, ctx, "#destination-0-city")
	browsertest.Fill(t, ctx, "#destination-0-city", "Göteborg")
	// Tab leaves the field for the button; the suggestions close and stay closed.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab), chromedp.WaitNotVisible(chromedp.CSS("#destination-0-suggestions"))); err != nil {
		t.Fatal(err)
	}
	browsertest.ClickAndLoad(t, ctx, `button[value="findplace:0"]`, "#destination-0-places")
	if got := browsertest.Text(t, ctx, "#destination-0-places label"); !strings.Contains(got, "Göteborg, Västra Götaland, Sweden") {
		t.Errorf("first choice %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Click(t, ctx, "#destination-0-places-0")
	browsertest.ClickAndLoad(t, ctx, `button[value="useplace"]`, "#destination-0-city")
	country, lat := value(t, ctx, "#destination-0-country"), value(t, ctx, "#destination-0-lat")
	if country != "SE" || !strings.HasPrefix(lat, "57.70") {
		t.Errorf("Göteborg chosen: %q %q", country, lat)
	}
}

// value is the current value of the form field sel.
func value(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("value of %s: %v", sel, err)
	}
	return v
}
