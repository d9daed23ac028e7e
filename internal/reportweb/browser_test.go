package reportweb_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/ledongthuc/pdf"

	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBrowserYearlyReportPrints opens Ballerup's report for 2025 in Chromium, checks
// it with axe-core, prints it to PDF as a reader's "Print" would (A4, the page's own
// margins) and reads the PDF back: several pages, the report's text, and the running
// header with the municipality and the year on every page.
func TestBrowserYearlyReportPrints(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	if _, err := demo.Load(context.Background(), pool, demo.Options{Trips: 400, Seed: 7, Now: servertest.Now}); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	browsertest.Navigate(t, ctx, srv.URL+"/m/ballerup/report/2025?lang=en")
	browsertest.WaitVisible(t, ctx, ".report")
	browsertest.Axe(t, ctx)

	yes, no := true, false
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes, PrintBackground: &no})
	if err != nil {
		t.Fatal(err)
	}
	raw := res.Data
	// Kept beside the screenshots, for a person to look at.
	if dir, err := browsertest.ArtifactsDir(); err == nil && os.MkdirAll(dir, 0o755) == nil {
		_ = os.WriteFile(filepath.Join(dir, "yearly-report-ballerup-2025.pdf"), raw, 0o644)
	}
	r, err := pdf.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatalf("the PDF does not parse: %v", err)
	}
	n := r.NumPage()
	// Seven sections, each from a new page; tables may run over.
	if n < 7 || n > 25 {
		t.Errorf("%d pages", n)
	}
	var all strings.Builder
	for i := 1; i <= n; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			t.Fatalf("page %d missing", i)
		}
		if box := p.V.Key("MediaBox"); box.Len() != 4 || math.Abs(box.Index(2).Float64()-box.Index(0).Float64()-595.3) > 1 ||
			math.Abs(box.Index(3).Float64()-box.Index(1).Float64()-841.9) > 1 {
			t.Errorf("page %d is not A4: %v", i, box)
		}
		text := pageText(t, p)
		all.WriteString(text)
		if !strings.Contains(squash(text), squash("Ballerup Kommune · Yearly report 2025")) {
			t.Errorf("page %d has no running header: %.200q", i, text)
		}
		if !strings.Contains(text, "/ "+strconv.Itoa(n)) {
			t.Errorf("page %d has no page number of %d", i, n)
		}
	}
	// Words may wrap and runs join without spaces: compare without white space.
	text := squash(all.String())
	for _, want := range []string{"Yearly report 2025: international work of Ballerup Kommune", "The year at a glance",
		"Trips by priority", "Spending against the budget", "Emissions by transport mode", "Partnerships", "Late reports"} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	// No navigation and no footer on paper.
	for _, unwanted := range []string{"Skip to content", "Other years", "Dansk"} {
		if strings.Contains(text, squash(unwanted)) {
			t.Errorf("the PDF prints %q", unwanted)
		}
	}
}

// pageText is the text of one PDF page, its runs joined in reading order.
func pageText(t *testing.T, p pdf.Page) string {
	t.Helper()
	rows, err := p.GetTextByRow()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, row := range rows {
		for _, w := range row.Content {
			b.WriteString(w.S)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func squash(s string) string { return strings.Join(strings.Fields(s), "") }
