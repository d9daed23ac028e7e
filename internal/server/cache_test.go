package server_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// fetch GETs url with the given extra headers and returns the response with its
// body read (and decoded when compressed).
func fetch(t *testing.T, c *http.Client, url string, headers ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Without an Accept-Encoding of our own, Go's transport would ask for gzip and
	// decode it silently.
	req.Header.Set("Accept-Encoding", "identity")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var r io.Reader = res.Body
	switch res.Header.Get("Content-Encoding") {
	case "gzip":
		if r, err = gzip.NewReader(res.Body); err != nil {
			t.Fatalf("%s: gzip: %v", url, err)
		}
	case "br":
		r = brotli.NewReader(res.Body)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: read: %v", url, err)
	}
	return res, string(b)
}

// TestPublicPageCache: an anonymous page is rendered once and then served from the
// cache with validators; a client holding it gets 304; a publication makes the
// next request render anew; a signed-in person's pages are private and not kept.
func TestPublicPageCache(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c := servertest.Client(t)
	page := srv.URL + "/m/stuttgart/trips"

	res, first := fetch(t, c, page)
	if res.StatusCode != http.StatusOK || res.Header.Get("X-Cache") != "miss" {
		t.Fatalf("first request: %d, X-Cache %q", res.StatusCode, res.Header.Get("X-Cache"))
	}
	res, second := fetch(t, c, page)
	if res.Header.Get("X-Cache") != "hit" || second != first {
		t.Fatalf("second request: X-Cache %q, same bytes %v", res.Header.Get("X-Cache"), second == first)
	}
	etag, modified := res.Header.Get("ETag"), res.Header.Get("Last-Modified")
	if !strings.HasPrefix(etag, `"`) || modified == "" {
		t.Fatalf("validators: ETag %q, Last-Modified %q", etag, modified)
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "public") || !strings.Contains(cc, "max-age=") ||
		!strings.Contains(cc, "stale-while-revalidate=") {
		t.Errorf("Cache-Control %q", cc)
	}
	if res, body := fetch(t, c, page, "If-None-Match", etag); res.StatusCode != http.StatusNotModified || body != "" {
		t.Errorf("If-None-Match: %d with %d bytes, want 304 and none", res.StatusCode, len(body))
	}
	if res, _ := fetch(t, c, page, "If-Modified-Since", modified); res.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since: %d, want 304", res.StatusCode)
	}
	if res, _ := fetch(t, c, page, "If-None-Match", `"something-else"`); res.StatusCode != http.StatusOK {
		t.Errorf("a stale ETag: %d, want 200", res.StatusCode)
	}

	// Compressed as the client asks, the same page either way.
	for _, enc := range []string{"br", "gzip"} {
		res, body := fetch(t, c, page, "Accept-Encoding", enc)
		if res.Header.Get("Content-Encoding") != enc || body != first {
			t.Errorf("%s: Content-Encoding %q, same page %v", enc, res.Header.Get("Content-Encoding"), body == first)
		}
		if got := res.Header.Get("ETag"); got == etag || !strings.Contains(strings.Join(res.Header.Values("Vary"), ", "), "Accept-Encoding") {
			t.Errorf("%s: ETag %q (identity %q), Vary %q", enc, got, etag, res.Header.Values("Vary"))
		}
	}

	// A publication in Stuttgart: the next request renders the register anew.
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "stuttgart", Reference: "STR-2025-0042", Purpose: "Städtepartnerschaft Cardiff"})
	res, after := fetch(t, c, page)
	if res.Header.Get("X-Cache") != "miss" || !strings.Contains(after, "STR-2025-0042") {
		t.Fatalf("after publication: X-Cache %q, lists the trip %v", res.Header.Get("X-Cache"), strings.Contains(after, "STR-2025-0042"))
	}
	if res, _ := fetch(t, c, page, "If-None-Match", etag); res.StatusCode != http.StatusOK {
		t.Errorf("the old ETag after publication: %d, want 200", res.StatusCode)
	}
	// Another municipality's pages keep their version.
	fetch(t, c, srv.URL+"/m/ballerup/policy")
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "stuttgart", Reference: "STR-2025-0043"})
	if res, _ := fetch(t, c, srv.URL+"/m/ballerup/policy"); res.Header.Get("X-Cache") != "hit" {
		t.Errorf("Ballerup's policy after a Stuttgart publication: X-Cache %q, want hit", res.Header.Get("X-Cache"))
	}

	// A signed-in person sees their name: private, never kept.
	servertest.CreateAccount(t, pool, "stuttgart", access.RoleStaff, "sina@stuttgart.example")
	staff := servertest.Client(t)
	servertest.SignIn(t, staff, srv.URL, "sina@stuttgart.example")
	for range 2 {
		res, body := fetch(t, staff, page)
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "private") || res.Header.Get("X-Cache") != "" {
			t.Errorf("signed in: Cache-Control %q, X-Cache %q", cc, res.Header.Get("X-Cache"))
		}
		if !strings.Contains(body, "sina") {
			t.Errorf("signed in: the page does not name the person")
		}
	}
	// … and the anonymous page does not carry them.
	if _, body := fetch(t, c, page); strings.Contains(body, "sina") {
		t.Error("the anonymous page names the signed-in person")
	}
}

// TestEveryTextIsCompressed: the stylesheet and the downloads are compressed for
// a client that accepts it; the page cache keeps the small ones.
func TestEveryTextIsCompressed(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)
	_, home := fetch(t, c, srv.URL+"/")
	css := home[strings.Index(home, "/static/"):]
	css = css[:strings.Index(css, `"`)]
	for _, path := range []string{css, "/m/ballerup/trips.csv", "/m/ballerup/trips.json", "/m/ballerup/feed.atom",
		"/m/ballerup/calendar.ics", "/m/ballerup", "/search?q=Ballerup"} {
		for _, enc := range []string{"br", "gzip"} {
			res, body := fetch(t, c, srv.URL+path, "Accept-Encoding", enc)
			if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != enc || body == "" {
				t.Errorf("%s with %s: %d, Content-Encoding %q, %d bytes", path, enc, res.StatusCode, res.Header.Get("Content-Encoding"), len(body))
			}
		}
	}
}

// TestInstancesStayFresh: two instances on one database, each keeping pages in
// memory; a publication through instance A reaches every public page of instance
// B within a second.
func TestInstancesStayFresh(t *testing.T) {
	t.Parallel()
	dsn := dbtest.NewURL(t, true)
	a, b := servertest.NewInstance(t, dsn), servertest.NewInstance(t, dsn)
	pool := openPool(t, dsn)

	servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "ole@ballerup.example")
	var lineID int64
	if err := pool.QueryRow(context.Background(), `
INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency)
SELECT id, 2026, 'TST', 'Testpulje', 'fund', 'Testpulje', 10000000, 'DKK' FROM municipality WHERE slug = 'ballerup'
RETURNING id`).Scan(&lineID); err != nil {
		t.Fatal(err)
	}
	id := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Reference: "BAL-2026-0777", Status: "report_submitted", Report: true,
		Purpose: "Venskabsbyernes klimaforum", Start: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC),
		Destinations: []servertest.Destination{{City: "Gdańsk", Country: "PL", Lat: 54.35, Lon: 18.65}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 300000, Actual: 280000}},
	})
	if _, err := pool.Exec(context.Background(), `UPDATE trip SET budget_line_id = $1 WHERE id = $2`, lineID, id); err != nil {
		t.Fatal(err)
	}

	pages := []string{"/m/ballerup/trips", "/m/ballerup", "/m/ballerup/budget/2026", "/compare?year=2026",
		"/search?q=klimaforum", "/m/ballerup/feed.atom", "/m/ballerup/calendar.ics", "/m/ballerup/trips.csv", "/"}
	c := servertest.Client(t)
	before := map[string]string{}
	for _, p := range pages {
		// B learns of the fixtures' versions asynchronously: the page is kept once
		// B has the latest.
		var res *http.Response
		var body string
		for start := time.Now(); ; {
			res, body = fetch(t, c, b.URL+p)
			if res.Header.Get("X-Cache") == "hit" || time.Since(start) > 2*time.Second {
				break
			}
		}
		before[p] = body
		if res.Header.Get("X-Cache") != "hit" {
			t.Errorf("%s on B before: X-Cache %q, want hit", p, res.Header.Get("X-Cache"))
		}
		if strings.Contains(body, "BAL-2026-0777") {
			t.Fatalf("%s on B lists the trip before its publication", p)
		}
	}

	// The politician approves the report on A, which publishes the trip (Ballerup).
	pol := servertest.Client(t)
	servertest.SignIn(t, pol, a.URL, "ole@ballerup.example")
	_, doc := servertest.Get(t, pol, a.URL+"/staff", "en")
	res := servertest.Post(t, pol, fmt.Sprintf("%s/staff/lifecycle/%d", a.URL, id),
		map[string][]string{"csrf": {servertest.CSRF(doc)}, "action": {"approve_report"}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve the report on A: %d", res.StatusCode)
	}
	published := time.Now()

	for _, p := range pages {
		for {
			_, body := fetch(t, c, b.URL+p)
			// The compare page lists no references: it counts the trip.
			if strings.Contains(body, "BAL-2026-0777") || (p == "/compare?year=2026" && body != before[p]) {
				break
			}
			if time.Since(published) > time.Second {
				t.Errorf("%s on B does not show the publication made on A a second later", p)
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

func openPool(t *testing.T, dsn string) *pgxpool.Pool {
	t.Helper()
	pool, err := database.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}
