package tripweb_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// TestBrowserRefusalQuotesTheRule: in headless Chromium, Ballerup's staff
// submit a plan without a programme and read the refusal with the strategy's
// sentence; axe-core checks the trip page before and after.
func TestBrowserRefusalQuotesTheRule(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	id := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Status: trip.StatusDraft, BudgetLine: "SRF",
		Destinations: []servertest.Destination{{City: "Malmö", Country: "SE", Lat: 55.6, Lon: 13.0, Mode: "international_rail"}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 300000, Actual: -1}}})
	servertest.Exec(t, pool, `DELETE FROM trip_programme_item WHERE trip_id = $1`, id)
	ctx := browsertest.New(t)
	browsertest.SignIn(t, ctx, srv.URL, "en", "mette@ballerup.example", servertest.Password)
	browsertest.Navigate(t, ctx, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id))
	browsertest.WaitVisible(t, ctx, ".trip-missing figure.rule-quote")
	browsertest.Axe(t, ctx)
	browsertest.Click(t, ctx, `main form button[value="submit"]`)
	browsertest.WaitVisible(t, ctx, ".trip-step .error-summary figure.rule-quote")
	if got := browsertest.Text(t, ctx, ".trip-step .error-summary blockquote"); !strings.Contains(got, "program og regnskab for udlandsrejsen") {
		t.Errorf("the refusal quotes %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "refusal-quotes-rule")
}
