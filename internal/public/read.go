package public

import (
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/content"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/partner"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
)

// page is a public page's handler, run with the handlers of the database it reads.
type page func(h *Handlers, w http.ResponseWriter, r *http.Request) error

// read serves a public page. An anonymous GET or HEAD reads from the standby
// while it is usable; when the standby cannot answer before anything was sent,
// the standby is marked down and the page is read again from the primary, so the
// reader never sees the standby's failure. Signed-in people always read the
// primary: they must see what they have just saved.
func (h *Handlers) read(fn page) http.HandlerFunc {
	return h.Site.Handle(func(w http.ResponseWriter, r *http.Request) error {
		if !h.Standby.Usable() || web.Person(r.Context()) != nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			return fn(h, w, r)
		}
		// A page kept for a content version is read from the standby only once the
		// standby has replayed that version; else it would be kept stale.
		if need, ok := content.NeedOf(r.Context()); ok {
			if reached, err := content.Reached(r.Context(), h.Standby.Standby, need); err != nil || !reached {
				return fn(h, w, r)
			}
		}
		sw := &sentWriter{ResponseWriter: w}
		err := fn(h.onStandby(), sw, r)
		if err == nil || sw.sent || r.Context().Err() != nil || !database.Unavailable(err) {
			return err
		}
		h.Standby.MarkDown(err)
		return fn(h, w, r)
	})
}

// onStandby returns these handlers reading from the standby.
func (h *Handlers) onStandby() *Handlers {
	h.standbyOnce.Do(func() { h.standby = h.withPool(h.Standby.Standby) })
	return h.standby
}

// withPool returns a copy of h whose stores read from pool.
func (h *Handlers) withPool(pool *pgxpool.Pool) *Handlers {
	return &Handlers{
		Site:           h.Site,
		Municipalities: municipality.NewStore(pool),
		Policies:       policy.NewStore(pool),
		Partners:       partner.NewStore(pool),
		Trips:          trip.NewStore(pool),
		Pool:           pool,
		Now:            h.Now,
	}
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
