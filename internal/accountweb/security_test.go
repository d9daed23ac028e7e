package accountweb_test

import (
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

func thiefOf(t *testing.T, c *http.Client, from, to string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	fu, _ := url.Parse(from)
	tu, _ := url.Parse(to)
	jar.SetCookies(tu, c.Jar.Cookies(fu))
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func postDoc(t *testing.T, c *http.Client, target string, form url.Values) (*http.Response, *goquery.Document) {
	t.Helper()
	res := servertest.Post(t, c, target, form)
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, doc
}

// TestChangePassword follows finding 8: everyone can change their own password
// (current one required, weak ones refused); the change ends the other
// sessions, so a copied cookie is useless on a second instance, and the new
// password works.
func TestChangePassword(t *testing.T) {
	t.Parallel()
	srvs, pool := servertest.NewInstances(t, nil, 2, nil)
	a, b := srvs[0], srvs[1]
	servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "lone@ballerup.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, a.URL, "lone@ballerup.example")
	thief := thiefOf(t, c, a.URL, b.URL)
	if res, _ := servertest.Get(t, thief, b.URL+"/staff", "en"); res.StatusCode != http.StatusOK {
		t.Fatalf("copied cookie before the change: %d", res.StatusCode)
	}
	_, doc := servertest.Get(t, c, a.URL+"/staff/password", "en")
	if doc.Find(`a[href="/staff/password"]`).Length() == 0 {
		t.Error("no link to change the password")
	}
	token := servertest.CSRF(doc)
	const strong = "tangerine orbit lighthouse 42 velvet"
	cases := []struct {
		name                  string
		current, next, repeat string
		field                 string
	}{
		{"wrong current", "not my password!", strong, strong, "current"},
		{"no current", "", strong, strong, "current"},
		{"well known", servertest.Password, "password1234", "password1234", "new"},
		{"pattern", servertest.Password, "Password1234!", "Password1234!", "new"},
		{"keyboard", servertest.Password, "qwertyuiop123", "qwertyuiop123", "new"},
		{"own name", servertest.Password, "lone@ballerup.example", "lone@ballerup.example", "new"},
		{"too short", servertest.Password, "Xy7#kq2", "Xy7#kq2", "new"},
		{"same", servertest.Password, servertest.Password, servertest.Password, "new"},
		{"mistyped", servertest.Password, strong, strong + "!", "confirm"},
	}
	for _, tc := range cases {
		res, doc := postDoc(t, c, a.URL+"/staff/password", url.Values{"csrf": {token}, "current": {tc.current}, "new": {tc.next}, "confirm": {tc.repeat}})
		if res.StatusCode != http.StatusUnprocessableEntity || doc.Find("#"+tc.field+"-error").Length() != 1 {
			t.Errorf("%s: %d, error on %s: %q", tc.name, res.StatusCode, tc.field, doc.Find(".error-summary").Text())
		}
		if doc.Find(`input[type="password"][value]`).Length() != 0 {
			t.Errorf("%s: a password is echoed", tc.name)
		}
	}
	if res, _ := servertest.Get(t, thief, b.URL+"/staff", "en"); res.StatusCode != http.StatusOK {
		t.Fatalf("refused changes ended the session: %d", res.StatusCode)
	}
	res := servertest.Post(t, c, a.URL+"/staff/password", url.Values{"csrf": {token}, "current": {servertest.Password}, "new": {strong}, "confirm": {strong}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", res.StatusCode)
	}
	// This session goes on; the copy on the other instance is ended.
	if res, _ := servertest.Get(t, c, a.URL+"/staff", "en"); res.StatusCode != http.StatusOK {
		t.Errorf("own session after the change: %d", res.StatusCode)
	}
	if res, _ := servertest.Get(t, thief, b.URL+"/staff", "en"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("copied cookie after the password change: %d", res.StatusCode)
	}
	other := servertest.Client(t)
	_, doc = servertest.Get(t, other, b.URL+"/staff/sign-in", "en")
	res = servertest.Post(t, other, b.URL+"/staff/sign-in", url.Values{"csrf": {servertest.CSRF(doc)}, "email": {"lone@ballerup.example"}, "password": {strong}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("sign in with the new password: %d", res.StatusCode)
	}
}

// TestNewAccountMustChangePassword: a password an administrator chose (new
// accounts always; any account when asked) opens only the change-password page
// until its owner replaces it; weak initial passwords are refused too.
func TestNewAccountMustChangePassword(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	admin := servertest.Client(t)
	servertest.SignIn(t, admin, srv.URL, "admin@ballerup.example")
	_, doc := servertest.Get(t, admin, srv.URL+"/staff/accounts/new", "en")
	token := servertest.CSRF(doc)
	res, doc := postDoc(t, admin, srv.URL+"/staff/accounts", url.Values{"csrf": {token}, "name": {"Ib"}, "email": {"ib@ballerup.example"}, "role": {access.RoleStaff}, "password": {"password1234"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find("#password-error").Text(), "too easy to guess") {
		t.Errorf("well-known initial password: %d %q", res.StatusCode, doc.Find("#password-error").Text())
	}
	const initial = "harbour quilt seventeen amber"
	res = servertest.Post(t, admin, srv.URL+"/staff/accounts", url.Values{"csrf": {token}, "name": {"Ib"}, "email": {"ib@ballerup.example"}, "role": {access.RoleStaff}, "password": {initial}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	c := servertest.Client(t)
	_, doc = servertest.Get(t, c, srv.URL+"/staff/sign-in?next=/staff/trips", "en")
	res = servertest.Post(t, c, srv.URL+"/staff/sign-in", url.Values{"csrf": {servertest.CSRF(doc)}, "email": {"ib@ballerup.example"}, "password": {initial}, "next": {"/staff/trips"}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/password" {
		t.Fatalf("first sign-in: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	for _, path := range []string{"/staff", "/staff/trips", "/staff/trips/new"} {
		if res, _ := servertest.Get(t, c, srv.URL+path, "en"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/password" {
			t.Errorf("%s before the change: %d %q", path, res.StatusCode, res.Header.Get("Location"))
		}
	}
	_, doc = servertest.Get(t, c, srv.URL+"/staff/password", "en")
	if doc.Find(`.notice--warning`).Length() != 1 {
		t.Error("no notice that the password must be changed")
	}
	const own = "copper meadow whistle ninety"
	res = servertest.Post(t, c, srv.URL+"/staff/password", url.Values{"csrf": {servertest.CSRF(doc)}, "current": {initial}, "new": {own}, "confirm": {own}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", res.StatusCode)
	}
	if res, _ := servertest.Get(t, c, srv.URL+"/staff/trips", "en"); res.StatusCode != http.StatusOK {
		t.Errorf("after the change: %d", res.StatusCode)
	}

	// The administrator can ask for a change again.
	var id int64
	if err := pool.QueryRow(t.Context(), `SELECT id FROM account WHERE email = 'ib@ballerup.example'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	edit := fmt.Sprintf("%s/staff/accounts/%d", srv.URL, id)
	_, doc = servertest.Get(t, admin, edit, "en")
	if doc.Find(`#must_change:checked, #must_change[checked]`).Length() != 0 {
		t.Error("the requirement is still shown after the change")
	}
	res = servertest.Post(t, admin, edit, url.Values{"csrf": {token}, "version": {doc.Find(`input[name="version"]`).AttrOr("value", "")}, "role": {access.RoleStaff}, "active": {"on"}, "must_change": {"on"}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("require a change: %d", res.StatusCode)
	}
	if res, _ := servertest.Get(t, c, srv.URL+"/staff/trips", "en"); res.Header.Get("Location") != "/staff/password" {
		t.Errorf("after the administrator asked for a change: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
}

// TestAdministratorEndsSessions: an administrator sees a person's open sessions
// and ends them; the person is signed out at once.
func TestAdministratorEndsSessions(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	id := servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	laptop, phone := servertest.Client(t), servertest.Client(t)
	servertest.SignIn(t, laptop, srv.URL, "mette@ballerup.example")
	servertest.SignIn(t, phone, srv.URL, "mette@ballerup.example")
	admin := servertest.Client(t)
	servertest.SignIn(t, admin, srv.URL, "admin@ballerup.example")
	edit := fmt.Sprintf("%s/staff/accounts/%d", srv.URL, id)
	_, doc := servertest.Get(t, admin, edit, "en")
	rows := doc.Find(`section[aria-labelledby="sessions-heading"] tbody tr`)
	if rows.Length() != 2 {
		t.Fatalf("%d sessions listed, want 2", rows.Length())
	}
	// End one: one device is signed out, the other not.
	one := rows.First().Find(`input[name="session"]`).AttrOr("value", "")
	res := servertest.Post(t, admin, edit+"/sessions/end", url.Values{"csrf": {servertest.CSRF(doc)}, "session": {one}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("end one: %d", res.StatusCode)
	}
	open := 0
	for _, c := range []*http.Client{laptop, phone} {
		if res, _ := servertest.Get(t, c, srv.URL+"/staff", "en"); res.StatusCode == http.StatusOK {
			open++
		}
	}
	if open != 1 {
		t.Errorf("%d devices signed in after ending one session, want 1", open)
	}
	_, doc = servertest.Get(t, admin, edit, "en")
	res = servertest.Post(t, admin, edit+"/sessions/end", url.Values{"csrf": {servertest.CSRF(doc)}})
	res.Body.Close()
	for _, c := range []*http.Client{laptop, phone} {
		if res, _ := servertest.Get(t, c, srv.URL+"/staff", "en"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("a device still signed in after ending all: %d", res.StatusCode)
		}
	}
	// The administrator's own session is untouched.
	if res, _ := servertest.Get(t, admin, edit, "en"); res.StatusCode != http.StatusOK {
		t.Errorf("administrator after ending another's sessions: %d", res.StatusCode)
	}
	// A session id that is not a number is a 400, not a 500.
	_, doc = servertest.Get(t, admin, edit, "en")
	res = servertest.Post(t, admin, edit+"/sessions/end", url.Values{"csrf": {servertest.CSRF(doc)}, "session": {"99999999999999999999"}})
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("unreadable session id: %d", res.StatusCode)
	}
}
