package search_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/search"
)

func exec(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func id(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// find runs text in every municipality and returns the results of kind.
func find(t *testing.T, s *search.Store, text string, kind search.Kind) []search.Result {
	t.Helper()
	res, err := s.Search(context.Background(), search.Query{Text: text, Kind: kind, Page: 1}, 0)
	if err != nil {
		t.Fatalf("search %q: %v", text, err)
	}
	var out []search.Result
	for _, g := range res.Groups {
		out = append(out, g.Results...)
	}
	return out
}

// insertTrip adds a trip of Ballerup with one destination, traveller and report.
func insertTrip(t *testing.T, pool *pgxpool.Pool, ref, status, purpose string) int64 {
	t.Helper()
	published := "NULL"
	if status == "published" {
		published = "now()"
	}
	var reference any = ref
	if ref == "" {
		reference = nil
	}
	tripID := id(t, pool, fmt.Sprintf(`
INSERT INTO trip (municipality_id, reference, status, purpose, starts_on, ends_on, organiser, currency, published_at)
VALUES ((SELECT id FROM municipality WHERE slug = 'ballerup'), $1, $2, $3, '2026-05-04', '2026-05-06',
        'Børne- og Ungeudvalget', 'DKK', %s) RETURNING id`, published), reference, status, purpose)
	exec(t, pool, `INSERT INTO trip_destination (trip_id, position, city, country) VALUES ($1, 1, 'Praha 10', 'CZ')`, tripID)
	exec(t, pool, `INSERT INTO trip_traveller (trip_id, position, name, role, kind) VALUES ($1, 1, 'Mette Kvistgaard', 'formand', 'politician')`, tripID)
	exec(t, pool, `INSERT INTO trip_report (trip_id, goal, outcome, follow_up) VALUES ($1, 'Lære om skolernes arbejde', 'Nye kontakter', 'Genbesøg i 2027')`, tripID)
	return tripID
}

// TestTriggersKeepIndexCurrent changes the rows a trip's document is built from and
// checks after each change that search sees exactly what is public.
func TestTriggersKeepIndexCurrent(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	s := search.NewStore(pool)

	draft := insertTrip(t, pool, "", "draft", "Hemmelighedsfuldtudkast om sommerlejr")
	if got := find(t, s, "Hemmelighedsfuldtudkast", ""); len(got) != 0 {
		t.Fatalf("a draft trip is found: %+v", got)
	}
	trip := insertTrip(t, pool, "BAL-2026-0007", "published", "Studietur om klimatilpasning")
	got := find(t, s, "BAL-2026-0007", search.Trips)
	if len(got) != 1 || got[0].ID != trip || got[0].Reference != "BAL-2026-0007" || got[0].Language != "da" {
		t.Fatalf("published trip by reference: %+v", got)
	}
	if got := find(t, s, "Kvistgaard", ""); len(got) != 1 {
		t.Errorf("traveller: %d results", len(got))
	}
	// Danish stemming: "skolerne" is found from "skolernes" in the report.
	if got := find(t, s, "skolerne", search.Trips); len(got) != 1 {
		t.Errorf("report goal, stemmed: %d results", len(got))
	}

	exec(t, pool, `UPDATE trip_traveller SET name = 'Rasmus Æbelø' WHERE trip_id = $1`, trip)
	if got := find(t, s, "Kvistgaard", ""); len(got) != 0 {
		t.Errorf("old traveller name still found")
	}
	if got := find(t, s, "Æbelø", ""); len(got) != 1 {
		t.Errorf("new traveller name not found")
	}
	exec(t, pool, `INSERT INTO trip_destination (trip_id, position, city, country) VALUES ($1, 2, 'Wuxi', 'CN')`, trip)
	if got := find(t, s, "Wuxi", search.Trips); len(got) != 1 {
		t.Errorf("added destination not found")
	}
	exec(t, pool, `DELETE FROM trip_destination WHERE trip_id = $1 AND position = 2`, trip)
	if got := find(t, s, "Wuxi", search.Trips); len(got) != 0 {
		t.Errorf("removed destination still found")
	}
	exec(t, pool, `UPDATE trip_report SET outcome = 'Aftale om elevudveksling' WHERE trip_id = $1`, trip)
	if got := find(t, s, "elevudveksling", search.Trips); len(got) != 1 {
		t.Errorf("report outcome not found")
	}

	// Back under review (e.g. corrected): no longer public, no longer found.
	exec(t, pool, `UPDATE trip SET status = 'report_submitted', published_at = NULL WHERE id = $1`, trip)
	if got := find(t, s, "BAL-2026-0007", ""); len(got) != 0 {
		t.Errorf("unpublished trip still found")
	}
	exec(t, pool, `UPDATE trip SET status = 'published', published_at = now() WHERE id = $1`, trip)
	exec(t, pool, `UPDATE trip SET archived_at = now() WHERE id = $1`, trip)
	if got := find(t, s, "BAL-2026-0007", ""); len(got) != 0 {
		t.Errorf("archived trip still found")
	}
	exec(t, pool, `DELETE FROM trip WHERE id = ANY ($1)`, []int64{trip, draft})
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM search_document WHERE kind = 'trip'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("trip documents left after delete: %d (%v)", n, err)
	}
}

func TestPartnershipAndAgreementDocuments(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	s := search.NewStore(pool)

	exec(t, pool, `UPDATE partner_city SET name = 'Zyxwuvstadt' WHERE name_en = 'Cardiff'`)
	got := find(t, s, "Zyxwuvstadt", search.Partnerships)
	if len(got) != 1 || got[0].MunicipalitySlug != "stuttgart" {
		t.Fatalf("renamed partner city: %+v", got)
	}
	if title := search.Plain(got[0].Title); title != "Zyxwuvstadt (Cardiff)" {
		t.Errorf("title = %q", title)
	}

	ag := id(t, pool, `
INSERT INTO agreement (municipality_id, type, title, summary, status)
VALUES ((SELECT id FROM municipality WHERE slug = 'goteborg'), 'cooperation_agreement',
        'Samarbetsavtal om hamnlogistik', 'Utbyte om klimatsmarta hamnar', 'draft') RETURNING id`)
	exec(t, pool, `INSERT INTO agreement_party (agreement_id, position, name) VALUES ($1, 1, 'Qwertyhamn kommun')`, ag)
	if got := find(t, s, "hamnlogistik", ""); len(got) != 0 {
		t.Errorf("a draft agreement is found")
	}
	exec(t, pool, `UPDATE agreement SET status = 'in_force' WHERE id = $1`, ag)
	// Swedish stemming ("hamnarna" → hamn) and a party's name.
	for _, q := range []string{"hamnarna", "Qwertyhamn"} {
		got := find(t, s, q, search.Agreements)
		if len(got) != 1 || got[0].ID != ag || got[0].URL() != fmt.Sprintf("/m/goteborg/agreements#agreement-%d", ag) {
			t.Errorf("%s: %+v", q, got)
		}
	}

	// A municipality whose primary language changes is re-stemmed.
	exec(t, pool, `UPDATE municipality SET languages = '{en}' WHERE slug = 'goteborg'`)
	var cfg string
	if err := pool.QueryRow(context.Background(),
		`SELECT config::text FROM search_document WHERE kind = 'agreement' AND source_id = $1`, ag).Scan(&cfg); err != nil || cfg != "english" {
		t.Errorf("config after language change = %q (%v)", cfg, err)
	}
}

// TestQuerySyntaxNeverFails sends what visitors type, websearch syntax and junk
// alike, and expects an answer, never an error.
func TestQuerySyntaxNeverFails(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	s := search.NewStore(pool)
	for _, q := range []string{
		`"vänorter`, `"`, `""`, `-`, `--`, `- -vänort`, `OR`, `or or`, `vänort OR`, `OR vänort`,
		`(vänort)`, `((`, `)`, `\`, `\\`, `vänort\`, `'`, `''`, `a'b`, `!`, `!!vänort`, `&|<->`,
		`:*`, `vänort:*`, `a:b`, `🙂`, `vänort 🙂`, `👩‍👩‍👧`, `<script>alert(1)</script>`,
		`%`, `_`, `$1`, `och`, `und der die`, `\u0000`, strings.Repeat("a ", 100),
		strings.Repeat("(", 200), strings.Repeat(`"`, 200), "\uE000vänort\uE001",
	} {
		for _, kind := range []search.Kind{"", search.Policies} {
			if _, err := s.Search(context.Background(), search.Query{Text: q, Kind: kind, Page: 3}, 0); err != nil {
				t.Errorf("Search(%q, %q): %v", q, kind, err)
			}
		}
	}
}

func TestRankingAndPages(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	s := search.NewStore(pool)
	// 45 published trips share a word; one has it in the title (purpose), so ranks first.
	exec(t, pool, `
INSERT INTO trip (municipality_id, reference, status, purpose, organiser, currency, published_at)
SELECT (SELECT id FROM municipality WHERE slug = 'stuttgart'), 'STU-2025-' || lpad(g::text, 4, '0'), 'published',
       CASE WHEN g = 7 THEN 'Klimapartnerschaft vertiefen' ELSE 'Fachbesuch Nummer ' || g END,
       CASE WHEN g = 7 THEN 'Referat' ELSE 'Referat Klimapartnerschaft' END, 'EUR', now()
  FROM generate_series(1, 45) g`)
	res, err := s.Search(context.Background(), search.Query{Text: "Klimapartnerschaften", Page: 1}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts[search.Trips] != 45 || len(res.Groups) != 1 {
		t.Fatalf("counts %v, %d groups", res.Counts, len(res.Groups))
	}
	g := res.Groups[0]
	if len(g.Results) != search.PerPage || g.Pages != 3 || g.Page != 1 {
		t.Errorf("first page: %d results, page %d of %d", len(g.Results), g.Page, g.Pages)
	}
	if g.Results[0].Reference != "STU-2025-0007" {
		t.Errorf("best result %s, want the one with the word in its title", g.Results[0].Reference)
	}
	if !hasMark(g.Results[0].Title) {
		t.Errorf("title not highlighted: %+v", g.Results[0].Title)
	}
	// Page 99 of 3 is the last page.
	res, err = s.Search(context.Background(), search.Query{Text: "Klimapartnerschaften", Kind: search.Trips, Page: 99}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if g := res.Groups[0]; g.Page != 3 || len(g.Results) != 5 {
		t.Errorf("clamped page: page %d with %d results", g.Page, len(g.Results))
	}
	// No trip is in Ballerup.
	ballerup := id(t, pool, `SELECT id FROM municipality WHERE slug = 'ballerup'`)
	res, err = s.Search(context.Background(), search.Query{Text: "Klimapartnerschaften", Page: 1}, ballerup)
	if err != nil || res.Total != 0 || len(res.Groups) != 0 {
		t.Errorf("filtered to Ballerup: %+v, %v", res, err)
	}
}

// A word matched by more documents of a kind than the store counts: the count says
// "at least", and the most recent matches are ranked.
func TestCappedCounts(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	exec(t, pool, `
INSERT INTO trip (municipality_id, reference, status, purpose, organiser, currency, published_at)
SELECT (SELECT id FROM municipality WHERE slug = 'stuttgart'), 'STU-2025-' || lpad(g::text, 4, '0'), 'published',
       CASE WHEN g = 7 THEN 'Klimapartnerschaft vertiefen' ELSE 'Fachbesuch Nummer ' || g END,
       CASE WHEN g = 7 THEN 'Referat' ELSE 'Referat Klimapartnerschaft' END, 'EUR', now()
  FROM generate_series(1, 45) g`)
	ctx := context.Background()
	res, err := search.NewStoreWithCapForTest(pool, 20).Search(ctx, search.Query{Text: "Klimapartnerschaften", Page: 1}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts[search.Trips] != 20 || !res.Capped[search.Trips] || !res.AnyCapped() || res.Total != 20 {
		t.Fatalf("counts %v, capped %v, total %d", res.Counts, res.Capped, res.Total)
	}
	g := res.Groups[0]
	if !g.Capped || g.Pages != 1 || len(g.Results) != 20 {
		t.Errorf("group: capped %v, %d pages, %d results", g.Capped, g.Pages, len(g.Results))
	}
	// The 20 most recent are ranked (equal ranks: newest first); the older trip
	// with the word in its title is not among them.
	if g.Results[0].Reference != "STU-2025-0045" || g.Results[19].Reference != "STU-2025-0026" {
		t.Errorf("ranked %s … %s, want STU-2025-0045 … STU-2025-0026", g.Results[0].Reference, g.Results[19].Reference)
	}
	// Page 2 of a capped kind is its last page, the first.
	res, err = search.NewStoreWithCapForTest(pool, 20).Search(ctx, search.Query{Text: "Klimapartnerschaften", Kind: search.Trips, Page: 2}, 0)
	if err != nil || res.Groups[0].Page != 1 {
		t.Fatalf("page 2: %+v, %v", res, err)
	}
	// Exactly at the cap is not "more".
	res, err = search.NewStoreWithCapForTest(pool, 45).Search(ctx, search.Query{Text: "Klimapartnerschaften", Page: 1}, 0)
	if err != nil || res.Counts[search.Trips] != 45 || res.Capped[search.Trips] {
		t.Fatalf("cap 45: counts %v, capped %v, %v", res.Counts, res.Capped, err)
	}
}

func hasMark(segs []search.Segment) bool {
	for _, s := range segs {
		if s.Mark {
			return true
		}
	}
	return false
}

// TestIndexBuiltAtCommit writes a trip and its rows in one transaction, as the
// trip editor and demo.Load do: the document is built once, from the final rows,
// when the transaction commits, and the queue is empty again afterwards.
func TestIndexBuiltAtCommit(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	s := search.NewStore(pool)
	ctx := context.Background()
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck
	var tripID int64
	if err := tx.QueryRow(ctx, `
INSERT INTO trip (municipality_id, reference, status, purpose, currency, published_at)
SELECT id, 'VAS-2026-0042', 'published', 'Studieresa om fjärrvärme', 'SEK', now() FROM municipality WHERE slug = 'vasteras'
RETURNING id`).Scan(&tripID); err != nil {
		t.Fatal(err)
	}
	for _, sql := range []string{
		`INSERT INTO trip_destination (trip_id, position, city, country) VALUES ($1, 1, 'Randers', 'DK')`,
		`INSERT INTO trip_traveller (trip_id, position, name, kind) VALUES ($1, 1, 'Ylva Östberg', 'staff')`,
		`INSERT INTO trip_report (trip_id, outcome) VALUES ($1, 'Värmepumparna studerades')`,
	} {
		if _, err := tx.Exec(ctx, sql, tripID); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	var queued int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM search_queue`).Scan(&queued); err != nil || queued != 1 {
		t.Errorf("queued before commit: %d (%v)", queued, err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"VAS-2026-0042", "fjärrvärmen", "Randers", "Östberg", "värmepump"} {
		if got := find(t, s, q, search.Trips); len(got) != 1 || got[0].ID != tripID {
			t.Errorf("%s: %+v", q, got)
		}
	}
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM search_queue`).Scan(&queued); err != nil || queued != 0 {
		t.Errorf("queued after commit: %d (%v)", queued, err)
	}
}
