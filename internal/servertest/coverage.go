package servertest

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
)

// Area is a part of the workspace and the package under internal/ whose
// authorization matrix covers it. A pattern is a route pattern ("/staff") or a
// pattern and everything below it ("/staff/trips/*").
type Area struct {
	Package  string
	Patterns []string
}

// Areas shares the whole workspace out among the authorization matrices:
// internal/server's tests fail when a route under /staff is in no area, or in
// two, or when an area's package does not check its coverage; CheckCoverage
// fails when a route of the area has no matrix row.
var Areas = []Area{
	{Package: "auth", Patterns: []string{"/staff/sign-in", "/staff/sign-out"}},
	{Package: "workspaceweb", Patterns: []string{"/staff"}},
	{Package: "accountweb", Patterns: []string{"/staff/accounts/*", "/staff/password"}},
	{Package: "tripweb", Patterns: []string{"/staff/trips/*", "/staff/review/*", "/staff/lifecycle/*"}},
	{Package: "agreementweb", Patterns: []string{"/staff/agreements/*"}},
	{Package: "partnerweb", Patterns: []string{"/staff/partners/*", "/staff/networks/*", "/staff/projects/*"}},
	{Package: "policyweb", Patterns: []string{"/staff/policy/*"}},
	{Package: "budgetweb", Patterns: []string{"/staff/budget-lines/*"}},
	{Package: "meetingweb", Patterns: []string{"/staff/meetings/*"}},
	{Package: "bodyweb", Patterns: []string{"/staff/bodies/*"}},
	{Package: "auditweb", Patterns: []string{"/staff/audit/*"}},
	{Package: "operatorweb", Patterns: []string{"/staff/municipalities/*"}},
	{Package: "notifyweb", Patterns: []string{"/staff/notifications"}},
	{Package: "placeweb", Patterns: []string{"/staff/places/*"}},
}

// Endpoint is one route of the router: a method and its chi pattern, without a
// trailing slash ("/staff/trips", not "/staff/trips/").
type Endpoint struct{ Method, Pattern string }

func (e Endpoint) String() string { return e.Method + " " + e.Pattern }

// Endpoints lists every route of the router, sorted, as CheckCoverage names them.
func Endpoints(mux chi.Routes) []Endpoint {
	var list []Endpoint
	_ = chi.Walk(mux, func(method, pattern string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		list = append(list, Endpoint{Method: method, Pattern: trimSlash(pattern)})
		return nil
	})
	slices.SortFunc(list, func(a, b Endpoint) int {
		return strings.Compare(a.Pattern+" "+a.Method, b.Pattern+" "+b.Method)
	})
	return slices.Compact(list)
}

// InArea reports whether the route pattern is pattern area, or below it when
// area ends in "/*".
func InArea(area, pattern string) bool {
	if base, ok := strings.CutSuffix(area, "/*"); ok {
		return pattern == base || strings.HasPrefix(pattern, base+"/")
	}
	return pattern == area
}

// CheckCoverage fails for every route in the package's Areas that no row of
// routes reaches, and for every row that reaches no route at all: a route added
// without a matrix row, or a row that tests nothing, fails the package's tests.
// srv is a server started by New or NewWith.
func CheckCoverage(t *testing.T, srv *httptest.Server, routes []Route, pkg string) {
	t.Helper()
	var areas []string
	for _, a := range Areas {
		if a.Package == pkg {
			areas = append(areas, a.Patterns...)
		}
	}
	if len(areas) == 0 {
		t.Fatalf("servertest.Areas has no area for package %q", pkg)
	}
	h, ok := srv.Config.Handler.(routed)
	if !ok {
		t.Fatal("CheckCoverage needs a server started by servertest.New or NewWith")
	}
	reached := map[Endpoint]bool{}
	for _, rt := range routes {
		path, _, _ := strings.Cut(rt.Path, "?")
		rctx := chi.NewRouteContext()
		if !h.mux.Match(rctx, rt.Method, path) {
			t.Errorf("matrix row %s %s matches no route", rt.Method, rt.Path)
			continue
		}
		reached[Endpoint{Method: rt.Method, Pattern: trimSlash(rctx.RoutePattern())}] = true
	}
	for _, e := range Endpoints(h.mux) {
		if !reached[e] && slices.ContainsFunc(areas, func(area string) bool { return InArea(area, e.Pattern) }) {
			t.Errorf("no matrix row for %s", e)
		}
	}
}

// trimSlash drops a pattern's trailing slash, as chi's RoutePattern does.
func trimSlash(pattern string) string {
	if pattern == "/" {
		return pattern
	}
	return strings.TrimSuffix(pattern, "/")
}
