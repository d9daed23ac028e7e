package web

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/andybalholm/brotli"
	"golang.org/x/sync/singleflight"

	"github.com/municipal-intl/portal/internal/content"
)

// Caching of public responses. Between two publications every public page is the
// same bytes for every anonymous visitor, so PageCache renders a page once per
// content version (internal/content) and keeps it, compressed, in a bounded LRU.
// Responses carry a strong ETag (a hash of the bytes), Last-Modified (when the
// version moved) and Cache-Control: public, so browsers, reverse proxies and CDNs
// can keep and revalidate them too. A signed-in person's responses name them: they
// are never kept and are marked private.
const (
	// PublicMaxAge is how long a browser or proxy may reuse a public page without
	// asking; after a publication a page may be that much behind in a proxy.
	PublicMaxAge = 60 * time.Second
	// PublicStale is how long past PublicMaxAge a proxy may serve the page while it
	// revalidates it in the background.
	PublicStale = 10 * time.Minute
	// DefaultCacheBytes bounds the cache's memory (raw and compressed bytes).
	DefaultCacheBytes = 64 << 20
	// maxCachedBody is the largest body kept; a larger one (a download of the
	// whole register) is streamed to the client as it is rendered.
	maxCachedBody = 2 << 20
)

var publicCacheControl = "public, max-age=" + strconv.Itoa(int(PublicMaxAge.Seconds())) +
	", stale-while-revalidate=" + strconv.Itoa(int(PublicStale.Seconds()))

// PrivateCacheControl marks a response that is one person's alone.
const PrivateCacheControl = "private, no-cache"

// PageCache keeps anonymous GET responses per content version.
type PageCache struct {
	// Versions returns the current content versions.
	Versions func(context.Context) (*content.Snapshot, error)
	// Now is the clock: pages that depend on the day (late reports, this year's
	// budget) are kept per day.
	Now func() time.Time
	// MaxBytes bounds the memory of the kept pages; 0 means DefaultCacheBytes.
	MaxBytes int64
	// Started is when this process started: no page it renders is older, whatever
	// the content version says (a new release may render the same data anew).
	Started time.Time

	group singleflight.Group

	mu       sync.Mutex
	entries  map[string]*list.Element
	lru      list.List // front: most recently used
	bytes    int64
	streamed map[string]bool // path+query of responses too large to keep

	hits, misses atomic.Int64
}

// CacheStats are the cache's counters, for metrics.
type CacheStats struct {
	Hits, Misses int64
	Entries      int
	Bytes        int64
}

// Stats returns the cache's counters.
func (c *PageCache) Stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Hits: c.hits.Load(), Misses: c.misses.Load(), Entries: c.lru.Len(), Bytes: c.bytes}
}

// cached is one kept response.
type cached struct {
	key      string
	header   http.Header
	variants [3][]byte // by encoding: identity, gzip, br
	etag     string    // a hash of the identity bytes, without quotes
	modified time.Time
	size     int64
}

// Encodings in the order of cached.variants.
const (
	encIdentity = iota
	encGzip
	encBrotli
)

var encodingNames = [3]string{"", "gzip", "br"}

// Middleware serves GET and HEAD requests of anonymous visitors from the cache,
// rendering them with next on a miss; other requests pass through.
func (c *PageCache) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		if Person(r.Context()) != nil {
			w.Header().Set("Cache-Control", PrivateCacheControl)
			next.ServeHTTP(w, r)
			return
		}
		snap, err := c.Versions(r.Context())
		if err != nil {
			// Without versions nothing can be known to be fresh: render.
			w.Header().Set("Cache-Control", "no-cache")
			next.ServeHTTP(w, r)
			return
		}
		ver, slug := versionOf(snap, r.URL.Path)
		modified := ver.Changed
		if c.Started.After(modified) {
			modified = c.Started
		}
		modified = modified.UTC().Truncate(time.Second)
		target := r.URL.Path + "?" + r.URL.RawQuery
		key := ver.Key() + "|" + c.now().Format(time.DateOnly) + "|" + Localizer(r.Context()).Lang + "|" + target

		if e := c.get(key); e != nil {
			c.hits.Add(1)
			w.Header().Set("X-Cache", "hit")
			c.serve(w, r, e)
			return
		}
		c.misses.Add(1)
		// Whatever renders this page must read data at least as new as ver (a hit
		// renders nothing, so only a miss pays for the context).
		r = r.WithContext(content.WithNeed(r.Context(), content.Need{Slug: slug, N: ver.N}))
		w.Header().Set("X-Cache", "miss")
		if c.isStreamed(target) {
			c.stream(w, r, next, key, modified)
			return
		}
		leader := false
		v, _, _ := c.group.Do(key, func() (any, error) {
			leader = true
			rec := &recorder{w: w, header: http.Header{}, onStream: func(status int) {
				if status == http.StatusOK {
					c.markStreamed(target)
					setPublicHeaders(w, weakETag(key), modified)
				}
			}}
			next.ServeHTTP(rec, r)
			if rec.streaming {
				return (*cached)(nil), nil
			}
			if rec.status == 0 {
				rec.status = http.StatusOK
			}
			e := newCached(key, rec.header, rec.buf.Bytes(), modified)
			c.put(e)
			return e, nil
		})
		e, _ := v.(*cached)
		switch {
		case leader && e == nil:
			// The leader's response went to its client as it was rendered.
		case e == nil:
			// Not keepable (an error page, a redirect, a large download): render anew.
			c.stream(w, r, next, key, modified)
		default:
			c.serve(w, r, e)
		}
	})
}

// municipalPrefixes are the paths followed by a municipality's slug: its pages
// and its part of the open-data API.
var municipalPrefixes = []string{"/m/", "/api/v1/municipalities/"}

// versionOf returns the content version a path depends on, and the municipality
// whose it is: a municipality's own pages (/m/{slug}/…, /api/v1/municipalities/{slug}/…) depend on its version,
// every other page on the shared one (slug "").
func versionOf(s *content.Snapshot, path string) (content.Version, string) {
	for _, prefix := range municipalPrefixes {
		if rest, ok := strings.CutPrefix(path, prefix); ok {
			slug, _, _ := strings.Cut(rest, "/")
			if v, ok := s.Of(slug); ok {
				return v, slug
			}
		}
	}
	return s.Shared(), ""
}

func (c *PageCache) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

// stream renders the response straight to the client, with the public headers
// when it is a 200, and answers 304 when the client holds this version already.
func (c *PageCache) stream(w http.ResponseWriter, r *http.Request, next http.Handler, key string, modified time.Time) {
	etag := weakETag(key)
	if notModified(r, etag, modified) {
		setPublicHeaders(w, etag, modified)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	next.ServeHTTP(&recorder{w: w, streaming: true, passHeaders: func(status int) {
		if status == http.StatusOK {
			setPublicHeaders(w, etag, modified)
		}
	}}, r)
}

// serve writes a kept response in the best encoding the client accepts, or 304.
func (c *PageCache) serve(w http.ResponseWriter, r *http.Request, e *cached) {
	enc := negotiate(r.Header.Get("Accept-Encoding"))
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	etag := `"` + e.etag + encodingSuffix(enc) + `"`
	setPublicHeaders(w, etag, e.modified)
	h.Add("Vary", "Accept-Encoding")
	if notModified(r, etag, e.modified) {
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := e.variants[enc]
	if enc != encIdentity {
		h.Set("Content-Encoding", encodingNames[enc])
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// setPublicHeaders sets the caching headers of a public response on w. A response
// that sets a cookie (the language chosen by ?lang=) is for this visitor only.
func setPublicHeaders(w http.ResponseWriter, etag string, modified time.Time) {
	wh := w.Header()
	if len(wh.Values("Set-Cookie")) > 0 {
		wh.Set("Cache-Control", PrivateCacheControl)
	} else {
		wh.Set("Cache-Control", publicCacheControl)
	}
	wh.Set("ETag", etag)
	wh.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
}

func encodingSuffix(enc int) string {
	if enc == encIdentity {
		return ""
	}
	return "-" + encodingNames[enc]
}

// weakETag names a response by the version key it was rendered for: used for
// responses too large to keep, whose bytes are never hashed.
func weakETag(key string) string {
	sum := sha256.Sum256([]byte(key))
	return `W/"k-` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
}

// notModified reports whether the client's copy is current: If-None-Match when
// sent (weak comparison, as RFC 9110 asks for GET), else If-Modified-Since.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		want := strings.TrimPrefix(etag, "W/")
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == want {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && !modified.After(t)
	}
	return false
}

// negotiate picks the encoding of a kept page from Accept-Encoding: Brotli, else
// gzip, else none; a coding with q=0 is refused.
func negotiate(accept string) int {
	best, bestQ := encIdentity, 0.0
	for _, part := range strings.Split(accept, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				continue
			}
			q = f
		}
		enc := -1
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "br":
			enc = encBrotli
		case "gzip", "x-gzip":
			enc = encGzip
		}
		if enc < 0 || q <= 0 {
			continue
		}
		if q > bestQ || (q == bestQ && enc > best) {
			best, bestQ = enc, q
		}
	}
	return best
}

// newCached keeps body with the handler's headers, compressed both ways.
func newCached(key string, h http.Header, body []byte, modified time.Time) *cached {
	header := http.Header{}
	for k, v := range h {
		switch k {
		case "Content-Length", "Set-Cookie", "Cache-Control", "Etag", "Last-Modified", "Vary":
			continue
		}
		header[k] = v
	}
	raw := bytes.Clone(body)
	sum := sha256.Sum256(raw)
	e := &cached{key: key, header: header, etag: base64.RawURLEncoding.EncodeToString(sum[:15]), modified: modified}
	e.variants[encIdentity] = raw
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.DefaultCompression)
	_, _ = zw.Write(raw)
	_ = zw.Close()
	e.variants[encGzip] = gz.Bytes()
	var br bytes.Buffer
	bw := brotli.NewWriterLevel(&br, 5)
	_, _ = bw.Write(raw)
	_ = bw.Close()
	e.variants[encBrotli] = br.Bytes()
	e.size = int64(len(raw)+gz.Len()+br.Len()+len(key)) + 512
	return e
}

func (c *PageCache) get(key string) *cached {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cached)
}

func (c *PageCache) put(e *cached) {
	limit := c.MaxBytes
	if limit <= 0 {
		limit = DefaultCacheBytes
	}
	if e.size > limit {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]*list.Element{}
	}
	if el, ok := c.entries[e.key]; ok {
		c.bytes -= el.Value.(*cached).size
		c.lru.Remove(el)
	}
	c.entries[e.key] = c.lru.PushFront(e)
	c.bytes += e.size
	for c.bytes > limit {
		el := c.lru.Back()
		old := el.Value.(*cached)
		c.lru.Remove(el)
		delete(c.entries, old.key)
		c.bytes -= old.size
	}
}

func (c *PageCache) isStreamed(target string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.streamed[target]
}

// markStreamed remembers a response too large to keep; the set is bounded by
// forgetting everything when it grows large (the next large response is then
// buffered up to the limit once more).
func (c *PageCache) markStreamed(target string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.streamed == nil || len(c.streamed) > 10_000 {
		c.streamed = map[string]bool{}
	}
	c.streamed[target] = true
}

// recorder keeps a 200 response of at most maxCachedBody bytes in memory; any
// other status, or a larger body, goes on to the client w as it comes.
type recorder struct {
	w      http.ResponseWriter
	header http.Header
	status int
	buf    bytes.Buffer
	// streaming is set once the response goes straight to w.
	streaming bool
	// onStream is called when a buffered response switches to w, after the
	// handler's headers are copied to w and before the status is written.
	onStream func(status int)
	// passHeaders is called before the status goes to w when streaming from the start.
	passHeaders func(status int)
}

func (rec *recorder) Header() http.Header {
	if rec.streaming {
		return rec.w.Header()
	}
	return rec.header
}

func (rec *recorder) WriteHeader(status int) {
	if rec.status != 0 {
		return
	}
	rec.status = status
	if rec.streaming {
		if rec.passHeaders != nil {
			rec.passHeaders(status)
		}
		rec.w.WriteHeader(status)
		return
	}
	if status != http.StatusOK {
		rec.startStreaming()
	}
}

func (rec *recorder) Write(p []byte) (int, error) {
	if rec.status == 0 {
		rec.WriteHeader(http.StatusOK)
	}
	if !rec.streaming && rec.buf.Len()+len(p) > maxCachedBody {
		rec.startStreaming()
	}
	if rec.streaming {
		return rec.w.Write(p)
	}
	return rec.buf.Write(p)
}

// startStreaming sends what was buffered to the client and passes the rest on.
func (rec *recorder) startStreaming() {
	rec.streaming = true
	for k, v := range rec.header {
		rec.w.Header()[k] = v
	}
	if rec.onStream != nil {
		rec.onStream(rec.status)
	}
	rec.w.WriteHeader(rec.status)
	if rec.buf.Len() > 0 {
		_, _ = rec.w.Write(rec.buf.Bytes())
		rec.buf.Reset()
	}
}

// Flush passes a flush on once the response is streaming; a buffered response is
// sent whole at the end.
func (rec *recorder) Flush() {
	if rec.streaming {
		if f, ok := rec.w.(http.Flusher); ok {
			f.Flush()
		}
	}
}

// Unwrap lets http.ResponseController reach the client's writer.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.w }
