package public

import (
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
)

// page is a public page's handler, run with the handlers of the database it reads.
type page func(h *Handlers, w http.ResponseWriter, r *http.Request) error

// read serves a public page through web.Reader: an anonymous reader's page
// comes from the standby while it is usable.
func (h *Handlers) read(fn page) http.HandlerFunc {
	h.readerOnce.Do(func() { h.reader = &web.Reader{Site: h.Site, Primary: h.Pool, Standby: h.Standby} })
	return h.reader.Read(func(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
		if pool == h.Pool {
			return fn(h, w, r)
		}
		return fn(h.onStandby(), w, r)
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
		Trips:          trip.NewStore(pool),
		Pool:           pool,
		Now:            h.Now,
	}
}
