package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/metrics"
	"github.com/municipal-intl/portal/internal/server"
)

// relay forwards TCP connections to a target until it is told to black-hole
// them: then it keeps every connection open, accepts new ones, and moves no
// bytes, as a stalled network or a frozen database host does.
type relay struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	holed  bool
	open   chan struct{} // closed while bytes may move
}

func startRelay(t *testing.T, target string) *relay {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &relay{ln: ln, target: target, open: make(chan struct{})}
	close(r.open)
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go r.serve(c)
		}
	}()
	return r
}

func (r *relay) serve(c net.Conn) {
	defer c.Close()
	up, err := net.Dial("tcp", r.target)
	if err != nil {
		return
	}
	defer up.Close()
	done := make(chan struct{}, 2)
	go func() { r.pipe(up, c); done <- struct{}{} }()
	go func() { r.pipe(c, up); done <- struct{}{} }()
	<-done
}

// pipe copies src to dst, holding every chunk while the relay is black-holed.
func (r *relay) pipe(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			r.mu.Lock()
			open := r.open
			r.mu.Unlock()
			<-open
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func (r *relay) blackhole() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.holed {
		r.holed, r.open = true, make(chan struct{})
	}
}

func (r *relay) restore() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.holed {
		r.holed = false
		close(r.open)
	}
}

// through returns dsn with its host and port replaced by the relay's.
func (r *relay) through(t *testing.T, dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = r.ln.Addr().String()
	return u.String()
}

func hostPort(t *testing.T, dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// syncLog collects the portal's JSON log lines.
type syncLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncLog) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// lines returns the log's records that have every given attribute value.
func (s *syncLog) lines(t *testing.T, want map[string]any) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(s.b.String()), "\n") {
		if l == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		match := true
		for k, v := range want {
			if rec[k] != v {
				match = false
			}
		}
		if match {
			out = append(out, rec)
		}
	}
	return out
}

// portalOn serves the real router on pool with the given request timeout.
func portalOn(t *testing.T, pool *pgxpool.Pool, timeout time.Duration, m *metrics.Metrics) (*httptest.Server, *syncLog) {
	t.Helper()
	logs := &syncLog{}
	store := sessions.NewCookieStore(securecookie.GenerateRandomKey(32), securecookie.GenerateRandomKey(32))
	h, err := server.New(server.Config{
		Log:            slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Pool:           pool,
		Catalogue:      i18n.MustLoad(),
		Sessions:       store,
		BaseURL:        "https://portal.example.org",
		RequestTimeout: timeout,
		Metrics:        m,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, logs
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// waitFor polls url until it answers 200, for at most limit.
func waitFor(t *testing.T, url string, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		res, _ := get(t, url)
		if res.StatusCode == http.StatusOK {
			return time.Since(start)
		}
		if time.Since(start) > limit {
			t.Fatalf("%s still answers %d after %s", url, res.StatusCode, limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestBlackholedDatabaseAnswers503WithinDeadline: with the database's network
// stalled, every request (on pooled idle connections, new ones, and those
// queueing for the pool) answers 503 with Retry-After within the deadline; a
// client that gives up is logged as 499 at info; and the portal recovers when
// the network does, without a restart.
func TestBlackholedDatabaseAnswers503WithinDeadline(t *testing.T) {
	t.Parallel()
	dsn := dbtest.NewURL(t, true)
	rl := startRelay(t, hostPort(t, dsn))
	ctx := context.Background()
	pool, err := database.OpenPool(ctx, rl.through(t, dsn), database.PoolOptions{MaxConns: 3, MinConns: 3})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	const timeout = time.Second
	srv, logs := portalOn(t, pool, timeout, nil)
	pages := []string{"/", "/m/berlin", "/m/ballerup/trips", "/m/stuttgart/partners", "/compare", "/m/goteborg/policy"}
	for _, p := range pages {
		if res, _ := get(t, srv.URL+p); res.StatusCode != http.StatusOK {
			t.Fatalf("%s before the stall: %d", p, res.StatusCode)
		}
	}

	rl.blackhole()
	// Idle for over a second, so the pool checks its connections before use:
	// those checks must be bounded too.
	time.Sleep(1100 * time.Millisecond)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var slowest time.Duration
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := pages[i%len(pages)]
			start := time.Now()
			res, body := get(t, srv.URL+p)
			took := time.Since(start)
			mu.Lock()
			slowest = max(slowest, took)
			mu.Unlock()
			if res.StatusCode != http.StatusServiceUnavailable {
				t.Errorf("%s while stalled: %d, want 503", p, res.StatusCode)
			}
			if res.Header.Get("Retry-After") != "5" {
				t.Errorf("%s: Retry-After %q", p, res.Header.Get("Retry-After"))
			}
			if !strings.Contains(body, res.Header.Get("X-Request-Id")) {
				t.Errorf("%s: the 503 page does not show the request id", p)
			}
			if took > timeout+time.Second {
				t.Errorf("%s answered after %s, deadline %s", p, took, timeout)
			}
		}()
	}
	wg.Wait()
	t.Logf("10 requests while stalled: the slowest answered 503 after %s (deadline %s)", slowest, timeout)

	// A reader who gives up before the deadline is not a server error.
	cctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	req, _ := http.NewRequestWithContext(cctx, http.MethodGet, srv.URL+"/m/berlin/trips?gone=1", nil)
	if res, err := http.DefaultClient.Do(req); err == nil {
		res.Body.Close()
		t.Fatalf("the request did not stall: %d", res.StatusCode)
	}
	cancel()
	var gone []map[string]any
	for range 40 {
		if gone = logs.lines(t, map[string]any{"msg": "request", "path": "/m/berlin/trips"}); len(gone) > 0 && gone[len(gone)-1]["status"] == float64(499) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(gone) == 0 || gone[len(gone)-1]["status"] != float64(499) || gone[len(gone)-1]["level"] != "INFO" {
		t.Errorf("abandoned request logged as %v, want status 499 at INFO", gone)
	}
	for _, e := range logs.lines(t, map[string]any{"level": "ERROR"}) {
		if e["path"] == "/m/berlin/trips" && e["status"] != float64(503) {
			t.Errorf("abandoned request logged as an error: %v", e)
		}
	}

	rl.restore()
	took := waitFor(t, srv.URL+"/m/berlin", 10*time.Second)
	t.Logf("answers again %s after the network came back", took)
	for _, p := range pages {
		if res, _ := get(t, srv.URL+p); res.StatusCode != http.StatusOK {
			t.Errorf("%s after recovery: %d", p, res.StatusCode)
		}
	}
}

// TestStoppedDatabaseAnswers503: a database that is shut down (a cluster of the
// test's own) gives 503 with Retry-After at once, and pages come back when it
// does, without a restart.
func TestStoppedDatabaseAnswers503(t *testing.T) {
	t.Parallel()
	c := dbtest.StartCluster(t)
	ctx := context.Background()
	pool, err := database.OpenPool(ctx, c.Migrated(ctx), database.PoolOptions{MaxConns: 4, MinConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	const timeout = 2 * time.Second
	srv, _ := portalOn(t, pool, timeout, nil)
	pages := []string{"/", "/m/berlin", "/m/berlin/trips", "/m/berlin/trips.csv", "/search?q=Partnerschaft"}
	for _, p := range pages {
		if res, _ := get(t, srv.URL+p); res.StatusCode != http.StatusOK {
			t.Fatalf("%s before the stop: %d", p, res.StatusCode)
		}
	}
	c.Stop()
	for _, p := range pages {
		start := time.Now()
		res, _ := get(t, srv.URL+p)
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
			t.Errorf("%s with the database stopped: %d, Retry-After %q; want 503 with Retry-After", p, res.StatusCode, res.Header.Get("Retry-After"))
		}
		if took := time.Since(start); took > timeout {
			t.Errorf("%s took %s", p, took)
		}
	}
	if res, _ := get(t, srv.URL+"/readyz"); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the database stopped: %d", res.StatusCode)
	}
	c.Start()
	took := waitFor(t, srv.URL+"/m/berlin", 10*time.Second)
	t.Logf("answers again %s after the database started", took)
	for _, p := range pages {
		if res, _ := get(t, srv.URL+p); res.StatusCode != http.StatusOK {
			t.Errorf("%s after the restart: %d", p, res.StatusCode)
		}
	}
}
