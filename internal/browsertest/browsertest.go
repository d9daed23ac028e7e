// Package browsertest is the harness for the portal's browser tests. It starts
// a headless Chromium through chromedp, checks pages with axe-core, and saves
// screenshots as test artefacts.
//
// A page test typically looks like:
//
//	ctx := browsertest.New(t)
//	browsertest.Navigate(t, ctx, srv.URL+"/")
//	if got := browsertest.Text(t, ctx, "h1"); got != "Welcome" {
//		t.Errorf("h1 = %q", got)
//	}
//	browsertest.Axe(t, ctx)
//	browsertest.Screenshot(t, ctx, 375, "home")
//	browsertest.Screenshot(t, ctx, 1280, "home")
//
// When Chromium or axe-core is missing, the test is skipped, unless the
// environment variable CI is "true": then it fails with a hint on how to
// install the missing piece.
package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Timeout is the longest time one browser started by New lives. When it runs
// out, the browser is killed and every later action on its context fails.
// A test that has a deadline of its own (go test -timeout) gets the earlier
// of the two. It bounds a whole test (a journey visits dozens of pages, each
// checked by axe at two widths), and is generous because shared machines run
// several test binaries and browsers at once.
const Timeout = 3 * time.Minute

// ViewportHeight is the height of the viewport that Screenshot sets.
const ViewportHeight = 800

// installChromium tells how to get the browser on Debian.
const installChromium = "install it with: apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver (or set CHROMIUM_PATH)"

// inCI reports whether the tests run in CI, where missing tools are errors.
func inCI() bool { return os.Getenv("CI") == "true" }

// missing fails the test in CI and skips it elsewhere.
func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if inCI() {
		t.Fatal("browsertest: " + msg)
	}
	t.Skip("browsertest: " + msg)
}

// ChromiumPath returns the browser that New starts: the environment variable
// CHROMIUM_PATH when set, else /usr/bin/chromium, else the first of chromium,
// chromium-browser and google-chrome found in PATH.
func ChromiumPath() (string, error) {
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		if !isExecutable(p) {
			return "", fmt.Errorf("CHROMIUM_PATH=%q is not an executable file", p)
		}
		return p, nil
	}
	if isExecutable("/usr/bin/chromium") {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found (looked at $CHROMIUM_PATH, /usr/bin/chromium, and chromium, chromium-browser, google-chrome in $PATH)")
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// New starts a fresh headless Chromium with its own temporary profile and
// returns a chromedp context for its first tab. The browser is closed when the
// test ends, and killed after Timeout at the latest. Without Chromium the test
// is skipped, or fails when CI=true. Set BROWSERTEST_VERBOSE=1 to log the
// browser's own output at the end of the test.
func New(t testing.TB) context.Context {
	t.Helper()
	path, err := ChromiumPath()
	if err != nil {
		missing(t, "%v; %s", err, installChromium)
	}

	timeout := Timeout
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if dl, ok := d.Deadline(); ok {
			// Leave a little time for the test to report before go test
			// panics on its own deadline.
			if left := time.Until(dl) - 5*time.Second; left < timeout {
				timeout = max(left, time.Second)
			}
		}
	}
	// Not t.Context(): that is cancelled before the cleanups run, which
	// would kill the browser instead of closing it.
	tctx, tcancel := context.WithTimeout(context.Background(), timeout)

	out := &tailBuffer{max: 16 << 10}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.CombinedOutput(out),
	}
	actx, acancel := chromedp.NewExecAllocator(tctx, opts...)
	ctx, cancel := chromedp.NewContext(actx)

	// t.TempDir registered its cleanup above, so this one runs first and the
	// browser is gone before its profile directory is removed.
	t.Cleanup(func() {
		cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
		if err := chromedp.Cancel(cctx); err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
			t.Logf("browsertest: closing Chromium: %v", err)
		}
		ccancel()
		cancel()
		acancel()
		tcancel()
		// Chromium's output is mostly noise (D-Bus errors in a container),
		// so it is shown only on request, or above when the start fails.
		if os.Getenv("BROWSERTEST_VERBOSE") != "" {
			if s := strings.TrimSpace(out.String()); s != "" {
				t.Logf("browsertest: Chromium output (tail):\n%s", s)
			}
		}
	})

	start := time.Now()
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("browsertest: starting %s: %v\n%s", path, err, out.String())
	}
	t.Logf("browsertest: started %s in %v", path, time.Since(start).Round(time.Millisecond))
	return ctx
}

// tailBuffer keeps the last max bytes written to it. The browser writes to it
// from another goroutine.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.max; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

// Navigate loads url in the browser and waits for the page's load event.
func Navigate(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("browsertest: navigate to %s: %v", url, err)
	}
}

// Text returns the visible text of the first element that matches the CSS
// selector sel, waiting for it to appear.
func Text(t testing.TB, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("browsertest: text of %q: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// Title returns the document title of the current page.
func Title(t testing.TB, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatalf("browsertest: title: %v", err)
	}
	return s
}

// Attr returns the attribute name of the first element that matches the CSS
// selector sel, and whether the element has it.
func Attr(t testing.TB, ctx context.Context, sel, name string) (string, bool) {
	t.Helper()
	r, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		t.Fatalf("browsertest: attribute %s of %q: %v", name, sel, err)
	}
	return r.Value, r.Exists
}

// Count returns how many elements match the CSS selector sel right now,
// without waiting.
func Count(t testing.TB, ctx context.Context, sel string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf("document.querySelectorAll(%s).length", jsString(sel))))
	if err != nil {
		t.Fatalf("browsertest: count %q: %v", sel, err)
	}
	return n
}

// Click clicks the first element that matches the CSS selector sel, waiting
// for it to be visible. It does not wait for a navigation that the click
// starts; follow it with WaitVisible on something of the next page.
func Click(t testing.TB, ctx context.Context, sel string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("browsertest: click %q: %v", sel, err)
	}
}

// ClickAndLoad clicks the element that matches sel, which loads another page (a
// link or a form's button), and waits until the browser shows a new document with
// an element matching then: a selector the old page may also have matched is
// not mistaken for the answer.
func ClickAndLoad(t testing.TB, ctx context.Context, sel, then string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { document.documentElement.dataset.stale = "1"; return true })()`)); err != nil {
		t.Fatalf("browsertest: mark the page before clicking %q: %v", sel, err)
	}
	Click(t, ctx, sel)
	if err := chromedp.Do(ctx, chromedp.WaitNotPresent(chromedp.CSS("html[data-stale]"))); err != nil {
		t.Fatalf("browsertest: no new page after clicking %q: %v", sel, err)
	}
	WaitVisible(t, ctx, then)
}

// SignIn signs email in with password through the workspace's sign-in form at
// base, in language lang, and waits for the dashboard.
func SignIn(t testing.TB, ctx context.Context, base, lang, email, password string) {
	t.Helper()
	Navigate(t, ctx, base+"/staff/sign-in?lang="+lang)
	WaitVisible(t, ctx, "#email")
	Fill(t, ctx, "#email", email)
	Fill(t, ctx, "#password", password)
	ClickAndLoad(t, ctx, `main form button[type="submit"]`, ".dashboard")
}

// Fill types value into the form field that matches the CSS selector sel,
// after clearing it.
func Fill(t testing.TB, ctx context.Context, sel, value string) {
	t.Helper()
	// Emptied by script rather than chromedp.Clear, which fails on an empty textarea.
	empty := fmt.Sprintf("(() => { const e = document.querySelector(%s); if (e) { e.value = ''; } return !!e })()", jsString(sel))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](empty)); err != nil {
		t.Fatalf("browsertest: fill %q: %v", sel, err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(sel), value)); err != nil {
		t.Fatalf("browsertest: fill %q: %v", sel, err)
	}
}

// WaitVisible waits until the first element that matches the CSS selector sel
// is visible.
func WaitVisible(t testing.TB, ctx context.Context, sel string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
		t.Fatalf("browsertest: wait for %q: %v", sel, err)
	}
}

// Screenshot sets the viewport to width × ViewportHeight CSS pixels (emulating
// a portrait touch phone when width < 600), takes a screenshot of the whole
// page and writes it as <name>-<width>.png into the artefacts directory:
// $TEST_ARTIFACTS_DIR, else <module root>/test-artifacts. The viewport stays
// set afterwards.
//
// As on a real phone, a page without <meta name="viewport"
// content="width=device-width"> is laid out 980px wide under mobile
// emulation, so its narrow screenshot comes out about 980px wide.
func Screenshot(t testing.TB, ctx context.Context, width int, name string) {
	t.Helper()
	setViewport(t, ctx, width, ViewportHeight)
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("browsertest: screenshot %s at %dpx: %v", name, width, err)
	}
	dir, err := ArtifactsDir()
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	path := filepath.Join(dir, fmt.Sprintf("%s-%d.png", safeName(name), width))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	t.Logf("browsertest: screenshot %s", path)
}

// ArtifactsDir returns where Screenshot writes: $TEST_ARTIFACTS_DIR, else
// <module root>/test-artifacts.
func ArtifactsDir() (string, error) {
	if d := os.Getenv("TEST_ARTIFACTS_DIR"); d != "" {
		return filepath.Abs(d)
	}
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "test-artifacts"), nil
}

// ModuleRoot returns the nearest directory at or above the working directory
// that holds a go.mod file. Under go test, the working directory is the
// package's directory.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod found above the working directory")
		}
		dir = parent
	}
}

// safeName keeps letters, digits, '.', '_' and '-', and turns the rest into
// '-', so that a name cannot leave the artefacts directory.
func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '_', c == '-':
		default:
			b[i] = '-'
		}
	}
	s = strings.Trim(string(b), ".-")
	if s == "" {
		s = "screenshot"
	}
	return s
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}
