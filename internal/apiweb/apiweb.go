// Package apiweb serves the read-only open-data API (/api/v1/), its OpenAPI
// document, the human page that lists its endpoints (/api) and the DCAT-AP
// catalogue (/catalog.jsonld, /catalog.ttl). Every answer is read through the
// areas' stores and shaped by internal/api; nothing here runs SQL.
package apiweb

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/api"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
)

// Handlers serve the API, its page and the catalogue.
type Handlers struct {
	Site   *web.Site
	Reader *web.Reader
	Now    func() time.Time
	// Catalogue gives the catalogue's titles in every language.
	Catalogue *i18n.Catalogue
}

// CORS opens the API to every origin for reading: GET and HEAD answers carry
// Access-Control-Allow-Origin: *, and a preflight (OPTIONS) is answered here with
// 204. It runs before the page cache, so kept answers and 304s carry it too.
func CORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", "ETag, Last-Modified, Link, X-Request-Id")
		if r.Method == http.MethodOptions {
			h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Accept, Accept-Language, If-None-Match, If-Modified-Since")
			h.Set("Access-Control-Max-Age", "86400")
			h.Set("Allow", "GET, HEAD, OPTIONS")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// call is one API request: what an endpoint reads.
type call struct {
	w    http.ResponseWriter
	r    *http.Request
	pool *pgxpool.Pool
	h    *Handlers
	m    municipality.Municipality
}

// endpoint answers a call with the value to send as JSON, or an error: a
// *web.Error becomes its problem document, anything else a 500 problem.
type endpoint func(c *call) (any, error)

// params lists the query parameters an endpoint takes besides lang; any other is
// a 400, so that a misspelt filter is not silently ignored.
func (h *Handlers) serve(params []string, municipal bool, fn endpoint) http.HandlerFunc {
	return h.Reader.Read(func(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
		c := &call{w: w, r: r, pool: pool, h: h}
		v, err := h.run(c, params, municipal, fn)
		if err != nil && pool != h.Reader.Primary && database.Unavailable(err) {
			// The standby could not answer: web.Reader reads again from the primary.
			return err
		}
		if err != nil {
			h.problem(w, r, err)
			return nil
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			h.problem(w, r, err)
			return nil
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, err = w.Write(buf.Bytes())
		return err
	})
}

func (h *Handlers) run(c *call, params []string, municipal bool, fn endpoint) (any, error) {
	if _, err := url.ParseQuery(c.r.URL.RawQuery); err != nil {
		return nil, web.BadRequest("api.error.bad_request", err)
	}
	for name := range c.r.URL.Query() {
		if name != "lang" && !contains(params, name) {
			return nil, web.BadRequest("api.error.parameter", errors.New("unknown parameter "+name))
		}
	}
	if municipal {
		m, err := municipality.NewStore(c.pool).BySlug(c.r.Context(), chi.URLParam(c.r, "slug"))
		if errors.Is(err, municipality.ErrNotFound) {
			return nil, web.NotFound(err)
		}
		if err != nil {
			return nil, err
		}
		c.m = m
	}
	return fn(c)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// problem writes err as an RFC 9457 problem document; the cause of a 500 is
// logged, never sent.
func (h *Handlers) problem(w http.ResponseWriter, r *http.Request, err error) {
	status, key := http.StatusInternalServerError, "api.error.internal"
	var we *web.Error
	if errors.As(err, &we) {
		status = we.Status
		switch {
		case we.Key != "":
			key = we.Key
		case status == http.StatusNotFound:
			key = "api.error.not_found"
		case status == http.StatusMethodNotAllowed:
			key = "api.error.method"
		default:
			key = "api.error.bad_request"
		}
	}
	if status >= 500 && h.Site != nil && h.Site.Log != nil {
		h.Site.Log.ErrorContext(r.Context(), "api request failed", "request_id", web.RequestID(r.Context()), "error", err)
	}
	l := web.L(r)
	p := api.Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: l.T(key), Lang: l.Lang}
	b, _ := json.Marshal(p)
	w.Header().Set("Content-Type", api.ProblemType)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// NotFound answers an unknown address under /api/v1 with a 404 problem.
func (h *Handlers) NotFound(w http.ResponseWriter, r *http.Request) {
	h.problem(w, r, web.NotFound(nil))
}

// MethodNotAllowed answers a method the API does not take with a 405 problem.
func (h *Handlers) MethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Allow", "GET, HEAD, OPTIONS")
	h.problem(w, r, &web.Error{Status: http.StatusMethodNotAllowed})
}

// base is the portal's address without a trailing slash.
func (h *Handlers) base() string { return strings.TrimSuffix(h.Site.BaseURL, "/") }

// DefaultLimit and MaxLimit bound the items of one page of a collection.
const (
	DefaultLimit = 50
	MaxLimit     = trip.MaxKeysetPage
)

// limit reads ?limit= (1–MaxLimit, default DefaultLimit).
func limit(q url.Values) (int, error) {
	v := q.Get("limit")
	if v == "" {
		return DefaultLimit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > MaxLimit {
		return 0, web.BadRequest("api.error.limit", err)
	}
	return n, nil
}

// next is the address of the page after this one: the same query with cursor.
func (c *call) next(cursor string) *string {
	q := c.r.URL.Query()
	q.Set("cursor", cursor)
	u := c.h.base() + c.r.URL.Path + "?" + q.Encode()
	c.w.Header().Add("Link", "<"+u+`>; rel="next"`)
	return &u
}

// page cuts a short collection ordered by id into the page the query asks for.
func page[T any](c *call, kind string, items []T, id func(T) int64) (api.List[T], error) {
	q := c.r.URL.Query()
	n, err := limit(q)
	if err != nil {
		return api.List[T]{}, err
	}
	var after int64
	if s := q.Get("cursor"); s != "" {
		if after, err = api.ParseIDCursor(s, kind); err != nil {
			return api.List[T]{}, web.BadRequest("api.error.cursor", err)
		}
	}
	data, last := api.Page(items, id, after, n)
	out := api.List[T]{Data: data}
	if data == nil {
		out.Data = []T{}
	}
	if last != 0 {
		cur := api.IDCursor(kind, last)
		out.NextCursor, out.Next = &cur, c.next(cur)
	}
	return out, nil
}
