package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/servertest"
)

func TestHome(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	res, doc := servertest.Get(t, servertest.Client(t), srv.URL+"/", "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if got := doc.Find("html").AttrOr("lang", ""); got != "en" {
		t.Errorf("html lang = %q", got)
	}
	if doc.Find("main#main h1").Length() != 1 {
		t.Error("no single h1 in main")
	}
	links := map[string]string{}
	doc.Find(".cards .card__title a").Each(func(_ int, s *goquery.Selection) {
		links[s.AttrOr("href", "")] = strings.TrimSpace(s.Text())
	})
	want := map[string]string{"/m/vasteras": "Västerås", "/m/stuttgart": "Stuttgart", "/m/goteborg": "Göteborg", "/m/ballerup": "Ballerup Kommune", "/m/berlin": "Berlin"}
	for href, name := range want {
		if links[href] != name {
			t.Errorf("link %s: %q, want %q", href, links[href], name)
		}
	}
	if len(links) != 5 {
		t.Errorf("%d municipality links, want 5", len(links))
	}
	css := doc.Find(`link[rel=stylesheet]`).AttrOr("href", "")
	if !strings.HasPrefix(css, "/static/site.") {
		t.Fatalf("stylesheet %q is not content-hashed", css)
	}
	cres, err := http.Get(srv.URL + css)
	if err != nil {
		t.Fatal(err)
	}
	cres.Body.Close()
	if cres.StatusCode != 200 || !strings.Contains(cres.Header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(cres.Header.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet: %d %q %q", cres.StatusCode, cres.Header.Get("Cache-Control"), cres.Header.Get("Content-Type"))
	}
	if doc.Find("script").Length() != 0 {
		t.Error("the public page carries a script")
	}
	if form := doc.Find(`form[action="/search"]`); form.Length() != 1 || form.Find(`input[name="q"]`).Length() != 1 {
		t.Error("no search box on the start page")
	}
}

func TestMunicipalityPages(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)

	t.Run("Västerås: seven priorities, expired policy", func(t *testing.T) {
		res, doc := servertest.Get(t, c, srv.URL+"/m/vasteras", "en")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d", res.StatusCode)
		}
		if got := strings.TrimSpace(doc.Find("main h1").Text()); got != "Västerås" {
			t.Errorf("h1 %q", got)
		}
		var priorities *goquery.Selection
		doc.Find("main h4").Each(func(_ int, s *goquery.Selection) {
			if strings.TrimSpace(s.Text()) == "Priorities" {
				priorities = s.Next()
			}
		})
		if priorities == nil {
			t.Fatal("no Priorities heading")
		}
		if n := priorities.Find("li").Length(); n != 7 {
			t.Errorf("%d priorities, want 7", n)
		}
		notice := doc.Find(".notice--warning")
		if notice.Length() != 1 || !strings.Contains(notice.Text(), "2020") || !strings.Contains(notice.Text(), "expired") {
			t.Errorf("expiry notice: %q", notice.Text())
		}
		if got := doc.Find(`section[aria-labelledby="partners"] table tbody tr`).Length(); got != 9 {
			t.Errorf("%d partner rows, want 9", got)
		}
		if doc.Find(`section[aria-labelledby="partners"] svg`).Length() != 1 {
			t.Error("no partner map")
		}
	})

	t.Run("Ballerup: Danish text in lang=da", func(t *testing.T) {
		_, doc := servertest.Get(t, c, srv.URL+"/m/ballerup", "en")
		da := doc.Find(`ol.priorities[lang="da"]`)
		if da.Length() == 0 {
			t.Fatal("no priorities marked lang=da")
		}
		text := da.Text()
		for _, want := range []string{"Børne- og ungeområdet", "Erhvervsområdet", "Mellemfolkelige relationer", "Tværgående indsatser"} {
			if !strings.Contains(text, want) {
				t.Errorf("missing %q", want)
			}
		}
		if doc.Find(".notice--warning").Length() != 0 {
			t.Error("Ballerup's policy has no end date but shows an expiry notice")
		}
		summary := doc.Find(`p.lead[lang="da"]`).Text()
		if !strings.Contains(summary, "ø") && !strings.Contains(summary, "å") {
			t.Errorf("summary lacks Danish letters: %q", summary)
		}
	})

	t.Run("unknown slug is a 404 in the site layout", func(t *testing.T) {
		res, doc := servertest.Get(t, c, srv.URL+"/m/atlantis", "de")
		if res.StatusCode != http.StatusNotFound {
			t.Fatalf("status %d", res.StatusCode)
		}
		if doc.Find("header.site-header").Length() != 1 || doc.Find("main#main h1").Length() != 1 {
			t.Error("the 404 page lacks the layout")
		}
		if got := doc.Find("html").AttrOr("lang", ""); got != "de" {
			t.Errorf("404 page lang %q", got)
		}
		if id := res.Header.Get("X-Request-Id"); id == "" || !strings.Contains(doc.Find("main").Text(), id) {
			t.Errorf("request id %q not on the error page", id)
		}
	})

	for _, path := range []string{"/nothing-here", "/m/", "/m/ballerup/unknown", "/m/%00", "/m/" + strings.Repeat("x", 3000)} {
		t.Run("404 "+path[:min(len(path), 20)], func(t *testing.T) {
			res, _ := servertest.Get(t, c, srv.URL+path, "")
			if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d", res.StatusCode)
			}
		})
	}

	t.Run("POST is not allowed", func(t *testing.T) {
		res, err := c.Post(srv.URL+"/m/ballerup", "text/plain", strings.NewReader("x"))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("status %d", res.StatusCode)
		}
	})
}

func TestLanguage(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)
	for header, want := range map[string]string{"de-DE,de;q=0.9": "de", "sv-SE": "sv", "da": "da", "fr": "en", "": "en"} {
		_, doc := servertest.Get(t, c, srv.URL+"/m/stuttgart", header)
		if got := doc.Find("html").AttrOr("lang", ""); got != want {
			t.Errorf("Accept-Language %q: lang %q, want %q", header, got, want)
		}
	}
	// Switching is a plain link on every page, and the choice is remembered.
	_, doc := servertest.Get(t, c, srv.URL+"/m/stuttgart", "en")
	href, ok := doc.Find(`.language-switcher a[hreflang="sv"]`).Attr("href")
	if !ok || href != "/m/stuttgart?lang=sv" {
		t.Fatalf("Swedish link %q", href)
	}
	_, doc = servertest.Get(t, c, srv.URL+href, "en")
	if got := doc.Find("html").AttrOr("lang", ""); got != "sv" {
		t.Fatalf("after switching: lang %q", got)
	}
	if got := strings.TrimSpace(doc.Find(`.language-switcher a[aria-current]`).Text()); got != "Svenska" {
		t.Errorf("current language marked %q", got)
	}
	_, doc = servertest.Get(t, c, srv.URL+"/", "en")
	if got := doc.Find("html").AttrOr("lang", ""); got != "sv" {
		t.Errorf("the choice was not remembered: lang %q", got)
	}
	// A bogus ?lang= is ignored.
	_, doc = servertest.Get(t, servertest.Client(t), srv.URL+"/?lang=xx", "de")
	if got := doc.Find("html").AttrOr("lang", ""); got != "de" {
		t.Errorf("?lang=xx: lang %q", got)
	}
}

func TestHealth(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	status := func(path string) (int, map[string]any) {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var body map[string]any
		_ = json.NewDecoder(res.Body).Decode(&body)
		return res.StatusCode, body
	}
	if code, _ := status("/healthz"); code != http.StatusOK {
		t.Errorf("/healthz %d", code)
	}
	if code, body := status("/readyz"); code != http.StatusOK {
		t.Errorf("/readyz %d %v", code, body)
	}
	// A schema behind the migrations is not ready.
	m, err := database.NewMigrator(pool)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if _, err := m.Down(context.Background()); err != nil {
		t.Fatal(err)
	}
	if code, body := status("/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with schema behind: %d %v", code, body)
	}
	if code, _ := status("/healthz"); code != http.StatusOK {
		t.Errorf("/healthz with schema behind: %d", code)
	}
	// An unreachable database is not ready either.
	pool.Close()
	if code, body := status("/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the database closed: %d %v", code, body)
	}
}

// TestBudgetAtAGlance: Ballerup's lines recur every year from 2015, so the
// current year's appear on its page ("Det samlede centrale driftsbudget til
// internationale aktiviteter er på 522.000 kr. fra og med 2015"); Berlin, with
// none, says none are recorded.
func TestBudgetAtAGlance(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	_, doc := servertest.Get(t, servertest.Client(t), srv.URL+"/m/berlin", "en")
	if got := doc.Find(`section[aria-labelledby="budget-glance"]`).Text(); !strings.Contains(got, "No budget lines are recorded for 2026") {
		t.Errorf("2026 glance: %q", got)
	}
	_, doc = servertest.Get(t, servertest.Client(t), srv.URL+"/m/ballerup", "da")
	glance := doc.Find(".glance dd")
	if glance.Length() != 5 || glance.Eq(0).Text() != "756.000,00\u00a0kr." || glance.Eq(4).Text() != "7" {
		t.Errorf("glance: %q", glance.Text())
	}
	if doc.Find(`a[href="/m/ballerup/budget/2026"]`).Length() != 1 {
		t.Error("no link to the year's budget")
	}
}

// TestHead shows HEAD is answered wherever GET is, with GET's headers and no
// body, and that a method a URL does not take gets 405 naming the ones it does.
func TestHead(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	for _, path := range []string{"/", "/m/berlin", "/m/berlin/trips", "/m/berlin/trips.csv", "/m/berlin/feed.atom", "/healthz", "/readyz"} {
		get, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		get.Body.Close()
		res, err := http.Head(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || len(body) != 0 {
			t.Errorf("HEAD %s: status %d, %d bytes of body", path, res.StatusCode, len(body))
		}
		if got, want := res.Header.Get("Content-Type"), get.Header.Get("Content-Type"); got != want {
			t.Errorf("HEAD %s: Content-Type %q, GET has %q", path, got, want)
		}
	}
	res, err := http.Head(srv.URL + "/m/atlantis")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("HEAD of an unknown municipality: %d", res.StatusCode)
	}
	res, err = http.Post(srv.URL+"/m/berlin", "application/x-www-form-urlencoded", strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed || !strings.Contains(res.Header.Get("Allow"), "GET") {
		t.Errorf("POST /m/berlin: status %d, Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
}
