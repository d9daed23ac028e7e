package servertest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
)

// Expect is the status each kind of person gets from a workspace route: Ballerup's
// staff, politician and administrator ("own" municipality, whose records the
// routes name) and Berlin's staff and administrator ("other" municipality).
type Expect struct {
	Anon, Staff, Politician, Admin, OtherStaff, OtherAdmin int
}

// Route is one row of an authorization matrix. Action is the permission the
// route requires (see package access): for every signed-in person the table
// decides whether they are refused (403) — the row's Want must say the same —
// and Want gives the answer of those the table lets through. A route that
// anyone signed in may call and that decides nothing by role leaves Action empty.
type Route struct {
	Method, Path string
	Form         url.Values
	Action       access.Action
	// RecordFirst: the handler looks the record up before it asks the table
	// (the lifecycle does), so another municipality's person gets 404 whatever
	// their role, and the table decides for the own municipality only.
	RecordFirst bool
	Want        Expect
}

// People creates the accounts the matrix signs in as and returns their ids by
// "slug/role" (ballerup/staff, ballerup/politician, ballerup/admin, berlin/staff,
// berlin/politician, berlin/admin).
func People(t testing.TB, pool *pgxpool.Pool) map[string]int64 {
	t.Helper()
	ids := map[string]int64{}
	for _, slug := range []string{"ballerup", "berlin"} {
		for _, role := range access.Roles {
			ids[slug+"/"+role] = CreateAccount(t, pool, slug, role, role+"@"+slug+".example")
		}
	}
	return ids
}

// CheckMatrix requests every route as every kind of person (after People) and
// checks the answers: a visitor is sent to sign in (303), a role that may not
// gets 403, another municipality's record 404. POSTs carry the session's token,
// as a real form does.
func CheckMatrix(t *testing.T, srv *httptest.Server, routes []Route) {
	t.Helper()
	people := []struct {
		name, role, email string
		pick              func(Expect) int
	}{
		{"anonymous", "", "", func(w Expect) int { return w.Anon }},
		{access.RoleStaff, access.RoleStaff, access.RoleStaff + "@ballerup.example", func(w Expect) int { return w.Staff }},
		{access.RolePolitician, access.RolePolitician, access.RolePolitician + "@ballerup.example", func(w Expect) int { return w.Politician }},
		{access.RoleAdmin, access.RoleAdmin, access.RoleAdmin + "@ballerup.example", func(w Expect) int { return w.Admin }},
		{"other " + access.RoleStaff, access.RoleStaff, access.RoleStaff + "@berlin.example", func(w Expect) int { return w.OtherStaff }},
		{"other " + access.RoleAdmin, access.RoleAdmin, access.RoleAdmin + "@berlin.example", func(w Expect) int { return w.OtherAdmin }},
	}
	clients := map[string]*http.Client{}
	for _, who := range people {
		c := Client(t)
		if who.email != "" {
			SignIn(t, c, srv.URL, who.email)
		}
		clients[who.name] = c
	}
	for _, rt := range routes {
		for _, who := range people {
			t.Run(rt.Method+" "+rt.Path+" as "+who.name, func(t *testing.T) {
				c := clients[who.name]
				var res *http.Response
				if rt.Method == http.MethodGet {
					res, _ = Get(t, c, srv.URL+rt.Path, "en")
				} else {
					page := "/staff"
					if who.email == "" {
						page = "/staff/sign-in"
					}
					_, doc := Get(t, c, srv.URL+page, "en")
					form := url.Values{"csrf": {CSRF(doc)}}
					for k, v := range rt.Form {
						form[k] = v
					}
					res = Post(t, c, srv.URL+rt.Path, form)
					res.Body.Close()
				}
				want := who.pick(rt.Want)
				other := strings.HasPrefix(who.name, "other ")
				if rt.Action != "" && who.role != "" && !(rt.RecordFirst && other) {
					// The permissions table, not the row, says who is refused.
					denied := !access.Allowed(who.role, rt.Action)
					if denied != (want == http.StatusForbidden) {
						t.Fatalf("the row wants %d but the permissions table says allowed=%v for %s", want, !denied, rt.Action)
					}
					if denied {
						want = http.StatusForbidden
					}
				}
				if res.StatusCode != want {
					t.Errorf("status %d, want %d", res.StatusCode, want)
				}
				if want == http.StatusSeeOther && who.email == "" && !strings.HasPrefix(res.Header.Get("Location"), "/staff/sign-in") {
					t.Errorf("redirected to %q, not to sign-in", res.Header.Get("Location"))
				}
			})
		}
	}
}

// Want builds an Expect from the statuses in the order visitor, staff,
// politician, administrator, other municipality's staff, other municipality's
// administrator.
func Want(anon, staff, politician, admin, otherStaff, otherAdmin int) Expect {
	return Expect{Anon: anon, Staff: staff, Politician: politician, Admin: admin, OtherStaff: otherStaff, OtherAdmin: otherAdmin}
}
