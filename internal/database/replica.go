package database

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Replica is a hot standby (DATABASE_READ_URL) that may answer anonymous public
// reads while it is reachable and caught up with the primary. Run checks it
// every Interval; a read it fails marks it down at once (MarkDown), and the
// caller then reads from the primary.
//
// "Caught up" is measured against the primary's write position, not against
// the time of the last replayed transaction (which grows on an idle primary):
// each check records the primary's WAL position, and the standby's staleness is
// the age of the newest recorded position it has replayed past.
type Replica struct {
	Primary, Standby *Pool
	// MaxLag is how stale the standby may be and still answer; 0 means 5 s.
	MaxLag time.Duration
	// Interval is the time between checks; 0 means 1 s.
	Interval time.Duration
	Log      *slog.Logger

	usable atomic.Bool
	lag    atomic.Int64 // nanoseconds; -1 unknown

	mu      sync.Mutex
	samples []walSample
}

// Pool is a pgx connection pool.
type Pool = pgxpool.Pool

type walSample struct {
	at  time.Time
	lsn int64
}

func (r *Replica) maxLag() time.Duration {
	if r.MaxLag <= 0 {
		return 5 * time.Second
	}
	return r.MaxLag
}

func (r *Replica) interval() time.Duration {
	if r.Interval <= 0 {
		return time.Second
	}
	return r.Interval
}

// Usable reports whether reads may go to the standby now.
func (r *Replica) Usable() bool { return r != nil && r.usable.Load() }

// Lag is the standby's last measured staleness, or -1 when unknown.
func (r *Replica) Lag() time.Duration { return time.Duration(r.lag.Load()) }

// MarkDown takes the standby out of use until the next check finds it well,
// after a read on it failed with err.
func (r *Replica) MarkDown(err error) {
	if r.usable.Swap(false) && r.Log != nil {
		r.Log.Warn("read replica failed a read: reading from the primary", "err", err)
	}
}

// Run checks the standby until ctx ends. The first check is made before it returns
// control to the ticker, so reads may go to a healthy standby within Interval.
func (r *Replica) Run(ctx context.Context) {
	r.lag.Store(-1)
	t := time.NewTicker(r.interval())
	defer t.Stop()
	for {
		r.Check(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Check measures the standby once and sets whether it is usable.
func (r *Replica) Check(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, r.interval())
	defer cancel()
	now := time.Now()
	var primaryLSN int64
	if err := r.Primary.QueryRow(ctx, `SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint`).Scan(&primaryLSN); err == nil {
		r.mu.Lock()
		r.samples = append(r.samples, walSample{at: now, lsn: primaryLSN})
		cut := 0
		for cut < len(r.samples)-1 && now.Sub(r.samples[cut].at) > 2*r.maxLag() {
			cut++
		}
		r.samples = r.samples[cut:]
		r.mu.Unlock()
	}
	var inRecovery bool
	var replayed int64
	err := r.Standby.QueryRow(ctx, `SELECT pg_is_in_recovery(), (COALESCE(pg_last_wal_replay_lsn(), '0/0') - '0/0'::pg_lsn)::bigint`).Scan(&inRecovery, &replayed)
	usable, lag := false, time.Duration(-1)
	switch {
	case err != nil:
		if r.usable.Load() && r.Log != nil {
			r.Log.Warn("read replica unreachable: reading from the primary", "err", err)
		}
	case !inRecovery:
		// Promoted or pointed at a primary: not a copy of ours to trust.
		if r.Log != nil && r.usable.Load() {
			r.Log.Warn("read replica is not in recovery: reading from the primary")
		}
	default:
		r.mu.Lock()
		for i := len(r.samples) - 1; i >= 0; i-- {
			if r.samples[i].lsn <= replayed {
				lag = now.Sub(r.samples[i].at)
				break
			}
		}
		r.mu.Unlock()
		usable = lag >= 0 && lag <= r.maxLag()
		if !usable && r.usable.Load() && r.Log != nil {
			r.Log.Warn("read replica is behind: reading from the primary", "max_lag", r.maxLag())
		}
	}
	if usable && !r.usable.Load() && r.Log != nil {
		r.Log.Info("read replica in use", "lag", lag)
	}
	r.lag.Store(int64(lag))
	r.usable.Store(usable)
}
