package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/dbtest"
)

// TestServeChecksSecuritySettings: SESSION_MAX and TRUSTED_PROXIES are checked
// before anything starts, with a message that names the setting.
func TestServeChecksSecuritySettings(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		vars map[string]string
		want string
	}{
		"max not a duration": {map[string]string{"SESSION_MAX": "forever"}, "SESSION_MAX"},
		"max negative":       {map[string]string{"SESSION_MAX": "-1h"}, "SESSION_MAX"},
		"max below idle":     {map[string]string{"SESSION_MAX": "1h", "SESSION_IDLE": "2h"}, "SESSION_MAX"},
		"proxy not a CIDR":   {map[string]string{"TRUSTED_PROXIES": "10.0.0.0/8, proxy.example"}, "TRUSTED_PROXIES"},
		"proxy bad prefix":   {map[string]string{"TRUSTED_PROXIES": "10.0.0.0/40"}, "TRUSTED_PROXIES"},
	}
	for name, tc := range cases {
		e, _, _ := testEnv(tc.vars, "")
		err := run(context.Background(), []string{"serve"}, e)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
	var c config
	e, _, _ := testEnv(map[string]string{"TRUSTED_PROXIES": "10.0.0.0/8,192.168.1.5", "SESSION_MAX": "10h"}, "")
	if err := newFlagSet("serve", e, &c, true).Parse(nil); err != nil {
		t.Fatal(err)
	}
	if err := c.check(); err != nil {
		t.Fatal(err)
	}
	if len(c.Proxies) != 2 || c.Proxies[1].String() != "192.168.1.5/32" || c.SessionMax.Hours() != 10 {
		t.Errorf("parsed %v, max %v", c.Proxies, c.SessionMax)
	}
}

// TestCleanup: what serve runs every hour deletes ended sessions and uploads no
// record took within a day, and nothing else.
func TestCleanup(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := t.Context()
	_, err := pool.Exec(ctx, `
WITH a AS (
  INSERT INTO account (municipality_id, email, name, role, password_hash)
  SELECT id, 'x@ballerup.example', 'X', 'staff', 'none' FROM municipality WHERE slug = 'ballerup' RETURNING id)
INSERT INTO http_session (token_hash, account_id, data, created_at, seen_at, expires_at)
SELECT sha256(v::bytea), a.id, '', now() - age, now() - age, now() - age + interval '12 hours'
FROM a, (VALUES ('old', interval '13 hours'), ('idle', interval '10 hours'), ('live', interval '1 hour')) s(v, age)`)
	if err != nil {
		t.Fatal(err)
	}
	_, err = pool.Exec(ctx, `
INSERT INTO attachment (municipality_id, filename, content_type, size_bytes, sha256, content, created_at)
SELECT id, f, 'text/plain', 1, sha256('x'), 'x', now() - age FROM municipality, (VALUES ('old.txt', interval '25 hours'), ('new.txt', interval '1 hour')) s(f, age)
WHERE slug = 'ballerup'`)
	if err != nil {
		t.Fatal(err)
	}
	cleanup(ctx, pool, slog.New(slog.NewTextHandler(io.Discard, nil)), 8*time.Hour)
	var sessions, files int
	if err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM http_session), (SELECT count(*) FROM attachment WHERE filename IN ('old.txt', 'new.txt'))`).Scan(&sessions, &files); err != nil {
		t.Fatal(err)
	}
	if sessions != 1 || files != 1 {
		t.Errorf("after cleanup: %d sessions (want the live one), %d uploads (want the new one)", sessions, files)
	}
}
