package tripweb_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/servertest"
)

var wuxi = servertest.Destination{City: "Wuxi", Country: "CN", Lat: 31.5689, Lon: 120.2886, Mode: "long_haul_flight_rf"}
var prague = servertest.Destination{City: "Prague", Country: "CZ", Lat: 50.0755, Lon: 14.4378, Mode: "short_haul_flight_rf"}

// seedBallerupTrips inserts published trips and a few unpublished ones.
func seedBallerupTrips(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Reference: "BAL-2025-0001", Purpose: "Skoleudveksling i Wuxi",
		Organiser: "Børne- og Skoleudvalget", Start: time.Date(2025, 4, 7, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 11, 0, 0, 0, 0, time.UTC),
		Travellers: []string{"Mette Holm", "Jens Berg"}, Destinations: []servertest.Destination{wuxi},
		Costs:      []servertest.Cost{{Category: "transport", Planned: 1200000, Actual: 1150000}, {Category: "lodging", Planned: 400000, Actual: 420000}, {Category: "per_diem", Planned: 100000, Actual: 100000}},
		Priorities: []string{"F1"}, Report: true,
	})
	servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Reference: "BAL-2024-0003", Purpose: "Venskabsbymøde i Prag 10",
		Organiser: "Kommunalbestyrelsen", Start: time.Date(2024, 9, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 9, 3, 0, 0, 0, 0, time.UTC),
		Travellers: []string{"Anne Lund"}, Destinations: []servertest.Destination{prague},
		Costs:      []servertest.Cost{{Category: "transport", Planned: 300000, Actual: 280000}, {Category: "lodging", Planned: 150000, Actual: 150000}},
		Priorities: []string{"F3"}, Report: true, Demo: true,
	})
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Status: "draft", Purpose: "Hemmelig kladde"})
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0001", Status: "submitted", Purpose: "Indsendt plan"})
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0002", Status: "report_approved", Purpose: "Godkendt rapport"})
}

func rowRefs(doc *goquery.Document) []string {
	var refs []string
	doc.Find("table.trip-table tbody th a").Each(func(_ int, s *goquery.Selection) { refs = append(refs, s.Text()) })
	return refs
}

func TestTripRegister(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	seedBallerupTrips(t, pool)
	c := servertest.Client(t)

	res, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/trips", "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if got := rowRefs(doc); strings.Join(got, ",") != "BAL-2025-0001,BAL-2024-0003" {
		t.Errorf("rows %v: only published trips, newest first", got)
	}
	if !strings.Contains(doc.Find("#result-count").Text(), "2 trips") {
		t.Errorf("count %q", doc.Find("#result-count").Text())
	}
	// The demo trip wears its label, and the page says it shows demo data.
	if doc.Find("table.trip-table tbody tr").Eq(1).Find(".badge--demo").Length() != 1 || doc.Find(".notice--demo").Length() != 1 {
		t.Error("demo trip not labelled")
	}
	if doc.Find(`.section-nav a[aria-current="page"]`).AttrOr("href", "") != "/m/ballerup/trips" {
		t.Error("section navigation does not mark trips")
	}
	// Feed readers find the municipality's feed from the register and the overview.
	if feed := doc.Find(`head link[rel="alternate"][type="application/atom+xml"]`); feed.AttrOr("href", "") != "/m/ballerup/feed.atom" || feed.AttrOr("title", "") != "Ballerup Kommune: published trips" {
		t.Errorf("feed link %q %q", feed.AttrOr("href", ""), feed.AttrOr("title", ""))
	}
	if _, home := servertest.Get(t, c, srv.URL+"/m/ballerup", "en"); home.Find(`head link[rel="alternate"]`).AttrOr("href", "") != "/m/ballerup/feed.atom" {
		t.Error("no feed link on the municipality's page")
	}

	filters := map[string][]string{
		"?year=2024":                     {"BAL-2024-0003"},
		"?traveller=mette":               {"BAL-2025-0001"},
		"?traveller=%25":                 {},
		"?country=CZ":                    {"BAL-2024-0003"},
		"?country=cn":                    {"BAL-2025-0001"},
		"?priority=F1":                   {"BAL-2025-0001"},
		"?organiser=Kommunalbestyrelsen": {"BAL-2024-0003"},
		"?min=10000":                     {"BAL-2025-0001"},
		"?max=10000":                     {"BAL-2024-0003"},
		"?min=4300&max=4300":             {"BAL-2024-0003"},
		"?sort=date_asc":                 {"BAL-2024-0003", "BAL-2025-0001"},
		"?sort=cost_desc":                {"BAL-2025-0001", "BAL-2024-0003"},
		"?sort=cost_asc":                 {"BAL-2024-0003", "BAL-2025-0001"},
		"?year=2023":                     {},
	}
	for q, want := range filters {
		res, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/trips"+q, "en")
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", q, res.StatusCode)
			continue
		}
		if got := rowRefs(doc); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: rows %v, want %v", q, got, want)
		}
	}
	// The filter state is in the form, so the URL can be shared and refined.
	_, doc = servertest.Get(t, c, srv.URL+"/m/ballerup/trips?year=2024&traveller=anne&sort=cost_asc", "en")
	if doc.Find(`#f-year option[selected]`).AttrOr("value", "") != "2024" || doc.Find("#f-traveller").AttrOr("value", "") != "anne" || doc.Find(`#f-sort option[selected]`).AttrOr("value", "") != "cost_asc" {
		t.Error("filter state not kept in the form")
	}

	bad := map[string]string{
		"?year=abc":        "year",
		"?year=12":         "year",
		"?page=-1":         "page",
		"?page=0":          "page",
		"?page=x":          "page",
		"?min=5&max=1":     "lowest cost is above",
		"?min=-5":          "cost limits",
		"?min=1.5":         "cost limits",
		"?country=Denmark": "country",
		"?priority=%27%3B": "priority",
		"?sort=random":     "sort",
		"?traveller=" + strings.Repeat("x", 2000): "too long",
	}
	for q, want := range bad {
		res, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/trips"+q, "en")
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%.40s: status %d, want 400", q, res.StatusCode)
		}
		if !strings.Contains(doc.Find("main").Text(), want) {
			t.Errorf("%.40s: page does not say what was wrong (%q): %s", q, want, strings.TrimSpace(doc.Find("main p").First().Text()))
		}
	}
}

func TestTripRegisterPages(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	for i := 1; i <= 30; i++ {
		servertest.InsertTrip(t, pool, servertest.Trip{
			Municipality: "stuttgart", Reference: fmt.Sprintf("STU-2025-%04d", i),
			Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i),
			Costs: []servertest.Cost{{Category: "fees", Planned: int64(i) * 100, Actual: int64(i) * 100}},
		})
	}
	c := servertest.Client(t)
	_, doc := servertest.Get(t, c, srv.URL+"/m/stuttgart/trips", "de")
	if n := len(rowRefs(doc)); n != 25 {
		t.Errorf("page 1 has %d rows, want 25", n)
	}
	if !strings.Contains(doc.Find("#result-count").Text(), "30 Reisen") {
		t.Errorf("count %q", doc.Find("#result-count").Text())
	}
	next := doc.Find(`.pagination a[rel="next"]`).AttrOr("href", "")
	if next != "/m/stuttgart/trips?page=2" {
		t.Fatalf("next link %q", next)
	}
	_, doc = servertest.Get(t, c, srv.URL+next, "de")
	if got := rowRefs(doc); len(got) != 5 || got[4] != "STU-2025-0001" {
		t.Errorf("page 2: %v", got)
	}
	// Page links keep the filters.
	_, doc = servertest.Get(t, c, srv.URL+"/m/stuttgart/trips?sort=cost_desc", "de")
	if got := doc.Find(`.pagination a[rel="next"]`).AttrOr("href", ""); got != "/m/stuttgart/trips?page=2&sort=cost_desc" {
		t.Errorf("next link with sort: %q", got)
	}
	// A page past the end shows the last page and says so.
	res, doc := servertest.Get(t, c, srv.URL+"/m/stuttgart/trips?page=999999", "en")
	if res.StatusCode != http.StatusOK || len(rowRefs(doc)) != 5 || !strings.Contains(doc.Find(`[role="status"]`).Text(), "999,999") {
		t.Errorf("page 999999: %d, %d rows, notice %q", res.StatusCode, len(rowRefs(doc)), doc.Find(`[role="status"]`).Text())
	}
	// The total on the page is the sum of the trips: 100 × (1 + … + 30) cents.
	if !strings.Contains(doc.Find("#result-count").Text(), "€465.00") {
		t.Errorf("sum: %q", doc.Find("#result-count").Text())
	}
}

func TestTripPage(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	seedBallerupTrips(t, pool)
	id := int64(0)
	if err := pool.QueryRow(context.Background(), `SELECT id FROM trip WHERE reference = 'BAL-2025-0001'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(context.Background(), `
WITH a AS (INSERT INTO attachment (municipality_id, filename, content_type, size_bytes, sha256, content)
           SELECT municipality_id, 'program ø.pdf', 'application/pdf', 8, sha256('%PDF-1.4'::bytea), '%PDF-1.4'::bytea FROM trip WHERE id = $1 RETURNING id)
INSERT INTO trip_attachment (trip_id, attachment_id) SELECT $1, id FROM a`, id); err != nil {
		t.Fatal(err)
	}
	c := servertest.Client(t)
	res, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/trips/BAL-2025-0001", "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if got := doc.Find("main h1").Text(); got != "Skoleudveksling i Wuxi" || doc.Find(`main h1[lang="da"]`).Length() != 1 {
		t.Errorf("h1 %q", got)
	}
	if doc.Find(".trip-ref").Text() != "BAL-2025-0001" {
		t.Error("reference not shown")
	}
	// Costs: planned vs actual per category, totals that add up.
	foot := doc.Find(".cost-table tfoot td")
	if foot.Eq(0).Text() != "DKK\u00a017,000.00" || foot.Eq(1).Text() != "DKK\u00a016,700.00" || foot.Eq(2).Text() != "−DKK\u00a0300.00" && foot.Eq(2).Text() != "DKK\u00a0−300.00" {
		t.Errorf("cost totals %q / %q / %q", foot.Eq(0).Text(), foot.Eq(1).Text(), foot.Eq(2).Text())
	}
	// CO2e by hand: Ballerup (55.7333, 12.3667) → Wuxi (31.5689, 120.2886) is 8,166.1 km
	// by the haversine formula (R = 6371.0088 km); there and back 16,332.2 km ×
	// 0.11704 kg/pkm (long-haul economy with RF) × 2 travellers = 3,823.0 kg.
	want := 2 * 8166.1 * 0.11704 * 2
	if math.Abs(want-3823.0) > 1 {
		t.Fatalf("hand computation %f", want)
	}
	if got := doc.Find(".lead").Text(); !strings.Contains(got, "3.8 t CO₂e") {
		t.Errorf("CO2e total %q", got)
	}
	leg := doc.Find("table").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Find("caption").Text(), "CO₂e")
	}).Find("tbody tr").First()
	if cells := leg.Find("td"); !strings.Contains(cells.Eq(1).Text(), "16,332 km") || cells.Eq(3).Text() != "2" || !strings.Contains(cells.Eq(4).Text(), "3.8 t") {
		t.Errorf("leg row: %q", leg.Text())
	}
	for _, want := range []string{"Mette Holm", "Jens Berg", "Outcome and benefit", "Plan approved", "Published"} {
		if !strings.Contains(doc.Find("main").Text(), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	href := doc.Find(`a[href*="/files/"]`).AttrOr("href", "")
	ares, err := c.Get(srv.URL + href)
	if err != nil {
		t.Fatal(err)
	}
	ares.Body.Close()
	if ares.StatusCode != 200 || ares.Header.Get("Content-Type") != "application/pdf" || !strings.Contains(ares.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("attachment %s: %d %q %q", href, ares.StatusCode, ares.Header.Get("Content-Type"), ares.Header.Get("Content-Disposition"))
	}

	// Only published trips are public; a draft or unpublished trip is not found.
	for _, path := range []string{"/m/ballerup/trips/BAL-2026-0001", "/m/ballerup/trips/BAL-2026-0002", "/m/stuttgart/trips/BAL-2025-0001",
		"/m/ballerup/trips/BAL-2025-9999", "/m/ballerup/trips/nonsense", "/m/ballerup/trips/BAL-2025-0001/files/999", "/m/ballerup/trips/BAL-2026-0001/files/1"} {
		res, _ := servertest.Get(t, c, srv.URL+path, "en")
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, res.StatusCode)
		}
	}
}

func TestRegisterLinksItsDownloads(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	seedBallerupTrips(t, pool)
	_, doc := servertest.Get(t, servertest.Client(t), srv.URL+"/m/ballerup/trips?year=2025&page=1", "en")
	hrefs := map[string]bool{}
	doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) { hrefs[s.AttrOr("href", "")] = true })
	for _, want := range []string{"/m/ballerup/trips.csv?year=2025", "/m/ballerup/trips.json?year=2025"} {
		if !hrefs[want] {
			t.Errorf("no link %s", want)
		}
	}
	for h := range hrefs {
		if strings.HasPrefix(h, "/m/ballerup/feed.atom") || strings.HasPrefix(h, "/m/ballerup/calendar.ics") {
			return
		}
	}
	t.Error("no feed or calendar link")
}

// TestCSVTotalsEqualRegister: the CSV of a filtered register adds up to the sum
// the register page shows for the same filter.
func TestCSVTotalsEqualRegister(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	seedBallerupTrips(t, pool)
	c := servertest.Client(t)
	for _, q := range []string{"", "?year=2025", "?country=CZ"} {
		_, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/trips"+q, "en")
		count := doc.Find("#result-count").Text()
		res, err := c.Get(srv.URL + "/m/ballerup/trips.csv" + q)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(res.Body).ReadAll()
		res.Body.Close()
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		col := slices.Index(rows[0], "total")
		if col < 0 {
			t.Fatalf("no total column in %v", rows[0])
		}
		var sum int64
		for _, r := range rows[1:] {
			whole, frac, _ := strings.Cut(r[col], ".")
			w, _ := strconv.ParseInt(whole, 10, 64)
			f, _ := strconv.ParseInt(frac, 10, 64)
			sum += w*100 + f
		}
		want := fmt.Sprintf("DKK\u00a0%s.%02d", humanize(sum/100), sum%100)
		if !strings.Contains(count, want) {
			t.Errorf("%s: CSV sums to %s over %d rows, page says %q", q, want, len(rows)-1, count)
		}
	}
}

// humanize writes n with English thousands separators.
func humanize(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestOverdueReportsArePublic: an approved trip whose report is later than the
// municipality's deadline is listed on the register; one within it is not.
func TestOverdueReportsArePublic(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// servertest.Now is 2026-11-22; Ballerup's deadline is 30 days after the trip.
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0100", Status: "approved",
		Purpose: "Sen rapport", Start: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 9, 3, 0, 0, 0, 0, time.UTC)})
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0101", Status: "completed",
		Purpose: "Rapport i tide", Start: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)})
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Status: "draft", Purpose: "Kladde",
		Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC)})
	_, doc := servertest.Get(t, servertest.Client(t), srv.URL+"/m/ballerup/trips", "en")
	sec := doc.Find(`section[aria-labelledby="overdue"]`)
	if got := strings.TrimSpace(sec.Find("h2").Text()); got != "Reports overdue: 1" {
		t.Errorf("heading %q", got)
	}
	rows := sec.Find("tbody tr")
	if rows.Length() != 1 || strings.TrimSpace(rows.Find("th").Text()) != "BAL-2026-0100" || rows.Find("td.num").Text() != "50" {
		t.Errorf("rows: %q", rows.Text())
	}
}
