package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/database"
)

// ErrPresent reports that demo data is loaded already.
var ErrPresent = errors.New("demo data is loaded already: remove it first (portal demo --remove)")

// lockSQL serialises Load and Remove across processes.
const lockSQL = `SELECT pg_advisory_xact_lock(hashtext('portal demo data'))`

// Load generates the demo data and writes it in one transaction. It refuses with
// ErrPresent when demo rows exist already.
func Load(ctx context.Context, pool *pgxpool.Pool, opts Options) (Summary, error) {
	if opts.Trips < 0 || opts.Trips > MaxTrips {
		return nil, fmt.Errorf("load demo data: trips must be between 0 and %d, not %d", MaxTrips, opts.Trips)
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC()
	var sum Summary
	err := database.Transact(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, lockSQL); err != nil {
			return fmt.Errorf("lock demo data: %w", err)
		}
		present, err := demoPresent(ctx, tx)
		if err != nil {
			return err
		}
		if present {
			return ErrPresent
		}
		w, err := readWorld(ctx, tx, now)
		if err != nil {
			return err
		}
		minor, err := minorUnits(ctx, tx)
		if err != nil {
			return err
		}
		ds, err := generate(w, opts, now, minor)
		if err != nil {
			return fmt.Errorf("generate demo data: %w", err)
		}
		// The figure triggers would recompute every trip after each COPY; switch them
		// off for this transaction and compute the figures once at the end.
		if _, err := tx.Exec(ctx, `SET LOCAL portal.bulk_load = 'on'`); err != nil {
			return err
		}
		if sum, err = ds.insert(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SET LOCAL portal.bulk_load = 'off'`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT refresh_trip_figures(ARRAY(SELECT id FROM trip WHERE is_demo))`); err != nil {
			return fmt.Errorf("compute trip figures: %w", err)
		}
		// The content triggers were off as well: every public page changes once.
		if _, err := tx.Exec(ctx, `SELECT bump_content(NULL)`); err != nil {
			return fmt.Errorf("move the content versions: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// A large load changes the tables' statistics by orders of magnitude; until
	// autovacuum notices, the planner would choose plans for the empty tables
	// (a bitmap scan and a sort where the register's index range reads one page).
	if opts.Trips >= analyzeFrom {
		if _, err := pool.Exec(ctx, `ANALYZE`); err != nil {
			return nil, fmt.Errorf("analyze after loading demo data: %w", err)
		}
	}
	return sum, nil
}

// analyzeFrom is the number of demo trips from which Load analyzes the database
// when it is done.
const analyzeFrom = 10000

// demoTables are the tables with an is_demo column.
var demoTables = []string{"account", "attachment", "partner_city", "partnership", "network",
	"network_membership", "project", "agreement", "budget_line", "trip"}

// demoPresent reports whether any table holds demo rows.
func demoPresent(ctx context.Context, tx pgx.Tx) (bool, error) {
	for _, t := range demoTables {
		var ok bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+pgx.Identifier{t}.Sanitize()+` WHERE is_demo)`).Scan(&ok); err != nil {
			return false, fmt.Errorf("look for demo rows in %s: %w", t, err)
		}
		if ok {
			return true, nil
		}
	}
	return false, nil
}

// Present reports whether demo data is loaded.
func Present(ctx context.Context, pool *pgxpool.Pool) (bool, error) {
	var present bool
	err := database.Transact(ctx, pool, func(tx pgx.Tx) error {
		var err error
		present, err = demoPresent(ctx, tx)
		return err
	})
	return present, err
}

func minorUnits(ctx context.Context, tx pgx.Tx) (map[string]int, error) {
	rows, err := tx.Query(ctx, `SELECT code, minor_units FROM currency`)
	if err != nil {
		return nil, fmt.Errorf("read currencies: %w", err)
	}
	out := map[string]int{}
	for rows.Next() {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read currencies: %w", err)
		}
		out[code] = n
	}
	return out, rows.Err()
}
