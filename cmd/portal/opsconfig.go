package main

import (
	"flag"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/web"
)

// opsConfig is what an operator tunes for running the portal beyond one
// machine: deadlines, the pool, the read replica and the metrics listener.
// docs/operations.md explains each and how the defaults were chosen.
type opsConfig struct {
	RequestTimeout     time.Duration
	Pool               database.PoolOptions
	DatabaseReadURL    string
	ReadMaxLag         time.Duration
	MetricsAddr        string
	invalidSettings    []string // names whose values did not parse, reported by checkOps
	maxConns, minConns int
}

// addOpsFlags adds the operations settings to fs, defaulting from the environment.
func (o *opsConfig) addOpsFlags(fs *flag.FlagSet, get func(key, def string) string) {
	dur := func(p *time.Duration, name, key string, def time.Duration, usage string) {
		v, err := time.ParseDuration(get(key, def.String()))
		if err != nil || v <= 0 {
			o.invalidSettings = append(o.invalidSettings, key)
			v = def
		}
		fs.DurationVar(p, name, v, usage+" (env "+key+")")
	}
	num := func(p *int, name, key string, def int, usage string) {
		v, err := strconv.Atoi(get(key, strconv.Itoa(def)))
		if err != nil || v < 0 {
			o.invalidSettings = append(o.invalidSettings, key)
			v = def
		}
		fs.IntVar(p, name, v, usage+" (env "+key+")")
	}
	dur(&o.RequestTimeout, "request-timeout", "REQUEST_TIMEOUT", web.DefaultRequestTimeout, "how long a request may take before it answers 503; downloads get this per chunk")
	num(&o.maxConns, "db-max-conns", "DB_MAX_CONNS", database.DefaultMaxConns, "most database connections this process opens")
	num(&o.minConns, "db-min-conns", "DB_MIN_CONNS", database.DefaultMinConns, "database connections kept open while idle")
	dur(&o.Pool.MaxConnIdleTime, "db-max-conn-idle", "DB_MAX_CONN_IDLE", database.DefaultMaxConnIdleTime, "close a database connection unused for this long")
	dur(&o.Pool.MaxConnLifetime, "db-max-conn-lifetime", "DB_MAX_CONN_LIFETIME", database.DefaultMaxConnLifetime, "replace a database connection after this long")
	dur(&o.Pool.StatementTimeout, "db-statement-timeout", "DB_STATEMENT_TIMEOUT", database.DefaultStatementTimeout, "PostgreSQL statement_timeout on every connection")
	fs.StringVar(&o.DatabaseReadURL, "database-read-url", get("DATABASE_READ_URL", ""), "hot standby for anonymous public reads; empty: none (env DATABASE_READ_URL)")
	dur(&o.ReadMaxLag, "database-read-max-lag", "DATABASE_READ_MAX_LAG", 5*time.Second, "how far behind the primary the standby may be and still answer")
	fs.StringVar(&o.MetricsAddr, "metrics-addr", get("METRICS_ADDR", ""), "address for Prometheus metrics at /metrics, e.g. 127.0.0.1:9090; empty: off (env METRICS_ADDR)")
}

// checkOps validates the operations settings against the public address addr.
func (o *opsConfig) checkOps(addr string) error {
	if len(o.invalidSettings) > 0 {
		return fmt.Errorf("%s must be a positive duration such as 5s (or, for DB_MAX_CONNS and DB_MIN_CONNS, a whole number)", o.invalidSettings[0])
	}
	if o.maxConns < 1 {
		return fmt.Errorf("DB_MAX_CONNS must be at least 1, not %d", o.maxConns)
	}
	if o.minConns > o.maxConns {
		return fmt.Errorf("DB_MIN_CONNS (%d) must not be more than DB_MAX_CONNS (%d)", o.minConns, o.maxConns)
	}
	if o.RequestTimeout <= 0 || o.Pool.MaxConnIdleTime <= 0 || o.Pool.MaxConnLifetime <= 0 || o.Pool.StatementTimeout <= 0 || o.ReadMaxLag <= 0 {
		return fmt.Errorf("REQUEST_TIMEOUT, DB_MAX_CONN_IDLE, DB_MAX_CONN_LIFETIME, DB_STATEMENT_TIMEOUT and DATABASE_READ_MAX_LAG must be positive durations")
	}
	o.Pool.MaxConns, o.Pool.MinConns = int32(o.maxConns), int32(o.minConns)
	if o.MetricsAddr != "" {
		mh, mp, err := net.SplitHostPort(o.MetricsAddr)
		if err != nil {
			return fmt.Errorf("METRICS_ADDR must be host:port, such as 127.0.0.1:9090, not %q", o.MetricsAddr)
		}
		if _, ap, err := net.SplitHostPort(addr); err == nil && ap == mp && (mh == "" || sameHost(mh, addr)) {
			return fmt.Errorf("METRICS_ADDR (%s) must not be the public listener ADDR (%s): metrics are for operators only", o.MetricsAddr, addr)
		}
	}
	return nil
}

// sameHost reports whether host is the host of addr (or either listens everywhere).
func sameHost(host, addr string) bool {
	ah, _, _ := net.SplitHostPort(addr)
	wild := func(h string) bool { return h == "" || h == "0.0.0.0" || h == "::" }
	return host == ah || wild(host) || wild(ah)
}
