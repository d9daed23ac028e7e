package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/metrics"
)

// TestMetricsScrape requests a few pages and scrapes the metrics as Prometheus
// would: requests by route pattern and status, durations, in-flight, the pool,
// build info, and the public page cache.
func TestMetricsScrape(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	m := metrics.New("v-test")
	if err := m.RegisterPool("primary", pool); err != nil {
		t.Fatal(err)
	}
	srv, _ := portalOn(t, pool, time.Minute, m)
	for _, p := range []string{"/m/berlin", "/m/berlin", "/m/ballerup", "/m/nowhere", "/no/such/page"} {
		get(t, srv.URL+p)
	}

	// The metrics are not on the public listener.
	if res, _ := get(t, srv.URL+"/metrics"); res.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics on the public listener: %d", res.StatusCode)
	}
	scrape := httptest.NewServer(m.Handler())
	defer scrape.Close()
	res, err := http.Get(scrape.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	body := string(b)
	for _, want := range []string{
		`portal_http_requests_total{method="GET",route="/m/{slug}",status="200"} 3`,
		`portal_http_requests_total{method="GET",route="/m/{slug}",status="404"} 1`,
		`portal_http_request_duration_seconds_count{method="GET",route="/m/{slug}"} 4`,
		`portal_http_requests_in_flight 0`,
		`portal_db_pool_max_conns{pool="primary"}`,
		`portal_db_pool_acquires_total{pool="primary"}`,
		// The page cache: /m/berlin kept, then answered once from the cache.
		`portal_cache_hits_total{cache="pages"} 1`,
		`portal_cache_misses_total{cache="pages"} 3`,
		`portal_cache_entries{cache="pages"} 2`,
		`go_goroutines `,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("scrape has no %s", want)
		}
	}
	if !regexp.MustCompile(`portal_build_info\{goversion="go[^"]+",revision="[^"]*",version="v-test"\} 1`).MatchString(body) {
		t.Error("no portal_build_info")
	}
	// An unknown URL does not make a series of its own.
	if strings.Contains(body, "/no/such/page") {
		t.Error("an unmatched path became a label")
	}
	if t.Failed() {
		t.Log(body)
	}
}
