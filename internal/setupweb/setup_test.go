package setupweb_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/setup"
)

const strongPassword = "a long enough first-run password"

func form(csrf, token string, over map[string]string) url.Values {
	v := url.Values{"csrf": {csrf}, "token": {token}, "name": {"Anna Admin"}, "email": {"anna.admin@ballerup.example"},
		"municipality": {"ballerup"}, "password": {strongPassword}}
	for k, val := range over {
		v.Set(k, val)
	}
	return v
}

// TestSetupPage walks the first run over HTTP: the link opens the form, mistakes
// keep the link valid and the input, the first administrator is created once,
// and then the link and the page are gone.
func TestSetupPage(t *testing.T) {
	t.Parallel()
	clock := servertest.NewClock()
	srv, pool := servertest.NewWith(t, clock)
	ctx := context.Background()
	st := setup.NewStore(pool, clock.Now)
	token, until, err := st.Issue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := clock.Now().Add(time.Hour); !until.Equal(want) {
		t.Errorf("valid until %v, want %v", until, want)
	}
	c := servertest.Client(t)

	for _, bad := range []string{"", "nonsense", token + "x"} {
		res, _ := servertest.Get(t, c, srv.URL+"/setup?token="+url.QueryEscape(bad), "en")
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("token %q: status %d, want 404", bad, res.StatusCode)
		}
	}

	res, doc := servertest.Get(t, c, srv.URL+"/setup?token="+token, "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("setup page: status %d", res.StatusCode)
	}
	if got := res.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", got)
	}
	if got := res.Header.Get("Referrer-Policy"); got != "no-referrer" {
		t.Errorf("Referrer-Policy %q, want no-referrer", got)
	}
	if n := doc.Find(`select#municipality option[value!=""]`).Length(); n != 5 {
		t.Errorf("%d municipalities to choose from, want 5", n)
	}
	if got := doc.Find(`input[name="token"]`).AttrOr("value", ""); got != token {
		t.Errorf("the form does not carry the token: %q", got)
	}
	csrf := servertest.CSRF(doc)

	// Without the session's form token: refused, nothing created.
	res = servertest.Post(t, c, srv.URL+"/setup", form("", token, nil))
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("without form token: status %d, want 403", res.StatusCode)
	}

	mistakes := []struct {
		name  string
		over  map[string]string
		field string
	}{
		{"weak password", map[string]string{"password": "short"}, "password"},
		{"no municipality", map[string]string{"municipality": ""}, "municipality"},
		{"unknown municipality", map[string]string{"municipality": "atlantis"}, "municipality"},
		{"bad e-mail", map[string]string{"email": "anna@"}, "email"},
		{"no name", map[string]string{"name": "  "}, "name"},
	}
	for _, m := range mistakes {
		t.Run(m.name, func(t *testing.T) {
			res := servertest.Post(t, c, srv.URL+"/setup", form(csrf, token, m.over))
			doc := parse(t, res)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", res.StatusCode)
			}
			if doc.Find("#"+m.field+"-error").Length() != 1 {
				t.Errorf("no error beside %s", m.field)
			}
			if doc.Find(`.error-summary a[href="#`+m.field+`"]`).Length() != 1 {
				t.Errorf("the error summary does not link to %s", m.field)
			}
			if m.field != "name" {
				if got := doc.Find("#name").AttrOr("value", ""); got != "Anna Admin" {
					t.Errorf("name not kept: %q", got)
				}
			}
			if got := doc.Find("#password").AttrOr("value", ""); got != "" {
				t.Errorf("the password is sent back to the browser: %q", got)
			}
			if !strings.HasPrefix(doc.Find("title").Text(), "Error") {
				t.Errorf("title %q does not start with Error", doc.Find("title").Text())
			}
		})
	}
	if n := count(t, pool, `SELECT count(*) FROM account`); n != 0 {
		t.Fatalf("%d accounts after refused forms", n)
	}

	res = servertest.Post(t, c, srv.URL+"/setup", form(csrf, token, nil))
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/sign-in" {
		t.Fatalf("create: status %d to %q, want 303 to /staff/sign-in", res.StatusCode, res.Header.Get("Location"))
	}
	var role, slug string
	if err := pool.QueryRow(ctx, `SELECT a.role, m.slug FROM account a JOIN municipality m ON m.id = a.municipality_id
		WHERE a.email = 'anna.admin@ballerup.example'`).Scan(&role, &slug); err != nil {
		t.Fatal(err)
	}
	if role != access.RoleAdmin || slug != "ballerup" {
		t.Errorf("created %s of %s, want admin of ballerup", role, slug)
	}
	if n := count(t, pool, `SELECT count(*) FROM audit_log WHERE entity = 'account' AND action = 'create'`); n != 1 {
		t.Errorf("%d audit entries for the account, want 1", n)
	}
	_, doc = servertest.Get(t, c, srv.URL+"/staff/sign-in", "en")
	if !strings.Contains(doc.Find(".notice--success").Text(), "administrator has been created") {
		t.Errorf("the sign-in page does not say the administrator was created: %q", doc.Find(".notice--success").Text())
	}
	// The new administrator signs in with the password given.
	res = servertest.Post(t, c, srv.URL+"/staff/sign-in", url.Values{"csrf": {servertest.CSRF(doc)},
		"email": {"anna.admin@ballerup.example"}, "password": {strongPassword}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff" {
		t.Errorf("sign in: status %d to %q", res.StatusCode, res.Header.Get("Location"))
	}

	// The link is dead, and so is the page, for every link.
	res, _ = servertest.Get(t, c, srv.URL+"/setup?token="+token, "en")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("used link: status %d, want 404", res.StatusCode)
	}
	// Posted again, with a valid form token of another browser: 404 too.
	other := servertest.Client(t)
	_, sdoc := servertest.Get(t, other, srv.URL+"/staff/sign-in", "en")
	res = servertest.Post(t, other, srv.URL+"/setup", form(servertest.CSRF(sdoc), token, map[string]string{"email": "eve@ballerup.example"}))
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("used link posted again: status %d, want 404", res.StatusCode)
	}
	fresh, _, err := st.Issue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, _ = servertest.Get(t, c, srv.URL+"/setup?token="+fresh, "en")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("a new link once an account exists: status %d, want 404", res.StatusCode)
	}
	if n := count(t, pool, `SELECT count(*) FROM account`); n != 1 {
		t.Errorf("%d accounts, want 1", n)
	}
}

func TestSetupLinkExpires(t *testing.T) {
	t.Parallel()
	clock := servertest.NewClock()
	srv, pool := servertest.NewWith(t, clock)
	st := setup.NewStore(pool, clock.Now)
	token, _, err := st.Issue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c := servertest.Client(t)
	clock.Advance(59 * time.Minute)
	res, doc := servertest.Get(t, c, srv.URL+"/setup?token="+token, "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("after 59 minutes: status %d, want 200", res.StatusCode)
	}
	clock.Advance(2 * time.Minute)
	res, _ = servertest.Get(t, c, srv.URL+"/setup?token="+token, "en")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("after 61 minutes: status %d, want 404", res.StatusCode)
	}
	// A form opened in time and sent too late creates nothing.
	res = servertest.Post(t, c, srv.URL+"/setup", form(servertest.CSRF(doc), token, nil))
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("posted after expiry: status %d, want 404", res.StatusCode)
	}
	if n := count(t, pool, `SELECT count(*) FROM account`); n != 0 {
		t.Errorf("%d accounts, want 0", n)
	}
}
