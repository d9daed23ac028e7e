package place_test

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/geo"
	"github.com/municipal-intl/portal/internal/place"
)

// TestMunichByItsNames loads the gazetteer (the migrations do) and finds Munich
// as an English, a German and a hurried typist write it.
func TestMunichByItsNames(t *testing.T) {
	s := place.NewStore(dbtest.New(t))
	ctx := context.Background()
	for _, q := range []string{"Munich", "München", "munchen", "MÜNCHEN", "  münch"} {
		got, err := s.Search(ctx, q, 5)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if len(got) == 0 || got[0].Name != "Munich" || got[0].Country != "DE" || got[0].Region != "Bavaria" {
			t.Fatalf("%q: first of %+v, want Munich (DE, Bavaria)", q, got)
		}
		if lat, _ := strconv.ParseFloat(got[0].Latitude, 64); math.Abs(lat-48.137) > 0.01 {
			t.Errorf("%q: latitude %s, want about 48.137", q, got[0].Latitude)
		}
		if got[0].Population < 1_000_000 {
			t.Errorf("%q: population %d", q, got[0].Population)
		}
	}
	got, _ := s.Search(ctx, "München", 1)
	if got[0].Matched != "München" {
		t.Errorf("found by %q, want the name searched for, München", got[0].Matched)
	}
}

// TestNamesInTheFourLanguages finds cities by their English, German, Swedish and
// Danish names.
func TestNamesInTheFourLanguages(t *testing.T) {
	s := place.NewStore(dbtest.New(t))
	cases := []struct {
		main, country string
		names         []string
	}{
		{"Munich", "DE", []string{"Munich", "München"}},
		{"Göteborg", "SE", []string{"Gothenburg", "Göteborg", "Gøteborg", "Goteborg"}},
		{"Copenhagen", "DK", []string{"Copenhagen", "Kopenhagen", "Köpenhamn", "København"}},
		{"Brussels", "BE", []string{"Brussels", "Brüssel", "Bryssel", "Bruxelles"}},
		{"Prague", "CZ", []string{"Prague", "Prag", "Praha"}},
		{"Turku", "FI", []string{"Turku", "Åbo"}},
		{"Warsaw", "PL", []string{"Warsaw", "Warschau", "Warszawa"}},
	}
	for _, c := range cases {
		for _, n := range c.names {
			got, err := s.Search(context.Background(), n, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 || got[0].Name != c.main || got[0].Country != c.country {
				t.Errorf("%q: %+v, want %s (%s) first", n, got, c.main, c.country)
			}
		}
	}
}

// TestPartnerCitiesFound finds every seeded partner city with coordinates by its
// local and its English name, within 15 km of where the reference data puts it.
// The three that are no city of their own are named with the reason.
func TestPartnerCitiesFound(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	s := place.NewStore(pool)
	notCities := map[string]string{
		"Nelson Mandela Bay": "a metropolitan municipality; its city is Gqeberha (Port Elizabeth)",
		"Praha 10":           "a district of Prague",
		"Prague 10":          "a district of Prague",
	}
	rows, err := pool.Query(ctx, `SELECT name, name_en, country, latitude::float8, longitude::float8
FROM partner_city WHERE latitude IS NOT NULL AND NOT is_demo ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	type city struct {
		name, en, country string
		lat, lon          float64
	}
	var cities []city
	for rows.Next() {
		var c city
		if err := rows.Scan(&c.name, &c.en, &c.country, &c.lat, &c.lon); err != nil {
			t.Fatal(err)
		}
		cities = append(cities, c)
	}
	if rows.Err() != nil || len(cities) < 40 {
		t.Fatalf("%d partner cities: %v", len(cities), rows.Err())
	}
	for _, c := range cities {
		for _, n := range []string{c.name, c.en} {
			if notCities[n] != "" {
				continue
			}
			// East Kilbride (South Lanarkshire): the name without the council area.
			n, _, _ = strings.Cut(n, " (")
			got, err := s.Search(ctx, n, place.MaxLimit)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range got {
				lat, _ := strconv.ParseFloat(p.Latitude, 64)
				lon, _ := strconv.ParseFloat(p.Longitude, 64)
				if p.Country == c.country && geo.Distance(geo.Point{Lat: c.lat, Lon: c.lon}, geo.Point{Lat: lat, Lon: lon}) < 15 {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("partner city %q (%s) not found by %q: %+v", c.en, c.country, n, got)
			}
		}
	}
}

// TestSearchBounds: a query too short or too long is refused, the count is
// bounded, and a search of a common prefix is fast.
func TestSearchBounds(t *testing.T) {
	s := place.NewStore(dbtest.New(t))
	ctx := context.Background()
	for _, q := range []string{"", "m", " é ", strings.Repeat("a", place.MaxQuery+1)} {
		if _, err := s.Search(ctx, q, 5); !errors.Is(err, place.ErrQuery) {
			t.Errorf("%q: %v, want ErrQuery", q, err)
		}
	}
	got, err := s.Search(ctx, "sa", 1000)
	if err != nil || len(got) != place.MaxLimit {
		t.Fatalf("sa: %d places, %v; want %d", len(got), err, place.MaxLimit)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Population > got[i-1].Population && !strings.EqualFold(got[i-1].Matched, "sa") {
			t.Errorf("not ranked by population: %+v before %+v", got[i-1], got[i])
		}
	}
	if got, err := s.Search(ctx, `50%_\`, 5); err != nil || len(got) != 0 {
		t.Errorf("LIKE characters: %+v, %v", got, err)
	}
	start := time.Now()
	for _, q := range []string{"ba", "sa", "san", "ne", "st"} {
		if _, err := s.Search(ctx, q, 10); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("five searches of common prefixes took %v", d)
	}
	if _, err := s.Get(ctx, 1); !errors.Is(err, place.ErrNotFound) {
		t.Errorf("Get(1): %v, want ErrNotFound", err)
	}
	p, err := s.Named(ctx, 2867714, "München")
	if err != nil || p.Matched != "München" || p.Name != "Munich" {
		t.Errorf("Named: %+v, %v", p, err)
	}
	if p, _ := s.Named(ctx, 2867714, "Paris"); p.Matched != "Munich" {
		t.Errorf("Named with a name not the place's: %+v, want its main name", p)
	}
}
