package auth_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/auth"
	"github.com/municipal-intl/portal/internal/servertest"
)

func TestSignInAndOut(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	c := servertest.Client(t)

	// The workspace sends visitors to the sign-in page, remembering where they went.
	res, _ := servertest.Get(t, c, srv.URL+"/staff/accounts", "en")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/sign-in?next=%2Fstaff%2Faccounts" {
		t.Fatalf("anonymous: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, doc := servertest.Get(t, c, srv.URL+"/staff/sign-in?next=/staff", "en")
	token := servertest.CSRF(doc)
	if token == "" || doc.Find(`input#email[autocomplete="username"]`).Length() != 1 || doc.Find(`label[for="password"]`).Length() != 1 {
		t.Fatal("sign-in form incomplete")
	}

	// Wrong password and unknown account get the same answer, with the e-mail kept.
	for _, email := range []string{"mette@ballerup.example", "nobody@ballerup.example", "METTE@ballerup.example "} {
		res := servertest.Post(t, c, srv.URL+"/staff/sign-in", url.Values{"csrf": {token}, "email": {email}, "password": {"wrong password!!"}})
		doc := parse(t, res)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d", email, res.StatusCode)
		}
		if got := doc.Find(".error-summary li").Text(); got != "The e-mail address or the password is wrong." {
			t.Errorf("%s: error %q", email, got)
		}
		if doc.Find("#email").AttrOr("value", "") != strings.TrimSpace(email) || doc.Find("#password").AttrOr("value", "") != "" {
			t.Errorf("%s: e-mail not kept or password echoed", email)
		}
	}

	// The right password signs in, renews the session and goes where asked.
	old := cookieValue(c, srv.URL)
	res = servertest.Post(t, c, srv.URL+"/staff/sign-in", url.Values{"csrf": {token}, "email": {"Mette@Ballerup.example"}, "password": {servertest.Password}, "next": {"/staff"}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff" {
		t.Fatalf("sign in: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if cookieValue(c, srv.URL) == old {
		t.Error("the session was not renewed at sign-in")
	}
	for _, h := range res.Header.Values("Set-Cookie") {
		if !strings.Contains(h, "HttpOnly") || !strings.Contains(h, "SameSite=Lax") {
			t.Errorf("cookie %q", h)
		}
	}
	_, doc = servertest.Get(t, c, srv.URL+"/staff", "en")
	if !strings.Contains(doc.Find("main h1").Text(), "mette") || !strings.Contains(doc.Find(`[role="status"]`).Text(), "signed in") {
		t.Errorf("dashboard: %q / %q", doc.Find("main h1").Text(), doc.Find(`[role="status"]`).Text())
	}
	// The token of the signed-in session differs from the one before.
	if servertest.CSRF(doc) == token {
		t.Error("the form token was not renewed at sign-in")
	}
	// Sign out ends the session.
	res = servertest.Post(t, c, srv.URL+"/staff/sign-out", url.Values{"csrf": {servertest.CSRF(doc)}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out: %d", res.StatusCode)
	}
	res, _ = servertest.Get(t, c, srv.URL+"/staff", "en")
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("after sign-out /staff: %d", res.StatusCode)
	}
}

func TestOffsiteNextIsIgnored(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "berlin", access.RoleStaff, "klaus@berlin.example")
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example"} {
		c := servertest.Client(t)
		_, doc := servertest.Get(t, c, srv.URL+"/staff/sign-in", "en")
		res := servertest.Post(t, c, srv.URL+"/staff/sign-in", url.Values{"csrf": {servertest.CSRF(doc)}, "email": {"klaus@berlin.example"}, "password": {servertest.Password}, "next": {next}})
		res.Body.Close()
		if loc := res.Header.Get("Location"); loc != "/staff" {
			t.Errorf("next %q: redirected to %q", next, loc)
		}
	}
}

func TestThrottling(t *testing.T) {
	t.Parallel()
	clock := servertest.NewClock()
	srv, pool := servertest.NewWith(t, clock)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	c := servertest.Client(t)
	_, doc := servertest.Get(t, c, srv.URL+"/staff/sign-in", "en")
	token := servertest.CSRF(doc)
	try := func(pw string) (*http.Response, string) {
		res := servertest.Post(t, c, srv.URL+"/staff/sign-in", url.Values{"csrf": {token}, "email": {"mette@ballerup.example"}, "password": {pw}})
		d := parse(t, res)
		return res, d.Find(".error-summary li").Text()
	}
	for i := 0; i < 5; i++ {
		if res, _ := try("wrong password " + string(rune('a'+i))); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("attempt %d: %d", i+1, res.StatusCode)
		}
	}
	// The sixth attempt is refused even with the right password, and says when to retry.
	res, msg := try(servertest.Password)
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(msg, "try again after 12:15 UTC") {
		t.Fatalf("throttled: %d %q", res.StatusCode, msg)
	}
	// Counted in PostgreSQL, so it holds for every portal instance.
	var n int
	if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM signin_failure WHERE email = 'mette@ballerup.example'`).Scan(&n); err != nil || n != 5 {
		t.Errorf("failures stored: %d (%v)", n, err)
	}
	clock.Advance(16 * time.Minute)
	if res, _ := try(servertest.Password); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after the window: %d", res.StatusCode)
	}
}

func TestSessionExpiresWhenIdle(t *testing.T) {
	t.Parallel()
	clock := servertest.NewClock()
	srv, pool := servertest.NewWith(t, clock)
	servertest.CreateAccount(t, pool, "vasteras", access.RoleStaff, "anna@vasteras.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "anna@vasteras.example")
	clock.Advance(7 * time.Hour)
	if res, _ := servertest.Get(t, c, srv.URL+"/staff", "en"); res.StatusCode != http.StatusOK {
		t.Fatalf("after 7 hours: %d", res.StatusCode)
	}
	// Activity keeps it alive: 4 more hours after the last request is fine
	// (11 hours in all, within the absolute lifetime of 12).
	clock.Advance(4 * time.Hour)
	if res, _ := servertest.Get(t, c, srv.URL+"/staff", "en"); res.StatusCode != http.StatusOK {
		t.Fatalf("4 hours after the last request: %d", res.StatusCode)
	}
	clock.Advance(8*time.Hour + time.Minute)
	res, _ := servertest.Get(t, c, srv.URL+"/staff", "en")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("after 8 idle hours: %d", res.StatusCode)
	}
	_, doc := servertest.Get(t, c, srv.URL+res.Header.Get("Location"), "en")
	if !strings.Contains(doc.Find(`[role="status"]`).Text(), "session ended") {
		t.Errorf("no expiry notice: %q", doc.Find("main").Text())
	}
}

func TestDeactivatedCannotSignIn(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "stuttgart", access.RoleStaff, "jonas@stuttgart.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "jonas@stuttgart.example")
	if _, err := pool.Exec(t.Context(), `UPDATE account SET active = false, deactivated_at = now() WHERE email = 'jonas@stuttgart.example'`); err != nil {
		t.Fatal(err)
	}
	// The open session ends at once, and signing in again is refused.
	if res, _ := servertest.Get(t, c, srv.URL+"/staff", "en"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("deactivated session: %d", res.StatusCode)
	}
	_, doc := servertest.Get(t, c, srv.URL+"/staff/sign-in", "en")
	res := servertest.Post(t, c, srv.URL+"/staff/sign-in", url.Values{"csrf": {servertest.CSRF(doc)}, "email": {"jonas@stuttgart.example"}, "password": {servertest.Password}})
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("deactivated sign-in: %d", res.StatusCode)
	}
}

// TestCrossSitePostRefused: a form posted from another site is refused, whether the
// browser says so (Sec-Fetch-Site, Origin) or the session's token is missing.
func TestCrossSitePostRefused(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "goteborg", access.RoleAdmin, "eva@goteborg.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "eva@goteborg.example")
	_, doc := servertest.Get(t, c, srv.URL+"/staff/accounts/new", "en")
	form := url.Values{"csrf": {servertest.CSRF(doc)}, "name": {"Mallory"}, "email": {"mallory@evil.example"}, "role": {access.RoleAdmin}, "password": {"a long enough password"}}

	noToken := url.Values{"name": {"Mallory"}, "email": {"m@evil.example"}, "role": {access.RoleAdmin}, "password": {"a long enough password"}}
	cases := map[string]struct {
		body    url.Values
		headers map[string]string
	}{
		"cross-site browser": {form, map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}},
		"foreign origin":     {form, map[string]string{"Origin": "https://evil.example"}},
		"no token":           {noToken, nil},
		"wrong token":        {url.Values{"csrf": {"forged"}, "name": {"Mallory"}, "email": {"w@evil.example"}, "role": {access.RoleAdmin}, "password": {"a long enough password"}}, nil},
	}
	for name, tc := range cases {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/staff/accounts", strings.NewReader(tc.body.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range tc.headers {
			req.Header.Set(k, v)
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", name, res.StatusCode)
		}
	}
	var n int
	if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM account WHERE email LIKE '%evil.example'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d accounts created by forged posts", n)
	}
	// The same form from the site itself works.
	res := servertest.Post(t, c, srv.URL+"/staff/accounts", form)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("same-site post: %d", res.StatusCode)
	}
}

// TestUnreadableFormIsBadRequest shows a body that is not a form gets a 400
// page, and only a body over the limit a 413.
func TestUnreadableFormIsBadRequest(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "goteborg", access.RoleAdmin, "eva@goteborg.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "eva@goteborg.example")
	for _, tc := range []struct {
		name string
		body string
		want int
	}{
		{"bad escape", "name=%zz", http.StatusBadRequest},
		{"too large", "name=" + strings.Repeat("a", auth.MaxFormBytes), http.StatusRequestEntityTooLarge},
	} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/staff/accounts", strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, res.StatusCode, tc.want)
		}
	}
}
