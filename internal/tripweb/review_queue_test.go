package tripweb_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestReviewQueueListsWhatTheReaderDecides: two Ballerup politicians in
// different bodies each find in their queue, and count on their dashboard,
// only what they may decide: a committee's plan only its member, a report any
// politician approves every politician, except the one who travels on it. The
// administrator, who decides nothing, reads every trip that awaits a decision.
func TestReviewQueueListsWhatTheReaderDecides(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	oku := servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "ole@ballerup.example")
	kb := servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "kim@ballerup.example")
	servertest.CreateAccount(t, pool, "ballerup", access.RoleAdmin, "ada@ballerup.example")
	servertest.Exec(t, pool, `INSERT INTO body_member (body_id, account_id)
SELECT b.id, v.account FROM body b, (VALUES ($1::bigint, 'Økonomiudvalget'), ($2::bigint, 'Kommunalbestyrelsen')) AS v (account, name)
WHERE b.name = v.name`, oku, kb)
	// Reports: any politician of Ballerup approves them (plans stay with the paying committee).
	servertest.Exec(t, pool, `UPDATE policy_rule SET parameters = '{"approver": "politicians", "applies_to": "all_trips"}'
WHERE kind = 'report_approval_before_publication' AND policy_id = (SELECT p.id FROM policy p JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'ballerup' AND p.archived_at IS NULL)`)
	plan := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0101", Status: "submitted", BudgetLine: "OKU",
		Purpose: "Økonomiudvalgets studietur"})
	report := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0102", Status: "report_submitted", Report: true,
		Purpose: "Studietur til Prag 10"})
	own := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0103", Status: "report_submitted", Report: true,
		Purpose: "Kims rejse til Wuxi"})
	servertest.Exec(t, pool, `UPDATE trip_traveller SET account_id = $1 WHERE trip_id = $2`, kb, own)

	for _, tc := range []struct {
		email string
		want  []int64
		label string
	}{
		{"ole@ballerup.example", []int64{plan, report, own}, "3 trips await your decision"},
		{"kim@ballerup.example", []int64{report}, "1 trip awaits your decision"},
		{"ada@ballerup.example", []int64{plan, report, own}, "3 trips await a decision"},
	} {
		t.Run(tc.email, func(t *testing.T) {
			c := servertest.Client(t)
			servertest.SignIn(t, c, srv.URL, tc.email)
			_, doc := servertest.Get(t, c, srv.URL+"/staff/review", "en")
			queue := reviewLinks(doc.Find("main table"))
			_, doc = servertest.Get(t, c, srv.URL+"/staff", "en")
			dashboard := reviewLinks(doc.Find(`main section[aria-labelledby="awaiting"]`))
			var want []string
			for _, id := range tc.want {
				want = append(want, fmt.Sprintf("/staff/review/%d", id))
			}
			slices.Sort(want)
			if strings.Join(queue, " ") != strings.Join(want, " ") {
				t.Errorf("queue %v, want %v", queue, want)
			}
			if strings.Join(dashboard, " ") != strings.Join(want, " ") {
				t.Errorf("dashboard %v, want %v", dashboard, want)
			}
			if got := strings.TrimSpace(doc.Find(`main .dashboard-actions a[href="/staff/review"]`).Text()); got != tc.label {
				t.Errorf("dashboard link %q, want %q", got, tc.label)
			}
		})
	}
}

// reviewLinks are the review pages linked from sel, sorted.
func reviewLinks(sel *goquery.Selection) []string {
	var out []string
	sel.Find(`a[href^="/staff/review/"]`).Each(func(_ int, a *goquery.Selection) { out = append(out, a.AttrOr("href", "")) })
	slices.Sort(out)
	return out
}
