package search_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/search"
)

// TestSearchAtScale loads 20,000 demo trips and times searches for rare and common
// words, with and without filters, logging the plans of the slowest. It takes a
// while, so it runs only with SEARCH_SCALE=1:
//
//	SEARCH_SCALE=1 go test ./internal/search/ -run AtScale -v
func TestSearchAtScale(t *testing.T) {
	if os.Getenv("SEARCH_SCALE") == "" {
		t.Skip("set SEARCH_SCALE=1 to load 20,000 demo trips and time searches")
	}
	ctx := context.Background()
	pool := dbtest.New(t)
	start := time.Now()
	if _, err := demo.Load(ctx, pool, demo.Options{Trips: 20_000, Seed: 1, Now: time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	t.Logf("demo.Load of 20,000 trips with the search index: %v", time.Since(start).Round(time.Millisecond))
	if _, err := pool.Exec(ctx, `ANALYZE search_document`); err != nil {
		t.Fatal(err)
	}
	var docs int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM search_document WHERE kind = 'trip'`).Scan(&docs); err != nil {
		t.Fatal(err)
	}
	var ref, traveller string
	if err := pool.QueryRow(ctx, `
SELECT t.reference, tt.name FROM trip t JOIN trip_traveller tt ON tt.trip_id = t.id
 WHERE t.status = 'published' ORDER BY t.id DESC LIMIT 1`).Scan(&ref, &traveller); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d published trips indexed; probing %s and %s", docs, ref, traveller)

	s := search.NewStore(pool)
	berlin := int64(0)
	if err := pool.QueryRow(ctx, `SELECT id FROM municipality WHERE slug = 'berlin'`).Scan(&berlin); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		q    search.Query
		m    int64
	}{
		{"reference", search.Query{Text: ref, Page: 1}, 0},
		{"traveller", search.Query{Text: traveller, Page: 1}, 0},
		{"vänorterna", search.Query{Text: "vänorterna", Page: 1}, 0},
		{"common German word", search.Query{Text: "Reise", Page: 1}, 0},
		{"common word, trips page 50", search.Query{Text: "Kontakte", Kind: search.Trips, Page: 50}, 0},
		{"common word in Berlin", search.Query{Text: "Delegation", Page: 1}, berlin},
		{"stop word", search.Query{Text: "och", Page: 1}, 0},
		{"phrase and OR", search.Query{Text: `"nachhaltige Mobilität" OR klimatilpasning -Warschau`, Page: 1}, 0},
	}
	for _, tc := range cases {
		// The second run is the one a visitor sees; the first warms the cache.
		var res search.Results
		var took time.Duration
		for range 2 {
			start := time.Now()
			var err error
			if res, err = s.Search(ctx, tc.q, tc.m); err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			took = time.Since(start)
		}
		t.Logf("%-28s %6d results  %v", tc.name, res.Total, took.Round(100*time.Microsecond))
		if tc.name == "reference" && res.Counts[search.Trips] != 1 {
			t.Errorf("reference %s: %d trips", ref, res.Counts[search.Trips])
		}
		if took > 2*time.Second {
			t.Errorf("%s took %v", tc.name, took)
		}
	}
	for _, text := range []string{ref, "Reise"} {
		rows, err := pool.Query(ctx, "EXPLAIN (ANALYZE, BUFFERS) "+search.ResultSQLForTest, search.ResultArgsForTest(search.Query{Text: text, Page: 1}, 0)...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, line)
		}
		t.Logf("plan for %q:\n%s", text, strings.Join(plan, "\n"))
	}
}
