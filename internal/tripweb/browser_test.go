package tripweb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// set gives a select or a date input its value, as choosing in the browser's own
// control does.
func set(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), value)); err != nil {
		t.Fatalf("set %s: %v", sel, err)
	}
}

// press clicks a submit button of the trip form and waits for the next page to
// show sel.
func press(t *testing.T, ctx context.Context, action, sel string) {
	t.Helper()
	browsertest.Click(t, ctx, `main form button[value="`+action+`"]:not(.form-default-action)`)
	browsertest.WaitVisible(t, ctx, sel)
}

// TestBrowserTripJourney plans a trip in headless Chromium: two travellers, three
// cost lines and two programme days, rows added with the form's own buttons, a
// mistake made and corrected; axe-core checks every page.
func TestBrowserTripJourney(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	ctx := browsertest.New(t)

	browsertest.SignIn(t, ctx, srv.URL, "en", "mette@ballerup.example", servertest.Password)

	browsertest.Navigate(t, ctx, srv.URL+"/staff/trips/new")
	browsertest.WaitVisible(t, ctx, "#purpose")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "trip-new")
	browsertest.Screenshot(t, ctx, 1280, "trip-new")

	browsertest.Fill(t, ctx, "#title", "School exchange in Stockholm")
	browsertest.Fill(t, ctx, "#purpose", "Study visit on school exchange")
	set(t, ctx, "#starts_on", "2026-05-12")
	set(t, ctx, "#ends_on", "2026-05-13")
	browsertest.Fill(t, ctx, "#organiser", "Børne- og Skoleudvalget")
	browsertest.Fill(t, ctx, "#destination-0-city", "Stockholm")
	set(t, ctx, "#destination-0-country", "SE")
	set(t, ctx, "#destination-0-mode", "international_rail")
	browsertest.Fill(t, ctx, "#traveller-0-name", "Anne Hansen")
	browsertest.Fill(t, ctx, "#traveller-0-role", "Chair")
	set(t, ctx, "#traveller-0-kind", trip.KindPolitician)
	press(t, ctx, "add:traveller", "#traveller-1-name")
	browsertest.Fill(t, ctx, "#traveller-1-name", "Jens Holm")
	set(t, ctx, "#traveller-1-kind", trip.KindStaff)
	set(t, ctx, "#programme-0-day", "2026-05-12")
	browsertest.Fill(t, ctx, "#programme-0-description", "Meeting at the city hall")
	press(t, ctx, "add:programme", "#programme-1-description")
	set(t, ctx, "#programme-1-day", "2026-05-20") // a mistake: after the trip
	browsertest.Fill(t, ctx, "#programme-1-description", "Visit to a school")
	set(t, ctx, "#cost-0-category", "transport")
	browsertest.Fill(t, ctx, "#cost-0-planned", "4200")
	press(t, ctx, "add:cost", "#cost-1-planned")
	press(t, ctx, "add:cost", "#cost-2-planned")
	set(t, ctx, "#cost-1-category", "lodging")
	browsertest.Fill(t, ctx, "#cost-1-planned", "12,3,4") // a mistake
	set(t, ctx, "#cost-2-category", "meals")
	browsertest.Fill(t, ctx, "#cost-2-planned", "800")
	if got, _ := browsertest.Attr(t, ctx, "#traveller-0-name", "value"); got != "Anne Hansen" {
		t.Fatalf("a row button lost what was typed: %q", got)
	}

	press(t, ctx, "save", ".error-summary")
	for _, sel := range []string{"#cost-1-planned-error", "#programme-1-day-error"} {
		if browsertest.Count(t, ctx, sel) != 1 {
			t.Errorf("no error %s", sel)
		}
	}
	if got, _ := browsertest.Attr(t, ctx, "#cost-1-planned", "value"); got != "12,3,4" {
		t.Errorf("mistyped amount not kept: %q", got)
	}
	if n := browsertest.Count(t, ctx, "main form fieldset.trip-row"); n != 1+2+2+3 {
		t.Errorf("%d rows after the errors, want 8", n)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "trip-errors")
	browsertest.Screenshot(t, ctx, 1280, "trip-errors")

	browsertest.Fill(t, ctx, "#cost-1-planned", "2600.50")
	set(t, ctx, "#programme-1-day", "2026-05-13")
	press(t, ctx, "save", ".cost-table")
	if got := browsertest.Text(t, ctx, ".notice--success"); got != "The trip was saved as a draft." {
		t.Errorf("flash %q", got)
	}
	if got := browsertest.Text(t, ctx, ".cost-table tfoot"); !strings.Contains(got, "7,600.50") {
		t.Errorf("total %q", got)
	}
	if n := browsertest.Count(t, ctx, ".cost-table tbody tr"); n != 3 {
		t.Errorf("%d cost lines on the trip page", n)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "trip-page")
	browsertest.Screenshot(t, ctx, 1280, "trip-page")

	browsertest.Navigate(t, ctx, srv.URL+"/staff/trips")
	browsertest.WaitVisible(t, ctx, ".trip-table")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "trip-list")

	// After travel: the actual costs and the report, in Danish.
	done := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0001", Status: "completed",
		Costs: []servertest.Cost{{Category: "transport", Planned: 420000, Actual: -1}}})
	trip := fmt.Sprintf("%s/staff/trips/%d", srv.URL, done)
	browsertest.Navigate(t, ctx, trip+"/edit?lang=da")
	browsertest.WaitVisible(t, ctx, "#cost-0-actual")
	browsertest.Axe(t, ctx)
	browsertest.Fill(t, ctx, "#cost-0-actual", "4.350,75")
	press(t, ctx, "save", ".cost-table")
	if got := browsertest.Text(t, ctx, ".cost-table tfoot"); !strings.Contains(got, "4.350,75") {
		t.Errorf("actual total %q", got)
	}
	browsertest.Navigate(t, ctx, trip+"/report")
	browsertest.WaitVisible(t, ctx, "#goal")
	browsertest.Axe(t, ctx)
	set(t, ctx, "#goal", strings.Repeat("x", 20001))
	browsertest.Fill(t, ctx, "#outcome", "To skoler udveksler elever.")
	press(t, ctx, "save", ".error-summary")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "trip-report-errors")
	set(t, ctx, "#goal", "At lære af Stockholms skoleudveksling.")
	press(t, ctx, "save", ".trip-report")

	// A trip under review cannot be changed: the 409 page explains why.
	review := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0002", Status: "submitted"})
	browsertest.Navigate(t, ctx, fmt.Sprintf("%s/staff/trips/%d/edit", srv.URL, review))
	browsertest.WaitVisible(t, ctx, "main h1")
	if got := browsertest.Text(t, ctx, "main h1"); got != "Rejsen kan ikke ændres nu" {
		t.Errorf("409 page h1 %q", got)
	}
	browsertest.Axe(t, ctx)
}
