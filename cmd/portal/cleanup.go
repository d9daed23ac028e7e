package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/auth"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/municipality"
)

// cleanupEvery is how often serve deletes what has run out (ended sessions and
// uploads that no record took within a day) and creates the year's recurring
// budget lines once a new year has begun.
const cleanupEvery = time.Hour

// cleanupLoop cleans up once at start and then every interval until ctx ends.
// Several instances may run it at once: each statement is idempotent.
func cleanupLoop(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger, idle, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		cleanup(ctx, pool, log, idle)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func cleanup(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger, idle time.Duration) {
	store := &auth.PGStore{Pool: pool, Now: time.Now}
	if n, err := store.Cleanup(ctx, idle); err != nil {
		log.Warn("clean up sessions", "err", err)
	} else if n > 0 {
		log.Info("ended sessions deleted", "count", n)
	}
	if n, err := attachment.DeleteUnattached(ctx, pool, time.Now().Add(-attachment.UnattachedFor)); err != nil {
		log.Warn("clean up uploads", "err", err)
	} else if n > 0 {
		log.Info("unattached uploads deleted", "count", n)
	}
	ms, err := municipality.NewStore(pool).List(ctx)
	if err != nil {
		log.Warn("recurring budget lines", "err", err)
		return
	}
	for _, m := range ms {
		if n, err := budget.NewStore(pool).EnsureYear(ctx, m.ID, time.Now().Year()); err != nil {
			log.Warn("recurring budget lines", "municipality", m.Slug, "err", err)
		} else if n > 0 {
			log.Info("recurring budget lines created", "municipality", m.Slug, "count", n)
		}
	}
}
