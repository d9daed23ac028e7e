package workspace_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
)

// TestAuthorizationMatrix requests every workspace route as every kind of person
// and checks the answer: 303 to sign-in for visitors, 403 for a role that may not,
// 404 for a record of another municipality (its existence is not revealed), and
// the page itself otherwise. Add a row for every new workspace route.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	ids := map[string]int64{}
	for _, who := range []struct{ slug, role string }{
		{"ballerup", "staff"}, {"ballerup", "politician"}, {"ballerup", "admin"},
		{"berlin", "staff"}, {"berlin", "politician"}, {"berlin", "admin"},
	} {
		ids[who.slug+"/"+who.role] = servertest.CreateAccount(t, pool, who.slug, who.role, who.role+"@"+who.slug+".example")
	}
	// The records the routes are asked about all belong to Ballerup; "own" people
	// are Ballerup's, "other" people Berlin's.
	record := ids["ballerup/staff"]

	type want struct{ anon, staff, politician, admin, otherStaff, otherAdmin int }
	routes := []struct {
		method, path string
		form         url.Values
		want         want
	}{
		{"GET", "/staff", nil, want{303, 200, 200, 200, 200, 200}},
		{"GET", "/staff/accounts", nil, want{303, 403, 403, 200, 403, 200}},
		{"GET", "/staff/accounts/new", nil, want{303, 403, 403, 200, 403, 200}},
		{"POST", "/staff/accounts", url.Values{"name": {"X"}, "email": {"bad"}, "role": {"staff"}, "password": {"short"}}, want{303, 403, 403, 422, 403, 422}},
		{"GET", fmt.Sprintf("/staff/accounts/%d", record), nil, want{303, 403, 403, 200, 403, 404}},
		{"POST", fmt.Sprintf("/staff/accounts/%d", record), url.Values{"role": {"staff"}, "active": {"on"}, "version": {"1"}}, want{303, 403, 403, 303, 403, 404}},
		{"GET", "/staff/accounts/999999", nil, want{303, 403, 403, 404, 403, 404}},
		{"GET", "/staff/accounts/abc", nil, want{303, 403, 403, 404, 403, 404}},
		{"POST", "/staff/sign-out", url.Values{}, want{303, 303, 303, 303, 303, 303}},
	}
	people := []struct {
		name  string
		email string
		pick  func(want) int
	}{
		{"anonymous", "", func(w want) int { return w.anon }},
		{"staff", "staff@ballerup.example", func(w want) int { return w.staff }},
		{"politician", "politician@ballerup.example", func(w want) int { return w.politician }},
		{"admin", "admin@ballerup.example", func(w want) int { return w.admin }},
		{"other staff", "staff@berlin.example", func(w want) int { return w.otherStaff }},
		{"other admin", "admin@berlin.example", func(w want) int { return w.otherAdmin }},
	}
	for _, rt := range routes {
		for _, who := range people {
			t.Run(rt.method+" "+rt.path+" as "+who.name, func(t *testing.T) {
				c := servertest.Client(t)
				if who.email != "" {
					servertest.SignIn(t, c, srv.URL, who.email)
				}
				var res *http.Response
				if rt.method == "GET" {
					res, _ = servertest.Get(t, c, srv.URL+rt.path, "en")
				} else {
					// A real form carries the session's token: take it from a page.
					page := "/staff"
					if who.email == "" {
						page = "/staff/sign-in"
					}
					_, doc := servertest.Get(t, c, srv.URL+page, "en")
					form := url.Values{"csrf": {servertest.CSRF(doc)}}
					for k, v := range rt.form {
						form[k] = v
					}
					res = servertest.Post(t, c, srv.URL+rt.path, form)
					res.Body.Close()
				}
				want := who.pick(rt.want)
				if res.StatusCode != want {
					t.Errorf("status %d, want %d", res.StatusCode, want)
				}
				if want == 303 && who.email == "" && !strings.HasPrefix(res.Header.Get("Location"), "/staff/sign-in") {
					t.Errorf("redirected to %q, not to sign-in", res.Header.Get("Location"))
				}
			})
		}
	}
}
