package server_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"strconv"
	"testing"

	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/servertest"
)

// BenchmarkPublicPages times every public page type against a database holding
// demo data (20,000 trips unless BENCH_TRIPS says otherwise), through the real
// router and a real HTTP connection. Berlin has the largest share of the trips.
//
//	make bench   or   go test -run '^$' -bench PublicPages -benchtime 50x ./internal/server
func BenchmarkPublicPages(b *testing.B) {
	trips := 20000
	if v, err := strconv.Atoi(os.Getenv("BENCH_TRIPS")); err == nil && v > 0 {
		trips = v
	}
	srv, pool := servertest.New(b)
	ctx := context.Background()
	if _, err := demo.Load(ctx, pool, demo.Options{Trips: trips, Seed: 1, Now: servertest.Now}); err != nil {
		b.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	var ref, partnerID, traveller string
	if err := pool.QueryRow(ctx, `
SELECT t.reference, (SELECT id::text FROM partnership WHERE municipality_id = m.id ORDER BY id LIMIT 1),
       (SELECT split_part(name, ' ', 1) FROM trip_traveller WHERE trip_id = t.id LIMIT 1)
FROM trip t JOIN municipality m ON m.id = t.municipality_id
WHERE m.slug = 'berlin' AND t.status = 'published' ORDER BY t.published_at DESC LIMIT 1`).Scan(&ref, &partnerID, &traveller); err != nil {
		b.Fatal(err)
	}
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"municipality", "/m/berlin"},
		{"policy", "/m/berlin/policy"},
		{"partners", "/m/berlin/partners"},
		{"partner", "/m/berlin/partners/" + partnerID},
		{"agreements", "/m/berlin/agreements"},
		{"register", "/m/berlin/trips"},
		{"register_filtered", "/m/berlin/trips?traveller=" + traveller + "&sort=cost_desc"},
		{"register_deep_page", "/m/berlin/trips?sort=cost_asc&page=100"},
		{"trip", "/m/berlin/trips/" + ref},
		{"budget", "/m/berlin/budget/2025"},
		{"compare", "/compare?year=2025"},
		{"search", "/search?q=Partnerschaft"},
		{"feed", "/m/berlin/feed.atom"},
		{"calendar", "/m/berlin/calendar.ics"},
		{"csv", "/m/berlin/trips.csv"},
		{"json", "/m/berlin/trips.json"},
	}
	client := &http.Client{}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				res, err := client.Get(srv.URL + p.path)
				if err != nil {
					b.Fatal(err)
				}
				n, _ := io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("%s: status %d", p.path, res.StatusCode)
				}
				b.SetBytes(n)
			}
		})
	}
}
