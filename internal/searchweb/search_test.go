package searchweb_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/searchweb"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/templates"
)

// searchExec runs fixture SQL.
func searchExec(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// seedSearchTrips adds a published demo trip of Ballerup and a draft with a word
// found nowhere else.
func seedSearchTrips(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	searchExec(t, pool, `
WITH m AS (SELECT id FROM municipality WHERE slug = 'ballerup'),
t AS (
  INSERT INTO trip (municipality_id, reference, status, purpose, starts_on, ends_on, organiser, currency, published_at, is_demo)
  SELECT m.id, 'BAL-2026-0007', 'published', 'Studietur om børns trivsel i skolen', '2026-05-04', '2026-05-06',
         'Børne- og Ungeudvalget', 'DKK', '2026-06-01', true FROM m
  RETURNING id),
d AS (INSERT INTO trip_destination (trip_id, position, city, country) SELECT id, 1, 'Praha 10', 'CZ' FROM t),
p AS (INSERT INTO trip_traveller (trip_id, position, name, role, kind) SELECT id, 1, 'Mette Kvistgaard', 'formand', 'politician' FROM t)
INSERT INTO trip_report (trip_id, goal, outcome, follow_up)
SELECT id, 'At lære af skolernes trivselsarbejde', 'Aftale om elevudveksling', 'Genbesøg i 2027' FROM t`)
	searchExec(t, pool, `
INSERT INTO trip (municipality_id, status, purpose, organiser, currency)
SELECT id, 'draft', 'Geheimentwurfsreise zum Zuckerbäckerkongress', 'Referat', 'EUR' FROM municipality WHERE slug = 'stuttgart'`)
}

// searchGet fetches /search with the query values v.
func searchGet(t *testing.T, c *http.Client, base string, v url.Values, lang string) (*http.Response, *goquery.Document) {
	t.Helper()
	return servertest.Get(t, c, base+"/search?"+v.Encode(), lang)
}

// resultLinks lists the hrefs of the results of one kind.
func resultLinks(doc *goquery.Document, kind string) []string {
	var out []string
	doc.Find("#results-" + kind).Parent().Find(".search-result__title a").Each(func(_ int, a *goquery.Selection) {
		out = append(out, a.AttrOr("href", ""))
	})
	return out
}

func TestSearchPage(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	seedSearchTrips(t, pool)
	c := servertest.Client(t)

	t.Run("form without query", func(t *testing.T) {
		res, doc := servertest.Get(t, c, srv.URL+"/search", "en")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d", res.StatusCode)
		}
		if doc.Find("h1").Length() != 1 || doc.Find("label[for=search-q]").Length() != 1 ||
			doc.Find("label[for=search-m]").Length() != 1 || doc.Find("label[for=search-kind]").Length() != 1 {
			t.Error("form fields or labels missing")
		}
		if doc.Find(`select#search-m option`).Length() != 6 {
			t.Errorf("municipality options = %d, want all + 5", doc.Find(`select#search-m option`).Length())
		}
		if doc.Find(".search-hint").Length() != 1 || doc.Find(".search-result").Length() != 0 {
			t.Error("want the hint and no results")
		}
		if got := doc.Find(".breadcrumbs li").Length(); got != 2 {
			t.Errorf("breadcrumbs: %d", got)
		}
	})

	t.Run("swedish stemming finds Göteborg", func(t *testing.T) {
		res, doc := searchGet(t, c, srv.URL, url.Values{"q": {"vänorterna"}}, "sv")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d", res.StatusCode)
		}
		links := resultLinks(doc, "policies")
		if !slices.Contains(links, "/m/goteborg/policy") {
			t.Fatalf("policies: %v", links)
		}
		r := doc.Find(`.search-result:has(a[href="/m/goteborg/policy"])`)
		if lang := r.Find(".search-result__snippet").AttrOr("lang", ""); lang != "sv" {
			t.Errorf("snippet lang = %q", lang)
		}
		// The snippet marks the forms of the word the text has, not only the query's.
		marks := map[string]bool{}
		r.Find("mark").Each(func(_ int, m *goquery.Selection) { marks[strings.ToLower(m.Text())] = true })
		if !marks["vänorter"] && !marks["vänort"] {
			t.Errorf("marks %v: want vänort/vänorter marked", marks)
		}
		if doc.Find("title").Text() == "" || doc.Find(`meta[name=description]`).Length() != 1 {
			t.Error("title or description missing")
		}
		if v, _ := doc.Find("#search-q").Attr("value"); v != "vänorterna" {
			t.Errorf("the form does not keep the query: %q", v)
		}
	})

	t.Run("german stemming finds Stuttgart and Berlin", func(t *testing.T) {
		_, doc := searchGet(t, c, srv.URL, url.Values{"q": {"Partnerstädte"}}, "de")
		links := resultLinks(doc, "policies")
		for _, want := range []string{"/m/stuttgart/policy", "/m/berlin/policy"} {
			if !slices.Contains(links, want) {
				t.Errorf("Partnerstädte: %s missing from %v", want, links)
			}
		}
		_, doc = searchGet(t, c, srv.URL, url.Values{"q": {"Städtepartnerschaft"}}, "de")
		if links := resultLinks(doc, "policies"); !slices.Contains(links, "/m/stuttgart/policy") {
			t.Errorf("Städtepartnerschaft: %v", links)
		}
	})

	t.Run("danish finds Ballerup", func(t *testing.T) {
		_, doc := searchGet(t, c, srv.URL, url.Values{"q": {"børn"}}, "da")
		if links := resultLinks(doc, "policies"); !slices.Contains(links, "/m/ballerup/policy") {
			t.Errorf("policies: %v", links)
		}
		// The published trip has "børns" in its purpose.
		if links := resultLinks(doc, "trips"); !slices.Contains(links, "/m/ballerup/trips/BAL-2026-0007") {
			t.Errorf("trips: %v", links)
		}
	})

	t.Run("trip by reference and traveller, with demo badge", func(t *testing.T) {
		for _, q := range []string{"BAL-2026-0007", "Kvistgaard", "elevudveksling"} {
			_, doc := searchGet(t, c, srv.URL, url.Values{"q": {q}}, "en")
			links := resultLinks(doc, "trips")
			if len(links) != 1 || links[0] != "/m/ballerup/trips/BAL-2026-0007" {
				t.Errorf("%s: trips %v", q, links)
				continue
			}
			r := doc.Find(".search-result").First()
			if r.Find(".badge--demo").Length() != 1 || doc.Find(".notice--demo").Length() != 1 {
				t.Errorf("%s: demo badge or notice missing", q)
			}
			if r.Find(".search-result__ref").Text() != "BAL-2026-0007" {
				t.Errorf("%s: reference not shown", q)
			}
		}
	})

	t.Run("draft is never found", func(t *testing.T) {
		res, doc := searchGet(t, c, srv.URL, url.Values{"q": {"Geheimentwurfsreise"}}, "de")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d", res.StatusCode)
		}
		if doc.Find(".search-result").Length() != 0 || doc.Find(".search-none").Length() != 1 {
			t.Error("the draft trip is found, or no 'nothing found' message")
		}
		if strings.Contains(doc.Find("main").Text(), "Zuckerbäckerkongress") {
			t.Error("the draft's purpose is on the page")
		}
	})

	t.Run("municipality filter narrows", func(t *testing.T) {
		_, all := searchGet(t, c, srv.URL, url.Values{"q": {"Partnerstädte"}}, "de")
		_, one := searchGet(t, c, srv.URL, url.Values{"q": {"Partnerstädte"}, "m": {"berlin"}}, "de")
		nAll, nOne := all.Find(".search-result").Length(), one.Find(".search-result").Length()
		if nOne == 0 || nOne >= nAll {
			t.Errorf("results: %d in all, %d in Berlin", nAll, nOne)
		}
		one.Find(".search-result__title a").Each(func(_ int, a *goquery.Selection) {
			if !strings.HasPrefix(a.AttrOr("href", ""), "/m/berlin/") {
				t.Errorf("result outside Berlin: %s", a.AttrOr("href", ""))
			}
		})
		if v, _ := one.Find("#search-m option[selected]").Attr("value"); v != "berlin" {
			t.Errorf("selected municipality = %q", v)
		}
	})

	t.Run("kind filter", func(t *testing.T) {
		_, doc := searchGet(t, c, srv.URL, url.Values{"q": {"børn"}, "kind": {"trips"}}, "da")
		if doc.Find(".search-group").Length() != 1 || len(resultLinks(doc, "trips")) != 1 {
			t.Errorf("groups %d", doc.Find(".search-group").Length())
		}
		if doc.Find(`.search-kinds a[aria-current=page]`).Length() != 1 {
			t.Error("current kind not marked")
		}
		// The other kinds still show their counts and link to them.
		if href := doc.Find(`.search-kinds a[href*="kind=policies"]`).AttrOr("href", ""); href == "" {
			t.Error("no link to the policies found")
		}
	})

	t.Run("no results", func(t *testing.T) {
		_, doc := searchGet(t, c, srv.URL, url.Values{"q": {"qqqxyzzy"}, "m": {"ballerup"}}, "en")
		none := doc.Find(".search-none")
		if none.Length() != 1 || !strings.Contains(none.Text(), "qqqxyzzy") {
			t.Fatalf("message: %q", none.Text())
		}
		if href := none.Find("a").AttrOr("href", ""); href != "/search?q=qqqxyzzy" {
			t.Errorf("search everywhere link = %q", href)
		}
	})
}

// loadSearchDemo fills the database with a few hundred demo trips.
func loadSearchDemo(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	if _, err := demo.Load(context.Background(), pool, demo.Options{Trips: 300, Seed: 7, Now: servertest.Now}); err != nil {
		t.Fatalf("load demo data: %v", err)
	}
}

func TestSearchDemoData(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	loadSearchDemo(t, pool)
	c := servertest.Client(t)
	ctx := context.Background()

	var slug, ref, traveller string
	if err := pool.QueryRow(ctx, `
SELECT m.slug, t.reference, tt.name
  FROM trip t JOIN municipality m ON m.id = t.municipality_id
  JOIN trip_traveller tt ON tt.trip_id = t.id AND tt.position = 1
 WHERE t.status = 'published' AND t.archived_at IS NULL AND t.is_demo
 ORDER BY t.id LIMIT 1`).Scan(&slug, &ref, &traveller); err != nil {
		t.Fatal(err)
	}
	_, doc := searchGet(t, c, srv.URL, url.Values{"q": {ref}}, "en")
	if links := resultLinks(doc, "trips"); len(links) != 1 || links[0] != "/m/"+slug+"/trips/"+ref {
		t.Errorf("reference %s: %v", ref, links)
	}
	if doc.Find(".search-result .badge--demo").Length() == 0 || doc.Find(".notice--demo").Length() != 1 {
		t.Error("demo trip without badge, or no demo notice")
	}
	_, doc = searchGet(t, c, srv.URL, url.Values{"q": {traveller}, "kind": {"trips"}}, "en")
	if links := resultLinks(doc, "trips"); !slices.Contains(links, "/m/"+slug+"/trips/"+ref) {
		t.Errorf("traveller %s: trip %s not among %v", traveller, ref, links)
	}

	// Trips with a reference that are not published yet are not found by it.
	rows, err := pool.Query(ctx, `SELECT reference FROM trip WHERE status NOT IN ('draft', 'published') AND reference IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	unpublished, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil || len(unpublished) == 0 {
		t.Fatalf("no unpublished demo trips (%v)", err)
	}
	for _, r := range unpublished[:min(5, len(unpublished))] {
		_, doc := searchGet(t, c, srv.URL, url.Values{"q": {r}, "kind": {"trips"}}, "en")
		if n := doc.Find(".search-result").Length(); n != 0 {
			t.Errorf("unpublished trip %s is found", r)
		}
	}

	// A common word: more than one page of trips, a "more" link and pages.
	var word string
	if err := pool.QueryRow(ctx, `
SELECT word FROM ts_stat($$SELECT simple_tsv FROM search_document WHERE kind = 'trip'$$)
 WHERE word ~ '^[a-z]{6,}$' AND ndoc > 45 ORDER BY ndoc, word LIMIT 1`).Scan(&word); err != nil {
		t.Fatal(err)
	}
	_, doc = searchGet(t, c, srv.URL, url.Values{"q": {word}}, "en")
	more := doc.Find("#results-trips").Parent().Find(".search-more a")
	if n := len(resultLinks(doc, "trips")); n != 20 || more.Length() != 1 {
		t.Fatalf("%q: %d trips, %d more links", word, n, more.Length())
	}
	u, _ := url.Parse(more.AttrOr("href", ""))
	if u.Query().Get("kind") != "trips" || u.Query().Get("page") != "2" || u.Query().Get("q") != word {
		t.Errorf("more link %s", u)
	}
	res, doc := servertest.Get(t, c, srv.URL+u.String(), "en")
	if res.StatusCode != http.StatusOK || doc.Find(".search-pager").Length() != 1 {
		t.Fatalf("page 2: status %d, pager %d", res.StatusCode, doc.Find(".search-pager").Length())
	}
	if doc.Find(`.search-pager a[rel=prev]`).Length() != 1 {
		t.Error("page 2 has no link to page 1")
	}
	res, doc = searchGet(t, c, srv.URL, url.Values{"q": {word}, "kind": {"trips"}, "page": {"9999"}}, "en")
	if res.StatusCode != http.StatusOK || len(resultLinks(doc, "trips")) == 0 ||
		doc.Find(`.search-pager a[rel=prev]`).Length() != 1 || doc.Find(`.search-pager a[rel=next]`).Length() != 0 {
		t.Errorf("a page past the end does not show the last page")
	}
}

func TestSearchEscapesStoredHTML(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	searchExec(t, pool, `UPDATE partnership SET note = 'Besuch <script>alert("xss")</script> <b>fett</b> Zuckerwattefest'
	                     WHERE partner_city_id = (SELECT id FROM partner_city WHERE name_en = 'Cardiff')`)
	c := servertest.Client(t)
	for _, q := range []string{"Zuckerwattefest", "script", `<script>alert("xss")</script>`, "alert"} {
		res, doc := searchGet(t, c, srv.URL, url.Values{"q": {q}}, "de")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", q, res.StatusCode)
		}
		if n := doc.Find("main script, main b, .search-result__snippet *:not(mark)").Length(); n != 0 {
			t.Errorf("%s: %d elements from the stored text", q, n)
		}
		snippet := doc.Find(".search-result__snippet")
		if snippet.Length() == 0 {
			t.Errorf("%s: no result", q)
			continue
		}
		if !strings.Contains(snippet.Text(), `<script>alert("xss")</script>`) {
			t.Errorf("%s: the note is not shown as text: %q", q, snippet.Text())
		}
		if snippet.Find("mark").Length() == 0 {
			t.Errorf("%s: nothing marked", q)
		}
	}
}

func TestSearchBadRequests(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)
	long := strings.Repeat("Städtepartnerschaft ", 100) // 2,000 characters
	cases := []struct {
		name, rawQuery string
		status         int
		message        string
	}{
		{"too long", "q=" + url.QueryEscape(long), 400, "too long"},
		{"201 characters", "q=" + strings.Repeat("a", 201), 400, "too long"},
		{"NUL", "q=a%00b", 400, "cannot be searched"},
		{"invalid UTF-8", "q=%C3%28", 400, "cannot be searched"},
		{"unknown municipality", "q=x&m=oslo", 400, "no such municipality"},
		{"malformed municipality", "q=x&m=%3Cscript%3E", 400, "no such municipality"},
		{"invalid kind", "q=x&kind=people", 400, "no such kind"},
		{"page zero", "q=x&kind=trips&page=0", 400, "page number"},
		{"page text", "q=x&kind=trips&page=abc", 400, "page number"},
		{"page without kind", "q=x&page=2", 400, "within one kind of result"},
		{"bad escape", "q=%zz", 400, "could not be read"},
		{"page past the end", "q=v%C3%A4nort&kind=policies&page=500", 200, "Page 500 does not exist; showing the last page, 1."},
		{"200 characters", "q=" + strings.Repeat("a", 200), 200, ""},
	}
	for _, q := range []string{`"vänort`, `-`, `OR`, `a OR b`, `(vänort`, `)`, `\`, `\\"`, `'`, `🙂`,
		`vänort -Göteborg`, `"Göteborgs Stad" OR Berlin`, `<b>`, `&`, `!:*`, "\t\n", `\x00`} {
		cases = append(cases, struct {
			name, rawQuery string
			status         int
			message        string
		}{"syntax " + q, url.Values{"q": {q}}.Encode(), 200, ""})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, doc := servertest.Get(t, c, srv.URL+"/search?"+tc.rawQuery, "en")
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.status)
			}
			if tc.message != "" && !strings.Contains(doc.Find("main").Text(), tc.message) {
				t.Errorf("page does not say %q: %q", tc.message, strings.TrimSpace(doc.Find("main").Text()))
			}
		})
	}
}

func TestSearchBox(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)
	for _, slug := range []string{"", "goteborg"} {
		var buf bytes.Buffer
		p := templates.Page{L: i18n.MustLoad().Localizer("sv")}
		if err := searchweb.SearchBox(p, `vänort "<x>"`, slug).Render(context.Background(), &buf); err != nil {
			t.Fatal(err)
		}
		doc, err := goquery.NewDocumentFromReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		form := doc.Find("form[role=search]")
		if form.AttrOr("action", "") != "/search" || form.AttrOr("method", "") != "get" {
			t.Fatalf("form: %s", buf.String())
		}
		input := form.Find("input[name=q]")
		id := input.AttrOr("id", "")
		if id == "" || form.Find("label[for="+id+"]").Text() == "" || form.Find("button[type=submit]").Text() == "" {
			t.Errorf("%q: field without label or button", slug)
		}
		if input.AttrOr("value", "") != `vänort "<x>"` {
			t.Errorf("value = %q", input.AttrOr("value", ""))
		}
		if got := form.Find("input[name=m]").AttrOr("value", ""); got != slug {
			t.Errorf("m = %q, want %q", got, slug)
		}
		// What the box submits is a valid search.
		v := url.Values{"q": {"vänort"}}
		if slug != "" {
			v.Set("m", slug)
		}
		res, page := searchGet(t, c, srv.URL, v, "sv")
		if res.StatusCode != http.StatusOK || page.Find(".search-result").Length() == 0 {
			t.Errorf("%q: status %d, %d results", slug, res.StatusCode, page.Find(".search-result").Length())
		}
	}
}

func TestSearchPageInBrowser(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	seedSearchTrips(t, pool)
	ctx := browsertest.New(t)

	browsertest.Navigate(t, ctx, srv.URL+"/search?lang=en")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "search-empty")
	browsertest.Fill(t, ctx, "#search-q", "børn")
	browsertest.Click(t, ctx, ".search-form button[type=submit]")
	browsertest.WaitVisible(t, ctx, ".search-result")
	if n := browsertest.Count(t, ctx, ".search-result mark"); n == 0 {
		t.Error("no marked words")
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "search-results")
	browsertest.Screenshot(t, ctx, 1280, "search-results")

	browsertest.Navigate(t, ctx, srv.URL+"/search?q=Partnerst%C3%A4dte&lang=de")
	if got := browsertest.Text(t, ctx, "h1"); got != "Suche" {
		t.Errorf("h1 = %q", got)
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "search-results-de")

	browsertest.Navigate(t, ctx, srv.URL+"/search?q=qqqxyzzy&m=ballerup&lang=da")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "search-none")

	// A second portal with demo data: many results, the "more" link and pages.
	demoSrv, demoPool := servertest.New(t)
	loadSearchDemo(t, demoPool)
	browsertest.Navigate(t, ctx, demoSrv.URL+"/search?q=Delegation&lang=de")
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 1280, "search-demo")
	browsertest.Navigate(t, ctx, demoSrv.URL+"/search?q=Delegation&kind=trips&page=2&lang=de")
	if n := browsertest.Count(t, ctx, ".search-pager a"); n == 0 {
		t.Error("no pager on page 2")
	}
	browsertest.Axe(t, ctx)
	browsertest.Screenshot(t, ctx, 375, "search-demo-page2")
}
