package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// AxeTags are the axe-core rule tags that RunAxe checks: WCAG 2.0 and 2.1,
// levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// installAxe tells how to get axe-core.
const installAxe = "install it with: npm ci --prefix scripts/axe (from the module root), or set AXE_CORE_PATH to axe.min.js"

// ErrAxeNotFound is returned (wrapped) by AxePath and RunAxe when axe.min.js
// cannot be found.
var ErrAxeNotFound = errors.New("axe-core not found")

// Violation is one axe-core rule that the page breaks.
type Violation struct {
	ID          string          `json:"id"`
	Impact      string          `json:"impact"`
	Help        string          `json:"help"`
	HelpURL     string          `json:"helpUrl"`
	Description string          `json:"description"`
	Nodes       []ViolationNode `json:"nodes"`
}

// ViolationNode is one element that breaks a rule.
type ViolationNode struct {
	// Target holds the CSS selectors of the element. An element inside an
	// iframe or a shadow root has one selector per level, joined with " >>> ".
	Target []string `json:"target"`
	// HTML is the start of the element's markup.
	HTML string `json:"html"`
	// Summary is axe-core's advice on how to fix the element.
	Summary string `json:"failureSummary"`
}

// String formats v on one line: id, impact, help, the selectors of up to
// five elements, and the help URL.
func (v Violation) String() string {
	var targets []string
	for i, n := range v.Nodes {
		if i == 5 {
			targets = append(targets, fmt.Sprintf("… and %d more", len(v.Nodes)-5))
			break
		}
		targets = append(targets, strings.Join(n.Target, " "))
	}
	s := fmt.Sprintf("%s (%s): %s [%s]", v.ID, v.Impact, v.Help, strings.Join(targets, ", "))
	if v.HelpURL != "" {
		s += " " + v.HelpURL
	}
	return s
}

// AxePath returns the axe-core script: $AXE_CORE_PATH when set, else
// <module root>/scripts/axe/node_modules/axe-core/axe.min.js. The error wraps
// ErrAxeNotFound when the file is missing.
func AxePath() (string, error) {
	if p := os.Getenv("AXE_CORE_PATH"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%w: AXE_CORE_PATH: %v", ErrAxeNotFound, err)
		}
		return p, nil
	}
	root, err := ModuleRoot()
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrAxeNotFound, err)
	}
	p := filepath.Join(root, "scripts", "axe", "node_modules", "axe-core", "axe.min.js")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: %v", ErrAxeNotFound, err)
	}
	return p, nil
}

var axeCache struct {
	sync.Mutex
	path, src string
}

// axeSource reads the axe-core script once per path.
func axeSource() (string, error) {
	path, err := AxePath()
	if err != nil {
		return "", err
	}
	axeCache.Lock()
	defer axeCache.Unlock()
	if axeCache.path != path {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrAxeNotFound, err)
		}
		axeCache.path, axeCache.src = path, string(b)
	}
	return axeCache.src, nil
}

// axeRunJS runs axe-core on the whole document and keeps only what
// Violation holds. Nested targets (iframes, shadow roots) are flattened.
const axeRunJS = `axe.run(document, {
	runOnly: {type: "tag", values: %s},
	resultTypes: ["violations"]
}).then(r => r.violations.map(v => ({
	id: v.id,
	impact: v.impact || "",
	help: v.help,
	helpUrl: v.helpUrl,
	description: v.description,
	nodes: v.nodes.map(n => ({
		target: n.target.map(s => Array.isArray(s) ? s.join(" >>> ") : String(s)),
		html: n.html,
		failureSummary: n.failureSummary || ""
	}))
})))`

// RunAxe injects axe-core into the current page (once per document) and
// returns the violations of the rules tagged AxeTags. An empty result means
// the page passes.
func RunAxe(ctx context.Context) ([]Violation, error) {
	src, err := axeSource()
	if err != nil {
		return nil, err
	}
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object" && typeof window.axe.run === "function"`))
	if err != nil {
		return nil, fmt.Errorf("checking for axe-core: %w", err)
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
			return nil, fmt.Errorf("injecting axe-core: %w", err)
		}
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](
		fmt.Sprintf(axeRunJS, jsStrings(AxeTags)), chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	return vs, nil
}

// AxeWidths are the viewport widths, in CSS pixels, at which Axe checks a
// page: a phone and a desktop.
var AxeWidths = []int{375, 1280}

// axeHeight is the viewport height Axe sets for a width: a phone is taller
// than wide, a desktop wider than tall.
func axeHeight(width int) int64 {
	if width < 600 {
		return ViewportHeight
	}
	return 900
}

// Axe checks the current page with axe-core against WCAG 2.1 A and AA at each
// of AxeWidths (375×800 as a touch phone, then 1280×900), and reports each
// violation with t.Errorf, naming the width. The viewport the page had before
// is set again afterwards. Without axe-core the test is skipped, or fails when
// CI=true.
func Axe(t testing.TB, ctx context.Context) {
	t.Helper()
	before, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[window.innerWidth, window.innerHeight]`))
	if err != nil {
		t.Fatalf("browsertest: axe: reading the viewport: %v", err)
	}
	url, _ := chromedp.Run(ctx, chromedp.Location())
	for _, w := range AxeWidths {
		setViewport(t, ctx, w, axeHeight(w))
		vs, err := RunAxe(ctx)
		if errors.Is(err, ErrAxeNotFound) {
			missing(t, "%v; %s", err, installAxe)
		}
		if err != nil {
			t.Fatalf("browsertest: axe at %dpx: %v", w, err)
		}
		for _, v := range vs {
			t.Errorf("axe violation at %dpx on %s: %s", w, url, v)
		}
	}
	if len(before) == 2 && before[0] > 0 && before[1] > 0 {
		setViewport(t, ctx, before[0], int64(before[1]))
	}
}

// setViewport sets the viewport to width × height CSS pixels, emulating a
// portrait touch phone when width < 600.
func setViewport(t testing.TB, ctx context.Context, width int, height int64) {
	t.Helper()
	var vopts []chromedp.EmulateViewportOption
	if width < 600 {
		vopts = append(vopts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), height, vopts...)); err != nil {
		t.Fatalf("browsertest: viewport %dx%d: %v", width, height, err)
	}
}

func jsStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = jsString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
