package tripweb_test

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/tripweb"
	"github.com/municipal-intl/portal/templates"
)

func TestDownloadsComponent(t *testing.T) {
	t.Parallel()
	l := i18n.MustLoad().Localizer("de")
	var buf bytes.Buffer
	if err := tripweb.Downloads(templates.Page{L: l}, "stuttgart", "year=2025&page=3&lang=sv&country=&priority=F1").Render(context.Background(), &buf); err != nil {
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
