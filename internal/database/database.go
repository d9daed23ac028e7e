// Package database connects to PostgreSQL, applies the embedded migrations and runs
// transactions. Errors that a person at a terminal will read name the URL that was
// tried, with its password masked.
package database

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ConnectTimeout bounds how long a first connection may take, so that a portal
// pointed at an unreachable server fails fast instead of hanging.
const ConnectTimeout = 5 * time.Second

// ErrUnreachable reports that no connection to PostgreSQL could be made.
var ErrUnreachable = errors.New("PostgreSQL cannot be reached")

// UnreachableError names the URL tried (password masked) and the cause.
type UnreachableError struct {
	URL   string
	Cause error
}

func (e *UnreachableError) Error() string {
	hint := "Start PostgreSQL (for example: pg_ctlcluster 15 main start), or set DATABASE_URL " +
		"(or --database-url) to a server that runs; in the project's checkout, make run starts " +
		"the project's own PostgreSQL when none runs."
	var pgErr *pgconn.PgError
	if errors.As(e.Cause, &pgErr) {
		hint = "The server answered but refused the connection: check the user, password and " +
			"database name in DATABASE_URL (or --database-url)."
	}
	return fmt.Sprintf("cannot connect to PostgreSQL at %s: %s\n%s", e.URL, shortCause(e.Cause), hint)
}

func (e *UnreachableError) Unwrap() []error { return []error{ErrUnreachable, e.Cause} }

// shortCause keeps the last, most specific part of a pgx connection error.
func shortCause(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Message
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return opErr.Error()
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.Error()
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}

// MaskURL returns the URL with any password replaced by "xxxxx".
func MaskURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Open connects a pool to the database at dsn and checks that it answers.
func Open(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	return open(ctx, dsn, nil)
}

func open(ctx context.Context, dsn string, configure func(*pgxpool.Config)) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL %q is not a valid PostgreSQL URL", MaskURL(dsn))
	}
	cfg.ConnConfig.ConnectTimeout = ConnectTimeout
	// The portal's queries are short; PostgreSQL's JIT compiler would spend more
	// time compiling a page's aggregate than running it (400 ms against 40 ms for
	// the compare page at 100,000 trips).
	if _, set := cfg.ConnConfig.RuntimeParams["jit"]; !set {
		cfg.ConnConfig.RuntimeParams["jit"] = "off"
	}
	if configure != nil {
		configure(cfg)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, &UnreachableError{URL: MaskURL(dsn), Cause: err}
	}
	pctx, cancel := context.WithTimeout(ctx, ConnectTimeout+time.Second)
	defer cancel()
	if err := pool.Ping(pctx); err != nil {
		pool.Close()
		return nil, &UnreachableError{URL: MaskURL(dsn), Cause: err}
	}
	return pool, nil
}

// Transact runs fn in a transaction, committing when fn returns nil and rolling
// back otherwise.
func Transact(ctx context.Context, pool *pgxpool.Pool, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, pool, fn)
}

// CreateIfMissing creates the database named in dsn when it does not exist, by
// connecting to the server's maintenance database. It reports whether it created it.
func CreateIfMissing(ctx context.Context, dsn string) (bool, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return false, fmt.Errorf("DATABASE_URL %q is not a valid PostgreSQL URL", MaskURL(dsn))
	}
	name := cfg.Database
	cfg.Database = "postgres"
	cfg.ConnectTimeout = ConnectTimeout
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return false, &UnreachableError{URL: MaskURL(dsn), Cause: err}
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return false, fmt.Errorf("look up database %s: %w", name, err)
	}
	if exists {
		return false, nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "42P04" { // created meanwhile
			return false, nil
		}
		return false, fmt.Errorf("create database %s: %w", name, err)
	}
	return true, nil
}
