package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/municipal-intl/portal/migrations"
)

// Migrator applies the embedded migrations with goose.
type Migrator struct {
	db       *sql.DB
	provider *goose.Provider
}

// NewMigrator wraps the pool for goose. Close releases the wrapper, not the pool.
func NewMigrator(pool *pgxpool.Pool) (*Migrator, error) {
	db := stdlib.OpenDBFromPool(pool)
	// The session lock keeps two portal instances (or test runs) from migrating at once.
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("migration lock: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS, goose.WithSessionLocker(locker),
		goose.WithGoMigrations(migrations.Go()...))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	return &Migrator{db: db, provider: p}, nil
}

// Close releases the database/sql wrapper around the pool.
func (m *Migrator) Close() error { return m.db.Close() }

// Up applies every pending migration.
func (m *Migrator) Up(ctx context.Context) ([]*goose.MigrationResult, error) {
	res, err := m.provider.Up(ctx)
	if err != nil {
		return res, fmt.Errorf("migrate up: %w", err)
	}
	if len(res) > 0 {
		// A migration may change what any public page shows: pages kept for the
		// old content versions must not be served again.
		if _, err := m.db.ExecContext(ctx, `SELECT bump_content(NULL) WHERE to_regproc('bump_content') IS NOT NULL`); err != nil {
			return res, fmt.Errorf("migrate up: move the content versions: %w", err)
		}
	}
	return res, nil
}

// Down rolls back the newest applied migration.
func (m *Migrator) Down(ctx context.Context) (*goose.MigrationResult, error) {
	res, err := m.provider.Down(ctx)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23503" {
		// A seed migration's rollback would leave data entered since without the
		// rows it refers to; the migration's transaction has been rolled back.
		return res, fmt.Errorf("migrate down: data entered since refers to the rows this migration added (%s); "+
			"nothing was changed. To start over with an empty database, run: portal migrate reset", pgErr.ConstraintName)
	}
	if err != nil && !errors.Is(err, goose.ErrNoNextVersion) {
		return res, fmt.Errorf("migrate down: %w", err)
	}
	return res, nil
}

// Reset rolls back every applied migration, dropping all data. The seed
// migrations roll back only the rows they added, so everything entered since
// (accounts, trips, records that refer to seeded rows) is emptied first, in one
// statement; the rollback then leaves an empty database.
func (m *Migrator) Reset(ctx context.Context) ([]*goose.MigrationResult, error) {
	var tables *string
	err := m.db.QueryRowContext(ctx, `
SELECT string_agg(format('%I.%I', schemaname, tablename), ', ')
FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'goose_db_version'`).Scan(&tables)
	if err != nil {
		return nil, fmt.Errorf("migrate reset: list tables: %w", err)
	}
	if tables != nil {
		if _, err := m.db.ExecContext(ctx, `TRUNCATE `+*tables+` CASCADE`); err != nil {
			return nil, fmt.Errorf("migrate reset: empty tables: %w", err)
		}
	}
	res, err := m.provider.DownTo(ctx, 0)
	if err != nil {
		return res, fmt.Errorf("migrate reset: %w", err)
	}
	return res, nil
}

// DownTo rolls back to version v.
func (m *Migrator) DownTo(ctx context.Context, v int64) ([]*goose.MigrationResult, error) {
	res, err := m.provider.DownTo(ctx, v)
	if err != nil {
		return res, fmt.Errorf("migrate down to %d: %w", v, err)
	}
	return res, nil
}

// Status reports each migration and whether it is applied.
func (m *Migrator) Status(ctx context.Context) ([]*goose.MigrationStatus, error) {
	st, err := m.provider.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("migration status: %w", err)
	}
	return st, nil
}

// Versions returns the applied schema version and the newest embedded one.
func (m *Migrator) Versions(ctx context.Context) (current, latest int64, err error) {
	current, latest, err = m.provider.GetVersions(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("read schema version: %w", err)
	}
	return current, latest, nil
}

// SchemaState reads whether the schema is at the newest embedded migration.
func SchemaState(ctx context.Context, pool *pgxpool.Pool) (current, latest int64, err error) {
	m, err := NewMigrator(pool)
	if err != nil {
		return 0, 0, err
	}
	defer m.Close()
	return m.Versions(ctx)
}

// LogResults writes one line per applied or rolled-back migration.
func LogResults(w io.Writer, verb string, res []*goose.MigrationResult) {
	for _, r := range res {
		if r == nil || r.Source == nil {
			continue
		}
		name := r.Source.Path
		if name == "" {
			name = fmt.Sprintf("%05d (Go: migrations.Go)", r.Source.Version)
		}
		fmt.Fprintf(w, "%s %s (%s)\n", verb, name, r.Duration.Round(1e6))
	}
}
