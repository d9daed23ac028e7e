package web

import (
	"net/http"

	"github.com/municipal-intl/portal/internal/content"
	"github.com/municipal-intl/portal/internal/database"
)

// ReadFunc is a public page's handler that reads from db: the primary or the
// standby, as HandleRead chooses.
type ReadFunc func(db *database.Pool, w http.ResponseWriter, r *http.Request) error

// HandleRead serves a public page. An anonymous GET or HEAD reads from the
// standby while it is usable; when the standby cannot answer before anything was
// sent, the standby is marked down and the page is read again from primary, so
// the reader never sees the standby's failure. Signed-in people always read the
// primary: they must see what they have just saved. standby may be nil.
func (s *Site) HandleRead(standby *database.Replica, primary *database.Pool, fn ReadFunc) http.HandlerFunc {
	return s.Handle(func(w http.ResponseWriter, r *http.Request) error {
		if !standby.Usable() || Person(r.Context()) != nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			return fn(primary, w, r)
		}
		// A page kept for a content version is read from the standby only once the
		// standby has replayed that version; else it would be kept stale.
		if need, ok := content.NeedOf(r.Context()); ok {
			if reached, err := content.Reached(r.Context(), standby.Standby, need); err != nil || !reached {
				return fn(primary, w, r)
			}
		}
		sw := &sentWriter{ResponseWriter: w}
		err := fn(standby.Standby, sw, r)
		if err == nil || sw.sent || r.Context().Err() != nil || !database.Unavailable(err) {
			return err
		}
		standby.MarkDown(err)
		return fn(primary, w, r)
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
