// Package dbtest gives each test its own real PostgreSQL database. A migrated
// template database is built once per set of migrations (named by their hash, so
// parallel test processes and later runs share it) and every test gets a
// CREATE DATABASE … TEMPLATE copy, dropped when the test ends.
//
// The server is found through TEST_DATABASE_URL, else DATABASE_URL, else the local
// default. When it cannot be reached the test is skipped, or fails when CI=true.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/migrations"
)

const defaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// ServerURL is the URL of the test server's maintenance database.
func ServerURL() string {
	for _, k := range []string{"TEST_DATABASE_URL", "DATABASE_URL"} {
		if v := os.Getenv(k); v != "" {
			return withDatabase(v, "postgres")
		}
	}
	return defaultURL
}

func withDatabase(dsn, name string) string {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return dsn
	}
	u := fmt.Sprintf("postgres://%s@%s:%d/%s?sslmode=disable", cfg.User, cfg.Host, cfg.Port, name)
	if cfg.Password != "" {
		u = fmt.Sprintf("postgres://%s:%s@%s:%d/%s?sslmode=disable", cfg.User, cfg.Password, cfg.Host, cfg.Port, name)
	}
	return u
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// unavailable skips the test, or fails it on CI where the database must be there.
func unavailable(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("test database: %v", err)
	}
	t.Skipf("test database unavailable (set TEST_DATABASE_URL or start PostgreSQL): %v", err)
}

func admin(ctx context.Context) (*pgx.Conn, error) {
	return connect(ctx, ServerURL())
}

func connect(ctx context.Context, url string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	cfg.ConnectTimeout = database.ConnectTimeout
	return pgx.ConnectConfig(ctx, cfg)
}

// migrationsHash names the template after the content of every migration file.
func migrationsHash() (string, error) {
	h := sha256.New()
	names, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(migrations.FS, n)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	h.Write(migrations.Fingerprint())
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// keepTemplates is how many templates of other migration sets are kept.
const keepTemplates = 6

func buildTemplate(ctx context.Context) (string, error) {
	sum, err := migrationsHash()
	if err != nil {
		return "", err
	}
	name := "portal_tmpl_" + sum
	conn, err := admin(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	// One builder at a time across every test process.
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(hashtext('portal_test_template'))`); err != nil {
		return "", err
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock(hashtext('portal_test_template'))`) //nolint:errcheck
	var exists bool
	// A template whose DROP was interrupted (by another checkout's test run) is
	// left "invalid" (datconnlimit -2) and cannot be copied: build it again.
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1 AND datconnlimit <> -2)`, name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	// Templates of older migration sets are dropped, but only beyond the newest
	// few: other work trees (other branches) test against the same server at the
	// same time, each with its own template. The new one is built under a
	// temporary name and renamed, so a half-built template is never used.
	// A drop that was interrupted leaves an invalid database (datconnlimit -2),
	// which ALTER DATABASE refuses by closing the connection: drop it directly.
	rows, err := conn.Query(ctx, `SELECT datname, datconnlimit = -2 FROM (
    SELECT datname, datconnlimit, row_number() OVER (ORDER BY oid DESC) AS n
    FROM pg_database WHERE datname LIKE 'portal\_tmpl\_%') t
WHERE datconnlimit = -2 OR n > $1`, keepTemplates)
	if err != nil {
		return "", err
	}
	type oldTemplate struct {
		name    string
		invalid bool
	}
	old, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (oldTemplate, error) {
		var o oldTemplate
		return o, r.Scan(&o.name, &o.invalid)
	})
	if err != nil {
		return "", err
	}
	for _, o := range old {
		if !o.invalid {
			_, _ = conn.Exec(ctx, `ALTER DATABASE `+pgx.Identifier{o.name}.Sanitize()+` IS_TEMPLATE false`)
		}
		_, _ = conn.Exec(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{o.name}.Sanitize()+` WITH (FORCE)`)
	}
	building := name + "_build"
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{building}.Sanitize()); err != nil {
		return "", fmt.Errorf("create template: %w", err)
	}
	if err := migrate(ctx, withDatabase(ServerURL(), building)); err != nil {
		return "", fmt.Errorf("migrate template: %w", err)
	}
	if _, err := conn.Exec(ctx, `ALTER DATABASE `+pgx.Identifier{building}.Sanitize()+` RENAME TO `+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("rename template: %w", err)
	}
	if _, err := conn.Exec(ctx, `ALTER DATABASE `+pgx.Identifier{name}.Sanitize()+` IS_TEMPLATE true`); err != nil {
		return "", fmt.Errorf("mark template: %w", err)
	}
	return name, nil
}

func migrate(ctx context.Context, dsn string) error {
	pool, err := database.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer pool.Close()
	m, err := database.NewMigrator(pool)
	if err != nil {
		return err
	}
	defer m.Close()
	_, err = m.Up(ctx)
	return err
}

// NewURL creates a fresh database for the test and returns its URL. With migrated
// it is a copy of the migrated template, otherwise it is empty.
//
// Passwords hashed from here on use account.TestHashParams: tests sign in a lot,
// and the production cost of each hash is what they are not testing.
func NewURL(t testing.TB, migrated bool) string {
	t.Helper()
	account.UseHashParams(account.TestHashParams)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tmpl := "template0"
	if migrated {
		templateOnce.Do(func() { templateName, templateErr = buildTemplate(ctx) })
		if templateErr != nil {
			unavailable(t, templateErr)
		}
		tmpl = templateName
	}
	conn, err := admin(ctx)
	if err != nil {
		unavailable(t, err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "portal_test_" + hex.EncodeToString(b[:])
	create := func() error {
		_, err := conn.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()+` TEMPLATE `+pgx.Identifier{tmpl}.Sanitize())
		return err
	}
	err = create()
	var pgErr *pgconn.PgError
	if migrated && errors.As(err, &pgErr) && (pgErr.Code == "3D000" || pgErr.Code == "55000") {
		// Another checkout with other migrations replaced the template meanwhile
		// (two work trees testing against one server), or left it invalid by an
		// interrupted drop: build ours again.
		if tmpl, err = buildTemplate(ctx); err == nil {
			err = create()
		}
	}
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := admin(ctx)
		if err != nil {
			t.Logf("drop test database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`); err != nil {
			t.Logf("drop test database %s: %v", name, err)
		}
	})
	return withDatabase(ServerURL(), name)
}

// New returns a pool on a fresh migrated database, closed when the test ends.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	dsn := NewURL(t, true)
	pool, err := database.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}
