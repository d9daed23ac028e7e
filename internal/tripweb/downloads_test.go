package tripweb_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/opendata"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// openDataServer starts the portal with demo data and a few hand-made trips that
// test the rules: a formula in a purpose, a draft and a trip awaiting publication.
func openDataServer(t testing.TB, trips int) (*httptest.Server, *pgxpool.Pool) {
	t.Helper()
	srv, pool := servertest.New(t)
	if _, err := demo.Load(context.Background(), pool, demo.Options{Trips: trips, Seed: 7, Now: servertest.Now}); err != nil {
		t.Fatal(err)
	}
	servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "stuttgart", Reference: "STU-2025-9001", Purpose: "=1+1",
		Organiser: "@SUM(A1)", Start: time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC),
		Travellers:   []string{"-Erika Mustermann"},
		Destinations: []servertest.Destination{{City: "Cardiff", Country: "GB", Lat: 51.4816, Lon: -3.1791}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 123456, Actual: 120001}, {Category: "fees", Planned: 5000, Actual: -1}},
	})
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "stuttgart", Status: "draft", Purpose: "Geheimer Entwurf"})
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "stuttgart", Reference: "STU-2026-9002", Status: "report_approved", Purpose: "Noch nicht veröffentlicht"})
	return srv, pool
}

func odGet(t testing.TB, url string) (*http.Response, []byte) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

// odReadCSV parses a trips.csv answer into its header and rows by column name.
func odReadCSV(t *testing.T, body []byte) ([]string, []map[string]string) {
	t.Helper()
	if !bytes.HasPrefix(body, []byte(opendata.BOM)) {
		t.Fatalf("CSV does not start with the UTF-8 BOM: %q", body[:min(len(body), 20)])
	}
	records, err := csv.NewReader(bytes.NewReader(body[len(opendata.BOM):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) == 0 {
		t.Fatal("CSV is empty")
	}
	var rows []map[string]string
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, h := range records[0] {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return records[0], rows
}

// odMinor parses a decimal amount with exactly minorUnits digits into odMinor units.
func odMinor(t *testing.T, s string, minorUnits int) *big.Int {
	t.Helper()
	if !regexp.MustCompile(fmt.Sprintf(`^[0-9]+\.[0-9]{%d}$`, minorUnits)).MatchString(s) {
		t.Fatalf("amount %q is not a decimal with %d digits", s, minorUnits)
	}
	n, ok := new(big.Int).SetString(strings.Replace(s, ".", "", 1), 10)
	if !ok {
		t.Fatalf("amount %q", s)
	}
	return n
}

func TestOpenDataCSV(t *testing.T) {
	t.Parallel()
	srv, pool := openDataServer(t, 300)
	ctx := context.Background()

	res, body := odGet(t, srv.URL+"/m/stuttgart/trips.csv")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if got := res.Header.Get("Content-Type"); got != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}
	if got := res.Header.Get("Content-Disposition"); got != `attachment; filename="stuttgart-trips.csv"` {
		t.Errorf("Content-Disposition %q", got)
	}
	if n := bytes.Count(body, []byte("\n")); n != bytes.Count(body, []byte("\r\n")) {
		t.Errorf("%d line ends, only %d of them CRLF", n, bytes.Count(body, []byte("\r\n")))
	}
	header, rows := odReadCSV(t, body)
	if !slices.Equal(header, opendata.CSVHeader) {
		t.Errorf("header %v", header)
	}

	// One row per published trip, none for any other.
	var published []string
	var sum int64
	err := pool.QueryRow(ctx, `
SELECT coalesce(array_agg(t.reference ORDER BY t.reference), '{}'), coalesce(sum(f.total_minor), 0)::bigint
FROM trip t JOIN trip_figures f ON f.trip_id = t.id JOIN municipality m ON m.id = t.municipality_id
WHERE m.slug = 'stuttgart' AND t.status = 'published' AND t.archived_at IS NULL`).Scan(&published, &sum)
	if err != nil {
		t.Fatal(err)
	}
	if len(published) < 20 {
		t.Fatalf("only %d published trips in Stuttgart: the demo data is too thin for this test", len(published))
	}
	var refs []string
	total := new(big.Int)
	demoRows := 0
	for _, row := range rows {
		refs = append(refs, row["reference"])
		total.Add(total, odMinor(t, row["total"], 2))
		if row["currency"] != "EUR" || row["municipality"] != "Stuttgart" {
			t.Errorf("%s: currency %q, municipality %q", row["reference"], row["currency"], row["municipality"])
		}
		if row["url"] != "https://portal.example.org/m/stuttgart/trips/"+row["reference"] {
			t.Errorf("%s: url %q", row["reference"], row["url"])
		}
		if row["demo"] == "true" {
			demoRows++
		} else if row["demo"] != "false" {
			t.Errorf("%s: demo %q", row["reference"], row["demo"])
		}
		// The categories add up to the totals.
		for _, kind := range []string{"planned", "actual"} {
			if row[kind+"_total"] == "" {
				continue
			}
			parts := new(big.Int)
			for _, c := range opendata.Categories {
				parts.Add(parts, odMinor(t, row[kind+"_"+c], 2))
			}
			if parts.Cmp(odMinor(t, row[kind+"_total"], 2)) != 0 {
				t.Errorf("%s: %s categories add up to %s, total %s", row["reference"], kind, parts, row[kind+"_total"])
			}
		}
		if _, err := time.Parse(time.RFC3339, row["published_at"]); err != nil || !strings.HasSuffix(row["published_at"], "Z") {
			t.Errorf("%s: published_at %q", row["reference"], row["published_at"])
		}
	}
	slices.Sort(refs)
	if !slices.Equal(refs, published) {
		t.Errorf("CSV has %d trips, the database %d published ones", len(refs), len(published))
	}
	if total.Cmp(big.NewInt(sum)) != 0 {
		t.Errorf("CSV totals add up to %s odMinor units, trip_figures to %d", total, sum)
	}
	if demoRows != len(rows)-1 {
		t.Errorf("%d of %d rows marked demo; every trip but the hand-made one is demo data", demoRows, len(rows))
	}
	if bytes.Contains(body, []byte("Geheimer Entwurf")) || bytes.Contains(body, []byte("STU-2026-9002")) {
		t.Error("the CSV shows a trip that is not published")
	}

	// The hand-made trip: formulas defused, amounts exact, planned-only lines count.
	i := slices.IndexFunc(rows, func(r map[string]string) bool { return r["reference"] == "STU-2025-9001" })
	if i < 0 {
		t.Fatal("STU-2025-9001 missing")
	}
	for col, want := range map[string]string{
		"purpose": "'=1+1", "organiser": "'@SUM(A1)", "travellers": "'-Erika Mustermann (Member)",
		"planned_transport": "1234.56", "planned_fees": "50.00", "planned_total": "1284.56",
		"actual_transport": "1200.01", "actual_fees": "0.00", "actual_total": "1200.01", "total": "1200.01",
		"destinations": "Cardiff (GB)", "countries": "GB", "travellers_count": "1", "demo": "false",
		"starts_on": "2025-06-02", "ends_on": "2025-06-04",
	} {
		if got := rows[i][col]; got != want {
			t.Errorf("STU-2025-9001 %s = %q, want %q", col, got, want)
		}
	}
}

// odRegisterTotal asks the register itself how many trips a filter selects.
func odRegisterTotal(t *testing.T, pool *pgxpool.Pool, slug string, f trip.Filter) (int, []string) {
	t.Helper()
	var id int64
	if err := pool.QueryRow(context.Background(), `SELECT id FROM municipality WHERE slug = $1`, slug).Scan(&id); err != nil {
		t.Fatal(err)
	}
	p, err := trip.NewStore(pool).Register(context.Background(), id, f)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, s := range p.Trips {
		refs = append(refs, s.Reference)
	}
	return p.Total, refs
}

// TestOpenDataMatchesRegister checks that the downloads select and order exactly
// the trips the register shows for the same query.
func TestOpenDataMatchesRegister(t *testing.T) {
	t.Parallel()
	srv, pool := openDataServer(t, 300)
	ctx := context.Background()
	// Filter values that occur in the data.
	var year int
	var country, priority, organiser, traveller string
	err := pool.QueryRow(ctx, `
SELECT (SELECT extract(year FROM starts_on)::int FROM trip t WHERE t.status = 'published' AND t.municipality_id = m.id GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1),
       (SELECT d.country FROM trip_destination d JOIN trip t ON t.id = d.trip_id WHERE t.status = 'published' AND t.municipality_id = m.id GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1),
       (SELECT p.code FROM trip_priority tp JOIN priority p ON p.id = tp.priority_id JOIN trip t ON t.id = tp.trip_id WHERE t.status = 'published' AND t.municipality_id = m.id GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1),
       (SELECT organiser FROM trip t WHERE t.status = 'published' AND t.municipality_id = m.id AND organiser <> '' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1),
       (SELECT split_part(v.name, ' ', 2) FROM trip_traveller v JOIN trip t ON t.id = v.trip_id WHERE t.status = 'published' AND t.municipality_id = m.id GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)
FROM municipality m WHERE m.slug = 'stuttgart'`).Scan(&year, &country, &priority, &organiser, &traveller)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		query  string
		filter trip.Filter
	}{
		{"", trip.Filter{}},
		{fmt.Sprintf("year=%d", year), trip.Filter{Year: year}},
		{"country=" + strings.ToLower(country), trip.Filter{Country: country}},
		{"priority=" + priority, trip.Filter{Priority: priority}},
		{"organiser=" + url.QueryEscape(organiser), trip.Filter{Organiser: organiser}},
		{"traveller=" + url.QueryEscape(strings.ToLower(traveller)), trip.Filter{Traveller: strings.ToLower(traveller)}},
		{"min=1000&max=5000", trip.Filter{MinCost: odPtr(int64(100000)), MaxCost: odPtr(int64(500000))}},
		{fmt.Sprintf("year=%d&sort=cost_asc&page=3", year), trip.Filter{Year: year, Sort: trip.SortCostAsc}},
		{"sort=cost_desc", trip.Filter{Sort: trip.SortCostDesc}},
		{"sort=date_asc", trip.Filter{Sort: trip.SortDateAsc}},
		{"year=1999", trip.Filter{Year: 1999}},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			want, firstPage := odRegisterTotal(t, pool, "stuttgart", c.filter)
			res, body := odGet(t, srv.URL+"/m/stuttgart/trips.csv?"+c.query)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			_, rows := odReadCSV(t, body)
			if len(rows) != want {
				t.Errorf("CSV has %d rows, the register %d trips", len(rows), want)
			}
			if c.query != "year=1999" && want == 0 {
				t.Errorf("the filter selects nothing: a weak test")
			}
			var refs []string
			for _, r := range rows[:min(len(rows), len(firstPage))] {
				refs = append(refs, r["reference"])
			}
			if !slices.Equal(refs, firstPage) {
				t.Errorf("CSV begins %v, the register %v", refs, firstPage)
			}
			// The JSON holds the same trips.
			res, body = odGet(t, srv.URL+"/m/stuttgart/trips.json?"+c.query)
			var doc struct{ Trips []struct{ Reference string } }
			if err := json.Unmarshal(body, &doc); err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("JSON: status %d, %v", res.StatusCode, err)
			}
			if len(doc.Trips) != len(rows) {
				t.Errorf("JSON has %d trips, the CSV %d", len(doc.Trips), len(rows))
			}
		})
	}
}

func odPtr[T any](v T) *T { return &v }

func TestOpenDataBadInput(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)
	for path, status := range map[string]int{
		"/m/atlantis/trips.csv":                                        http.StatusNotFound,
		"/m/atlantis/trips.json":                                       http.StatusNotFound,
		"/m/atlantis/feed.atom":                                        http.StatusNotFound,
		"/m/atlantis/calendar.ics":                                     http.StatusNotFound,
		"/m/ATLANTIS/trips.csv":                                        http.StatusNotFound,
		"/m/stuttgart/trips.csv?year=20x5":                             http.StatusBadRequest,
		"/m/stuttgart/trips.json?year=99999":                           http.StatusBadRequest,
		"/m/stuttgart/trips.csv?country=DEU":                           http.StatusBadRequest,
		"/m/stuttgart/trips.csv?min=-5":                                http.StatusBadRequest,
		"/m/stuttgart/trips.csv?max=1e9":                               http.StatusBadRequest,
		"/m/stuttgart/trips.json?sort=name":                            http.StatusBadRequest,
		"/m/stuttgart/trips.csv?traveller=" + strings.Repeat("x", 500): http.StatusBadRequest,
		"/m/stuttgart/trips.csv?traveller=%00":                         http.StatusBadRequest,
		"/m/stuttgart/trips.csv?organiser=%ff%fe":                      http.StatusBadRequest,
		"/m/stuttgart/trips.csv?priority=%27%3B--":                     http.StatusBadRequest,
		// Empty fields, as a GET form sends them, are no filter.
		"/m/stuttgart/trips.csv?year=&country=&min=&sort=": http.StatusOK,
	} {
		res, doc := servertest.Get(t, c, srv.URL+path, "en")
		if res.StatusCode != status {
			t.Errorf("%s: status %d, want %d", path, res.StatusCode, status)
			continue
		}
		if status == http.StatusOK {
			continue
		}
		// Errors are the portal's HTML pages, not a half-written file.
		if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" || res.Header.Get("Content-Disposition") != "" {
			t.Errorf("%s: Content-Type %q, Content-Disposition %q", path, ct, res.Header.Get("Content-Disposition"))
		}
		if doc.Find("main h1").Length() != 1 {
			t.Errorf("%s: no error page", path)
		}
	}
}
