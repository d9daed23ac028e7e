// Package content knows which version of the public content is current: each
// municipality's content version moves forward in the same transaction as every
// change to what its public pages show (migration 00030), and a server keeps
// rendered pages per version (web.PageCache).
//
// A server learns of a new version through PostgreSQL's LISTEN/NOTIFY: Listen keeps
// one connection that waits for the notification sent at commit and then reloads the
// versions, so a page served by any instance is fresh within milliseconds of the
// commit, and a request costs no database round trip to find its version. While no
// listener is connected (not started, or its connection lost), Current reads the
// versions from the database on every call instead: slower, never stale.
package content

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Channel is the NOTIFY channel bump_content signals.
const Channel = "portal_content"

// Version is the content version of one municipality, or of everything shared.
type Version struct {
	N int64
	// Changed is when the version last moved.
	Changed time.Time
}

// Snapshot is the versions of every municipality at one moment.
type Snapshot struct {
	bySlug map[string]Version
	shared Version
}

// Of returns the version of the municipality with this slug; ok is false for an
// unknown slug.
func (s *Snapshot) Of(slug string) (Version, bool) {
	v, ok := s.bySlug[slug]
	return v, ok
}

// Shared is the version of pages that show every municipality (the home page,
// compare, search): it moves whenever any municipality's version moves.
func (s *Snapshot) Shared() Version { return s.shared }

// Versions tracks the current content versions.
type Versions struct {
	pool *pgxpool.Pool
	log  *slog.Logger
	// live is the snapshot kept fresh by the listener; nil while none is connected.
	live atomic.Pointer[Snapshot]
	// mu serialises listeners, so that Listen may be called again after it returns.
	mu sync.Mutex
}

// New returns Versions reading from pool.
func New(pool *pgxpool.Pool, log *slog.Logger) *Versions {
	return &Versions{pool: pool, log: log}
}

// Current returns the current versions: the listener's snapshot when it is
// connected, else one read from the database.
func (v *Versions) Current(ctx context.Context) (*Snapshot, error) {
	if s := v.live.Load(); s != nil {
		return s, nil
	}
	return load(ctx, v.pool)
}

// Listening reports whether a listener keeps the versions in memory.
func (v *Versions) Listening() bool { return v.live.Load() != nil }

// load reads every municipality's version. The shared version is their sum, which
// moves whenever any of them moves; its change time is the latest of theirs.
func load(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}) (*Snapshot, error) {
	rows, err := q.Query(ctx, `SELECT m.slug, v.version, v.changed_at
FROM content_version v JOIN municipality m ON m.id = v.municipality_id`)
	if err != nil {
		return nil, fmt.Errorf("read content versions: %w", err)
	}
	defer rows.Close()
	s := &Snapshot{bySlug: map[string]Version{}}
	for rows.Next() {
		var slug string
		var ver Version
		if err := rows.Scan(&slug, &ver.N, &ver.Changed); err != nil {
			return nil, fmt.Errorf("read content versions: %w", err)
		}
		s.bySlug[slug] = ver
		s.shared.N += ver.N
		if ver.Changed.After(s.shared.Changed) {
			s.shared.Changed = ver.Changed
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read content versions: %w", err)
	}
	return s, nil
}

// Listen keeps the versions in memory until ctx ends: it listens on Channel and
// reloads the versions after every notification. A lost connection is retried
// with backoff; meanwhile Current reads from the database.
func (v *Versions) Listen(ctx context.Context) {
	v.mu.Lock()
	defer v.mu.Unlock()
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		began := time.Now()
		err := v.listenOnce(ctx)
		v.live.Store(nil)
		if ctx.Err() != nil {
			return
		}
		if time.Since(began) > time.Minute {
			backoff = 100 * time.Millisecond
		}
		v.log.Warn("content version listener lost its connection; reading versions per request until it is back",
			"err", err, "retry_in", backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 10*time.Second)
	}
}

// listenOnce runs one listening connection until it fails or ctx ends.
func (v *Versions) listenOnce(ctx context.Context) error {
	conn, err := v.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	// The connection is spent on LISTEN: it is closed, not returned to the pool.
	pc := conn.Hijack()
	defer pc.Close(context.Background())
	if _, err := pc.Exec(ctx, "LISTEN "+pgx.Identifier{Channel}.Sanitize()); err != nil {
		return err
	}
	// Loaded after LISTEN, so no change between the two is missed.
	s, err := load(ctx, pc)
	if err != nil {
		return err
	}
	v.live.Store(s)
	for {
		if _, err := pc.WaitForNotification(ctx); err != nil {
			return err
		}
		s, err := load(ctx, pc)
		if err != nil {
			return err
		}
		v.live.Store(s)
	}
}

// Key is a short text naming a version, for cache keys and ETags.
func (ver Version) Key() string { return strconv.FormatInt(ver.N, 36) }

// Need is the content version a page is being rendered for: Slug's version (the
// shared one when Slug is empty) must be at least N in the database it is read
// from. A standby that has not yet replayed the change must not render it.
type Need struct {
	Slug string
	N    int64
}

type needKey struct{}

// WithNeed returns ctx carrying the version a render needs.
func WithNeed(ctx context.Context, n Need) context.Context {
	return context.WithValue(ctx, needKey{}, n)
}

// NeedOf returns the version a render needs, if one was set.
func NeedOf(ctx context.Context) (Need, bool) {
	n, ok := ctx.Value(needKey{}).(Need)
	return n, ok
}

// Reached reports whether the database q reads from holds at least the version n
// needs: a standby answers false until it has replayed the change.
func Reached(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}, n Need) (bool, error) {
	s, err := load(ctx, q)
	if err != nil {
		return false, err
	}
	v := s.Shared()
	if n.Slug != "" {
		var ok bool
		if v, ok = s.Of(n.Slug); !ok {
			return false, nil
		}
	}
	return v.N >= n.N, nil
}
