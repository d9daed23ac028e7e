package partnerweb_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/servertest"
)

// partnershipID looks up the seeded partnership of municipality slug with the
// partner city named nameEn.
func partnershipIDOf(t *testing.T, pool *pgxpool.Pool, slug, nameEn string) int64 {
	t.Helper()
	var id int64
	err := pool.QueryRow(context.Background(), `
SELECT p.id FROM partnership p JOIN municipality m ON m.id = p.municipality_id
JOIN partner_city c ON c.id = p.partner_city_id
WHERE m.slug = $1 AND c.name_en = $2`, slug, nameEn).Scan(&id)
	if err != nil {
		t.Fatalf("partnership %s–%s: %v", slug, nameEn, err)
	}
	return id
}

func TestPartnersPage(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)

	res, doc := servertest.Get(t, c, srv.URL+"/m/stuttgart/partners", "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if n := doc.Find("h1").Length(); n != 1 {
		t.Errorf("%d h1, want 1", n)
	}
	if got := doc.Find("h1").Text(); !strings.Contains(got, "Stuttgart") {
		t.Errorf("h1 = %q", got)
	}
	if got := doc.Find(`.section-nav a[aria-current="page"]`).Text(); got != "Partners" {
		t.Errorf("current section = %q", got)
	}
	if got := doc.Find(".breadcrumbs li").Length(); got != 3 {
		t.Errorf("%d breadcrumbs, want Home › Stuttgart › Partners", got)
	}
	if d, _ := doc.Find(`meta[name="description"]`).Attr("content"); !strings.Contains(d, "Stuttgart") {
		t.Errorf("meta description = %q", d)
	}
	rows := doc.Find("table.partnerships tbody tr")
	if rows.Length() != 10 {
		t.Errorf("%d partnership rows, want Stuttgart's 10", rows.Length())
	}
	rows.Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Find("th a").Attr("href")
		if !strings.HasPrefix(href, "/m/stuttgart/partners/") {
			t.Errorf("row %q links to %q", s.Find("th").Text(), href)
		}
	})
	cardiff := doc.Find("table.partnerships tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Find("th").Text(), "Cardiff")
	})
	if got := strings.Join(strings.Fields(cardiff.Text()), " "); !strings.Contains(got, "United Kingdom") || !strings.Contains(got, "Twin town") || !strings.Contains(got, "1955") || !strings.Contains(got, "Active") {
		t.Errorf("Cardiff row = %q", got)
	}
	// Active partnerships come first.
	if id, _ := doc.Find("section[aria-labelledby=partnerships] h3").First().Attr("id"); id != "group-active" {
		t.Errorf("first group is %q, want the active partnerships", id)
	}
	net := doc.Find("table.networks tbody tr")
	if net.Length() != 1 || !strings.Contains(net.Text(), "Cities for Mobility") || !strings.Contains(net.Text(), "Coordinator") {
		t.Errorf("networks = %q", strings.Join(strings.Fields(net.Text()), " "))
	}
	// The map, with the table as its alternative.
	m := doc.Find("section#partner-map .partner-map__frame > svg")
	if m.Length() != 1 {
		t.Fatalf("%d maps in #partner-map", m.Length())
	}
	if _, ok := m.Attr("aria-labelledby"); !ok {
		t.Error("the map has no accessible name")
	}
	if n := m.Find("a").Length(); n != 10 {
		t.Errorf("map links %d partner cities, want 10", n)
	}
	if doc.Find(".notice--demo").Length() != 0 {
		t.Error("seeded data has no demo rows, but the page shows the demo notice")
	}

	// German interface, same data.
	_, doc = servertest.Get(t, c, srv.URL+"/m/stuttgart/partners", "de")
	if got := doc.Find("h1").Text(); !strings.Contains(got, "Partnerstädte") {
		t.Errorf("German h1 = %q", got)
	}
	if got := doc.Find("table.partnerships tbody tr").First().Find("td").First().Text(); strings.TrimSpace(got) != "Vereinigtes Königreich" {
		t.Errorf("German country of the first row = %q", got)
	}
}

func TestPartnersPageUnknownCountry(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c := servertest.Client(t)

	res, doc := servertest.Get(t, c, srv.URL+"/m/goteborg/partners", "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	newcastle := doc.Find("table.partnerships tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.TrimSpace(s.Find("th a").Text()) == "Newcastle"
	})
	if newcastle.Length() != 1 {
		t.Fatal("no Newcastle row")
	}
	if got := strings.TrimSpace(newcastle.Find("td").First().Text()); got != "not known" {
		t.Errorf("Newcastle's country = %q, want not known", got)
	}
	if got := doc.Find("#partner-map p").Text(); !strings.Contains(got, "Newcastle") {
		t.Errorf("the map does not say Newcastle is missing from it: %q", got)
	}
	if got := doc.Find("table.networks").Text(); !strings.Contains(got, "Bergen") {
		t.Errorf("Göteborg's Nordic network does not list its cities: %q", got)
	}

	// Its own page works too.
	id := partnershipIDOf(t, pool, "goteborg", "Newcastle")
	res, doc = servertest.Get(t, c, srv.URL+"/m/goteborg/partners/"+strconv.FormatInt(id, 10), "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("Newcastle page: status %d", res.StatusCode)
	}
	if got := doc.Find("h1").Text(); !strings.Contains(got, "Newcastle") {
		t.Errorf("h1 = %q", got)
	}
	f := facts(doc)
	if f["Country"] != "not known" || f["Since"] != "not known" || f["Status"] != "Dormant" {
		t.Errorf("facts = %q", f)
	}
	if got := doc.Find(".notice--warning").Text(); !strings.Contains(got, "No recorded activity") {
		t.Errorf("notice = %q, want No recorded activity", got)
	}
	// The source's URL is a link; the remark after it is not part of it.
	if href, _ := doc.Find(".sources a").First().Attr("href"); href != "https://goteborg.se/wps/portal/start/kommun-och-politik/internationellt-arbete/sa-skapas-goda-relationer-med-omvarlden" {
		t.Errorf("source link = %q", href)
	}
}

func TestPartnerPageHistory(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c := servertest.Client(t)
	id := partnershipIDOf(t, pool, "berlin", "Moscow")

	res, doc := servertest.Get(t, c, srv.URL+"/m/berlin/partners/"+strconv.FormatInt(id, 10), "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if got := doc.Find("h1").Text(); !strings.Contains(got, "Moskau") {
		t.Errorf("h1 = %q", got)
	}
	if got := doc.Find(".breadcrumbs li").Length(); got != 4 {
		t.Errorf("%d breadcrumbs, want Home › Berlin › Partners › Moskau", got)
	}
	var history []string
	doc.Find("table.history tbody tr").Each(func(_ int, s *goquery.Selection) {
		history = append(history, strings.TrimSpace(s.Find("th").Text())+" "+strings.TrimSpace(s.Find("td").First().Text()))
	})
	if !containsString(history, "2022 Dormant") {
		t.Errorf("history %q lacks the suspension of 2022", history)
	}
	if got := doc.Find(".notice--warning").Text(); !strings.Contains(got, "No recorded activity since 2022") {
		t.Errorf("notice = %q", got)
	}
	if got := facts(doc)["Last recorded activity"]; got != "2022 (status change)" {
		t.Errorf("last activity = %q", got)
	}
	src := doc.Find(".sources a[href^='https://www.stern.de/']")
	if src.Length() != 1 {
		t.Errorf("the source URLs are not links: %q", doc.Find(".sources").Text())
	}
}

// facts reads the facts list of a partnership page: label → value.
func facts(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find(".partner-facts > div").Each(func(_ int, s *goquery.Selection) {
		out[strings.TrimSpace(s.Find("dt").Text())] = strings.Join(strings.Fields(s.Find("dd").Text()), " ")
	})
	return out
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestPartnerPageNotFound(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c := servertest.Client(t)
	moscow := strconv.FormatInt(partnershipIDOf(t, pool, "berlin", "Moscow"), 10)
	for _, path := range []string{
		"/m/stuttgart/partners/999999",
		"/m/stuttgart/partners/" + moscow, // Berlin's partnership under Stuttgart
		"/m/stuttgart/partners/abc",
		"/m/stuttgart/partners/0",
		"/m/stuttgart/partners/-1",
		"/m/stuttgart/partners/1e3",
		"/m/berlin/partners/0" + moscow,
		"/m/berlin/partners/+" + moscow,
		"/m/stuttgart/partners/99999999999999999999999",
		"/m/nowhere/partners/" + moscow,
		"/m/nowhere/partners",
		"/m/nowhere/agreements",
	} {
		res, _ := servertest.Get(t, c, srv.URL+path, "en")
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, res.StatusCode)
		}
	}
}

func TestPartnerPageActivity(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c := servertest.Client(t)
	servertest.SeedStuttgartAgreements(t, pool)
	cardiff := partnershipIDOf(t, pool, "stuttgart", "Cardiff")

	// A published trip to the city, one for the partnership elsewhere, and trips
	// that must stay hidden: a draft to the city and a published trip of another
	// municipality.
	trip := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "stuttgart", Reference: "STU-2026-9001", Purpose: "Besuch der Partnerstadt Cardiff",
		Title: "Cardiff: Schulpartnerschaften", Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC),
		Destinations: []servertest.Destination{{City: "Cardiff", Country: "GB", Lat: 51.48, Lon: -3.18}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 90000, Actual: 85050}, {Category: "lodging", Planned: 40000, Actual: 40000}},
	})
	servertest.Exec(t, pool, `UPDATE trip_destination SET partner_city_id = (SELECT partner_city_id FROM partnership WHERE id = $2) WHERE trip_id = $1`, trip, cardiff)
	forPartnership := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "stuttgart", Reference: "STU-2025-9002", Purpose: "Treffen der Partnerstädte in Brüssel",
		Start:        time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC),
		Destinations: []servertest.Destination{{City: "Bruxelles", Country: "BE", Lat: 50.85, Lon: 4.35}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 30000, Actual: -1}},
	})
	servertest.Exec(t, pool, `UPDATE trip SET partnership_id = $2 WHERE id = $1`, forPartnership, cardiff)
	draft := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "stuttgart", Status: "draft", Purpose: "Geheimer Plan für Cardiff",
		Destinations: []servertest.Destination{{City: "Cardiff", Country: "GB", Lat: 51.48, Lon: -3.18}}})
	servertest.Exec(t, pool, `UPDATE trip SET partnership_id = $2 WHERE id = $1`, draft, cardiff)
	servertest.Exec(t, pool, `
INSERT INTO project (municipality_id, title, partnership_id, funder, programme, funding_minor, currency, starts_on, ends_on, status)
SELECT municipality_id, 'Schulpartnerschaften Stuttgart–Cardiff', id, 'Europäische Union', 'Erasmus+', 2500000, 'EUR', '2024-09-01', '2027-08-31', 'running'
FROM partnership WHERE id = $1`, cardiff)

	res, doc := servertest.Get(t, c, srv.URL+"/m/stuttgart/partners/"+strconv.FormatInt(cardiff, 10), "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	var refs []string
	doc.Find("table.partner-trips tbody th a").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		refs = append(refs, s.Text()+" "+href)
	})
	if strings.Join(refs, ", ") != "STU-2026-9001 /m/stuttgart/trips/STU-2026-9001, STU-2025-9002 /m/stuttgart/trips/STU-2025-9002" {
		t.Errorf("trips = %q: want the two published ones, newest first", refs)
	}
	if strings.Contains(doc.Text(), "Geheimer") {
		t.Error("the page shows a draft trip or a draft agreement")
	}
	firstTrip := strings.Join(strings.Fields(doc.Find("table.partner-trips tbody tr").First().Text()), " ")
	if !strings.Contains(firstTrip, "€1,250.50") || !strings.Contains(firstTrip, "2 March 2026") || !strings.Contains(firstTrip, "Cardiff: Schulpartnerschaften") {
		t.Errorf("trip row = %q, want the trip's title, the actual total €1,250.50 and its dates", firstTrip)
	}
	if got := doc.Find("table.partner-trips tbody tr").Eq(1).Find("td.num").Text(); !strings.Contains(got, "planned") {
		t.Errorf("a trip without actual costs is not marked planned: %q", got)
	}
	agreements := doc.Find("table.agreements tbody tr")
	if agreements.Length() != 1 || !strings.Contains(agreements.Text(), "Partnerschaftsurkunde") {
		t.Errorf("agreements = %q", agreements.Text())
	}
	project := strings.Join(strings.Fields(doc.Find("table.projects tbody tr").Text()), " ")
	for _, want := range []string{"Schulpartnerschaften", "Europäische Union", "Erasmus+", "€25,000.00", "Running"} {
		if !strings.Contains(project, want) {
			t.Errorf("project row %q lacks %q", project, want)
		}
	}
	if got := facts(doc)["Last recorded activity"]; got != "5 March 2026 (published trip)" {
		t.Errorf("last activity = %q", got)
	}
	if doc.Find(".notice--warning").Length() != 0 {
		t.Error("a partnership active this year is called quiet")
	}
}
