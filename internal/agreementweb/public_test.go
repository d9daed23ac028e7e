package agreementweb_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/servertest"
)

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

	servertest.SeedStuttgartAgreements(t, pool)
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
