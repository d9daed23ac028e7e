package auth_test

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/auth"
	"github.com/municipal-intl/portal/internal/server"
	"github.com/municipal-intl/portal/internal/servertest"
)

// signInForm returns a fresh client with the sign-in form's token.
func signInForm(t *testing.T, base string) (*http.Client, string) {
	t.Helper()
	c := servertest.Client(t)
	_, doc := servertest.Get(t, c, base+"/staff/sign-in", "en")
	return c, servertest.CSRF(doc)
}

// TestThrottlingCannotBeRaced follows finding 3: seven parallel wrong passwords
// for one account, spread over two instances, and exactly the limit (five) are
// checked; the others are refused as throttled without a check.
func TestThrottlingCannotBeRaced(t *testing.T) {
	t.Parallel()
	srvs, pool := servertest.NewInstances(t, nil, 2, func(c *server.Config) {
		c.Hashing = auth.NewHashing(1, time.Minute)
	})
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	const tries = 7
	type form struct {
		c     *http.Client
		token string
		base  string
	}
	var forms []form
	for i := range tries {
		base := srvs[i%2].URL
		c, tok := signInForm(t, base)
		forms = append(forms, form{c, tok, base})
	}
	statuses := make([]int, tries)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, f := range forms {
		wg.Go(func() {
			<-start
			res := servertest.Post(t, f.c, f.base+"/staff/sign-in", url.Values{"csrf": {f.token}, "email": {"mette@ballerup.example"}, "password": {"wrong password " + strconv.Itoa(i)}})
			res.Body.Close()
			statuses[i] = res.StatusCode
		})
	}
	close(start)
	wg.Wait()
	checked, throttled := 0, 0
	for _, s := range statuses {
		switch s {
		case http.StatusUnprocessableEntity:
			checked++
		case http.StatusTooManyRequests:
			throttled++
		default:
			t.Errorf("status %d", s)
		}
	}
	if checked != auth.MaxPerAccount || throttled != tries-auth.MaxPerAccount {
		t.Errorf("%d checked, %d throttled (statuses %v); want %d and %d", checked, throttled, statuses, auth.MaxPerAccount, tries-auth.MaxPerAccount)
	}
}

// TestRetryAfterInSeconds follows finding 9.
func TestRetryAfterInSeconds(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	c, tok := signInForm(t, srv.URL)
	var res *http.Response
	for i := 0; i <= auth.MaxPerAccount; i++ {
		res = servertest.Post(t, c, srv.URL+"/staff/sign-in", url.Values{"csrf": {tok}, "email": {"mette@ballerup.example"}, "password": {"wrong password!!"}})
		res.Body.Close()
	}
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("status %d", res.StatusCode)
	}
	// The clock stands still in the test: the whole window is left.
	if got := res.Header.Get("Retry-After"); got != strconv.Itoa(int(auth.Window/time.Second)) {
		t.Errorf("Retry-After %q, want %d", got, int(auth.Window/time.Second))
	}
}

func TestClientAddress(t *testing.T) {
	t.Parallel()
	proxies, err := auth.ParseTrustedProxies("10.0.0.0/8, 192.168.1.5, fd00::/8")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		remote, xff string
		trusted     bool
		want        string
	}{
		{"203.0.113.9:4711", "", false, "203.0.113.9"},
		// Not from a trusted proxy: the header is the client's word, ignored.
		{"203.0.113.9:4711", "198.51.100.1", true, "203.0.113.9"},
		{"10.1.2.3:80", "198.51.100.1", true, "198.51.100.1"},
		{"10.1.2.3:80", "198.51.100.1", false, "10.1.2.3"},
		// A forged left part is ignored: the right-most untrusted hop counts.
		{"10.1.2.3:80", "1.2.3.4, 198.51.100.1", true, "198.51.100.1"},
		{"10.1.2.3:80", "198.51.100.1, 192.168.1.5", true, "198.51.100.1"},
		{"10.1.2.3:80", "garbage, 198.51.100.1", true, "198.51.100.1"},
		{"10.1.2.3:80", "198.51.100.1, garbage", true, "10.1.2.3"},
		{"10.1.2.3:80", "", true, "10.1.2.3"},
		{"[fd00::1]:80", "2001:db8::7", true, "2001:db8::7"},
		{"[::ffff:10.0.0.1]:80", "198.51.100.2", true, "198.51.100.2"},
	}
	for _, tc := range cases {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = tc.remote
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		var list []netip.Prefix
		if tc.trusted {
			list = proxies
		}
		if got := auth.ClientAddress(r, list); got != tc.want {
			t.Errorf("%s via %q (trusted %v): %q, want %q", tc.remote, tc.xff, tc.trusted, got, tc.want)
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "nonsense", "10.0.0.1/8/2"} {
		if _, err := auth.ParseTrustedProxies(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestThrottlingBehindProxy follows finding 4: behind a trusted proxy, twenty
// failures of one visitor do not lock out another visitor who comes through the
// same proxy.
func TestThrottlingBehindProxy(t *testing.T) {
	t.Parallel()
	srvs, pool := servertest.NewInstances(t, nil, 1, func(c *server.Config) {
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	})
	srv := srvs[0]
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	// Failures are recorded under the client's address, not the proxy's.
	if _, err := pool.Exec(t.Context(), `
INSERT INTO signin_failure (email, client, at)
SELECT 'guess' || g || '@example.org', '198.51.100.66', $1 FROM generate_series(1, $2) g`, servertest.Now, auth.MaxPerClient); err != nil {
		t.Fatal(err)
	}
	post := func(xff string) int {
		c, tok := signInForm(t, srv.URL)
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/staff/sign-in",
			stringsReader(url.Values{"csrf": {tok}, "email": {"mette@ballerup.example"}, "password": {servertest.Password}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", xff)
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if s := post("198.51.100.66"); s != http.StatusTooManyRequests {
		t.Errorf("the locked-out visitor: %d", s)
	}
	if s := post("198.51.100.77"); s != http.StatusSeeOther {
		t.Errorf("another visitor through the same proxy: %d", s)
	}
}
