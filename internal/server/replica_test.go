package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/server"
)

// TestReadReplica runs the portal on a primary and a real hot standby (made with
// pg_basebackup): anonymous pages read from the standby while it is caught up;
// when it stops replaying (behind) or is stopped (down), the same pages are read
// from the primary without an error, and the standby is used again once well.
func TestReadReplica(t *testing.T) {
	t.Parallel()
	primary := dbtest.StartCluster(t)
	ctx := context.Background()
	url := primary.Migrated(ctx)
	standby := primary.StartStandby()
	pool, err := database.OpenPool(ctx, url, database.PoolOptions{MaxConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	sp, err := database.NewLazyPool(standby.URL("portal"), database.PoolOptions{MaxConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sp.Close)
	// The test makes the checks itself (Run would make one every Interval), so
	// that the standby pool's use is the pages' alone between checks.
	rep := &database.Replica{Primary: pool, Standby: sp, MaxLag: 500 * time.Millisecond, Interval: time.Second}

	store := sessions.NewCookieStore(securecookie.GenerateRandomKey(32), securecookie.GenerateRandomKey(32))
	h, err := server.New(server.Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Pool: pool, Catalogue: i18n.MustLoad(),
		Sessions: store, BaseURL: "https://portal.example.org", Standby: rep, RequestTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	waitUsable := func(want bool) {
		t.Helper()
		start := time.Now()
		for rep.Check(ctx); rep.Usable() != want; rep.Check(ctx) {
			time.Sleep(50 * time.Millisecond)
			if time.Since(start) > 10*time.Second {
				t.Fatalf("standby usable = %v after 10 s, want %v (lag %s)", rep.Usable(), want, rep.Lag())
			}
		}
	}
	pages := []string{"/", "/m/berlin", "/m/ballerup/trips", "/m/stuttgart/partners", "/search?q=Partnerschaft"}
	round := 0
	readsFrom := func(what string) {
		t.Helper()
		before := sp.Stat().AcquireCount()
		// Public pages are kept once rendered: a query of its own makes each
		// round render them, and so read the database, again.
		round++
		for _, p := range pages {
			sep := "?"
			if strings.Contains(p, "?") {
				sep = "&"
			}
			res, body := get(t, fmt.Sprintf("%s%s%sround=%d", srv.URL, p, sep, round))
			if res.StatusCode != http.StatusOK || !strings.Contains(body, "</html>") {
				t.Errorf("%s with the standby %s: %d", p, what, res.StatusCode)
			}
		}
		used := sp.Stat().AcquireCount() - before
		if rep.Usable() && used == 0 {
			t.Errorf("standby %s and usable, but no page read from it", what)
		}
		if !rep.Usable() && used != 0 && what != "stopped" {
			t.Errorf("standby %s: %d reads went to it", what, used)
		}
	}

	waitUsable(true)
	readsFrom("caught up")

	// Behind: replay paused while the primary writes.
	if _, err := sp.Exec(ctx, `SELECT pg_wal_replay_pause()`); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `CREATE TABLE replica_test_write (id int)`); err != nil {
		t.Fatal(err)
	}
	waitUsable(false)
	if rep.Lag() >= 0 && rep.Lag() <= rep.MaxLag {
		t.Errorf("standby behind but lag %s", rep.Lag())
	}
	readsFrom("behind")
	if _, err := sp.Exec(ctx, `SELECT pg_wal_replay_resume()`); err != nil {
		t.Fatal(err)
	}
	waitUsable(true)

	// Down: stopped while in use. Reads in flight fall back to the primary.
	standby.Stop()
	readsFrom("stopped")
	waitUsable(false)
	standby.Start()
	waitUsable(true)
	readsFrom("started again")
}
