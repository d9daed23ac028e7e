package database

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// PoolOptions sizes and bounds the pool that serves requests. Zero values take
// the defaults below; docs/operations.md says how they were chosen.
type PoolOptions struct {
	// MaxConns is the most connections the pool opens (DB_MAX_CONNS).
	MaxConns int32
	// MinConns is how many connections the pool keeps open while idle (DB_MIN_CONNS).
	MinConns int32
	// MaxConnIdleTime closes a connection unused for this long (DB_MAX_CONN_IDLE).
	MaxConnIdleTime time.Duration
	// MaxConnLifetime replaces a connection after this long (DB_MAX_CONN_LIFETIME),
	// so that a failed-over or reconfigured server is picked up.
	MaxConnLifetime time.Duration
	// StatementTimeout is PostgreSQL's statement_timeout on every connection
	// (DB_STATEMENT_TIMEOUT): the server stops work whose request gave up.
	StatementTimeout time.Duration
	// PingTimeout bounds the pool's liveness check of a connection that has been
	// idle, independent of the request that acquires it.
	PingTimeout time.Duration
}

// The pool defaults. MaxConns 8 was measured with make loadtest on 2 cores at 64
// concurrent clients (see docs/operations.md); the lifetime is below common
// load-balancer and firewall idle limits.
const (
	DefaultMaxConns         = 8
	DefaultMinConns         = 2
	DefaultMaxConnIdleTime  = 5 * time.Minute
	DefaultMaxConnLifetime  = 30 * time.Minute
	DefaultStatementTimeout = 30 * time.Second
	DefaultPingTimeout      = time.Second
)

func (o PoolOptions) withDefaults() PoolOptions {
	if o.MaxConns <= 0 {
		o.MaxConns = DefaultMaxConns
	}
	if o.MinConns < 0 {
		o.MinConns = 0
	}
	if o.MinConns > o.MaxConns {
		o.MinConns = o.MaxConns
	}
	if o.MaxConnIdleTime <= 0 {
		o.MaxConnIdleTime = DefaultMaxConnIdleTime
	}
	if o.MaxConnLifetime <= 0 {
		o.MaxConnLifetime = DefaultMaxConnLifetime
	}
	if o.StatementTimeout <= 0 {
		o.StatementTimeout = DefaultStatementTimeout
	}
	if o.PingTimeout <= 0 {
		o.PingTimeout = DefaultPingTimeout
	}
	return o
}

// OpenPool is Open for the pool that serves requests: sized and bounded by opts,
// with statement_timeout on every connection and the application name "portal"
// (seen in pg_stat_activity).
func OpenPool(ctx context.Context, dsn string, opts PoolOptions) (*pgxpool.Pool, error) {
	opts = opts.withDefaults()
	return open(ctx, dsn, opts.apply)
}

func (o PoolOptions) apply(cfg *pgxpool.Config) {
	cfg.MaxConns = o.MaxConns
	cfg.MinConns = o.MinConns
	cfg.MaxConnIdleTime = o.MaxConnIdleTime
	cfg.MaxConnLifetime = o.MaxConnLifetime
	cfg.MaxConnLifetimeJitter = o.MaxConnLifetime / 10
	cfg.PingTimeout = o.PingTimeout
	rp := cfg.ConnConfig.RuntimeParams
	rp["statement_timeout"] = strconv.FormatInt(o.StatementTimeout.Milliseconds(), 10)
	if _, ok := rp["application_name"]; !ok {
		rp["application_name"] = "portal"
	}
}

// Unavailable reports whether err means that the database could not answer (it
// is down, unreachable, restarting, out of connections, or cancelled the
// statement for taking too long) rather than that the request was wrong: the
// visitor gets 503 and is asked to retry.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) || pgconn.Timeout(err) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "57014", // query_canceled: statement_timeout
			"57P01", "57P02", "57P03", // admin_shutdown, crash_shutdown, cannot_connect_now
			"53300", // too_many_connections
			"40P01": // deadlock_detected: retrying helps
			return true
		}
		return len(pgErr.Code) == 5 && pgErr.Code[:2] == "08" // connection exception
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, ErrUnreachable)
}

// NewLazyPool is OpenPool without the first connection: the pool connects when
// first used, so a server that is down at start (a read replica) is not fatal.
func NewLazyPool(dsn string, opts PoolOptions) (*pgxpool.Pool, error) {
	opts = opts.withDefaults()
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("%q is not a valid PostgreSQL URL", MaskURL(dsn))
	}
	cfg.ConnConfig.ConnectTimeout = ConnectTimeout
	opts.apply(cfg)
	return pgxpool.NewWithConfig(context.Background(), cfg)
}
