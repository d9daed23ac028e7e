package workspaceweb_test

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/servertest"
)

// TestWorkspaceNavigationOnErrorPages checks that an error page in the
// workspace keeps a signed-in person's navigation, listing only the areas their
// role may open and never cached, while visitors and public error pages get none.
func TestWorkspaceNavigationOnErrorPages(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	berlinTrip := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "berlin", Status: "draft"})

	staffNav := []string{"/staff", "/staff/trips", "/staff/partners", "/staff/networks", "/staff/projects", "/staff/agreements"}
	adminNav := []string{"/staff", "/staff/trips", "/staff/review", "/staff/partners", "/staff/networks", "/staff/projects", "/staff/agreements",
		"/staff/policy", "/staff/budget-lines", "/staff/bodies", "/staff/accounts", "/staff/audit"}
	// Below the trips, their area is marked as the current section.
	inTrips := map[string]string{"/staff/trips": "true"}

	staff := servertest.Client(t)
	servertest.SignIn(t, staff, srv.URL, "staff@ballerup.example")
	admin := servertest.Client(t)
	servertest.SignIn(t, admin, srv.URL, "admin@ballerup.example")

	for _, tc := range []struct {
		name    string
		c       *http.Client
		method  string
		path    string
		status  int
		nav     []string
		current map[string]string // aria-current of the links marked
	}{
		{"staff, unknown trip", staff, http.MethodGet, "/staff/trips/999999", http.StatusNotFound, staffNav, inTrips},
		{"staff, other municipality's trip", staff, http.MethodGet, fmt.Sprintf("/staff/trips/%d", berlinTrip), http.StatusNotFound, staffNav, inTrips},
		{"staff, admins' area", staff, http.MethodGet, "/staff/policy", http.StatusForbidden, staffNav, nil},
		{"staff, form without token", staff, http.MethodPost, "/staff/trips", http.StatusForbidden, staffNav, map[string]string{"/staff/trips": "page"}},
		{"staff, wrong method", staff, http.MethodGet, "/staff/sign-out", http.StatusMethodNotAllowed, staffNav, nil},
		{"admin, unknown path", admin, http.MethodGet, "/staff/nonexistent", http.StatusNotFound, adminNav, nil},
		{"admin, unknown trip", admin, http.MethodGet, "/staff/trips/999999", http.StatusNotFound, adminNav, inTrips},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, doc := do(t, tc.c, tc.method, srv.URL+tc.path)
			if res.StatusCode != tc.status {
				t.Fatalf("%s %s: status %d, want %d", tc.method, tc.path, res.StatusCode, tc.status)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", got)
			}
			checkRequestID(t, res, doc)
			if nav := doc.Find(`header nav.workspace-nav`); nav.Length() != 1 || nav.AttrOr("aria-label", "") != "Workspace" {
				t.Fatalf("no labelled workspace navigation in the header (%d)", nav.Length())
			}
			hrefs, current := navLinks(doc)
			if !slices.Equal(hrefs, tc.nav) {
				t.Errorf("navigation links\n got %v\nwant %v", hrefs, tc.nav)
			}
			wantGroup := slices.Contains(tc.nav, "/staff/policy")
			if got := doc.Find(`nav.workspace-nav .workspace-nav__group`).Length() == 1; got != wantGroup {
				t.Errorf("administrators' group shown: %v, want %v", got, wantGroup)
			}
			if !maps.Equal(current, tc.current) {
				t.Errorf("current %v, want %v", current, tc.current)
			}
			if doc.Find(`form[action="/staff/sign-out"] input[name="csrf"]`).AttrOr("value", "") == "" {
				t.Error("no sign-out button with its form token")
			}
		})
	}

	// The sign-out button of an error page signs out.
	_, doc := do(t, staff, http.MethodGet, srv.URL+"/staff/trips/999999")
	tok := doc.Find(`form[action="/staff/sign-out"] input[name="csrf"]`).AttrOr("value", "")
	if res := servertest.Post(t, staff, srv.URL+"/staff/sign-out", url.Values{"csrf": {tok}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("sign-out from an error page: status %d, want 303", res.StatusCode)
	}
	if res, _ := do(t, staff, http.MethodGet, srv.URL+"/staff/trips/999999"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after signing out: status %d, want 303 to sign in", res.StatusCode)
	}

	// A visitor is sent to sign in as before, or gets a 404 without navigation.
	visitor := servertest.Client(t)
	for _, path := range []string{"/staff/trips/999999", "/staff/policy"} {
		res, _ := do(t, visitor, http.MethodGet, srv.URL+path)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/staff/sign-in") {
			t.Errorf("visitor on %s: %d to %q, want 303 to sign in", path, res.StatusCode, res.Header.Get("Location"))
		}
	}

	// Outside the workspace, and for a visitor, error pages have no navigation.
	for _, tc := range []struct {
		name   string
		c      *http.Client
		path   string
		status int
	}{
		{"visitor, unknown workspace path", visitor, "/staff/nonexistent", http.StatusNotFound},
		{"visitor, wrong method", visitor, "/staff/sign-out", http.StatusMethodNotAllowed},
		{"visitor, public 404", visitor, "/m/nope", http.StatusNotFound},
		{"admin, public 404", admin, "/m/nope", http.StatusNotFound},
		{"admin, unknown public path", admin, "/nonexistent", http.StatusNotFound},
		{"admin, path that only starts like the workspace", admin, "/staffing", http.StatusNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, doc := do(t, tc.c, http.MethodGet, srv.URL+tc.path)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.status)
			}
			checkRequestID(t, res, doc)
			if n := doc.Find(`nav.workspace-nav`).Length(); n != 0 {
				t.Errorf("workspace navigation on %s", tc.path)
			}
		})
	}
}

// do sends an empty request (a form without its token, for a POST) in English.
func do(t *testing.T, c *http.Client, method, target string) (*http.Response, *goquery.Document) {
	t.Helper()
	if method == http.MethodGet {
		return servertest.Get(t, c, target, "en")
	}
	res := servertest.Post(t, c, target, url.Values{})
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, doc
}

// checkRequestID checks that the error page shows the request's id.
func checkRequestID(t *testing.T, res *http.Response, doc *goquery.Document) {
	t.Helper()
	if id := res.Header.Get("X-Request-Id"); id == "" || strings.TrimSpace(doc.Find("main code").Text()) != id {
		t.Errorf("request id %q not on the page (%q)", id, doc.Find("main code").Text())
	}
}
