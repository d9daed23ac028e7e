package reportweb_test

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/servertest"
)

var digits = regexp.MustCompile(`[^0-9]`)

// number reads an integer as the page prints it in any of the languages.
func number(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(digits.ReplaceAllString(s, ""), 10, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return n
}

// row returns the cells of the table row whose header is label.
func row(doc *goquery.Document, table, label string) []string {
	var cells []string
	doc.Find(table + " tbody tr").Each(func(_ int, tr *goquery.Selection) {
		if strings.TrimSpace(tr.Find("th").First().Text()) == label {
			tr.Find("td").Each(func(_ int, td *goquery.Selection) { cells = append(cells, strings.TrimSpace(td.Text())) })
		}
	})
	return cells
}

// TestYearlyReport reads the report of every seeded municipality with demo data,
// in each language, and checks its figures against the trips themselves.
func TestYearlyReport(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	if _, err := demo.Load(context.Background(), pool, demo.Options{Trips: 400, Seed: 7, Now: servertest.Now}); err != nil {
		t.Fatal(err)
	}
	c := servertest.Client(t)
	const year = 2025
	y := strconv.Itoa(year)
	for _, slug := range []string{"vasteras", "stuttgart", "goteborg", "ballerup", "berlin"} {
		name := servertest.Scalar[string](t, pool, `SELECT name FROM municipality WHERE slug = $1`, slug)
		res, doc := servertest.Get(t, c, srv.URL+"/m/"+slug+"/report/"+y, "en")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", slug, res.StatusCode)
		}
		if h1 := doc.Find("h1").Text(); !strings.Contains(h1, name) || !strings.Contains(h1, y) {
			t.Errorf("%s: heading %q", slug, h1)
		}
		if href, _ := doc.Find(`link[rel="stylesheet"][media="print"]`).Attr("href"); href != "/m/"+slug+"/report/"+y+"/print.css?lang=en" {
			t.Errorf("%s: print stylesheet %q", slug, href)
		}
		// The year and the year before, against the trips.
		trips := row(doc, ".report-table", "Published trips")
		if len(trips) != 2 {
			t.Fatalf("%s: trips row %v", slug, trips)
		}
		for i, yr := range []int{year, year - 1} {
			want := servertest.Scalar[int64](t, pool, `SELECT count(*) FROM trip t JOIN municipality m ON m.id = t.municipality_id
				WHERE m.slug = $1 AND t.status = 'published' AND t.archived_at IS NULL AND extract(year FROM t.starts_on) = $2`, slug, yr)
			if got := number(t, trips[i]); got != want {
				t.Errorf("%s %d: %d published trips shown, %d in the register", slug, yr, got, want)
			}
		}
		if number(t, trips[0]) == 0 {
			t.Errorf("%s: the demo published no trip in %d, so the report shows little", slug, year)
		}
		// Journeys by transport mode add up to the destinations of the year's trips.
		var legs int64
		doc.Find("#report-modes-caption").Closest("table").Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
			legs += number(t, tr.Find("td").First().Text())
		})
		want := servertest.Scalar[int64](t, pool, `SELECT count(*) FROM trip_destination d JOIN trip t ON t.id = d.trip_id
			JOIN municipality m ON m.id = t.municipality_id
			WHERE m.slug = $1 AND t.status = 'published' AND t.archived_at IS NULL AND extract(year FROM t.starts_on) = $2`, slug, year)
		if legs != want {
			t.Errorf("%s: %d journeys by mode, %d destinations", slug, legs, want)
		}
		// Reports submitted late, against the trips that ended in the year.
		late := row(doc, ".report-table", "Submitted late")
		wantLate := servertest.Scalar[int64](t, pool, `SELECT count(*) FROM trip t JOIN municipality m ON m.id = t.municipality_id
			JOIN trip_report r ON r.trip_id = t.id
			WHERE m.slug = $1 AND t.archived_at IS NULL AND extract(year FROM t.ends_on) = $2
			  AND t.status IN ('report_submitted', 'report_approved', 'published')
			  AND r.submitted_at::date > t.ends_on + m.report_deadline_days`, slug, year)
		if len(late) != 2 || number(t, late[0]) != wantLate {
			t.Errorf("%s: late reports %v, want %d", slug, late, wantLate)
		}
		// Each chart is an image with a title and a description, followed by its table.
		doc.Find("svg").Each(func(_ int, svg *goquery.Selection) {
			if role, _ := svg.Attr("role"); role != "img" || svg.Find("title").Length() != 1 || svg.Find("desc").Length() != 1 {
				t.Errorf("%s: chart without role, title or description", slug)
			}
			if svg.Closest("figure").NextAllFiltered(".table-scroll").Find("table").Length() == 0 {
				t.Errorf("%s: chart %q has no table after it", slug, svg.Find("title").Text())
			}
		})
		if doc.Find("svg").Length() < 2 {
			t.Errorf("%s: %d charts", slug, doc.Find("svg").Length())
		}
		// The municipality's page and the budget link to the report.
		_, mdoc := servertest.Get(t, c, srv.URL+"/m/"+slug, "en")
		if mdoc.Find(`a[href="/m/`+slug+`/report"]`).Length() != 1 {
			t.Errorf("%s: the municipality page does not link the reports", slug)
		}
		_, bdoc := servertest.Get(t, c, srv.URL+"/m/"+slug+"/budget/"+y, "en")
		if bdoc.Find(`a[href="/m/`+slug+`/report/`+y+`"]`).Length() != 1 {
			t.Errorf("%s: the budget page does not link the report", slug)
		}
		_, ydoc := servertest.Get(t, c, srv.URL+"/m/"+slug+"/report", "en")
		if ydoc.Find(`a[href="/m/`+slug+`/report/`+y+`"]`).Length() != 1 {
			t.Errorf("%s: the list of reports does not link %s", slug, y)
		}
	}

	for lang, title := range map[string]string{"de": "Jahresbericht", "sv": "Årsrapport", "da": "Årsrapport", "en": "Yearly report"} {
		res, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/report/"+y+"?lang="+lang, "")
		if res.StatusCode != http.StatusOK || !strings.Contains(doc.Find("h1").Text(), title) {
			t.Errorf("%s: status %d, heading %q", lang, res.StatusCode, doc.Find("h1").Text())
		}
		if doc.Find("html").AttrOr("lang", "") != lang {
			t.Errorf("%s: page in %q", lang, doc.Find("html").AttrOr("lang", ""))
		}
	}

	// The running header on paper names the municipality and the year.
	res, err := c.Get(srv.URL + "/m/ballerup/report/" + y + "/print.css?lang=da")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	css := string(body)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") ||
		!strings.Contains(css, `@top-left { content: "Ballerup Kommune · Årsrapport 2025"`) {
		t.Errorf("print.css (%s):\n%s", ct, css)
	}

	// A year without anything says so; a year that is no year is not found.
	res2, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/report/2150?lang=en", "en")
	if res2.StatusCode != http.StatusOK || !strings.Contains(doc.Find("main").Text(), "Nothing is recorded for 2150") {
		t.Errorf("empty year: status %d", res2.StatusCode)
	}
	for _, bad := range []string{"/m/ballerup/report/abcd", "/m/ballerup/report/1800", "/m/ballerup/report/20255",
		"/m/ballerup/report/1800/print.css", "/m/nowhere/report/2025", "/m/nowhere/report"} {
		if res, _ := servertest.Get(t, c, srv.URL+bad, "en"); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", bad, res.StatusCode)
		}
	}
}
