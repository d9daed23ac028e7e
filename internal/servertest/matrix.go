package servertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/municipality"
)

// Expect is the status each kind of person gets from a workspace route: Ballerup's
// staff, politician and administrator ("own" municipality, whose records the
// routes name) and Berlin's staff and administrator ("other" municipality).
// Two more people are asked every route: the administrator of a municipality
// the test adds as the platform operator does (NewSlug), who must get what
// Berlin's administrator gets, and the platform operator, who gets 403 from
// every route whose action the table does not give them (Operator says what
// they get from the others, and from routes with no action).
type Expect struct {
	Anon, Staff, Politician, Admin, OtherStaff, OtherAdmin int
	Operator                                               int
	// NewAdmin, when not 0, is what the new municipality's administrator gets
	// where it differs from Berlin's: the new municipality has no policy yet.
	NewAdmin int
}

// NewSlug is the municipality People adds as the platform operator does.
const NewSlug = "odense"

// OperatorEmail is the platform operator People creates.
const OperatorEmail = "operator@platform.example"

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
	ids[NewSlug+"/"+access.RoleAdmin] = AddMunicipality(t, pool, NewSlug, "ODE", access.RoleAdmin+"@"+NewSlug+".example")
	ids[access.RoleOperator] = CreateOperator(t, pool, OperatorEmail)
	return ids
}

// AddMunicipality adds a Danish municipality as the platform operator does, with
// its first administrator (email, Password, already past the first sign-in's
// password change), and returns the administrator's id.
func AddMunicipality(t testing.TB, pool *pgxpool.Pool, slug, code, email string) int64 {
	t.Helper()
	n := municipality.New{Name: strings.ToUpper(slug[:1]) + slug[1:] + " Kommune", NameEn: strings.ToUpper(slug[:1]) + slug[1:],
		Slug: slug, Code: code, Country: "DK", Currency: "DKK", Languages: "da", Population: "180000", PopulationYear: "2025",
		Latitude: "55.4", Longitude: "10.39", AdminName: "First Admin", AdminEmail: email, AdminPassword: Password}
	if _, err := municipality.NewStore(pool).Create(context.Background(), n, nil); err != nil {
		t.Fatalf("add municipality %s: %v", slug, err)
	}
	var id int64
	if err := pool.QueryRow(context.Background(), `UPDATE account SET must_change_password = false WHERE lower(email) = lower($1) RETURNING id`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// CreateOperator adds a platform operator with Password and returns its id.
func CreateOperator(t testing.TB, pool *pgxpool.Pool, email string) int64 {
	t.Helper()
	a, err := account.NewStore(pool).Create(context.Background(), account.New{Role: access.RoleOperator, Email: email,
		Name: "Platform Operator", Password: Password}, nil)
	if err != nil {
		t.Fatalf("create operator %s: %v", email, err)
	}
	return a.ID
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
		{"other new " + access.RoleAdmin, access.RoleAdmin, access.RoleAdmin + "@" + NewSlug + ".example", func(w Expect) int {
			if w.NewAdmin != 0 {
				return w.NewAdmin
			}
			return w.OtherAdmin
		}},
		{access.RoleOperator, access.RoleOperator, OperatorEmail, func(w Expect) int { return w.Operator }},
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
					if who.role == access.RoleOperator {
						// The operator's /staff is a redirect to their own area.
						page = "/staff/password"
					}
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
				if who.role == access.RoleOperator && want == 0 && rt.RecordFirst {
					// The operator belongs to no municipality: a record is another's.
					want, other = http.StatusNotFound, true
				}
				if who.role == access.RoleOperator && want == 0 {
					if rt.Action == "" || access.Allowed(who.role, rt.Action) {
						t.Fatalf("the row must say what the platform operator gets (Expect.Operator)")
					}
					want = http.StatusForbidden
				}
				// A route that finds nothing for a person of no municipality before it
				// asks the table (meetings where no rotation is kept) may say so to the
				// operator; the row says it explicitly.
				notFirst := who.role == access.RoleOperator && rt.Want.Operator == http.StatusNotFound
				if rt.Action != "" && who.role != "" && !(rt.RecordFirst && other) && !notFirst {
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

// Op is e with what the platform operator gets.
func (e Expect) Op(status int) Expect { e.Operator = status; return e }

// New is e with what the new municipality's administrator gets, where it
// differs from Berlin's administrator.
func (e Expect) New(status int) Expect { e.NewAdmin = status; return e }
