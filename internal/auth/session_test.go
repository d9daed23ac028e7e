package auth_test

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/auth"
	"github.com/municipal-intl/portal/internal/servertest"
)

// copyCookies returns a client holding a copy of c's cookies for base: what an
// attacker who took the cookie would hold.
func copyCookies(t *testing.T, c *http.Client, from, to string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	fu, _ := url.Parse(from)
	tu, _ := url.Parse(to)
	jar.SetCookies(tu, c.Jar.Cookies(fu))
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// TestCopiedCookieUselessAfterSignOut follows finding 2: a copy of the session
// cookie taken before sign-out opens nothing afterwards, on a second instance of
// the portal either, and can no longer create a trip.
func TestCopiedCookieUselessAfterSignOut(t *testing.T) {
	t.Parallel()
	srvs, pool := servertest.NewInstances(t, nil, 2, nil)
	a, b := srvs[0], srvs[1]
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, a.URL, "mette@ballerup.example")
	thief := copyCookies(t, c, a.URL, b.URL)
	// The copy works on the other instance while the session lasts.
	res, doc := servertest.Get(t, thief, b.URL+"/staff/trips/new", "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("copied cookie before sign-out: %d", res.StatusCode)
	}
	token := servertest.CSRF(doc)
	// The cookie carries nothing but a signed id.
	for _, ck := range c.Jar.Cookies(mustURL(a.URL)) {
		if ck.Name == auth.SignedInCookie && len(ck.Value) > 200 {
			t.Errorf("session cookie of %d bytes: more than an id", len(ck.Value))
		}
	}

	_, doc = servertest.Get(t, c, a.URL+"/staff", "en")
	res = servertest.Post(t, c, a.URL+"/staff/sign-out", url.Values{"csrf": {servertest.CSRF(doc)}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out: %d", res.StatusCode)
	}
	var n int
	if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM http_session`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d sessions left after sign-out (%v)", n, err)
	}
	if res, _ := servertest.Get(t, thief, b.URL+"/staff", "en"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("copied cookie after sign-out on the second instance: /staff %d", res.StatusCode)
	}
	res = servertest.Post(t, thief, b.URL+"/staff/trips", url.Values{"csrf": {token}, "purpose": {"Stolen"}})
	res.Body.Close()
	if res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/staff/trips/") {
		t.Errorf("copied cookie after sign-out created a trip: %s", res.Header.Get("Location"))
	}
	if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM trip`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d trips after the forged post (%v)", n, err)
	}
}

// TestCopiedCookieUselessAfterDeactivation: deactivating an account ends its
// sessions at once, on every instance.
func TestCopiedCookieUselessAfterDeactivation(t *testing.T) {
	t.Parallel()
	srvs, pool := servertest.NewInstances(t, nil, 2, nil)
	a, b := srvs[0], srvs[1]
	id := servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	servertest.CreateAccount(t, pool, "ballerup", access.RoleAdmin, "anna@ballerup.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, a.URL, "mette@ballerup.example")
	thief := copyCookies(t, c, a.URL, b.URL)

	admin := servertest.Client(t)
	servertest.SignIn(t, admin, a.URL, "anna@ballerup.example")
	_, doc := servertest.Get(t, admin, a.URL+"/staff/accounts/"+itoa(id), "en")
	res := servertest.Post(t, admin, a.URL+"/staff/accounts/"+itoa(id), url.Values{"csrf": {servertest.CSRF(doc)},
		"version": {doc.Find(`input[name="version"]`).AttrOr("value", "")}, "role": {access.RoleStaff}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("deactivate: %d", res.StatusCode)
	}
	var n int
	if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM http_session WHERE account_id = $1`, id).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d sessions left after deactivation (%v)", n, err)
	}
	if res, _ := servertest.Get(t, thief, b.URL+"/staff", "en"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("copied cookie after deactivation: /staff %d", res.StatusCode)
	}
}

// TestSessionAbsoluteLifetime: a session used every few hours still ends
// SESSION_MAX after sign-in.
func TestSessionAbsoluteLifetime(t *testing.T) {
	t.Parallel()
	clock := servertest.NewClock()
	srv, pool := servertest.NewWith(t, clock)
	servertest.CreateAccount(t, pool, "vasteras", access.RoleStaff, "anna@vasteras.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "anna@vasteras.example")
	for i := range 5 {
		clock.Advance(2 * time.Hour)
		if res, _ := servertest.Get(t, c, srv.URL+"/staff", "en"); res.StatusCode != http.StatusOK {
			t.Fatalf("after %d hours of use: %d", 2*(i+1), res.StatusCode)
		}
	}
	clock.Advance(2 * time.Hour) // 12 hours after sign-in
	res, _ := servertest.Get(t, c, srv.URL+"/staff", "en")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("12 hours after sign-in: %d", res.StatusCode)
	}
	_, doc := servertest.Get(t, c, srv.URL+res.Header.Get("Location"), "en")
	if !strings.Contains(doc.Find(`[role="status"]`).Text(), "session ended") {
		t.Errorf("no expiry notice: %q", doc.Find("main").Text())
	}
}

// TestAnonymousRequestsCostNoSessionQuery: a visitor with only the language
// cookie is served without a session row being looked up or created.
func TestAnonymousRequestsKeepLanguageWithoutSession(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c := servertest.Client(t)
	servertest.Get(t, c, srv.URL+"/?lang=de", "en")
	res, doc := servertest.Get(t, c, srv.URL+"/m/ballerup", "en")
	if res.StatusCode != http.StatusOK || doc.Find("html").AttrOr("lang", "") != "de" {
		t.Errorf("language not remembered: %d %q", res.StatusCode, doc.Find("html").AttrOr("lang", ""))
	}
	for _, ck := range c.Jar.Cookies(mustURL(srv.URL)) {
		if ck.Name == auth.SignedInCookie {
			t.Error("an anonymous visitor got a server-side session cookie")
		}
	}
	var n int
	if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM http_session`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d session rows for an anonymous visitor (%v)", n, err)
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
