package web

import (
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/content"
	"github.com/municipal-intl/portal/internal/database"
)

// PublicPage is a public page's handler, reading from pool: the primary's or the
// standby's.
type PublicPage func(pool *pgxpool.Pool, w http.ResponseWriter, r *http.Request) error

// Reader serves public pages from the primary, or from the standby while it is
// usable.
type Reader struct {
	Site    *Site
	Primary *pgxpool.Pool
	// Standby, when set, answers anonymous reads while it is usable.
	Standby *database.Replica
}

// Read serves a public page. An anonymous GET or HEAD reads from the standby
// while it is usable; when the standby cannot answer before anything was sent,
// the standby is marked down and the page is read again from the primary, so the
// reader never sees the standby's failure. Signed-in people always read the
// primary: they must see what they have just saved.
func (rd Reader) Read(fn PublicPage) http.HandlerFunc {
	return rd.Site.Handle(func(w http.ResponseWriter, r *http.Request) error {
		if !rd.Standby.Usable() || Person(r.Context()) != nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			return fn(rd.Primary, w, r)
		}
		// A page kept for a content version is read from the standby only once the
		// standby has replayed that version; else it would be kept stale.
		if need, ok := content.NeedOf(r.Context()); ok {
			if reached, err := content.Reached(r.Context(), rd.Standby.Standby, need); err != nil || !reached {
				return fn(rd.Primary, w, r)
			}
		}
		sw := &sentWriter{ResponseWriter: w}
		err := fn(rd.Standby.Standby, sw, r)
		if err == nil || sw.sent || r.Context().Err() != nil || !database.Unavailable(err) {
			return err
		}
		rd.Standby.MarkDown(err)
		return fn(rd.Primary, w, r)
	})
}

// sentWriter notes whether any of the answer has been sent.
type sentWriter struct {
	http.ResponseWriter
	sent bool
}

func (s *sentWriter) WriteHeader(code int) {
	s.sent = true
	s.ResponseWriter.WriteHeader(code)
}

func (s *sentWriter) Write(b []byte) (int, error) {
	s.sent = true
	return s.ResponseWriter.Write(b)
}

func (s *sentWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
