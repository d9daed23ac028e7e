package database_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/demo"
)

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// TestMigrateUpDownUp runs every migration up on an empty database, all the way
// down, and up again; a second up is a no-op.
func TestMigrateUpDownUp(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, err := database.Open(ctx, dbtest.NewURL(t, false))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	m, err := database.NewMigrator(pool)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()

	res, err := m.Up(ctx)
	if err != nil {
		t.Fatalf("first up: %v", err)
	}
	if len(res) == 0 {
		t.Fatal("first up applied nothing")
	}
	cur, latest, err := m.Versions(ctx)
	if err != nil || cur != latest {
		t.Fatalf("after up: version %d of %d (%v)", cur, latest, err)
	}
	checkSeeds(t, pool)

	if _, err := m.Reset(ctx); err != nil {
		t.Fatalf("down to zero: %v", err)
	}
	if n := count(t, pool, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'goose_db_version'`); n != 0 {
		t.Fatalf("after reset %d tables remain", n)
	}
	if _, err := m.Up(ctx); err != nil {
		t.Fatalf("second up: %v", err)
	}
	checkSeeds(t, pool)
	res, err = m.Up(ctx)
	if err != nil || len(res) != 0 {
		t.Fatalf("third up should be a no-op: applied %d, err %v", len(res), err)
	}
}

func checkSeeds(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	if n := count(t, pool, `SELECT count(*) FROM municipality`); n != 5 {
		t.Errorf("municipalities: %d, want 5", n)
	}
	// Every municipality has a current policy with text and priorities.
	if n := count(t, pool, `
SELECT count(*) FROM municipality m
WHERE EXISTS (SELECT 1 FROM policy p WHERE p.municipality_id = m.id AND p.archived_at IS NULL
              AND length(p.full_text) > 500
              AND EXISTS (SELECT 1 FROM priority pr WHERE pr.policy_id = p.id))`); n != 5 {
		t.Errorf("municipalities with a policy with text and priorities: %d, want 5", n)
	}
	partnerships := map[string]int64{"stuttgart": 10, "berlin": 18, "goteborg": 13, "ballerup": 4, "vasteras": 9}
	for slug, want := range partnerships {
		if n := count(t, pool, `SELECT count(*) FROM partnership p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = $1`, slug); n != want {
			t.Errorf("%s partnerships: %d, want %d", slug, n, want)
		}
	}
	if n := count(t, pool, `SELECT count(*) FROM partnership WHERE source IS NULL OR source = ''`); n != 0 {
		t.Errorf("%d partnerships without their source", n)
	}
	if n := count(t, pool, `
SELECT sum(amount_minor) FROM budget_line b JOIN municipality m ON m.id = b.municipality_id
WHERE m.slug = 'ballerup' AND b.fiscal_year = 2015 AND b.owner_kind = 'central'`); n != 522_000_00 {
		t.Errorf("Ballerup's central 2015 lines sum to %d øre, want 52200000", n)
	}
	if n := count(t, pool, `
SELECT count(*) FROM priority pr JOIN policy p ON p.id = pr.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'vasteras' AND pr.kind = 'priority'`); n != 7 {
		t.Errorf("Västerås priorities: %d, want 7", n)
	}
	if n := count(t, pool, `
SELECT count(*) FROM priority pr JOIN policy p ON p.id = pr.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'vasteras' AND pr.kind = 'strategy'`); n != 4 {
		t.Errorf("Västerås strategies: %d, want 4", n)
	}
	if n := count(t, pool, `
SELECT count(*) FROM priority pr JOIN policy p ON p.id = pr.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'ballerup' AND pr.kind = 'focus_area'`); n != 4 {
		t.Errorf("Ballerup focus areas: %d, want 4", n)
	}
	// The policy rules of PRODUCT.md are data.
	for _, rule := range []struct{ slug, kind string }{
		{"vasteras", "no_new_twin_town_agreements"},
		{"goteborg", "twin_city_requires_council_decision"},
		{"goteborg", "twin_city_meeting_rotation"},
		{"goteborg", "host_every_nth_meeting"},
		{"goteborg", "evaluation_after_hosting"},
		{"ballerup", "report_approval_before_publication"},
	} {
		if n := count(t, pool, `
SELECT count(*) FROM policy_rule r JOIN policy p ON p.id = r.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = $1 AND r.kind = $2 AND strpos(p.full_text, r.source_sentence) > 0`, rule.slug, rule.kind); n != 1 {
			t.Errorf("%s rule %s quoting its policy: %d, want 1", rule.slug, rule.kind, n)
		}
	}
	// The Ballerup scan is seeded with its Danish letters restored.
	var text string
	if err := pool.QueryRow(context.Background(), `SELECT full_text FROM policy p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'ballerup'`).Scan(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ønsker", "målrette", "børne- og ungeområdet"} {
		if !strings.Contains(text, want) {
			t.Errorf("Ballerup policy lacks %q", want)
		}
	}
	for _, scanError := range []string{"gnsker", "malrette", "bgrne", "szerlig", "@konomi"} {
		if strings.Contains(text, scanError) {
			t.Errorf("Ballerup policy still has the scan error %q", scanError)
		}
	}
	// Wuxi ended in 2020 and its history keeps both pictures.
	if n := count(t, pool, `
SELECT count(DISTINCT s.status) FROM partnership_status_change s
JOIN partnership p ON p.id = s.partnership_id JOIN partner_city c ON c.id = p.partner_city_id
WHERE c.name_en = 'Wuxi' AND p.status = 'ended'`); n != 2 {
		t.Errorf("Wuxi status history has %d statuses, want active and ended", n)
	}
}

// TestSchemaConstraints shows that what must never be wrong is refused by the database.
func TestSchemaConstraints(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	var ballerup int64
	if err := pool.QueryRow(ctx, `SELECT id FROM municipality WHERE slug = 'ballerup'`).Scan(&ballerup); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		sql  string
	}{
		{"end before start", `INSERT INTO trip (municipality_id, currency, starts_on, ends_on) VALUES ($1, 'DKK', '2026-05-02', '2026-05-01')`},
		{"unknown currency", `INSERT INTO trip (municipality_id, currency) VALUES ($1, 'XXX')`},
		{"lower-case currency", `INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency) VALUES ($1, 2026, 'X', 'x', 'fund', 'x', 1, 'dkk')`},
		{"negative amount", `INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency) VALUES ($1, 2026, 'X', 'x', 'fund', 'x', -1, 'DKK')`},
		{"unknown status", `INSERT INTO trip (municipality_id, currency, status) VALUES ($1, 'DKK', 'lost')`},
		{"submitted without reference", `INSERT INTO trip (municipality_id, currency, status) VALUES ($1, 'DKK', 'submitted')`},
		{"duplicate reference", `INSERT INTO trip (municipality_id, currency, status, reference) VALUES ($1, 'DKK', 'submitted', 'BAL-2026-0001'), ($1, 'DKK', 'submitted', 'BAL-2026-0001')`},
		{"malformed reference", `INSERT INTO trip (municipality_id, currency, status, reference) VALUES ($1, 'DKK', 'submitted', 'bal-26-1')`},
		{"unknown municipality", `INSERT INTO trip (municipality_id, currency) VALUES ($1 + 1000, 'DKK')`},
		{"negative cost", `WITH t AS (INSERT INTO trip (municipality_id, currency) VALUES ($1, 'DKK') RETURNING id)
			INSERT INTO trip_cost (trip_id, position, category, planned_minor) SELECT id, 1, 'meals', -5 FROM t`},
		{"return without comment", `WITH t AS (INSERT INTO trip (municipality_id, currency) VALUES ($1, 'DKK') RETURNING id)
			INSERT INTO trip_transition (trip_id, action, from_status, to_status) SELECT id, 'return', 'submitted', 'returned' FROM t`},
		{"attachment size mismatch", `INSERT INTO attachment (municipality_id, filename, content_type, size_bytes, sha256, content) VALUES ($1, 'a.pdf', 'application/pdf', 99, decode(repeat('00', 32), 'hex'), '\x25504446')`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := pool.Exec(ctx, c.sql, ballerup); err == nil {
				t.Errorf("the database accepted it")
			}
		})
	}
}

// TestResetWithData shows a database in use (an account, demo trips, agreements,
// projects) rolls back to empty with reset, and that a single down step that
// would orphan such data is refused with a message that says what to do,
// changing nothing.
func TestResetWithData(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, err := database.Open(ctx, dbtest.NewURL(t, false))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	m, err := database.NewMigrator(pool)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if _, err := m.Up(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `
INSERT INTO account (municipality_id, email, name, role, password_hash)
SELECT id, 'anna@ballerup.example', 'Anna', 'admin', 'x' FROM municipality WHERE slug = 'ballerup'`); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, pool, demo.Options{Trips: 40, Seed: 1}); err != nil {
		t.Fatal(err)
	}

	// Down to just above the seed of the municipalities, then one more step.
	if _, err := m.DownTo(ctx, 10); err == nil {
		t.Fatal("rolling back the seeds under data succeeded; the data would be orphaned")
	}
	cur, _, err := m.Versions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Down(ctx)
	if err == nil || !strings.Contains(err.Error(), "portal migrate reset") {
		t.Errorf("down under data: %v, want a refusal that names reset", err)
	}
	if after, _, _ := m.Versions(ctx); after != cur {
		t.Errorf("refused down changed the version %d → %d", cur, after)
	}
	if n := count(t, pool, `SELECT count(*) FROM account WHERE email = 'anna@ballerup.example'`); n != 1 {
		t.Errorf("refused down lost the account (%d)", n)
	}

	if _, err := m.Reset(ctx); err != nil {
		t.Fatalf("reset with data: %v", err)
	}
	if n := count(t, pool, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'goose_db_version'`); n != 0 {
		t.Fatalf("after reset %d tables remain", n)
	}
	if _, err := m.Up(ctx); err != nil {
		t.Fatalf("up after reset: %v", err)
	}
	checkSeeds(t, pool)
}
