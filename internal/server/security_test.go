package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/server"
	"github.com/municipal-intl/portal/internal/servertest"
)

// securityHeaders are the headers every answer carries (BASE_URL is https in
// the tests, so HSTS too).
var securityHeaders = map[string]string{
	"Content-Security-Policy":   "default-src 'self'",
	"X-Content-Type-Options":    "nosniff",
	"X-Frame-Options":           "DENY",
	"Referrer-Policy":           "strict-origin-when-cross-origin",
	"Strict-Transport-Security": "max-age=63072000; includeSubDomains",
}

func checkSecurityHeaders(t *testing.T, name string, h http.Header) {
	t.Helper()
	for k, want := range securityHeaders {
		if !strings.Contains(h.Get(k), want) {
			t.Errorf("%s: %s = %q, want %q", name, k, h.Get(k), want)
		}
	}
}

// TestSecurityHeadersOnEveryAnswer follows findings 5 and 6: pages, redirects,
// every error (the cross-origin refusal included), downloads, assets and
// health checks carry the security headers and HSTS.
func TestSecurityHeadersOnEveryAnswer(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	staff := servertest.Client(t)
	servertest.SignIn(t, staff, srv.URL, "mette@ballerup.example")
	_, doc := servertest.Get(t, staff, srv.URL+"/staff", "en")
	token := servertest.CSRF(doc)

	type request struct {
		name   string
		client *http.Client
		method string
		path   string
		header map[string]string
		body   url.Values
		want   int
	}
	anon := servertest.Client(t)
	cases := []request{
		{"page", anon, "GET", "/", nil, nil, 200},
		{"head", anon, "HEAD", "/m/ballerup", nil, nil, 200},
		{"redirect", anon, "GET", "/staff", nil, nil, 303},
		{"not found", anon, "GET", "/m/atlantis", nil, nil, 404},
		{"bad request", anon, "GET", "/m/ballerup/trips?year=abc", nil, nil, 400},
		{"method not allowed", anon, "DELETE", "/", nil, nil, 405},
		{"forbidden role", staff, "GET", "/staff/accounts", nil, nil, 403},
		{"csrf token missing", staff, "POST", "/staff/trips", map[string]string{"Sec-Fetch-Site": "same-origin"}, url.Values{"purpose": {"x"}}, 403},
		{"cross-origin refusal", staff, "POST", "/staff/sign-out", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, url.Values{"csrf": {token}}, 403},
		{"sign-in without token", anon, "POST", "/staff/sign-in", map[string]string{"Sec-Fetch-Site": "same-origin"}, url.Values{}, 403},
		{"csv download", anon, "GET", "/m/ballerup/trips.csv", nil, nil, 200},
		{"feed", anon, "GET", "/m/ballerup/feed.atom", nil, nil, 200},
		{"health", anon, "GET", "/healthz", nil, nil, 200},
		{"ready", anon, "GET", "/readyz", nil, nil, 200},
		{"workspace page", staff, "GET", "/staff/trips", nil, nil, 200},
	}
	for _, tc := range cases {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body.Encode()))
		if tc.body != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		for k, v := range tc.header {
			req.Header.Set(k, v)
		}
		res, err := tc.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, res.StatusCode, tc.want)
		}
		checkSecurityHeaders(t, tc.name, res.Header)
	}
	// A static asset.
	css := doc.Find(`link[rel=stylesheet]`).AttrOr("href", "")
	res, err := anon.Get(srv.URL + css)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	checkSecurityHeaders(t, "asset", res.Header)
}

// TestNoHSTSOverPlainHTTP: a development server on http:// does not pin itself.
func TestNoHSTSOverPlainHTTP(t *testing.T) {
	t.Parallel()
	srvs, _ := servertest.NewInstances(t, nil, 1, func(c *server.Config) { c.BaseURL = "http://127.0.0.1:8080" })
	res, err := http.Get(srvs[0].URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if h := res.Header.Get("Strict-Transport-Security"); h != "" {
		t.Errorf("HSTS over http: %q", h)
	}
}

// TestPersonalisedAnswersArePrivate follows finding 12: a public page that shows
// the signed-in person's name is Cache-Control: private (and varies on the
// cookie), so no shared cache hands it to someone else.
func TestPersonalisedAnswersArePrivate(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "mette@ballerup.example")
	for _, path := range []string{"/", "/m/ballerup", "/m/ballerup/trips", "/search?q=venskab", "/m/atlantis", "/staff"} {
		res, doc := servertest.Get(t, c, srv.URL+path, "en")
		if !strings.Contains(doc.Find(".user-bar__name").Text(), "mette") {
			t.Errorf("%s: the person's name is not shown", path)
		}
		cc := res.Header.Get("Cache-Control")
		if !strings.Contains(cc, "private") && !strings.Contains(cc, "no-store") {
			t.Errorf("%s: Cache-Control %q for a signed-in person", path, cc)
		}
		if strings.Contains(cc, "public") {
			t.Errorf("%s: Cache-Control %q", path, cc)
		}
		if !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Cookie") {
			t.Errorf("%s: no Vary: Cookie", path)
		}
	}
	// Anonymous readers are not marked private.
	res, _ := servertest.Get(t, servertest.Client(t), srv.URL+"/m/ballerup", "en")
	if strings.Contains(res.Header.Get("Cache-Control"), "private") {
		t.Errorf("anonymous: Cache-Control %q", res.Header.Get("Cache-Control"))
	}
}

// TestNumericParametersAreBounded follows finding 7: numbers too large, negative
// or not numbers in any query parameter are a 4xx page, never a 500.
func TestNumericParametersAreBounded(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleAdmin, "anna@ballerup.example")
	// With a published trip the register runs its page query (an empty register
	// has none to overflow).
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0001"})
	admin := servertest.Client(t)
	servertest.SignIn(t, admin, srv.URL, "anna@ballerup.example")
	anon := servertest.Client(t)
	huge := []string{"368934881474191034", "9223372036854775807", "9223372036854775808", "99999999999999999999999", "-1", "0", "1e9", "0x10", "%00", "1.5", " 3"}
	targets := []struct {
		c     *http.Client
		path  string
		param string
	}{
		{anon, "/m/ballerup/trips", "page"},
		{anon, "/m/ballerup/trips", "year"},
		{anon, "/m/ballerup/trips", "min"},
		{anon, "/m/ballerup/trips", "max"},
		{anon, "/m/ballerup/trips.csv", "page"},
		{anon, "/m/ballerup/trips.json", "page"},
		{anon, "/m/ballerup/budget", "year"},
		{anon, "/search", "page"},
		{admin, "/staff/trips", "page"},
		{admin, "/staff/audit", "page"},
		{admin, "/staff/audit", "id"},
		{admin, "/staff/audit", "person"},
		{admin, "/staff/budget-lines", "year"},
	}
	for _, tg := range targets {
		for _, v := range huge {
			target := srv.URL + tg.path + "?" + tg.param + "=" + url.QueryEscape(v)
			if tg.path == "/search" {
				target += "&q=venskab&kind=trip"
			}
			res, _ := servertest.Get(t, tg.c, target, "en")
			if res.StatusCode >= 500 {
				t.Errorf("%s?%s=%s: %d", tg.path, tg.param, v, res.StatusCode)
			}
		}
	}
	// The reported page number: past the end, so the last page with a notice.
	res, doc := servertest.Get(t, anon, srv.URL+"/m/ballerup/trips?page=368934881474191034", "en")
	if res.StatusCode != http.StatusOK || doc.Find(`[role="status"]`).Length() == 0 {
		t.Errorf("the reported page number: %d", res.StatusCode)
	}
}
