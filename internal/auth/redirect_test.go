package auth_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/auth"
	"github.com/municipal-intl/portal/internal/servertest"
)

// Payloads that browsers turn into another origin, and the local paths that must
// keep working.
var redirectCases = []struct {
	next, want string
}{
	{"/%09/evil.example", "/staff"},
	{"/\t/evil.example", "/staff"},
	{"/%09%5Cevil.example", "/staff"},
	{"/\\evil.example", "/staff"},
	{"\\\\evil.example", "/staff"},
	{"/%5C%5Cevil.example", "/staff"},
	{"//evil.example", "/staff"},
	{"///evil.example", "/staff"},
	{"/%2F/evil.example", "/staff"},
	{"/%2f%2fevil.example", "/staff"},
	{"https://evil.example/", "/staff"},
	{"HTTPS://evil.example", "/staff"},
	{"javascript:alert(1)", "/staff"},
	{"data:text/html,hi", "/staff"},
	{"/\r\nLocation: https://evil.example", "/staff"},
	{"/%0d%0aSet-Cookie:x=y", "/staff"},
	{"/\x00evil", "/staff"},
	{"/ /evil.example", "/staff"},
	{"/\u00a0/evil.example", "/staff"},
	{"evil.example", "/staff"},
	{"", "/staff"},
	{"/staff/trips", "/staff/trips"},
	{"/staff/trips?status=draft", "/staff/trips?status=draft"},
	{"/staff/../staff/trips", "/staff/trips"},
	{"/staff/../../../evil.example", "/evil.example"},
	{"/m/ballerup", "/m/ballerup"},
}

func TestSafeNext(t *testing.T) {
	t.Parallel()
	for _, tc := range redirectCases {
		if got := auth.SafeNext(tc.next); got != tc.want {
			t.Errorf("SafeNext(%q) = %q, want %q", tc.next, got, tc.want)
		}
	}
}

// TestSignInRedirectStaysHome follows finding 1: the target is checked both
// when a signed-in person opens the form and after signing in.
func TestSignInRedirectStaysHome(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	signedIn := servertest.Client(t)
	servertest.SignIn(t, signedIn, srv.URL, "mette@ballerup.example")
	for _, tc := range redirectCases {
		if tc.next == "" {
			continue
		}
		t.Run(tc.next, func(t *testing.T) {
			res, _ := servertest.Get(t, signedIn, srv.URL+"/staff/sign-in?next="+url.QueryEscape(tc.next), "en")
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tc.want {
				t.Errorf("signed in: %d %q, want %q", res.StatusCode, res.Header.Get("Location"), tc.want)
			}
		})
	}
	// The raw query of the report, as a browser sends it.
	for _, raw := range []string{"/%09/evil.example", "/%09%5Cevil.example"} {
		res, _ := servertest.Get(t, signedIn, srv.URL+"/staff/sign-in?next="+raw, "en")
		if loc := res.Header.Get("Location"); loc != "/staff" {
			t.Errorf("next=%s: Location %q", raw, loc)
		}
		c := servertest.Client(t)
		_, doc := servertest.Get(t, c, srv.URL+"/staff/sign-in?next="+raw, "en")
		if v := doc.Find(`input[name="next"]`).AttrOr("value", "/staff"); v != "/staff" {
			t.Errorf("next=%s: form keeps %q", raw, v)
		}
		form := url.Values{"csrf": {servertest.CSRF(doc)}, "email": {"mette@ballerup.example"}, "password": {servertest.Password}, "next": {raw}}
		res = servertest.Post(t, c, srv.URL+"/staff/sign-in", form)
		res.Body.Close()
		if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/staff" {
			t.Errorf("sign in with next=%s: %d %q", raw, res.StatusCode, loc)
		}
	}
}
