// Package servertest starts the real router on a fresh migrated database for HTTP
// and browser tests, with a browser-like client.
package servertest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/go-chi/chi/v5"
	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/auth"
	"github.com/municipal-intl/portal/internal/content"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/server"
)

// testRequestTimeout is the request deadline of test servers.
const testRequestTimeout = time.Minute

// Now is the clock of the tests: the day the portal's seed data was checked.
var Now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// New starts the real router on a fresh migrated database.
func New(t testing.TB) (*httptest.Server, *pgxpool.Pool) {
	t.Helper()
	return NewWith(t, nil)
}

// Clock is a settable clock for tests of time-dependent behaviour.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock standing at Now.
func NewClock() *Clock { return &Clock{now: Now} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// NewWith is New with a settable clock (nil: fixed at Now).
func NewWith(t testing.TB, clock *Clock) (*httptest.Server, *pgxpool.Pool) {
	t.Helper()
	srvs, pool := NewInstances(t, clock, 1, nil)
	return srvs[0], pool
}

// NewInstances starts n instances of the portal on one fresh database, sharing
// their session keys as the instances of one installation do; edit, if not
// nil, adjusts each instance's configuration.
func NewInstances(t testing.TB, clock *Clock, n int, edit func(*server.Config)) ([]*httptest.Server, *pgxpool.Pool) {
	t.Helper()
	pool := dbtest.New(t)
	signKey, encKey, idKey := securecookie.GenerateRandomKey(32), securecookie.GenerateRandomKey(32), securecookie.GenerateRandomKey(32)
	var out []*httptest.Server
	for range n {
		store := sessions.NewCookieStore(signKey, encKey)
		store.Options = &sessions.Options{Path: "/", MaxAge: 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode}
		cfg := server.Config{
			Log:               slog.New(slog.NewTextHandler(io.Discard, nil)),
			Pool:              pool,
			Catalogue:         i18n.MustLoad(),
			Sessions:          store,
			BaseURL:           "https://portal.example.org",
			Now:               nowFunc(clock),
			SessionSigningKey: idKey,
			// Tests run in parallel, each with full-cost password hashing, on
			// machines that may be busy: the production deadline (5 s) would turn a
			// slow sign-in into a 503. The deadline has tests of its own.
			RequestTimeout: testRequestTimeout,
			Hashing:        auth.NewHashing(0, testRequestTimeout),
		}
		if edit != nil {
			edit(&cfg)
		}
		h, mux, err := server.NewWithRouter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(routed{Handler: h, mux: mux})
		t.Cleanup(srv.Close)
		out = append(out, srv)
	}
	return out, pool
}

// routed is the handler a test server serves, with the router inside it kept
// for CheckCoverage.
type routed struct {
	http.Handler
	mux *chi.Mux
}

func nowFunc(c *Clock) func() time.Time {
	if c == nil {
		return func() time.Time { return Now }
	}
	return c.Now
}

// Client is a browser-like client with a cookie jar that does not follow redirects.
func Client(t testing.TB) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Get fetches url with the given Accept-Language and parses the HTML answer.
func Get(t testing.TB, c *http.Client, url, acceptLanguage string) (*http.Response, *goquery.Document) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if acceptLanguage != "" {
		req.Header.Set("Accept-Language", acceptLanguage)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, doc
}

// NewInstance starts another portal instance on the database at dsn, with its own
// pool and its own content versions kept fresh by LISTEN/NOTIFY, as `portal serve`
// runs: what several instances behind one load balancer are.
func NewInstance(t testing.TB, dsn string) *httptest.Server {
	t.Helper()
	pool, err := database.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open instance pool: %v", err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	versions := content.New(pool, log)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		versions.Listen(ctx)
	}()
	store := sessions.NewCookieStore(securecookie.GenerateRandomKey(32), securecookie.GenerateRandomKey(32))
	store.Options = &sessions.Options{Path: "/", MaxAge: 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode}
	h, err := server.New(server.Config{
		Log: log, Pool: pool, Catalogue: i18n.MustLoad(), Sessions: store,
		BaseURL: "https://portal.example.org", Now: nowFunc(nil), Content: versions,
		RequestTimeout: testRequestTimeout, Hashing: auth.NewHashing(0, testRequestTimeout),
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		cancel()
		<-done
		pool.Close()
	})
	// The instance serves once its listener holds the versions.
	for deadline := time.Now().Add(10 * time.Second); !versions.Listening(); {
		if time.Now().After(deadline) {
			t.Fatal("the content version listener did not connect within 10 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	return srv
}
