package server_test

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// A walk follows a site's links breadth first from its queue, on the same host,
// reading at most perPattern pages of each kind (a path with its numbers,
// references and years taken out, and the names of its query parameters).
type walk struct {
	base   string
	client *http.Client
	allow  func(path string) bool
	queue  []string
	seen   map[string]bool
	perKey map[string]int
	pages  int
}

const perPattern = 2

var variable = regexp.MustCompile(`^([0-9]+|[A-Z]{3}-[0-9]{4}-[0-9]+)$`)

func pattern(u *url.URL) string {
	segs := strings.Split(u.Path, "/")
	for i, s := range segs {
		if variable.MatchString(s) {
			segs[i] = "{}"
		}
	}
	q := u.Query()
	q.Del("lang")
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range q {
			if !yield(k) {
				return
			}
		}
	})
	return strings.Join(segs, "/") + "?" + strings.Join(keys, "&")
}

// read is one page in one language: its status and where a redirect sends,
// or what the check found and the links it has.
type read struct {
	status   int
	location string
	err      error
	result   pageResult
	links    []string
}

// parallel is how many pages are read at once: reading waits mostly on the
// database, so a few at a time take a fraction of the time of one by one.
const parallel = 6

func (w *walk) run(t *testing.T, ck *langCheck) {
	t.Helper()
	for _, p := range w.queue {
		w.seen[p] = true
	}
	for len(w.queue) > 0 {
		wave := w.queue
		w.queue = nil
		reads := make([][]read, len(wave))
		var wg sync.WaitGroup
		sem := make(chan struct{}, parallel)
		for i, path := range wave {
			reads[i] = make([]read, len(uiLanguages))
			for j, ui := range uiLanguages {
				wg.Go(func() {
					sem <- struct{}{}
					defer func() { <-sem }()
					reads[i][j] = w.read(path, ui, ck.needles)
				})
			}
		}
		wg.Wait()
		for i, path := range wave {
			for j, ui := range uiLanguages {
				r := reads[i][j]
				switch {
				case r.err != nil:
					t.Fatalf("GET %s (%s): %v", path, ui, r.err)
				case r.status == http.StatusSeeOther && r.location != "":
					// /m/{slug}/budget sends to the current year's.
					if u, err := url.Parse(r.location); err == nil && !w.seen[u.RequestURI()] && w.allow(u.Path) {
						w.seen[u.RequestURI()] = true
						w.queue = append(w.queue, u.RequestURI())
					}
					continue
				case r.status != http.StatusOK:
					t.Errorf("GET %s (%s): status %d", path, ui, r.status)
					continue
				}
				ck.merge(r.result)
				if j == 0 {
					w.follow(path, r.links)
				}
			}
			w.pages++
			if testing.Verbose() {
				t.Logf("read %s", path)
			}
		}
	}
}

// read fetches path in the interface language ui and checks it.
func (w *walk) read(path, ui string, ns *needles) read {
	req, err := http.NewRequest(http.MethodGet, w.base+path, nil)
	if err != nil {
		return read{err: err}
	}
	req.Header.Set("Accept-Language", ui)
	res, err := w.client.Do(req)
	if err != nil {
		return read{err: err}
	}
	defer res.Body.Close()
	r := read{status: res.StatusCode, location: res.Header.Get("Location")}
	if res.StatusCode != http.StatusOK {
		return r
	}
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		return read{err: err}
	}
	r.result = checkPage(path, ui, doc, ns)
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) { r.links = append(r.links, a.AttrOr("href", "")) })
	return r
}

func (w *walk) follow(from string, links []string) {
	base, _ := url.Parse(w.base + from)
	for _, href := range links {
		u, err := base.Parse(href)
		if err != nil || u.Host != base.Host || !w.allow(u.Path) {
			continue
		}
		q := u.Query()
		q.Del("lang")
		u.RawQuery, u.Fragment = q.Encode(), ""
		p := u.RequestURI()
		if w.seen[p] {
			continue
		}
		w.seen[p] = true
		key := pattern(u)
		limit := perPattern
		if u.RawQuery != "" {
			limit = 1
		}
		if w.perKey[key] >= limit {
			continue
		}
		w.perKey[key]++
		w.queue = append(w.queue, p)
	}
}

// publicPage: the pages a citizen reads (not downloads, files or the API).
func publicPage(path string) bool {
	if strings.HasPrefix(path, "/staff") || strings.HasPrefix(path, "/static") || strings.HasPrefix(path, "/api") ||
		strings.HasPrefix(path, "/setup") || strings.Contains(path, "/files/") || strings.HasSuffix(path, "/print.css") {
		return false
	}
	last := path[strings.LastIndex(path, "/")+1:]
	return !strings.Contains(last, ".")
}

var staffPatterns = []*regexp.Regexp{
	regexp.MustCompile(`^/staff$`),
	regexp.MustCompile(`^/staff/review(/[0-9]+)?$`),
	regexp.MustCompile(`^/staff/trips(/[0-9]+)?$`),
	regexp.MustCompile(`^/staff/meetings(/[0-9]+|/notices)?$`),
	regexp.MustCompile(`^/staff/policy/rules$`),
}

// staffPage: the workspace pages that show content (not its editors).
func staffPage(path string) bool {
	return slices.ContainsFunc(staffPatterns, func(re *regexp.Regexp) bool { return re.MatchString(path) })
}
