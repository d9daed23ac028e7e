package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/metrics"
)

// version names the build in portal_build_info; the Makefile sets it with
// -ldflags "-X main.version=…".
var version = "dev"

// openStandby connects the read replica named by DATABASE_READ_URL and starts
// checking it; reads go to it once a check finds it caught up. A standby that
// cannot be reached at start is not fatal: the primary answers until it can.
func openStandby(ctx context.Context, c *config, primary *database.Pool, log *slog.Logger) (*database.Replica, func(), error) {
	if c.DatabaseReadURL == "" {
		return nil, func() {}, nil
	}
	opts := c.Pool
	opts.MinConns = 0
	standby, err := database.NewLazyPool(c.DatabaseReadURL, opts)
	if err != nil {
		return nil, nil, err
	}
	rep := &database.Replica{Primary: primary, Standby: standby, MaxLag: c.ReadMaxLag, Log: log}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); rep.Run(rctx) }()
	log.Info("anonymous public reads may go to the read replica", "url", database.MaskURL(c.DatabaseReadURL), "max_lag", c.ReadMaxLag)
	return rep, func() { cancel(); <-done; standby.Close() }, nil
}

// startMetrics serves /metrics on METRICS_ADDR, a listener of its own, never the
// public one. It returns a function that stops it.
func startMetrics(c *config, m *metrics.Metrics, log *slog.Logger) (func(), error) {
	if c.MetricsAddr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", c.MetricsAddr)
	if err != nil {
		return nil, fmt.Errorf("listen on METRICS_ADDR %s: %w", c.MetricsAddr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics listener stopped", "err", err)
		}
	}()
	log.Info("metrics are served", "url", "http://"+ln.Addr().String()+"/metrics")
	return func() { _ = srv.Close() }, nil
}

// registerMetrics reports the pools and the read replica's state.
func registerMetrics(m *metrics.Metrics, pool *database.Pool, rep *database.Replica) error {
	if err := m.RegisterPool("primary", pool); err != nil {
		return err
	}
	if rep == nil {
		return nil
	}
	if err := m.RegisterPool("read", rep.Standby); err != nil {
		return err
	}
	if err := m.RegisterGauge("portal_db_read_replica_usable", "1 while anonymous reads go to the read replica (DATABASE_READ_URL), 0 while they go to the primary.", func() float64 {
		if rep.Usable() {
			return 1
		}
		return 0
	}); err != nil {
		return err
	}
	return m.RegisterGauge("portal_db_read_replica_lag_seconds", "How far the read replica was behind the primary at its last check; -1 when unknown.", func() float64 {
		if l := rep.Lag(); l >= 0 {
			return l.Seconds()
		}
		return -1
	})
}
