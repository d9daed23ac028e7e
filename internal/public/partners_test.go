package public_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/demo"
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

func mustExec(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// fixtureAgreement inserts an agreement of Stuttgart with two parties and, when
// priority is set, a linked priority; it returns the agreement's id.
type fixtureAgreement struct {
	Type, Title, Status string
	Signed, ValidUntil  *time.Time
	Partner             string // name_en of the partner city of the linked partnership
	Priority            string // priority code
	Demo                bool
}

func insertAgreement(t *testing.T, pool *pgxpool.Pool, a fixtureAgreement) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	err := pool.QueryRow(ctx, `
INSERT INTO agreement (municipality_id, type, title, status, signed_on, valid_until, partnership_id, is_demo)
SELECT m.id, $1, $2, $3, $4, $5,
       (SELECT p.id FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id
         WHERE p.municipality_id = m.id AND c.name_en = $6),
       $7
FROM municipality m WHERE m.slug = 'stuttgart' RETURNING id`,
		a.Type, a.Title, a.Status, a.Signed, a.ValidUntil, a.Partner, a.Demo).Scan(&id)
	if err != nil {
		t.Fatalf("insert agreement %q: %v", a.Title, err)
	}
	mustExec(t, pool, `
INSERT INTO agreement_party (agreement_id, position, municipality_id, name)
SELECT $1, 1, id, name FROM municipality WHERE slug = 'stuttgart'`, id)
	partnerName := a.Partner
	if partnerName == "" {
		partnerName = "Deutscher Städtetag"
	}
	mustExec(t, pool, `INSERT INTO agreement_party (agreement_id, position, name) VALUES ($1, 2, $2)`, id, partnerName)
	if a.Priority != "" {
		mustExec(t, pool, `
INSERT INTO agreement_priority (agreement_id, priority_id)
SELECT $1, p.id FROM priority p JOIN policy pol ON pol.id = p.policy_id JOIN municipality m ON m.id = pol.municipality_id
WHERE m.slug = 'stuttgart' AND p.code = $2`, id, a.Priority)
	}
	return id
}

func date(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// seedStuttgartAgreements gives Stuttgart one agreement of each public kind of
// status, one in force on paper whose validity has ended, a demo row and a draft.
func seedStuttgartAgreements(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	for _, a := range []fixtureAgreement{
		{Type: "twin_town_agreement", Title: "Partnerschaftsurkunde Stuttgart–Cardiff", Status: "in_force", Signed: date(1955, 5, 1), Partner: "Cardiff", Priority: "F1"},
		{Type: "cooperation_agreement", Title: "Kooperationsvereinbarung Klimaschutz", Status: "in_force", Signed: date(2021, 3, 10), ValidUntil: date(2025, 12, 31), Partner: "Brno"},
		{Type: "memorandum", Title: "Absichtserklärung Mobilität", Status: "expired", Signed: date(2015, 6, 1), ValidUntil: date(2020, 6, 1)},
		{Type: "declaration", Title: "Erklärung zur Zusammenarbeit mit Samara", Status: "terminated", Signed: date(2019, 10, 1), Partner: "Samara"},
		{Type: "convention", Title: "Demo-Konvention Wasser", Status: "in_force", Signed: date(2026, 2, 2), Demo: true},
		{Type: "cooperation_agreement", Title: "Geheimer Entwurf", Status: "draft", Partner: "Cardiff"},
	} {
		insertAgreement(t, pool, a)
	}
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
	seedStuttgartAgreements(t, pool)
	cardiff := partnershipIDOf(t, pool, "stuttgart", "Cardiff")

	// A published trip to the city, one for the partnership elsewhere, and trips
	// that must stay hidden: a draft to the city and a published trip of another
	// municipality.
	trip := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "stuttgart", Reference: "STU-2026-9001", Purpose: "Besuch der Partnerstadt Cardiff",
		Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC),
		Destinations: []servertest.Destination{{City: "Cardiff", Country: "GB", Lat: 51.48, Lon: -3.18}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 90000, Actual: 85050}, {Category: "lodging", Planned: 40000, Actual: 40000}},
	})
	mustExec(t, pool, `UPDATE trip_destination SET partner_city_id = (SELECT partner_city_id FROM partnership WHERE id = $2) WHERE trip_id = $1`, trip, cardiff)
	forPartnership := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "stuttgart", Reference: "STU-2025-9002", Purpose: "Treffen der Partnerstädte in Brüssel",
		Start:        time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC),
		Destinations: []servertest.Destination{{City: "Bruxelles", Country: "BE", Lat: 50.85, Lon: 4.35}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 30000, Actual: -1}},
	})
	mustExec(t, pool, `UPDATE trip SET partnership_id = $2 WHERE id = $1`, forPartnership, cardiff)
	draft := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "stuttgart", Status: "draft", Purpose: "Geheimer Plan für Cardiff",
		Destinations: []servertest.Destination{{City: "Cardiff", Country: "GB", Lat: 51.48, Lon: -3.18}}})
	mustExec(t, pool, `UPDATE trip SET partnership_id = $2 WHERE id = $1`, draft, cardiff)
	mustExec(t, pool, `
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
	if !strings.Contains(firstTrip, "€1,250.50") || !strings.Contains(firstTrip, "2 March 2026") {
		t.Errorf("trip row = %q, want the actual total €1,250.50 and its dates", firstTrip)
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

func TestAgreementRegister(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c := servertest.Client(t)
	url := srv.URL + "/m/stuttgart/agreements"

	// A fresh install has no agreements: the register says so.
	res, doc := servertest.Get(t, c, url, "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if got := doc.Find(".empty-state").Text(); !strings.Contains(got, "No agreements are in the register yet") {
		t.Errorf("empty state = %q", got)
	}
	if got := doc.Find("#result-count").Text(); got != "0 agreements" {
		t.Errorf("count = %q", got)
	}

	seedStuttgartAgreements(t, pool)
	_, doc = servertest.Get(t, c, url, "en")
	titles := func(doc *goquery.Document) []string {
		var out []string
		doc.Find("table.agreements tbody tr th span[lang]").Each(func(_ int, s *goquery.Selection) { out = append(out, s.Text()) })
		return out
	}
	if got := titles(doc); len(got) != 5 {
		t.Errorf("rows %q: want the 5 public agreements", got)
	}
	if strings.Contains(doc.Text(), "Geheimer Entwurf") {
		t.Error("the register shows a draft")
	}
	if got := doc.Find("#result-count").Text(); got != "5 agreements" {
		t.Errorf("count = %q", got)
	}
	if n := doc.Find(".notice--demo").Length(); n != 1 {
		t.Errorf("%d demo notices, want 1", n)
	}
	demo := doc.Find("table.agreements tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Find(".badge--demo").Length() > 0
	})
	if demo.Length() != 1 || !strings.Contains(demo.Text(), "Demo-Konvention") {
		t.Errorf("demo badges on %q, want only the demo row", demo.Text())
	}
	row := func(doc *goquery.Document, title string) *goquery.Selection {
		return doc.Find("table.agreements tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.Contains(s.Find("th").Text(), title)
		})
	}
	if got := row(doc, "Cardiff").Find("ol.parties li").Map(func(_ int, s *goquery.Selection) string { return s.Text() }); strings.Join(got, "|") != "Stuttgart|Cardiff" {
		t.Errorf("parties = %q, want in order", got)
	}
	cardiff := strings.Join(strings.Fields(row(doc, "Cardiff").Text()), " ")
	for _, want := range []string{"Twin-town agreement", "1 May 1955", "no end date", "In force", "F1 Gestaltung und Pflege"} {
		if !strings.Contains(cardiff, want) {
			t.Errorf("Cardiff row %q lacks %q", cardiff, want)
		}
	}
	if href, _ := row(doc, "Cardiff").Find("th .agreement__link a").Attr("href"); !strings.HasPrefix(href, "/m/stuttgart/partners/") {
		t.Errorf("Cardiff's agreement links to %q, want its partnership", href)
	}
	// Expired: recorded so, or in force with its validity over.
	for _, title := range []string{"Absichtserklärung Mobilität", "Klimaschutz"} {
		if got := row(doc, title).Find(".badge--expired").Text(); got != "Expired" {
			t.Errorf("%s: badge %q, want Expired", title, got)
		}
	}
	if got := row(doc, "Samara").Find(".badge--terminated").Text(); got != "Terminated" {
		t.Errorf("terminated badge = %q", got)
	}

	// Filters, with their state in the URL and the form.
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"?type=cooperation_agreement", []string{"Kooperationsvereinbarung Klimaschutz"}},
		{"?status=expired", []string{"Kooperationsvereinbarung Klimaschutz", "Absichtserklärung Mobilität"}},
		{"?status=in_force", []string{"Demo-Konvention Wasser", "Partnerschaftsurkunde Stuttgart–Cardiff"}},
		{"?type=declaration&status=terminated", []string{"Erklärung zur Zusammenarbeit mit Samara"}},
		{"?type=twin_town_agreement&status=expired", nil},
		{"?type=&status=", []string{"Demo-Konvention Wasser", "Kooperationsvereinbarung Klimaschutz", "Erklärung zur Zusammenarbeit mit Samara", "Absichtserklärung Mobilität", "Partnerschaftsurkunde Stuttgart–Cardiff"}},
	} {
		res, doc := servertest.Get(t, c, url+tc.query, "en")
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", tc.query, res.StatusCode)
			continue
		}
		if got := titles(doc); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: rows %q, want %q", tc.query, got, tc.want)
		}
		if len(tc.want) == 0 && !strings.Contains(doc.Find(".empty-state").Text(), "No agreements match this filter") {
			t.Errorf("%s: no empty-state message", tc.query)
		}
	}
	_, doc = servertest.Get(t, c, url+"?type=memorandum&status=expired", "en")
	if v, _ := doc.Find("#filter-type option[selected]").Attr("value"); v != "memorandum" {
		t.Errorf("type select shows %q", v)
	}
	if v, _ := doc.Find("#filter-status option[selected]").Attr("value"); v != "expired" {
		t.Errorf("status select shows %q", v)
	}
	if got := doc.Find(`label[for="filter-type"]`).Length() + doc.Find(`label[for="filter-status"]`).Length(); got != 2 {
		t.Error("the filter fields have no labels")
	}
	if doc.Find(`form.filter-form[method="get"] button[type="submit"]`).Length() != 1 {
		t.Error("the filter form has no submit button")
	}

	// Bad filter values: a 400 page that says what was wrong.
	for _, tc := range []struct{ query, want string }{
		{"?type=nonsense", "agreement type"},
		{"?status=draft", "status"},
		{"?status=%27%3B%20DROP%20TABLE%20agreement", "status"},
	} {
		res, doc := servertest.Get(t, c, url+tc.query, "en")
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", tc.query, res.StatusCode)
		}
		if got := doc.Find("main p").First().Text(); !strings.Contains(got, tc.want) {
			t.Errorf("%s: message %q does not mention %q", tc.query, got, tc.want)
		}
	}

	// Another municipality sees none of Stuttgart's agreements.
	_, doc = servertest.Get(t, c, srv.URL+"/m/berlin/agreements", "de")
	if got := doc.Find("#result-count").Text(); got != "0 Vereinbarungen" {
		t.Errorf("Berlin count = %q", got)
	}
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// TestPagesWithDemoData checks the pages against the demo generator's agreements,
// projects and trips: the register and its filters agree with the database, no
// draft shows, and every demo row wears its badge.
func TestPagesWithDemoData(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	if _, err := demo.Load(context.Background(), pool, demo.Options{Trips: 150, Seed: 7, Now: servertest.Now}); err != nil {
		t.Fatal(err)
	}
	c := servertest.Client(t)
	today := servertest.Now.Format(time.DateOnly)
	const public = `FROM agreement a JOIN municipality m ON m.id = a.municipality_id
WHERE m.slug = $1 AND a.archived_at IS NULL AND a.status <> 'draft'`
	shown, shownExpired := 0, 0
	for _, slug := range []string{"vasteras", "stuttgart", "goteborg", "ballerup", "berlin"} {
		url := srv.URL + "/m/" + slug + "/agreements"
		res, doc := servertest.Get(t, c, url, "en")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", slug, res.StatusCode)
		}
		rows := doc.Find("table.agreements tbody tr")
		shown += rows.Length()
		if want := count(t, pool, `SELECT count(*) `+public, slug); rows.Length() != want {
			t.Errorf("%s: %d rows, want %d public agreements", slug, rows.Length(), want)
		}
		if rows.Length() > 0 {
			if n := doc.Find(".notice--demo").Length(); n != 1 {
				t.Errorf("%s: %d demo notices", slug, n)
			}
			if n := rows.Find(".badge--demo").Length(); n != rows.Length() {
				t.Errorf("%s: %d of %d demo rows wear the badge", slug, n, rows.Length())
			}
		}
		var drafts []string
		r, err := pool.Query(context.Background(), `SELECT a.title FROM agreement a JOIN municipality m ON m.id = a.municipality_id WHERE m.slug = $1 AND a.status = 'draft'`, slug)
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
			var title string
			if err := r.Scan(&title); err != nil {
				t.Fatal(err)
			}
			drafts = append(drafts, title)
		}
		r.Close()
		rows.Find("th > span[lang]").Each(func(_ int, s *goquery.Selection) {
			if containsString(drafts, s.Text()) && count(t, pool, `SELECT count(*) `+public+` AND a.title = $2`, slug, s.Text()) == 0 {
				t.Errorf("%s: draft %q is shown", slug, s.Text())
			}
		})
		for _, typ := range []string{"twin_town_agreement", "cooperation_agreement", "declaration", "convention", "memorandum", "network_membership"} {
			_, doc := servertest.Get(t, c, url+"?type="+typ, "en")
			if got, want := doc.Find("table.agreements tbody tr").Length(), count(t, pool, `SELECT count(*) `+public+` AND a.type = $2`, slug, typ); got != want {
				t.Errorf("%s ?type=%s: %d rows, want %d", slug, typ, got, want)
			}
		}
		_, doc = servertest.Get(t, c, url+"?status=expired", "en")
		expired := doc.Find("table.agreements tbody tr")
		shownExpired += expired.Length()
		if want := count(t, pool, `SELECT count(*) `+public+` AND (a.status = 'expired' OR (a.status = 'in_force' AND a.valid_until < $2::date))`, slug, today); expired.Length() != want {
			t.Errorf("%s ?status=expired: %d rows, want %d", slug, expired.Length(), want)
		}
		if n := expired.Find(".badge--expired").Length(); n != expired.Length() {
			t.Errorf("%s: %d of %d expired agreements have the Expired badge", slug, n, expired.Length())
		}

		res, _ = servertest.Get(t, c, srv.URL+"/m/"+slug+"/partners", "en")
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s partners: status %d", slug, res.StatusCode)
		}
	}

	if shown == 0 || shownExpired == 0 || count(t, pool, `SELECT count(*) FROM agreement WHERE status = 'draft'`) == 0 {
		t.Errorf("the demo data gives %d agreements, %d expired, and no drafts to hide: the test checks little", shown, shownExpired)
	}

	// Every partnership page renders, and shows exactly its published trips.
	rows, err := pool.Query(context.Background(), `
SELECT m.slug, p.id,
       (SELECT count(*) FROM trip t WHERE t.municipality_id = m.id AND t.status = 'published' AND t.archived_at IS NULL
          AND (t.partnership_id = p.id OR EXISTS (SELECT 1 FROM trip_destination d WHERE d.trip_id = t.id AND d.partner_city_id = p.partner_city_id))),
       (SELECT count(*) FROM project pr WHERE pr.partnership_id = p.id AND pr.archived_at IS NULL)
FROM partnership p JOIN municipality m ON m.id = p.municipality_id WHERE p.archived_at IS NULL ORDER BY p.id`)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		slug            string
		id              int64
		trips, projects int
	}
	var all []want
	for rows.Next() {
		var w want
		if err := rows.Scan(&w.slug, &w.id, &w.trips, &w.projects); err != nil {
			t.Fatal(err)
		}
		all = append(all, w)
	}
	rows.Close()
	withTrips := 0
	for _, w := range all {
		res, doc := servertest.Get(t, c, srv.URL+"/m/"+w.slug+"/partners/"+strconv.FormatInt(w.id, 10), "en")
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s/%d: status %d", w.slug, w.id, res.StatusCode)
			continue
		}
		trips := doc.Find("table.partner-trips tbody tr")
		if trips.Length() != w.trips {
			t.Errorf("%s/%d: %d trips, want %d", w.slug, w.id, trips.Length(), w.trips)
		}
		if n := trips.Find(".badge--demo").Length(); n != trips.Length() {
			t.Errorf("%s/%d: %d of %d demo trips wear the badge", w.slug, w.id, n, trips.Length())
		}
		if got := doc.Find("table.projects tbody tr").Length(); got != w.projects {
			t.Errorf("%s/%d: %d projects, want %d", w.slug, w.id, got, w.projects)
		}
		if w.trips > 0 {
			withTrips++
			if doc.Find(".notice--demo").Length() != 1 {
				t.Errorf("%s/%d: no demo notice", w.slug, w.id)
			}
		}
	}
	if withTrips == 0 {
		t.Error("the demo data sends no published trip to any partner city: the test checks nothing")
	}
}

// TestPartnerPagesInBrowser checks the three page types with axe-core and takes
// screenshots for review.
func TestPartnerPagesInBrowser(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	if _, err := demo.Load(context.Background(), pool, demo.Options{Trips: 80, Seed: 3, Now: servertest.Now}); err != nil {
		t.Fatal(err)
	}
	seedStuttgartAgreements(t, pool)
	cardiff := partnershipIDOf(t, pool, "stuttgart", "Cardiff")
	trip := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "stuttgart", Reference: "STU-2026-9001", Purpose: "Besuch der Partnerstadt Cardiff",
		Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC),
		Destinations: []servertest.Destination{{City: "Cardiff", Country: "GB", Lat: 51.48, Lon: -3.18}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 90000, Actual: 85050}},
	})
	mustExec(t, pool, `UPDATE trip SET partnership_id = $2 WHERE id = $1`, trip, cardiff)
	moscow := partnershipIDOf(t, pool, "berlin", "Moscow")
	prague := partnershipIDOf(t, pool, "ballerup", "Prague 10")

	ctx := browsertest.New(t)
	for _, pg := range []struct{ name, path, h1 string }{
		{"partners-stuttgart", "/m/stuttgart/partners", "Stuttgart"},
		{"partners-goteborg", "/m/goteborg/partners?lang=sv", "Göteborg"},
		{"partner-cardiff", "/m/stuttgart/partners/" + strconv.FormatInt(cardiff, 10) + "?lang=en", "Cardiff"},
		{"partner-moscow", "/m/berlin/partners/" + strconv.FormatInt(moscow, 10) + "?lang=de", "Moskau"},
		{"agreements-stuttgart", "/m/stuttgart/agreements?lang=en", "Stuttgart"},
		{"partner-prague10-demo", "/m/ballerup/partners/" + strconv.FormatInt(prague, 10) + "?lang=da", "Praha 10"},
		{"agreements-ballerup-demo", "/m/ballerup/agreements?lang=da", "Ballerup"},
		{"agreements-empty", "/m/vasteras/agreements?lang=sv&type=twin_town_agreement", "Västerås"},
	} {
		browsertest.Navigate(t, ctx, srv.URL+pg.path)
		if got := browsertest.Text(t, ctx, "h1"); !strings.Contains(got, pg.h1) {
			t.Errorf("%s: h1 = %q", pg.name, got)
		}
		browsertest.Axe(t, ctx)
		browsertest.Screenshot(t, ctx, 375, pg.name)
		browsertest.Screenshot(t, ctx, 1280, pg.name)
	}
}
