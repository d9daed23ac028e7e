package tripweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

func act(t *testing.T, c *http.Client, base string, id int64, action, comment string) (*http.Response, *goquery.Document) {
	t.Helper()
	_, doc := servertest.Get(t, c, base+"/staff", "en")
	res := servertest.Post(t, c, fmt.Sprintf("%s/staff/lifecycle/%d", base, id), url.Values{"csrf": {servertest.CSRF(doc)}, "action": {action}, "comment": {comment}})
	d, _ := goquery.NewDocumentFromReader(res.Body)
	res.Body.Close()
	return res, d
}

// TestReviewJourney: staff submit a plan, a politician returns it with a comment,
// staff submit again, the politician approves, staff complete it and submit the
// report, the politician approves the report, and a visitor finds it published.
func TestReviewJourney(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// These tests are of the review itself: every plan and report needs a politician's decision.
	servertest.RequireApprovals(t, pool, "ballerup")
	staffID := servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "ole@ballerup.example")
	// The trip starts in May 2025: its reference carries that year.
	id := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Status: "draft", Purpose: "Studietur til Prag 10", Travellers: []string{"Mette Holm"},
		Destinations: []servertest.Destination{{City: "Prague", Country: "CZ", Lat: 50.07, Lon: 14.47}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 250000, Actual: -1}},
	})
	if _, err := pool.Exec(t.Context(), `UPDATE trip SET author_id = $1 WHERE id = $2`, staffID, id); err != nil {
		t.Fatal(err)
	}
	staff, pol := servertest.Client(t), servertest.Client(t)
	servertest.SignIn(t, staff, srv.URL, "mette@ballerup.example")
	servertest.SignIn(t, pol, srv.URL, "ole@ballerup.example")

	if res, _ := act(t, staff, srv.URL, id, "submit", ""); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", res.StatusCode)
	}
	_, doc := servertest.Get(t, pol, srv.URL+"/staff/review", "en")
	if !strings.Contains(doc.Find("main table").Text(), "BAL-2025-0001") || !strings.Contains(doc.Find("main table").Text(), "no priority") {
		t.Fatalf("queue: %q", doc.Find("main").Text())
	}
	// A return needs a comment; the page says so and keeps what was typed.
	res, doc := act(t, pol, srv.URL, id, "return", "")
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(".error-summary").Text(), "comment is required") {
		t.Fatalf("return without comment: %d %q", res.StatusCode, doc.Find(".error-summary").Text())
	}
	if res, _ := act(t, pol, srv.URL, id, "return", "Tilføj programmet, tak."); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("return: %d", res.StatusCode)
	}
	_, doc = servertest.Get(t, staff, srv.URL+"/staff", "en")
	if !strings.Contains(doc.Find(`section[aria-labelledby="returned"]`).Text(), "Tilføj programmet, tak.") {
		t.Errorf("dashboard lacks the comment: %q", doc.Find(`section[aria-labelledby="returned"]`).Text())
	}
	// Staff cannot approve; politicians cannot submit.
	if res, _ := act(t, staff, srv.URL, id, "approve", ""); res.StatusCode != http.StatusForbidden {
		t.Errorf("staff approving: %d", res.StatusCode)
	}
	steps := []struct {
		who    *http.Client
		action string
		sql    string
	}{
		{staff, "submit", ""},
		{pol, "approve", ""},
		{staff, "complete", `UPDATE trip_cost SET actual_minor = 240000 WHERE trip_id = $1`},
		{staff, "submit_report", `INSERT INTO trip_report (trip_id, goal, outcome) VALUES ($1, 'Lære om skoleudveksling.', 'Ny aftale om elevudveksling.')`},
		{pol, "approve_report", ""},
	}
	for _, s := range steps {
		if s.sql != "" {
			if _, err := pool.Exec(t.Context(), s.sql, id); err != nil {
				t.Fatal(err)
			}
		}
		if res, doc := act(t, s.who, srv.URL, id, s.action, ""); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d %q", s.action, res.StatusCode, doc.Find(".error-summary").Text())
		}
	}
	res, doc = servertest.Get(t, servertest.Client(t), srv.URL+"/m/ballerup/trips/BAL-2025-0001", "en")
	if res.StatusCode != http.StatusOK || !strings.Contains(doc.Find("main").Text(), "Ny aftale om elevudveksling.") {
		t.Fatalf("public trip page: %d", res.StatusCode)
	}
	if !strings.Contains(doc.Find(".facts").Text(), "Plan approved") || !strings.Contains(doc.Find(".facts").Text(), "Published") {
		t.Errorf("approval and publication dates missing: %q", doc.Find(".facts").Text())
	}
}

func TestReviewMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// These tests are of the review itself: every plan and report needs a politician's decision.
	servertest.RequireApprovals(t, pool, "ballerup")
	servertest.People(t, pool)
	id := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0009", Status: "submitted", Purpose: "x"})
	routes := reviewMatrix(id)
	servertest.CheckMatrix(t, srv, routes)
}

// reviewMatrix is the authorization matrix of /staff/review and /staff/lifecycle
// on trip id of Ballerup, submitted.
func reviewMatrix(id int64) []servertest.Route {
	path := fmt.Sprintf("/staff/review/%d", id)
	return []servertest.Route{
		{Method: "GET", Path: "/staff/review", Action: access.ReviewView, Want: servertest.Want(303, 403, 200, 200, 403, 200)},
		{Method: "GET", Path: path, Want: servertest.Want(303, 403, 200, 200, 403, 404).Op(403)},
		{Method: "GET", Path: "/staff/review/999999", Action: access.ReviewView, Want: servertest.Want(303, 403, 404, 404, 403, 404)},
		// Staff may not approve (403); another municipality's trip is not found.
		{Method: "POST", Path: fmt.Sprintf("/staff/lifecycle/%d", id), Form: url.Values{"action": {"approve"}}, Action: access.TripApprove, RecordFirst: true, Want: servertest.Want(303, 403, 303, 403, 404, 404)},
		{Method: "POST", Path: fmt.Sprintf("/staff/lifecycle/%d", id), Form: url.Values{"action": {"fly"}}, Want: servertest.Want(303, 400, 400, 400, 404, 404).Op(404)},
	}
}

// TestLongComment checks that a comment beyond the limit is refused beside the
// field, with what was typed kept, and that one at the limit is taken.
func TestLongComment(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// These tests are of the review itself: every plan and report needs a politician's decision.
	servertest.RequireApprovals(t, pool, "ballerup")
	servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "long@ballerup.example")
	id := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0010", Status: "submitted", Purpose: "x"})
	pol := servertest.Client(t)
	servertest.SignIn(t, pol, srv.URL, "long@ballerup.example")

	long := strings.Repeat("æ", 100000)
	res, doc := act(t, pol, srv.URL, id, "return", long)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("long comment: status %d", res.StatusCode)
	}
	if msg := doc.Find("#comment-error").Text(); !strings.Contains(msg, "2000") || !strings.Contains(msg, "100000") {
		t.Errorf("error beside the comment: %q", msg)
	}
	if doc.Find("#comment").AttrOr("aria-invalid", "") != "true" || doc.Find(`.error-summary a[href="#comment"]`).Length() != 1 {
		t.Error("comment not marked invalid or not in the summary")
	}
	if got := doc.Find("#comment").Text(); got != long {
		t.Errorf("comment not kept: %d characters", len([]rune(got)))
	}
	if !strings.HasPrefix(doc.Find("title").Text(), "Error:") {
		t.Errorf("title %q", doc.Find("title").Text())
	}
	var status string
	var n int
	if err := pool.QueryRow(t.Context(), `SELECT status, (SELECT count(*) FROM trip_transition WHERE trip_id = $1) FROM trip WHERE id = $1`, id).Scan(&status, &n); err != nil || status != "submitted" || n != 0 {
		t.Errorf("trip moved: %s, %d transitions, %v", status, n, err)
	}

	if res, _ := act(t, pol, srv.URL, id, "return", strings.Repeat("æ", 2000)); res.StatusCode != http.StatusSeeOther {
		t.Errorf("comment at the limit: status %d", res.StatusCode)
	}
}
