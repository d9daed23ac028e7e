package workspaceweb_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

func dashboardExec(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := pool.Exec(t.Context(), sql, args...); err != nil {
		t.Fatal(err)
	}
}

// dashboardTrips gives Ballerup's staff member a draft, a draft without a purpose,
// a plan returned with a comment, a trip whose report is due (charged to a budget
// line it nearly exhausts) and a plan awaiting review. It returns their ids by
// name and the budget line's id.
func dashboardTrips(t *testing.T, pool *pgxpool.Pool, ids map[string]int64) (map[string]int64, int64) {
	t.Helper()
	author := ids["ballerup/staff"]
	trips := map[string]int64{
		"draft":     servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Status: "draft", Purpose: "Study visit to Prague 10"}),
		"untitled":  servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Status: "draft"}),
		"returned":  servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0001", Status: "returned", Purpose: "Youth exchange in East Kilbride"}),
		"report":    servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0002", Status: "completed", Purpose: "Business delegation to Wuxi", Start: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC), Costs: []servertest.Cost{{Category: "transport", Planned: 950000, Actual: 950000}}}),
		"submitted": servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0003", Status: "submitted", Purpose: "Climate conference in Brandenburg"}),
	}
	dashboardExec(t, pool, `UPDATE trip SET author_id = $1 WHERE id = ANY($2)`, author, []int64{trips["draft"], trips["untitled"], trips["returned"], trips["report"], trips["submitted"]})
	dashboardExec(t, pool, `UPDATE trip SET purpose = '', title = '' WHERE id = $1`, trips["untitled"])
	dashboardExec(t, pool, `INSERT INTO trip_transition (trip_id, action, from_status, to_status, actor_id, comment) VALUES ($1, 'return', 'submitted', 'returned', $2, 'Add the day-by-day programme.')`,
		trips["returned"], ids["ballerup/politician"])
	var line int64
	if err := pool.QueryRow(t.Context(), `INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency)
		VALUES ((SELECT id FROM municipality WHERE slug = 'ballerup'), 2026, 'SR', 'Studierejser', 'fund', 'Studierejsepuljen', 1000000, 'DKK') RETURNING id`).Scan(&line); err != nil {
		t.Fatal(err)
	}
	dashboardExec(t, pool, `UPDATE trip SET budget_line_id = $1 WHERE id = $2`, line, trips["report"])
	return trips, line
}

// TestDashboardLinks checks that every item on the dashboard leads to its page,
// and that each role gets its own next step: planning a trip, or the review queue.
func TestDashboardLinks(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	ids := servertest.People(t, pool)
	trips, line := dashboardTrips(t, pool, ids)
	tripHref := func(name string) string { return fmt.Sprintf("/staff/trips/%d", trips[name]) }
	public := "/m/ballerup/budget/2026#budget-lines"

	for _, tc := range []struct {
		role string
		// links are the hrefs each section must have.
		links map[string][]string
		// newTrip and review: whether the dashboard offers planning a trip and
		// the review queue (with its link text).
		newTrip bool
		review  string
	}{
		{access.RoleStaff, map[string][]string{
			"drafts":      {tripHref("draft"), tripHref("untitled")},
			"returned":    {tripHref("returned")},
			"reports-due": {tripHref("report")},
			"near-limit":  {public},
		}, true, ""},
		{access.RolePolitician, map[string][]string{
			"reports-due": {tripHref("report")},
			"awaiting":    {fmt.Sprintf("/staff/review/%d", trips["submitted"])},
			"near-limit":  {public},
		}, false, "1 trip awaits your decision"},
		{access.RoleAdmin, map[string][]string{
			"reports-due": {tripHref("report")},
			"awaiting":    {fmt.Sprintf("/staff/review/%d", trips["submitted"])},
			"near-limit":  {fmt.Sprintf("/staff/budget-lines/%d", line)},
		}, true, "1 trip awaits a decision"},
	} {
		t.Run(tc.role, func(t *testing.T) {
			t.Parallel()
			c := servertest.Client(t)
			servertest.SignIn(t, c, srv.URL, tc.role+"@ballerup.example")
			_, doc := servertest.Get(t, c, srv.URL+"/staff", "en")
			for section, want := range tc.links {
				var got []string
				doc.Find(fmt.Sprintf(`main section[aria-labelledby=%q] .task-list a`, section)).Each(func(_ int, a *goquery.Selection) {
					got = append(got, a.AttrOr("href", ""))
					if strings.TrimSpace(a.Text()) == "" {
						t.Errorf("%s: link to %s without text", section, a.AttrOr("href", ""))
					}
				})
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("%s links %v, want %v", section, got, want)
				}
				for _, href := range want {
					if res, _ := servertest.Get(t, c, srv.URL+strings.Split(href, "#")[0], "en"); res.StatusCode != http.StatusOK {
						t.Errorf("%s: %s answers %d", section, href, res.StatusCode)
					}
				}
			}
			if tc.role == access.RoleStaff {
				returned := doc.Find(`section[aria-labelledby="returned"] li`)
				if !strings.Contains(returned.Find("q").Text(), "Add the day-by-day programme.") {
					t.Errorf("returned item without the reviewer's comment: %q", returned.Text())
				}
				if got := doc.Find(fmt.Sprintf(`a[href=%q]`, tripHref("untitled"))).Text(); got != "Trip without a title yet" {
					t.Errorf("untitled draft links as %q", got)
				}
				if doc.Find(`section[aria-labelledby="awaiting"]`).Length() != 0 {
					t.Error("staff see the review section")
				}
			}
			// Politicians plan no trips, so they have no drafts or returned plans.
			if got := doc.Find(`section[aria-labelledby="drafts"], section[aria-labelledby="returned"]`).Length(); (got == 2) != tc.newTrip {
				t.Errorf("%d of the sections of own trips", got)
			}
			if got := doc.Find(`main a[href="/staff/trips/new"]`).Length() == 1; got != tc.newTrip {
				t.Errorf("plan a new trip offered: %v", got)
			}
			if got := strings.TrimSpace(doc.Find(`main .dashboard-actions a[href="/staff/review"]`).Text()); got != tc.review {
				t.Errorf("review queue link %q, want %q", got, tc.review)
			}
		})
	}
}

// TestDashboardSaysWhoseDecision: a politician's dashboard counts the trips
// awaiting their decision; an administrator, who reads the queue and decides
// nothing, is told how many await a decision, in every language.
func TestDashboardSaysWhoseDecision(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	ids := servertest.People(t, pool)
	dashboardTrips(t, pool, ids)
	for role, want := range map[string]map[string]string{
		access.RolePolitician: {"en": "1 trip awaits your decision", "de": "1 Reise wartet auf Ihre Entscheidung",
			"sv": "1 resa väntar på ditt beslut", "da": "1 rejse afventer din beslutning"},
		access.RoleAdmin: {"en": "1 trip awaits a decision", "de": "1 Reise wartet auf eine Entscheidung",
			"sv": "1 resa väntar på beslut", "da": "1 rejse afventer en beslutning"},
	} {
		c := servertest.Client(t)
		servertest.SignIn(t, c, srv.URL, role+"@ballerup.example")
		for lang, label := range want {
			_, doc := servertest.Get(t, c, srv.URL+"/staff?lang="+lang, "")
			if got := strings.TrimSpace(doc.Find(`main .dashboard-actions a[href="/staff/review"]`).Text()); got != label {
				t.Errorf("%s, %s: %q, want %q", role, lang, got, label)
			}
		}
	}
}
