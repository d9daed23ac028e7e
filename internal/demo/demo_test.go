package demo_test

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/trip"
)

var testNow = time.Date(2026, time.March, 15, 10, 30, 0, 0, time.UTC)

func load(t *testing.T, pool *pgxpool.Pool, trips int, seed int64) demo.Summary {
	t.Helper()
	sum, err := demo.Load(context.Background(), pool, demo.Options{Trips: trips, Seed: seed, Now: testNow})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return sum
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func TestLoad(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	sum := load(t, pool, 300, 1)
	if sum["trip"] != 300 {
		t.Errorf("summary trips = %d, want 300", sum["trip"])
	}

	t.Run("every status, mostly published", func(t *testing.T) {
		rows, err := pool.Query(ctx, `SELECT status, count(*) FROM trip WHERE is_demo GROUP BY status`)
		if err != nil {
			t.Fatal(err)
		}
		byStatus := map[string]int64{}
		var total int64
		for rows.Next() {
			var s string
			var n int64
			if err := rows.Scan(&s, &n); err != nil {
				t.Fatal(err)
			}
			byStatus[s] = n
			total += n
		}
		for _, s := range []string{"draft", "submitted", "returned", "approved", "completed",
			"report_submitted", "report_returned", "published"} {
			if byStatus[s] == 0 {
				t.Errorf("no %s trip", s)
			}
		}
		// The lifecycle publishes a report at its approval, in the same step.
		if byStatus["report_approved"] != 0 {
			t.Errorf("%d trips rest in report_approved", byStatus["report_approved"])
		}
		if total != 300 {
			t.Errorf("%d trips, want 300", total)
		}
		if share := float64(byStatus["published"]) / float64(total); share < 0.7 {
			t.Errorf("published share %.2f, want at least 0.7", share)
		}
	})

	t.Run("references", func(t *testing.T) {
		rows, err := pool.Query(ctx, `SELECT status, coalesce(reference, '') FROM trip WHERE is_demo`)
		if err != nil {
			t.Fatal(err)
		}
		re := regexp.MustCompile(`^[A-Z]{3}-\d{4}-\d{4,6}$`)
		seen := map[string]bool{}
		for rows.Next() {
			var status, ref string
			if err := rows.Scan(&status, &ref); err != nil {
				t.Fatal(err)
			}
			if status == "draft" {
				continue
			}
			if !re.MatchString(ref) {
				t.Errorf("%s trip has reference %q", status, ref)
			}
			if seen[ref] {
				t.Errorf("reference %s used twice", ref)
			}
			seen[ref] = true
		}
		if n := count(t, pool, `
			SELECT count(*) FROM (
				SELECT t.municipality_id, split_part(t.reference, '-', 2)::int AS year,
				       max(split_part(t.reference, '-', 3)::int) AS used
				FROM trip t WHERE t.reference IS NOT NULL GROUP BY 1, 2) u
			LEFT JOIN trip_reference_counter c ON c.municipality_id = u.municipality_id AND c.year = u.year
			WHERE c.last_number IS NULL OR c.last_number < u.used`); n != 0 {
			t.Errorf("%d municipality-years with a counter below the highest number used", n)
		}
		if n := count(t, pool, `
			SELECT count(*) FROM trip t JOIN municipality m ON m.id = t.municipality_id
			WHERE t.is_demo AND t.reference NOT LIKE m.code || '-%'`); n != 0 {
			t.Errorf("%d references without the municipality's code", n)
		}
	})

	t.Run("published trips are complete", func(t *testing.T) {
		for name, sql := range map[string]string{
			"without report": `SELECT count(*) FROM trip t WHERE t.is_demo AND t.status = 'published'
				AND NOT EXISTS (SELECT 1 FROM trip_report r WHERE r.trip_id = t.id AND r.goal <> '' AND r.outcome <> '')`,
			"without actual costs": `SELECT count(*) FROM trip t WHERE t.is_demo AND t.status = 'published'
				AND (NOT EXISTS (SELECT 1 FROM trip_cost c WHERE c.trip_id = t.id)
				     OR EXISTS (SELECT 1 FROM trip_cost c WHERE c.trip_id = t.id AND c.actual_minor IS NULL))`,
			"without publication or approval dates": `SELECT count(*) FROM trip WHERE is_demo AND status = 'published'
				AND (published_at IS NULL OR approved_at IS NULL OR published_at > $1)`,
			"published before its report was approved": `SELECT count(*) FROM trip WHERE is_demo AND status = 'published'
				AND NOT (submitted_at <= approved_at AND approved_at < starts_on AND completed_at < published_at
				         AND (report_approved_at IS NULL OR completed_at < report_approved_at AND report_approved_at = published_at))`,
			"without a publish step": `SELECT count(*) FROM trip t WHERE t.is_demo AND t.status = 'published'
				AND NOT EXISTS (SELECT 1 FROM trip_transition x WHERE x.trip_id = t.id AND x.action = 'publish' AND x.at = t.published_at)`,
		} {
			args := []any{}
			if name == "without publication or approval dates" {
				args = append(args, testNow)
			}
			if n := count(t, pool, sql, args...); n != 0 {
				t.Errorf("%d published trips %s", n, name)
			}
		}
	})

	t.Run("consistency", func(t *testing.T) {
		checks := map[string]string{
			"negative costs": `SELECT count(*) FROM trip_cost c JOIN trip t ON t.id = c.trip_id
				WHERE t.is_demo AND (c.planned_minor < 0 OR c.actual_minor < 0)`,
			"actual costs more than 20 % off the plan": `SELECT count(*) FROM trip_cost c JOIN trip t ON t.id = c.trip_id
				WHERE t.is_demo AND c.actual_minor IS NOT NULL AND abs(c.actual_minor - c.planned_minor) > c.planned_minor * 0.2 + 1`,
			"approvals by the author or by staff": `SELECT count(*) FROM trip_transition x JOIN trip t ON t.id = x.trip_id
				JOIN account a ON a.id = x.actor_id
				WHERE t.is_demo AND x.action IN ('approve', 'approve_report', 'return', 'return_report')
				AND (x.actor_id = t.author_id OR a.role <> 'politician')`,
			// Publication is logged at the instant of the step it follows.
			"steps out of order": `SELECT count(*) FROM (SELECT at, action, lag(at) OVER (PARTITION BY trip_id ORDER BY id) AS prev
				FROM trip_transition WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)) s
				WHERE s.prev > s.at OR s.prev = s.at AND s.action <> 'publish'`,
			"steps in the future": `SELECT count(*) FROM trip_transition x JOIN trip t ON t.id = x.trip_id WHERE t.is_demo AND x.at > $1`,
			"last step not reaching the status": `SELECT count(*) FROM trip t WHERE t.is_demo AND t.status <> 'draft'
				AND t.status <> (SELECT to_status FROM trip_transition x WHERE x.trip_id = t.id ORDER BY x.id DESC LIMIT 1)`,
			"budget line of another municipality, year or currency": `SELECT count(*) FROM trip t JOIN budget_line b ON b.id = t.budget_line_id
				WHERE t.is_demo AND (b.municipality_id <> t.municipality_id OR b.fiscal_year <> extract(year FROM t.starts_on) OR b.currency <> t.currency)`,
			"without budget line": `SELECT count(*) FROM trip WHERE is_demo AND budget_line_id IS NULL`,
			"priorities of another municipality": `SELECT count(*) FROM trip_priority tp JOIN trip t ON t.id = tp.trip_id
				JOIN priority p ON p.id = tp.priority_id JOIN policy po ON po.id = p.policy_id
				WHERE t.is_demo AND po.municipality_id <> t.municipality_id`,
			"partnership of another municipality": `SELECT count(*) FROM trip t JOIN partnership p ON p.id = t.partnership_id
				WHERE t.is_demo AND p.municipality_id <> t.municipality_id`,
			"days without programme": `SELECT count(*) FROM trip t CROSS JOIN LATERAL generate_series(t.starts_on, t.ends_on, interval '1 day') d
				WHERE t.is_demo AND NOT EXISTS (SELECT 1 FROM trip_programme_item i WHERE i.trip_id = t.id AND i.day = d::date)`,
			"programme outside the trip": `SELECT count(*) FROM trip_programme_item i JOIN trip t ON t.id = i.trip_id
				WHERE t.is_demo AND (i.day < t.starts_on OR i.day > t.ends_on OR i.position > 3)`,
			"upcoming published trips": `SELECT count(*) FROM trip WHERE is_demo AND status = 'published' AND ends_on >= $1::date`,
			"Västerås twin-town agreements": `SELECT count(*) FROM agreement a JOIN municipality m ON m.id = a.municipality_id
				WHERE a.is_demo AND m.slug = 'vasteras' AND a.type = 'twin_town_agreement'`,
		}
		for name, sql := range checks {
			var args []any
			if regexp.MustCompile(`\$1`).MatchString(sql) {
				args = append(args, testNow)
			}
			if n := count(t, pool, sql, args...); n != 0 {
				t.Errorf("%s: %d rows", name, n)
			}
		}
		if n := count(t, pool, `SELECT count(*) FROM trip WHERE is_demo AND status IN ('submitted', 'approved') AND starts_on > $1::date`, testNow); n == 0 {
			t.Error("no upcoming submitted or approved trips")
		}
		if n := count(t, pool, `SELECT count(DISTINCT municipality_id) FROM trip WHERE is_demo`); n != 5 {
			t.Errorf("trips in %d municipalities, want 5", n)
		}
		for _, table := range []string{"agreement", "project", "budget_line", "account"} {
			if n := count(t, pool, `SELECT count(DISTINCT municipality_id) FROM `+table+` WHERE is_demo`); n != 5 {
				t.Errorf("demo %s rows in %d municipalities, want 5", table, n)
			}
		}
		if n := count(t, pool, `SELECT count(*) FROM agreement WHERE is_demo AND status = 'expired' AND valid_until < $1::date`, testNow); n == 0 {
			t.Error("no expired agreement")
		}
		if n := count(t, pool, `SELECT count(*) FROM account WHERE is_demo AND password_hash LIKE '$argon2id$%'`); n != 0 {
			t.Errorf("%d demo accounts with a usable password hash", n)
		}
	})

	t.Run("refuses a second load", func(t *testing.T) {
		_, err := demo.Load(ctx, pool, demo.Options{Trips: 10, Seed: 2, Now: testNow})
		if !errors.Is(err, demo.ErrPresent) {
			t.Errorf("second Load: %v, want ErrPresent", err)
		}
	})
}

// tripFingerprint lists reference and purpose of every demo trip, in id order.
func tripFingerprint(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	rows, err := pool.Query(context.Background(),
		`SELECT coalesce(reference, '-') || ' ' || purpose || ' ' || starts_on::text FROM trip WHERE is_demo ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	a, b := dbtest.New(t), dbtest.New(t)
	load(t, a, 120, 7)
	load(t, b, 120, 7)
	fa, fb := tripFingerprint(t, a), tripFingerprint(t, b)
	if len(fa) != 120 || len(fa) != len(fb) {
		t.Fatalf("%d and %d trips, want 120", len(fa), len(fb))
	}
	for i := range fa {
		if fa[i] != fb[i] {
			t.Fatalf("trip %d differs:\n%s\n%s", i, fa[i], fb[i])
		}
	}
}

// publicSummaries lists the register's filter counts, the register entries and the
// budget lines' figures.
func publicSummaries(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT 'facet ' || f::text FROM register_facet f
		UNION ALL SELECT 'entry ' || e.trip_id FROM register_entry e
		UNION ALL SELECT 'line ' || b::text FROM budget_line_figures b
		UNION ALL SELECT 'sum ' || s::text FROM register_sum s
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// seededCounts counts the seeded rows Remove must leave alone.
func seededCounts(t *testing.T, pool *pgxpool.Pool) map[string]int64 {
	out := map[string]int64{}
	for name, sql := range map[string]string{
		"municipality": `SELECT count(*) FROM municipality`,
		"policy":       `SELECT count(*) FROM policy`,
		"priority":     `SELECT count(*) FROM priority`,
		"partnership":  `SELECT count(*) FROM partnership`,
		"partner_city": `SELECT count(*) FROM partner_city`,
		"budget_line":  `SELECT count(*) FROM budget_line WHERE NOT is_demo`,
		"network":      `SELECT count(*) FROM network`,
		"account":      `SELECT count(*) FROM account WHERE NOT is_demo`,
	} {
		out[name] = count(t, pool, sql)
	}
	return out
}

func TestRemove(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	before := seededCounts(t, pool)
	summaries := publicSummaries(t, pool)
	versions := count(t, pool, `SELECT coalesce(sum(version), 0) FROM content_version`)
	loaded := load(t, pool, 150, 3)

	removed, err := demo.Remove(ctx, pool)
	if err != nil {
		t.Fatalf("Remove: %v", err)
	}
	for _, table := range []string{"account", "budget_line", "trip", "trip_cost", "trip_transition", "agreement", "project"} {
		if removed[table] != loaded[table] {
			t.Errorf("removed %d %s rows, loaded %d", removed[table], table, loaded[table])
		}
	}
	for _, table := range []string{"account", "budget_line", "trip", "agreement", "project"} {
		if n := count(t, pool, `SELECT count(*) FROM `+table+` WHERE is_demo`); n != 0 {
			t.Errorf("%d demo %s rows left", n, table)
		}
	}
	if n := count(t, pool, `SELECT count(*) FROM trip_transition`); n != 0 {
		t.Errorf("%d trip transitions left", n)
	}
	after := seededCounts(t, pool)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: %d rows before, %d after", k, v, after[k])
		}
	}
	if n := count(t, pool, `SELECT count(*) FROM trip_reference_counter`); n == 0 {
		t.Error("the reference counters went with the demo data")
	}
	// The summaries behind the public pages are what they were before the load, and
	// every public page has changed.
	if got := publicSummaries(t, pool); !slices.Equal(got, summaries) {
		t.Errorf("public summaries after Remove differ from before Load:\n%q\nwant\n%q", got, summaries)
	}
	if n := count(t, pool, `SELECT count(*) FROM search_document WHERE is_demo`); n != 0 {
		t.Errorf("%d demo search documents left", n)
	}
	if n := count(t, pool, `SELECT coalesce(sum(version), 0) FROM content_version`); n <= versions {
		t.Errorf("content versions %d after Remove, %d before Load", n, versions)
	}

	// Loading again continues the numbering instead of reusing a number.
	load(t, pool, 150, 3)
	if n := count(t, pool, `
		SELECT count(*) FROM trip t JOIN trip_reference_counter c
		  ON c.municipality_id = t.municipality_id AND c.year = split_part(t.reference, '-', 2)::int
		WHERE t.is_demo AND split_part(t.reference, '-', 3)::int > c.last_number`); n != 0 {
		t.Errorf("%d references above their counter", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM trip WHERE is_demo AND reference LIKE '%-0001'`); n != 0 {
		t.Errorf("%d trips reuse number 0001 after remove and reload", n)
	}
}

// TestNumbersRunLow loads into years whose reference numbers are nearly used up:
// the trips move to earlier years instead of passing 999999 (migration 00061).
func TestNumbersRunLow(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	if _, err := pool.Exec(context.Background(), `
		INSERT INTO trip_reference_counter (municipality_id, year, last_number)
		SELECT m.id, y, 999950 FROM municipality m, generate_series(2024, 2026) y`); err != nil {
		t.Fatal(err)
	}
	load(t, pool, 300, 5)
	if n := count(t, pool, `SELECT count(*) FROM trip_reference_counter WHERE last_number > 999999`); n != 0 {
		t.Errorf("%d counters above 999999", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM trip WHERE is_demo AND split_part(reference, '-', 2)::int < 2024`); n == 0 {
		t.Error("no trip moved to a year before 2024")
	}
	if n := count(t, pool, `SELECT count(*) FROM trip WHERE is_demo AND status <> 'draft' AND reference IS NULL`); n != 0 {
		t.Errorf("%d submitted trips without reference", n)
	}
}

// TestNumbersPast9999 loads into years whose numbers have passed 9999: the demo
// trips take five-digit numbers, which the schema and the public trip page accept.
func TestNumbersPast9999(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	if _, err := pool.Exec(context.Background(), `
		INSERT INTO trip_reference_counter (municipality_id, year, last_number)
		SELECT m.id, y, 9990 FROM municipality m, generate_series(2024, 2026) y`); err != nil {
		t.Fatal(err)
	}
	load(t, pool, 300, 5)
	if n := count(t, pool, `SELECT count(*) FROM trip WHERE is_demo AND reference ~ '-[0-9]{5}$'`); n == 0 {
		t.Error("no reference past 9999")
	}
	rows, err := pool.Query(context.Background(), `SELECT reference FROM trip WHERE is_demo AND reference IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	refs, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range refs {
		if !trip.ValidReference(ref) {
			t.Errorf("reference %s is not a valid reference", ref)
		}
	}
	if n := count(t, pool, `
		SELECT count(*) FROM trip t JOIN trip_reference_counter c
		  ON c.municipality_id = t.municipality_id AND c.year = split_part(t.reference, '-', 2)::int
		WHERE t.is_demo AND split_part(t.reference, '-', 3)::int > c.last_number`); n != 0 {
		t.Errorf("%d references above their counter", n)
	}
}
