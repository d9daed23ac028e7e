package apiweb_test

import (
	"net/http"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/apiweb"
	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

func TestAPIPageInEveryLanguage(t *testing.T) {
	srv, _ := servertest.New(t)
	c := loadContract(t, srv)
	for lang, heading := range map[string]string{
		"en": "Open data: the API and the catalogue",
		"de": "Offene Daten: API und Katalog",
		"sv": "Öppna data: API och katalog",
		"da": "Åbne data: API og katalog",
	} {
		res, doc := servertest.Get(t, http.DefaultClient, srv.URL+"/api?lang="+lang, "")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", lang, res.StatusCode)
		}
		if got, _ := doc.Find("html").Attr("lang"); got != lang {
			t.Errorf("%s: html lang %q", lang, got)
		}
		if got := doc.Find("h1").Text(); got != heading {
			t.Errorf("%s: heading %q, want %q", lang, got, heading)
		}
		if doc.Find(`a[href="/api/v1/openapi.json"]`).Length() != 1 || doc.Find(`a[href="/catalog.jsonld"]`).Length() != 1 {
			t.Errorf("%s: no link to the OpenAPI document or the catalogue", lang)
		}
		// Each endpoint is listed with a description and a working example.
		if n, want := doc.Find(".api-endpoints dt").Length(), len(apiweb.Endpoints("x")); n != want {
			t.Errorf("%s: %d endpoints listed, want %d", lang, n, want)
		}
		doc.Find(".api-endpoints dd a").Each(func(_ int, s *goquery.Selection) {
			href := s.AttrOr("href", "")
			if a := c.get(t, srv, "GET", href); a.Status != http.StatusOK {
				t.Errorf("%s: example %s answers %d", lang, href, a.Status)
			}
		})
		// The footer of every page leads here.
		if doc.Find(`footer a[href="/api"]`).Length() != 1 {
			t.Errorf("%s: footer has no link to the API page", lang)
		}
	}
	// The register's open-data block leads to the API too.
	_, doc := servertest.Get(t, http.DefaultClient, srv.URL+"/m/ballerup/trips", "")
	if doc.Find(`.downloads a[href="/api"]`).Length() != 1 {
		t.Error("register's downloads do not link the API")
	}
}

// TestBrowserAPIPage checks the page with axe-core at 375 and 1280 px.
func TestBrowserAPIPage(t *testing.T) {
	srv, _ := servertest.New(t)
	ctx := browsertest.New(t)
	for _, lang := range []string{"en", "sv"} {
		browsertest.Navigate(t, ctx, srv.URL+"/api?lang="+lang)
		browsertest.WaitVisible(t, ctx, ".api-endpoints")
		for _, w := range []int{375, 1280} {
			browsertest.Screenshot(t, ctx, w, "api-"+lang)
		}
		browsertest.Axe(t, ctx)
	}
}
