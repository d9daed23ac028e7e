package web

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/municipal-intl/portal/internal/account"

	"github.com/a-h/templ"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/templates"
)

// Site is what every page needs from the running portal.
type Site struct {
	BaseURL string
	Assets  *Assets
	Log     *slog.Logger
	// DecorateError, when set, completes the layout data of an error page for r
	// before it is rendered (it may set headers or cookies on w). The server sets it to the workspace's
	// (workspaceweb.Base.DecorateError), which adds a signed-in person's workspace
	// navigation under /staff; web itself knows nothing of the workspace.
	DecorateError func(w http.ResponseWriter, r *http.Request, p *templates.Page)
}

// Page returns the layout data for a request, titled title.
func (s *Site) Page(r *http.Request, title, description string, crumbs ...templates.Crumb) templates.Page {
	return templates.Page{
		L:           L(r),
		Title:       title,
		Description: description,
		Canonical:   strings.TrimSuffix(s.BaseURL, "/") + r.URL.Path,
		CSS:         s.Assets.Path("site.css"),
		RequestID:   RequestID(r.Context()),
		URL:         r.URL,
		Crumbs:      crumbs,
		User:        viewer(Person(r.Context())),
		Notice:      Notice(r.Context()),
	}
}

// viewer is the signed-in person p as the pages show them; nil for a visitor.
func viewer(p *account.Person) *templates.Viewer {
	if p == nil {
		return nil
	}
	return &templates.Viewer{ID: p.ID, Name: p.Name, Email: p.Email, Role: p.Role,
		MunicipalityID: p.MunicipalityID, MunicipalityName: p.MunicipalityName, ContentLang: p.ContentLang, Archived: p.Archived}
}

// Render writes c with status. The page is rendered into a buffer first, so a
// failure half-way gives a clean error page rather than half a page.
func Render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) error {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// Error is an error with the HTTP status the visitor gets and, for 4xx, the catalogue
// key of the message they see.
type Error struct {
	Status int
	Key    string // message key of the explanation; empty for the status's default
	Err    error  // the cause, logged, never shown
}

func (e *Error) Error() string {
	if e.Err != nil {
		return http.StatusText(e.Status) + ": " + e.Err.Error()
	}
	return http.StatusText(e.Status)
}

func (e *Error) Unwrap() error { return e.Err }

// NotFound is the error for an unknown slug, reference or id.
func NotFound(cause error) error { return &Error{Status: http.StatusNotFound, Err: cause} }

// BadRequest is the error for malformed input; key explains what was wrong.
func BadRequest(key string, cause error) error {
	return &Error{Status: http.StatusBadRequest, Key: key, Err: cause}
}

// HandlerFunc is a handler that returns its error instead of writing it.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Handle turns h into an http.HandlerFunc: an *Error becomes its error page, any
// other error a 500 page with the request id; only 5xx are logged as errors.
func (s *Site) Handle(h HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.ServeError(w, r, err)
		}
	}
}

// ServeError writes the error page for err. DecorateError may add to its layout;
// a page shown to a signed-in person is never cached.
//
// A client that has gone gets nothing (the access log records 499); a request
// that ran out of time or found the database unable to answer gets 503 with
// Retry-After, so proxies and readers know to try again shortly.
func (s *Site) ServeError(w http.ResponseWriter, r *http.Request, err error) {
	if ClientGone(r) {
		s.Log.DebugContext(r.Context(), "client closed request", "request_id", RequestID(r.Context()),
			"method", r.Method, "path", r.URL.Path, "err", err)
		return
	}
	status := http.StatusInternalServerError
	key := ""
	var we *Error
	if errors.As(err, &we) {
		status, key = we.Status, we.Key
	}
	if status == http.StatusInternalServerError && (TimedOut(r.Context()) || database.Unavailable(err)) {
		status = http.StatusServiceUnavailable
	}
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", RetryAfter)
		w.Header().Set("Cache-Control", "no-store")
	}
	if status >= 500 {
		s.Log.ErrorContext(r.Context(), "request failed", "request_id", RequestID(r.Context()),
			"method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
	l := L(r)
	v := templates.ErrorView{Status: status, Heading: l.T(statusKey(status) + ".heading"), Message: l.T(statusKey(status) + ".message")}
	if key != "" {
		v.Message = l.T(key)
	}
	p := s.Page(r, v.Heading, "")
	p.Canonical = ""
	if s.DecorateError != nil {
		s.DecorateError(w, r, &p)
	}
	if p.User != nil || len(p.Workspace) > 0 {
		// The page names the signed-in person (and may list their areas): it is
		// theirs alone, like every workspace page.
		w.Header().Set("Cache-Control", "no-store")
	}
	rr := r
	if TimedOut(r.Context()) {
		// The page is still owed to the reader: render it outside the spent
		// deadline (DecorateError above still had only the request's time).
		rr = r.WithContext(context.WithoutCancel(r.Context()))
	}
	if rerr := Render(w, rr, status, templates.ErrorPage(p, v)); rerr != nil {
		s.Log.ErrorContext(r.Context(), "render error page", "err", rerr)
		http.Error(w, http.StatusText(status), status)
	}
}

func statusKey(status int) string {
	switch status {
	case http.StatusNotFound:
		return "error.404"
	case http.StatusMethodNotAllowed:
		return "error.405"
	case http.StatusForbidden:
		return "error.403"
	case http.StatusRequestEntityTooLarge:
		return "error.413"
	case http.StatusTooManyRequests:
		return "error.429"
	case http.StatusServiceUnavailable:
		return "error.503"
	}
	if status >= 500 {
		return "error.500"
	}
	return "error.400"
}
