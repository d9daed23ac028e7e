package workspaceweb_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// workspaceAreas is every area of the workspace with a page of its own.
var workspaceAreas = []string{
	"/staff", "/staff/trips", "/staff/review", "/staff/partners", "/staff/networks", "/staff/projects",
	"/staff/agreements", "/staff/meetings", "/staff/policy", "/staff/budget-lines", "/staff/bodies", "/staff/accounts", "/staff/audit",
}

// navLinks returns the workspace navigation's link targets and the aria-current
// value of each.
func navLinks(doc *goquery.Document) (hrefs []string, current map[string]string) {
	current = map[string]string{}
	doc.Find(`nav.workspace-nav a`).Each(func(_ int, a *goquery.Selection) {
		href := a.AttrOr("href", "")
		hrefs = append(hrefs, href)
		if v, ok := a.Attr("aria-current"); ok {
			current[href] = v
		}
	})
	return hrefs, current
}

// TestWorkspaceNavigation checks that every role's navigation lists exactly the
// areas that answer it with a page (the others answer 403 or 404), and that the
// area of the page shown is marked as current.
func TestWorkspaceNavigation(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	// Göteborg's policy sets a twin-city meeting rotation; Ballerup's does not.
	servertest.CreateAccount(t, pool, "goteborg", access.RoleStaff, "staff@goteborg.example")
	servertest.CreateAccount(t, pool, "goteborg", access.RolePolitician, "politician@goteborg.example")
	servertest.CreateAccount(t, pool, "goteborg", access.RoleAdmin, "admin@goteborg.example")

	common := []string{"/staff", "/staff/trips", "/staff/partners", "/staff/networks", "/staff/projects", "/staff/agreements"}
	withReview := []string{"/staff", "/staff/trips", "/staff/review", "/staff/partners", "/staff/networks", "/staff/projects", "/staff/agreements"}
	admin := []string{"/staff/policy", "/staff/budget-lines", "/staff/bodies", "/staff/accounts", "/staff/audit"}
	for _, tc := range []struct {
		email string
		want  []string
	}{
		{"staff@ballerup.example", common},
		{"politician@ballerup.example", withReview},
		{"admin@ballerup.example", slices.Concat(withReview, admin)},
		{"staff@goteborg.example", slices.Concat(common, []string{"/staff/meetings"})},
		{"politician@goteborg.example", slices.Concat(withReview, []string{"/staff/meetings"})},
		{"admin@goteborg.example", slices.Concat(withReview, []string{"/staff/meetings"}, admin)},
	} {
		t.Run(tc.email, func(t *testing.T) {
			t.Parallel()
			c := servertest.Client(t)
			servertest.SignIn(t, c, srv.URL, tc.email)

			_, doc := servertest.Get(t, c, srv.URL+"/staff", "en")
			nav := doc.Find(`header nav.workspace-nav`)
			if nav.Length() != 1 || nav.AttrOr("aria-label", "") != "Workspace" {
				t.Fatalf("no labelled workspace navigation in the header (%d)", nav.Length())
			}
			hrefs, current := navLinks(doc)
			if !slices.Equal(hrefs, tc.want) {
				t.Errorf("navigation links\n got %v\nwant %v", hrefs, tc.want)
			}
			if len(current) != 1 || current["/staff"] != "page" {
				t.Errorf("on the dashboard, current %v", current)
			}

			// Every link opens its area, marked as the current page there; every
			// area left out refuses this person.
			for _, area := range workspaceAreas {
				res, doc := servertest.Get(t, c, srv.URL+area, "en")
				listed := slices.Contains(tc.want, area)
				switch {
				case listed && res.StatusCode != http.StatusOK:
					t.Errorf("%s is linked but answers %d", area, res.StatusCode)
				case !listed && res.StatusCode == http.StatusOK:
					t.Errorf("%s answers 200 but is not linked", area)
				case listed:
					if _, current := navLinks(doc); len(current) != 1 || current[area] != "page" {
						t.Errorf("on %s, current %v", area, current)
					}
				}
			}
		})
	}

	// Deeper in an area, its link is marked as the current section, not page.
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "admin@ballerup.example")
	for page, area := range map[string]string{
		"/staff/trips/new":        "/staff/trips",
		"/staff/policy/rules":     "/staff/policy",
		"/staff/accounts/new":     "/staff/accounts",
		"/staff/networks/join":    "/staff/networks",
		"/staff/agreements/new":   "/staff/agreements",
		"/staff/budget-lines/new": "/staff/budget-lines",
	} {
		res, doc := servertest.Get(t, c, srv.URL+page, "en")
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", page, res.StatusCode)
			continue
		}
		if _, current := navLinks(doc); len(current) != 1 || current[area] != "true" {
			t.Errorf("on %s, current %v, want %s marked true", page, current, area)
		}
	}

	// The navigation speaks the page's language.
	_, doc := servertest.Get(t, c, srv.URL+"/staff?lang=de", "")
	if got := doc.Find(`nav.workspace-nav`).AttrOr("aria-label", ""); got != "Arbeitsbereich" {
		t.Errorf("German navigation label %q", got)
	}
	if got := doc.Find(`nav.workspace-nav a[href="/staff/audit"]`).Text(); got != "Änderungsprotokoll" {
		t.Errorf("German audit link %q", got)
	}

	// Public pages have none, for a visitor or a signed-in person, nor has sign-in.
	visitor := servertest.Client(t)
	for _, get := range []struct {
		c    *http.Client
		path string
	}{{visitor, "/staff/sign-in"}, {visitor, "/m/ballerup"}, {c, "/m/ballerup"}} {
		_, doc := servertest.Get(t, get.c, srv.URL+get.path, "en")
		if doc.Find(`nav.workspace-nav`).Length() != 0 {
			t.Errorf("workspace navigation on %s", get.path)
		}
	}
}
