package tripweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestReviewPageShowsWhatIsDecided (issue 14, point 5): the politician's review
// page shows the plan as the public trip page does (title as the heading, the
// purpose, transport modes, cost-line descriptions, programme places, travellers
// with their roles) plus the review's own facts: the history of decisions.
func TestReviewPageShowsWhatIsDecided(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "plan@ballerup.example", "en")
	id := createTrip(t, srv, c, tripForm(token))
	res, _ := post(t, c, fmt.Sprintf("%s/staff/trips/%d/step", srv.URL, id), url.Values{"csrf": {token}, "action": {"submit"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", res.StatusCode)
	}
	servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "ole@ballerup.example")
	pol := servertest.Client(t)
	servertest.SignIn(t, pol, srv.URL, "ole@ballerup.example")
	res, doc := servertest.Get(t, pol, fmt.Sprintf("%s/staff/review/%d?lang=en", srv.URL, id), "")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("review page: %d", res.StatusCode)
	}
	if got := doc.Find("main h1").Text(); got != "School exchange with Wuxi" {
		t.Errorf("heading %q, want the title", got)
	}
	main := strings.Join(strings.Fields(doc.Find("main").Text()), " ")
	for _, want := range []string{
		"Study visit on school exchange with Wuxi", // purpose
		"Train, international",                     // transport mode
		"Train tickets", "Hotel, one night",        // cost-line descriptions
		"Stadshuset", "Södermalm", // programme places
		"Anne Hansen", "Chair of the committee", // travellers and roles
		"DKK 7,600.50",                     // planned total
		"Lifecycle", "Submit for approval", // the history of decisions
	} {
		if !strings.Contains(main, want) {
			t.Errorf("review page lacks %q", want)
		}
	}
	// The same component as the public page: its cost table and CO2e table.
	if doc.Find("main table.cost-table").Length() != 1 || doc.Find("main #co2e-caption").Length() != 1 {
		t.Error("the review page does not show the trip component of the public page")
	}
}
