package browsertest_test

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/municipal-intl/portal/internal/browsertest"
)

const goodPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Harness self-test</title>
<style>
  body { font-family: sans-serif; margin: 0; color: #111; background: #fff; }
  header, main { padding: 1rem; }
  header { background: #1d3557; color: #fff; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 1rem; }
  .card { border: 1px solid #555; padding: 1rem; border-radius: 4px; }
</style>
</head>
<body>
<header><p>Municipal portal</p></header>
<main>
  <h1>Browser harness works</h1>
  <p>This page is served by httptest for the browsertest self-test.</p>
  <div class="cards">
    <section class="card"><h2>One</h2><p>First card.</p></section>
    <section class="card"><h2>Two</h2><p>Second card.</p></section>
    <section class="card"><h2>Three</h2><p>Third card.</p></section>
  </div>
  <label for="q">Search</label> <input id="q" name="q" type="search">
</main>
</body>
</html>`

// badPage breaks exactly one WCAG rule: an image without alt text.
const badPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken page</title></head>
<body>
<main>
  <h1>Broken</h1>
  <img id="logo" src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==" width="40" height="40">
</main>
</body>
</html>`

func server(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		}
	}
	mux.HandleFunc("GET /{$}", page(goodPage))
	mux.HandleFunc("GET /bad", page(badPage))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestHarness(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)

	browsertest.Navigate(t, ctx, srv.URL+"/")
	if got, want := browsertest.Text(t, ctx, "h1"), "Browser harness works"; got != want {
		t.Errorf("h1 = %q, want %q", got, want)
	}
	if got, want := browsertest.Title(t, ctx), "Harness self-test"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, ok := browsertest.Attr(t, ctx, "html", "lang"); !ok || got != "en" {
		t.Errorf("html lang = %q, %v; want \"en\", true", got, ok)
	}
	if got := browsertest.Count(t, ctx, "section.card"); got != 3 {
		t.Errorf("Count(section.card) = %d, want 3", got)
	}
	browsertest.Fill(t, ctx, "#q", "bins")
	browsertest.Click(t, ctx, "label[for=q]")

	browsertest.Axe(t, ctx)

	dir, err := browsertest.ArtifactsDir()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{375, 1280} {
		browsertest.Screenshot(t, ctx, w, "browsertest-selftest")
		path := filepath.Join(dir, fmt.Sprintf("browsertest-selftest-%d.png", w))
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("screenshot at %d: %v", w, err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("screenshot at %d is not a PNG: %v", w, err)
		}
		if cfg.Width != w || cfg.Height < browsertest.ViewportHeight {
			t.Errorf("screenshot at %d is %dx%d, want %d wide and at least %d high",
				w, cfg.Width, cfg.Height, w, browsertest.ViewportHeight)
		}
	}
}

// recorder is a testing.TB that collects Errorf calls instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestAxeFindsViolation(t *testing.T) {
	srv := server(t)
	ctx := browsertest.New(t)
	browsertest.Navigate(t, ctx, srv.URL+"/bad")

	vs, err := browsertest.RunAxe(ctx)
	if err != nil {
		if os.Getenv("CI") != "true" && errors.Is(err, browsertest.ErrAxeNotFound) {
			t.Skip(err)
		}
		t.Fatal(err)
	}
	i := slices.IndexFunc(vs, func(v browsertest.Violation) bool { return v.ID == "image-alt" })
	if i < 0 {
		t.Fatalf("RunAxe = %v, want an image-alt violation", vs)
	}
	v := vs[i]
	if v.Impact == "" || v.Help == "" || len(v.Nodes) != 1 || !slices.Contains(v.Nodes[0].Target, "#logo") {
		t.Errorf("image-alt violation = %+v, want an impact, help and the target #logo", v)
	}
	if len(vs) != 1 {
		t.Errorf("RunAxe found %d violations, want only image-alt: %v", len(vs), vs)
	}

	// Axe reports the same through t.Errorf, once at each width.
	rec := &recorder{TB: t}
	browsertest.Axe(rec, ctx)
	if len(rec.errs) != len(browsertest.AxeWidths) {
		t.Fatalf("Axe reported %q, want one error per width %v", rec.errs, browsertest.AxeWidths)
	}
	for i, w := range browsertest.AxeWidths {
		e := rec.errs[i]
		if !strings.Contains(e, "image-alt") || !strings.Contains(e, "#logo") || !strings.Contains(e, fmt.Sprintf("at %dpx", w)) {
			t.Errorf("Axe error %d = %q, want it to name image-alt, #logo and %dpx", i, e, w)
		}
	}
}

// phonePage breaks a rule only on a narrow screen: its table scrolls
// sideways inside a region that the keyboard cannot reach.
const phonePage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wide table</title>
<style>#wrap { overflow-x: auto; } table { width: 900px; }</style>
</head>
<body>
<main>
  <h1>Wide table</h1>
  <div id="wrap"><table><caption>Trips</caption><tr><th scope="col">Trip</th></tr><tr><td>Berlin</td></tr></table></div>
</main>
</body>
</html>`

func TestAxeChecksPhoneAndDesktop(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, phonePage)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	ctx := browsertest.New(t)
	browsertest.Navigate(t, ctx, srv.URL+"/")
	if _, err := browsertest.AxePath(); err != nil && os.Getenv("CI") != "true" {
		t.Skip(err)
	}
	browsertest.Screenshot(t, ctx, 1280, "browsertest-widths")

	rec := &recorder{TB: t}
	browsertest.Axe(rec, ctx)
	if len(rec.errs) != 1 || !strings.Contains(rec.errs[0], "scrollable-region-focusable") || !strings.Contains(rec.errs[0], "at 375px") {
		t.Errorf("Axe reported %q, want one scrollable-region-focusable error at 375px", rec.errs)
	}
	// The viewport the test had set is back.
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if width != 1280 {
		t.Errorf("viewport width after Axe = %d, want 1280", width)
	}
}
