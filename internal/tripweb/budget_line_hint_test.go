package tripweb_test

import (
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestEmptyBudgetLineListSaysWhoCanFix: a municipality without budget lines for
// the trip's year is not offered a bare "None": the form says who can add a line.
// Ballerup's recurring lines are there for this year without anyone adding them.
func TestEmptyBudgetLineListSaysWhoCanFix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	for _, tc := range []struct {
		slug  string
		empty bool
	}{{"berlin", true}, {"ballerup", false}} {
		email := "s@" + tc.slug + ".example"
		servertest.CreateAccount(t, pool, tc.slug, access.RoleStaff, email)
		c := servertest.Client(t)
		servertest.SignIn(t, c, srv.URL, email)
		_, doc := servertest.Get(t, c, srv.URL+"/staff/trips/new", "en")
		options := doc.Find("#budget_line option").Length()
		hint := doc.Find("#budget_line-hint").Text()
		says := strings.Contains(hint, "No budget line is recorded for 2026") && strings.Contains(hint, "An administrator can add one")
		if tc.empty && (options != 1 || !says) {
			t.Errorf("%s: %d options, hint %q", tc.slug, options, hint)
		}
		if !tc.empty && (options != 8 || says) {
			t.Errorf("%s: %d options, hint %q", tc.slug, options, hint)
		}
	}
}
