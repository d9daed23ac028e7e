package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/dbtest"
)

func TestOpsSettingsRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"REQUEST_TIMEOUT": "soon"}, "REQUEST_TIMEOUT"},
		{map[string]string{"REQUEST_TIMEOUT": "-1s"}, "REQUEST_TIMEOUT"},
		{map[string]string{"DB_MAX_CONNS": "0"}, "DB_MAX_CONNS must be at least 1"},
		{map[string]string{"DB_MAX_CONNS": "many"}, "DB_MAX_CONNS"},
		{map[string]string{"DB_MAX_CONNS": "4", "DB_MIN_CONNS": "8"}, "DB_MIN_CONNS (8) must not be more than DB_MAX_CONNS (4)"},
		{map[string]string{"DB_STATEMENT_TIMEOUT": "0"}, "DB_STATEMENT_TIMEOUT"},
		{map[string]string{"DATABASE_READ_MAX_LAG": "x"}, "DATABASE_READ_MAX_LAG"},
		{map[string]string{"METRICS_ADDR": "9090"}, "METRICS_ADDR must be host:port"},
		{map[string]string{"ADDR": "127.0.0.1:8088", "METRICS_ADDR": "127.0.0.1:8088"}, "must not be the public listener"},
		{map[string]string{"ADDR": "0.0.0.0:8088", "METRICS_ADDR": "127.0.0.1:8088"}, "must not be the public listener"},
	} {
		e, _, _ := testEnv(tc.env, "")
		err := run(context.Background(), []string{"serve"}, e)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want an error naming %q", tc.env, err, tc.want)
		}
	}
}

// TestServeMetricsAddr: portal serve answers /metrics on METRICS_ADDR, with the
// pool sized by DB_MAX_CONNS, and not on the public address.
func TestServeMetricsAddr(t *testing.T) {
	t.Parallel()
	dsn := dbtest.NewURL(t, true)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	metricsAddr := ln.Addr().String()
	ln.Close()
	pr, pw := io.Pipe()
	e, _, errOut := testEnv(map[string]string{"DATABASE_URL": dsn, "ADDR": "127.0.0.1:0", "METRICS_ADDR": metricsAddr, "DB_MAX_CONNS": "7", "REQUEST_TIMEOUT": "3s"}, "")
	e.stdout = pw
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, e); pw.Close() }()
	var url string
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "Portal running at "); ok {
			url, _, _ = strings.Cut(u, " ")
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if url == "" {
		t.Fatalf("the portal did not say where it runs: %v\n%s", <-done, errOut.String())
	}
	if res, err := http.Get(url + "m/berlin"); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("page: %v %v", res, err)
	}
	if res, err := http.Get(url + "metrics"); err != nil || res.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics on the public address: %v %v", res, err)
	}
	// The server counts a request after it has sent the answer, so the scrape may
	// come a moment before the count: ask again for up to two seconds.
	var b []byte
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		res, err := http.Get("http://" + metricsAddr + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ = io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(b), `route="/m/{slug}",status="200"} 1`) || time.Since(start) > 2*time.Second {
			break
		}
	}
	for _, want := range []string{`portal_db_pool_max_conns{pool="primary"} 7`, `portal_http_requests_total{method="GET",route="/m/{slug}",status="200"} 1`, `portal_build_info{`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics have no %s", want)
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(12 * time.Second):
		t.Fatal("the portal did not stop")
	}
}
