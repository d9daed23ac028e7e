package budgetweb_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/servertest"
)

func TestCompareSeeded(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)
	res, doc := servertest.Get(t, c, srv.URL+"/compare", "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	// Without published trips the default is the current year.
	if v, _ := doc.Find("#compare-year option[selected]").Attr("value"); v != "2026" {
		t.Errorf("default year %q", v)
	}
	heads := doc.Find("table.compare-table thead th a")
	if heads.Length() != 5 {
		t.Fatalf("%d municipalities", heads.Length())
	}
	// 2026 has no rate yet: the 2025 rate is used and named.
	rateRow := doc.Find("table.compare-table tbody tr").Eq(2)
	if got := rateRow.Text(); !strings.Contains(got, "1 DKK = €0.133987") || !strings.Contains(got, "rate of 2025") || !strings.Contains(got, "ECB yearly average reference rate") {
		t.Errorf("rate row %q", got)
	}
	if got := rateRow.Find("details p").First().Text(); !strings.Contains(got, "annual mean") {
		t.Errorf("full source %q", got)
	}
	res, doc = servertest.Get(t, c, srv.URL+"/compare?year=2015", "de")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if got := doc.Find("table.compare-table tbody tr").Eq(2).Text(); !strings.Contains(got, "1 DKK = 0,134072 €") || strings.Contains(got, "Kurs von") {
		t.Errorf("2015 rate row %q", got)
	}
	if canon, _ := doc.Find(`link[rel="canonical"]`).Attr("href"); !strings.HasSuffix(canon, "/compare?year=2015") {
		t.Errorf("canonical %q", canon)
	}
}

func TestCompareDemo(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	budgetLoadDemo(t, pool)
	c := servertest.Client(t)
	ctx := context.Background()

	var latest int
	if err := pool.QueryRow(ctx, `SELECT max(extract(year FROM starts_on))::int FROM trip WHERE status = 'published'`).Scan(&latest); err != nil {
		t.Fatal(err)
	}
	_, doc := servertest.Get(t, c, srv.URL+"/compare", "en")
	if v, _ := doc.Find("#compare-year option[selected]").Attr("value"); v != strconv.Itoa(latest) {
		t.Errorf("default year %q, want latest with published trips %d", v, latest)
	}
	for _, year := range []int{latest, latest - 1, latest - 2} {
		_, doc := servertest.Get(t, c, srv.URL+"/compare?year="+strconv.Itoa(year), "en")
		heads := doc.Find("table.compare-table thead th a")
		if heads.Length() != 5 {
			t.Fatalf("%d: %d municipalities", year, heads.Length())
		}
		if doc.Find(".notice--demo").Length() != 1 {
			t.Errorf("%d: demo notice %d times", year, doc.Find(".notice--demo").Length())
		}
		body := doc.Find("table.compare-table tbody tr")
		heads.Each(func(i int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			slug := strings.TrimPrefix(href, "/m/")
			var trips int
			var own, eur, perThousand int64
			if err := pool.QueryRow(ctx, budgetEURCentsSQL, slug, year).Scan(&trips, &own, &eur, &perThousand); err != nil {
				t.Fatal(err)
			}
			cell := func(row int) string { return body.Eq(row).Find("td").Eq(i).Text() }
			if got := strings.TrimSpace(body.Eq(0).Find("td").Eq(i).Contents().First().Text()); got != strconv.Itoa(trips) && got != budgetGroupThousands(trips) {
				t.Errorf("%d %s: trips %q, want %d", year, slug, got, trips)
			}
			if got := budgetAmount(t, cell(1)); got != own {
				t.Errorf("%d %s: own currency %d, want %d", year, slug, got, own)
			}
			if got := budgetAmount(t, cell(3)); got != eur {
				t.Errorf("%d %s: EUR %d, want %d", year, slug, got, eur)
			}
			if got := budgetAmount(t, cell(5)); got != perThousand {
				t.Errorf("%d %s: per 1,000 residents %d, want %d", year, slug, got, perThousand)
			}
			if !strings.Contains(cell(3), "€") || !strings.Contains(cell(5), "€") {
				t.Errorf("%d %s: euro amounts without €: %q %q", year, slug, cell(3), cell(5))
			}
		})
		// Each municipality's priority shares add up to its spending.
		doc.Find(".compare-share-table").Each(func(_ int, tbl *goquery.Selection) {
			var sum int64
			tbl.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
				sum += budgetAmount(t, tr.Find("td").Eq(1).Text())
			})
			total := budgetAmount(t, tbl.Find("tfoot td").Eq(1).Text())
			// Each row is rounded on its own: allow a unit per row.
			if d := sum - total; d < -int64(tbl.Find("tbody tr").Length()) || d > int64(tbl.Find("tbody tr").Length()) {
				t.Errorf("%d: shares sum to %d, total %d", year, sum, total)
			}
		})
	}
}
