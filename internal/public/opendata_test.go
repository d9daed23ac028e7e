package public_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/opendata"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/templates"
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

func TestOpenDataJSON(t *testing.T) {
	t.Parallel()
	srv, pool := openDataServer(t, 200)
	res, body := odGet(t, srv.URL+"/m/stuttgart/trips.json?year=2025")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if got := res.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type %q", got)
	}
	var doc struct {
		Municipality struct {
			Slug       string
			Currency   string
			MinorUnits int `json:"minor_units"`
		}
		GeneratedAt string `json:"generated_at"`
		Filters     struct {
			Year    *int
			Country *string
			Sort    string
		}
		Trips []struct {
			Reference string
			StartsOn  string `json:"starts_on"`
			Total     string
			Demo      bool
			Planned   struct{ Total string }
		}
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("%v\n%.500s", err, body)
	}
	if doc.Municipality.Slug != "stuttgart" || doc.Municipality.Currency != "EUR" || doc.Municipality.MinorUnits != 2 {
		t.Errorf("municipality %+v", doc.Municipality)
	}
	if doc.GeneratedAt != "2026-11-22T12:00:00Z" {
		t.Errorf("generated_at %q", doc.GeneratedAt)
	}
	if doc.Filters.Year == nil || *doc.Filters.Year != 2025 || doc.Filters.Country != nil || doc.Filters.Sort != "date_desc" {
		t.Errorf("filters %+v", doc.Filters)
	}
	_, csvBody := odGet(t, srv.URL+"/m/stuttgart/trips.csv?year=2025")
	_, rows := odReadCSV(t, csvBody)
	if len(doc.Trips) != len(rows) || len(rows) == 0 {
		t.Fatalf("JSON has %d trips, CSV %d", len(doc.Trips), len(rows))
	}
	for i, tr := range doc.Trips {
		if tr.Reference != rows[i]["reference"] || tr.Total != rows[i]["total"] || !strings.HasPrefix(tr.StartsOn, "2025-") {
			t.Errorf("trip %d: JSON %+v, CSV %s %s", i, tr, rows[i]["reference"], rows[i]["total"])
		}
	}

	// The document follows its published schema, field by field.
	schema := odLoadSchema(t)
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	for _, e := range schema.validate(schema.root, v, "$") {
		t.Error(e)
	}
	// And a document of every Stuttgart trip, with its nulls, does too.
	_, body = odGet(t, srv.URL+"/m/stuttgart/trips.json")
	dec = json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	errs := schema.validate(schema.root, v, "$")
	for _, e := range errs[:min(len(errs), 10)] {
		t.Error(e)
	}
	_ = pool
}

// odSchema is docs/trips.schema.json with a validator for the keywords it uses.
type odSchema struct {
	root map[string]any
}

func odLoadSchema(t *testing.T) odSchema {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "trips.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatalf("docs/trips.schema.json: %v", err)
	}
	return odSchema{root: root}
}

// validate checks v against schema s: type, enum, pattern, minimum, maximum,
// properties, required, additionalProperties: false, items, anyOf and local $ref.
// A keyword it does not know fails, so the schema cannot outgrow the check.
func (d odSchema) validate(s map[string]any, v any, at string) []string {
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	for k := range s {
		switch k {
		case "$schema", "$id", "$defs", "title", "description", "format",
			"type", "enum", "pattern", "minimum", "maximum", "properties", "required",
			"additionalProperties", "items", "anyOf", "$ref":
		default:
			fail("schema keyword %q is not checked by this test", k)
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		def, ok := d.root["$defs"].(map[string]any)[name].(map[string]any)
		if !ok {
			fail("unknown $ref %q", ref)
			return errs
		}
		errs = append(errs, d.validate(def, v, at)...)
	}
	if alts, ok := s["anyOf"].([]any); ok {
		matched := false
		for _, alt := range alts {
			if len(d.validate(alt.(map[string]any), v, at)) == 0 {
				matched = true
				break
			}
		}
		if !matched {
			fail("%v matches none of anyOf", v)
		}
	}
	if typ, ok := s["type"]; ok {
		var types []string
		switch typ := typ.(type) {
		case string:
			types = []string{typ}
		case []any:
			for _, x := range typ {
				types = append(types, x.(string))
			}
		}
		if !slices.Contains(types, odJSONType(v)) && !(odJSONType(v) == "integer" && slices.Contains(types, "number")) {
			fail("type %s, want %v", odJSONType(v), types)
			return errs
		}
	}
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, v) {
		fail("%v not in %v", v, enum)
	}
	if p, ok := s["pattern"].(string); ok {
		if str, ok := v.(string); ok && !regexp.MustCompile(p).MatchString(str) {
			fail("%q does not match %s", str, p)
		}
	}
	if n, ok := v.(json.Number); ok {
		f, _ := n.Float64()
		if lo, ok := s["minimum"].(float64); ok && f < lo {
			fail("%v below %v", n, lo)
		}
		if hi, ok := s["maximum"].(float64); ok && f > hi {
			fail("%v above %v", n, hi)
		}
	}
	if obj, ok := v.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		for _, r := range odStrings(s["required"]) {
			if _, ok := obj[r]; !ok {
				fail("required %q missing", r)
			}
		}
		for k, val := range obj {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if s["additionalProperties"] == false {
					fail("property %q is not in the schema", k)
				}
				continue
			}
			errs = append(errs, d.validate(ps, val, at+"."+k)...)
		}
	}
	if arr, ok := v.([]any); ok {
		if items, ok := s["items"].(map[string]any); ok {
			for i, it := range arr {
				errs = append(errs, d.validate(items, it, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return errs
}

func odStrings(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		out = append(out, x.(string))
	}
	return out
}

func odJSONType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

type odAtomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func TestOpenDataFeed(t *testing.T) {
	t.Parallel()
	srv, pool := openDataServer(t, 400)
	res, body := odGet(t, srv.URL+"/m/stuttgart/feed.atom?lang=de")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if got := res.Header.Get("Content-Type"); got != "application/atom+xml" {
		t.Errorf("Content-Type %q", got)
	}
	var f odAtomFeed
	if err := xml.Unmarshal(body, &f); err != nil {
		t.Fatal(err)
	}
	var published int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM trip t JOIN municipality m ON m.id = t.municipality_id
WHERE m.slug = 'stuttgart' AND t.status = 'published' AND t.archived_at IS NULL`).Scan(&published); err != nil {
		t.Fatal(err)
	}
	if want := min(published, opendata.FeedSize); len(f.Entries) != want {
		t.Errorf("%d entries, want %d", len(f.Entries), want)
	}
	if f.ID != "https://portal.example.org/m/stuttgart/feed.atom" || f.Title != "Stuttgart: veröffentlichte Reisen" || f.Author.Name != "Stuttgart" {
		t.Errorf("feed id %q, title %q, author %q", f.ID, f.Title, f.Author.Name)
	}
	rels := map[string]string{}
	for _, l := range f.Links {
		rels[l.Rel] = l.Href
	}
	if rels["self"] != "https://portal.example.org/m/stuttgart/feed.atom?lang=de" || rels["alternate"] != "https://portal.example.org/m/stuttgart/trips" {
		t.Errorf("links %v", rels)
	}
	if len(f.Entries) == 0 || f.Updated != f.Entries[0].Updated {
		t.Fatalf("feed updated %q is not the newest entry's", f.Updated)
	}
	prev := time.Time{}
	ids := map[string]bool{}
	for i, e := range f.Entries {
		u, err := time.Parse(time.RFC3339, e.Updated)
		if err != nil {
			t.Errorf("entry %d: updated %q", i, e.Updated)
		}
		if i > 0 && u.After(prev) {
			t.Errorf("entry %d (%s) is newer than the one before", i, e.Updated)
		}
		prev = u
		if e.ID == "" || e.Title == "" || e.Summary == "" || ids[e.ID] {
			t.Errorf("entry %d: id %q, title %q, summary %q (ids must be unique)", i, e.ID, e.Title, e.Summary)
		}
		ids[e.ID] = true
		if len(e.Links) != 1 || e.Links[0].Rel != "alternate" || e.Links[0].Href != e.ID {
			t.Errorf("entry %d: links %+v", i, e.Links)
		}
		if !strings.Contains(e.Summary, "Gesamtkosten") || !strings.Contains(e.Summary, "€") {
			t.Errorf("entry %d: summary %q has no total", i, e.Summary)
		}
	}
	if !strings.HasPrefix(f.Entries[0].Title, "Demo: STU-") {
		t.Errorf("a demo entry's title %q does not say so", f.Entries[0].Title)
	}

	// A municipality with nothing published has a valid, empty feed.
	if _, err := pool.Exec(context.Background(), `UPDATE trip SET archived_at = now() WHERE municipality_id = (SELECT id FROM municipality WHERE slug = 'berlin')`); err != nil {
		t.Fatal(err)
	}
	res, body = odGet(t, srv.URL+"/m/berlin/feed.atom")
	var empty odAtomFeed
	if err := xml.Unmarshal(body, &empty); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("empty feed: status %d, %v", res.StatusCode, err)
	}
	if len(empty.Entries) != 0 || empty.Updated != "2026-11-22T12:00:00Z" || empty.Title != "Berlin: published trips" {
		t.Errorf("empty feed: %d entries, updated %q, title %q", len(empty.Entries), empty.Updated, empty.Title)
	}
}

func TestOpenDataCalendar(t *testing.T) {
	t.Parallel()
	srv, pool := openDataServer(t, 400)
	res, body := odGet(t, srv.URL+"/m/stuttgart/calendar.ics")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if got := res.Header.Get("Content-Type"); got != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}
	_, events := odParseICS(t, body)
	// From twelve months before "now" (2026-11-22) on.
	var want int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM trip t JOIN municipality m ON m.id = t.municipality_id
WHERE m.slug = 'stuttgart' AND t.status = 'published' AND t.archived_at IS NULL AND t.ends_on >= '2025-11-22'`).Scan(&want); err != nil {
		t.Fatal(err)
	}
	if len(events) != want || want == 0 {
		t.Errorf("%d events, want %d", len(events), want)
	}
	uids := map[string]bool{}
	for i, e := range events {
		for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"} {
			if e[p] == "" {
				t.Errorf("event %d lacks %s: %v", i, p, e)
			}
		}
		if !regexp.MustCompile(`^STU-\d{4}-\d{4}@portal\.example\.org$`).MatchString(e["UID"]) || uids[e["UID"]] {
			t.Errorf("event %d: UID %q", i, e["UID"])
		}
		uids[e["UID"]] = true
		start, err1 := time.Parse("20060102", e["DTSTART"])
		end, err2 := time.Parse("20060102", e["DTEND"])
		if err1 != nil || err2 != nil || !end.After(start) || end.Before(time.Date(2025, 11, 23, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("event %d: DTSTART %s DTEND %s", i, e["DTSTART"], e["DTEND"])
		}
	}
	// The same download twice is the same file (DTSTAMP is the publication).
	_, again := odGet(t, srv.URL+"/m/stuttgart/calendar.ics")
	if !bytes.Equal(body, again) {
		t.Error("the calendar changes from one download to the next")
	}
}

// TestOpenDataCalendarMeetings checks the twin-city meetings in the calendar of a
// municipality whose policy has the meeting rotation (Göteborg): the recorded ones
// of this year or later and the next one the rotation plans, but not a past one;
// and none in the calendar of a municipality without the rotation (Berlin), even
// with a meeting row of its own.
func TestOpenDataCalendarMeetings(t *testing.T) {
	t.Parallel()
	srv, pool := openDataServer(t, 40)
	ctx := context.Background()
	insert := func(slug string, year int, host string) int64 {
		t.Helper()
		var id int64
		if err := pool.QueryRow(ctx, `INSERT INTO twin_city_meeting (municipality_id, year, host, participants, updated_at)
SELECT id, $2, $3, 'Anna Andersson, ordförande', '2026-05-04T10:00:00Z' FROM municipality WHERE slug = $1 RETURNING id`,
			slug, year, host).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	past := insert("goteborg", 2024, "Aarhus")
	next := insert("goteborg", 2027, "Bergen")
	insert("berlin", 2027, "Bergen")
	var gbg int64
	if err := pool.QueryRow(ctx, `SELECT id FROM municipality WHERE slug = 'goteborg'`).Scan(&gbg); err != nil {
		t.Fatal(err)
	}
	uid := "meeting-" + strconv.FormatInt(next, 10) + "@portal.example.org"
	planUID := "meeting-plan-" + strconv.FormatInt(gbg, 10) + "-2029@portal.example.org"

	// get downloads a calendar and returns its head and its meeting events by UID.
	get := func(t *testing.T, path string) (map[string]string, map[string]map[string]string, []byte) {
		t.Helper()
		res, body := odGet(t, srv.URL+path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", path, res.StatusCode, body)
		}
		head, events := odParseICS(t, body)
		meetings := map[string]map[string]string{}
		uids := map[string]bool{}
		for i, e := range events {
			for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} {
				if e[p] == "" {
					t.Errorf("event %d lacks %s: %v", i, p, e)
				}
			}
			if uids[e["UID"]] {
				t.Errorf("UID %q twice", e["UID"])
			}
			uids[e["UID"]] = true
			if strings.HasPrefix(e["UID"], "meeting-") {
				meetings[e["UID"]] = e
			}
		}
		if bytes.Contains(body, []byte("Anna Andersson")) {
			t.Error("the calendar publishes a meeting's participants")
		}
		return head, meetings, body
	}
	type want struct{ start, end, summary, location, status, categories string }
	check := func(t *testing.T, meetings map[string]map[string]string, wants map[string]want) {
		t.Helper()
		if len(meetings) != len(wants) {
			t.Errorf("%d meeting events, want %d: %v", len(meetings), len(wants), meetings)
		}
		for uid, w := range wants {
			e, ok := meetings[uid]
			if !ok {
				t.Errorf("no event %s in %v", uid, meetings)
				continue
			}
			got := want{e["DTSTART"], e["DTEND"], e["SUMMARY"], e["LOCATION"], e["STATUS"], e["CATEGORIES"]}
			w.summary, w.location = opendata.EscapeText(w.summary), opendata.EscapeText(w.location)
			if got != w {
				t.Errorf("%s:\n got %+v\nwant %+v", uid, got, w)
			}
			if e["DTSTAMP"] != "20260504T100000Z" || e["URL"] != "https://portal.example.org/m/goteborg#meetings" {
				t.Errorf("%s: DTSTAMP %s, URL %s", uid, e["DTSTAMP"], e["URL"])
			}
		}
	}

	t.Run("year only, English", func(t *testing.T) {
		head, meetings, body := get(t, "/m/goteborg/calendar.ics?lang=en")
		if head["X-WR-CALNAME"] != "Göteborg: trips abroad and twin-city meetings" {
			t.Errorf("calendar name %q", head["X-WR-CALNAME"])
		}
		if _, ok := meetings["meeting-"+strconv.FormatInt(past, 10)+"@portal.example.org"]; ok {
			t.Error("the past meeting of 2024 is in the calendar")
		}
		check(t, meetings, map[string]want{
			uid: {"20270101", "20270102", "Twin-city meeting 2027 hosted by Bergen (date not yet known)", "Bergen", "TENTATIVE", "Twin-city meetings"},
			planUID: {"20290101", "20290102", "Twin-city meeting 2029 hosted by Turku (planned per rotation, date not yet known)",
				"Turku", "TENTATIVE", "Twin-city meetings"},
		})
		if d := meetings[planUID]["DESCRIPTION"]; !strings.HasPrefix(d, opendata.EscapeText("Not yet recorded: the policy has a meeting every 2 years, the host rotating among Göteborg, Aarhus, Bergen, Turku; this is the next one after the 2027 meeting hosted by Bergen.")) {
			t.Errorf("planned meeting's description %q", d)
		}
		if d := meetings[uid]["DESCRIPTION"]; !strings.Contains(d, "1 January as a placeholder") {
			t.Errorf("description %q does not say the date is a placeholder", d)
		}
		if _, _, again := get(t, "/m/goteborg/calendar.ics?lang=en"); !bytes.Equal(body, again) {
			t.Error("the calendar changes from one download to the next")
		}
	})

	t.Run("year only, Swedish", func(t *testing.T) {
		_, meetings, _ := get(t, "/m/goteborg/calendar.ics?lang=sv")
		check(t, meetings, map[string]want{
			uid: {"20270101", "20270102", "Vänortsmöte 2027 med Bergen som värd (datum ännu okänt)", "Bergen", "TENTATIVE", "Vänortsmöten"},
			planUID: {"20290101", "20290102", "Vänortsmöte 2029 med Turku som värd (planerat enligt rotationen, datum ännu okänt)",
				"Turku", "TENTATIVE", "Vänortsmöten"},
		})
	})

	t.Run("day recorded, demo", func(t *testing.T) {
		if _, err := pool.Exec(ctx, `UPDATE twin_city_meeting SET held_on = '2027-06-10', place = 'Grieghallen', is_demo = true WHERE id = $1`, next); err != nil {
			t.Fatal(err)
		}
		_, meetings, _ := get(t, "/m/goteborg/calendar.ics?lang=en")
		check(t, meetings, map[string]want{
			uid: {"20270610", "20270611", "Demo: Twin-city meeting hosted by Bergen", "Grieghallen, Bergen", "", "Twin-city meetings,Demo"},
			// The plan follows from demonstration data, so it is marked too.
			planUID: {"20290101", "20290102", "Demo: Twin-city meeting 2029 hosted by Turku (planned per rotation, date not yet known)",
				"Turku", "TENTATIVE", "Twin-city meetings,Demo"},
		})
	})

	t.Run("host outside the rotation: no plan", func(t *testing.T) {
		if _, err := pool.Exec(ctx, `UPDATE twin_city_meeting SET host = 'Reykjavik', place = '', is_demo = false WHERE id = $1`, next); err != nil {
			t.Fatal(err)
		}
		_, meetings, _ := get(t, "/m/goteborg/calendar.ics?lang=en")
		check(t, meetings, map[string]want{
			uid: {"20270610", "20270611", "Twin-city meeting hosted by Reykjavik", "Reykjavik", "", "Twin-city meetings"},
		})
	})

	t.Run("no rotation, no meetings", func(t *testing.T) {
		head, meetings, _ := get(t, "/m/berlin/calendar.ics?lang=en")
		if len(meetings) != 0 {
			t.Errorf("Berlin's calendar has meeting events: %v", meetings)
		}
		if head["X-WR-CALNAME"] != "Berlin: trips abroad" {
			t.Errorf("calendar name %q", head["X-WR-CALNAME"])
		}
	})
}

// odParseICS checks an iCalendar file's form (CRLF line ends, lines of at most 75
// octets, balanced BEGIN/END, VERSION and PRODID) and returns the calendar's
// properties and its events', unfolded, by name (parameters dropped, values still
// escaped).
func odParseICS(t *testing.T, body []byte) (map[string]string, []map[string]string) {
	t.Helper()
	text := string(body)
	if !strings.HasSuffix(text, "\r\n") {
		t.Error("the last line does not end in CRLF")
	}
	var lines []string // unfolded
	for i, l := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets", i+1, len(l))
		}
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") && len(lines) > 0 {
			lines[len(lines)-1] += l[1:] // a folded continuation
			continue
		}
		lines = append(lines, l)
	}
	if len(lines) == 0 || lines[0] != "BEGIN:VCALENDAR" {
		t.Fatalf("not a calendar: %.200q", text)
	}
	calendar := map[string]string{}
	var stack []string
	var events []map[string]string
	var event map[string]string
	for i, l := range lines {
		name, value, _ := strings.Cut(l, ":")
		prop, _, _ := strings.Cut(name, ";")
		switch prop {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				event = map[string]string{}
			}
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("line %d: END:%s does not close %v", i+1, value, stack)
			}
			stack = stack[:len(stack)-1]
			if value == "VEVENT" {
				events = append(events, event)
				event = nil
			}
		default:
			if event != nil {
				event[prop] = value
			} else if len(stack) == 1 {
				calendar[prop] = value
			}
		}
	}
	if len(stack) != 0 {
		t.Errorf("unbalanced: %v open at the end", stack)
	}
	if calendar["VERSION"] != "2.0" || calendar["PRODID"] == "" {
		t.Errorf("calendar: VERSION %q, PRODID %q", calendar["VERSION"], calendar["PRODID"])
	}
	return calendar, events
}

func TestDownloadsComponent(t *testing.T) {
	t.Parallel()
	l := i18n.MustLoad().Localizer("de")
	var buf bytes.Buffer
	if err := templates.Downloads(templates.Page{L: l}, "stuttgart", "year=2025&page=3&lang=sv&country=&priority=F1").Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Find("section.downloads h2").Text(); got != "Diese Daten herunterladen" {
		t.Errorf("heading %q", got)
	}
	var hrefs []string
	doc.Find("a.downloads__link").Each(func(_ int, s *goquery.Selection) {
		hrefs = append(hrefs, s.AttrOr("href", "")+" "+s.AttrOr("type", ""))
		if s.Find(".downloads__format").Text() == "" || s.Parent().Find(".downloads__hint").Text() == "" {
			t.Errorf("%s: no format or hint", s.AttrOr("href", ""))
		}
	})
	want := []string{
		"/m/stuttgart/trips.csv?priority=F1&year=2025 text/csv",
		"/m/stuttgart/trips.json?priority=F1&year=2025 application/json",
		"/m/stuttgart/feed.atom?lang=de application/atom+xml",
		"/m/stuttgart/calendar.ics?lang=de text/calendar",
	}
	if !slices.Equal(hrefs, want) {
		t.Errorf("links\n%v\nwant\n%v", hrefs, want)
	}
	if doc.Find(".downloads__scope").Text() != l.T("opendata.downloads.filtered") {
		t.Errorf("scope %q", doc.Find(".downloads__scope").Text())
	}
}

// BenchmarkTripsCSV downloads the CSV of Stuttgart with demo data of 500 and 2,000
// trips. Besides ns/op and B/op (which grow with the rows: each row's strings are
// allocated and dropped) it reports the bytes allocated per row, the size of the
// file and the live heap half-way through a download: that must not grow with the
// number of rows, since rows stream from PostgreSQL to the client.
func BenchmarkTripsCSV(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run(fmt.Sprintf("trips=%d", n), func(b *testing.B) {
			srv, pool := servertest.New(b)
			if _, err := demo.Load(context.Background(), pool, demo.Options{Trips: n, Seed: 7, Now: servertest.Now}); err != nil {
				b.Fatal(err)
			}
			var rows int
			if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM trip t JOIN municipality m ON m.id = t.municipality_id
WHERE m.slug = 'stuttgart' AND t.status = 'published' AND t.archived_at IS NULL`).Scan(&rows); err != nil {
				b.Fatal(err)
			}
			client := srv.Client()
			url := srv.URL + "/m/stuttgart/trips.csv"
			var size int64
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res, err := client.Get(url)
				if err != nil {
					b.Fatal(err)
				}
				if size, err = io.Copy(io.Discard, res.Body); err != nil {
					b.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("status %d", res.StatusCode)
				}
			}
			b.StopTimer()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64(size)/1024, "file-KiB")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(rows), "B/row")
			b.ReportMetric(float64(odLiveHeapMidway(b, srv.Config.Handler, url, size))/1024, "live-heap-midway-KiB")
		})
	}
}

// odLiveHeapMidway serves a download of size bytes straight into a writer that,
// half-way through, collects garbage and measures how much more heap is live than
// before the request. It measures inside the handler's own Write call, so the
// handler is paused and none of its garbage counts; over a network connection the
// kernel's socket buffers would swallow much of the file and hide a handler that
// buffers it.
func odLiveHeapMidway(b *testing.B, h http.Handler, url string, size int64) int64 {
	req := httptest.NewRequest(http.MethodGet, url, nil)
	w := &odHeapWriter{header: http.Header{}, at: size / 2}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	w.base = ms.HeapAlloc
	h.ServeHTTP(w, req)
	if w.status != http.StatusOK || w.n != size || !w.measured {
		b.Fatalf("status %d, %d of %d bytes, measured %v", w.status, w.n, size, w.measured)
	}
	return w.live
}

type odHeapWriter struct {
	header   http.Header
	status   int
	n, at    int64
	base     uint64
	live     int64
	measured bool
}

func (w *odHeapWriter) Header() http.Header { return w.header }

func (w *odHeapWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *odHeapWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.n += int64(len(p))
	if !w.measured && w.n >= w.at {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		w.live, w.measured = int64(ms.HeapAlloc)-int64(w.base), true
	}
	return len(p), nil
}
