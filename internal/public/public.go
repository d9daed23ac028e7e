// Package public serves a municipality's public trip register, trip pages,
// agreements and open-data downloads.
package public

import (
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
)

// Handlers serves the public pages.
type Handlers struct {
	Site           *web.Site
	Municipalities *municipality.Store
	Trips          *trip.Store
	// Pool is for the stores of areas that build their own.
	Pool *pgxpool.Pool
	// Now is the clock, replaceable in tests.
	Now func() time.Time
	// Standby, when set, answers anonymous reads while it is usable (read.go).
	Standby *database.Replica

	standbyOnce sync.Once
	standby     *Handlers // these handlers on the standby's pool
	readerOnce  sync.Once
	reader      *web.Reader
}

// Municipality registers a municipality's trip and agreement pages and
// downloads under /m/{slug}. These URLs are a promise to citizens who bookmark
// and link them: change them only with a redirect.
func (h *Handlers) Municipality(r chi.Router) {
	r.Get("/agreements", h.read((*Handlers).agreements))
	r.Get("/trips", h.read((*Handlers).trips))
	r.Get("/trips/{ref}", h.read((*Handlers).trip))
	r.Get("/trips/{ref}/files/{id}", h.read((*Handlers).attachment))
	r.Get("/trips.csv", h.read((*Handlers).tripsCSV))
	r.Get("/trips.json", h.read((*Handlers).tripsJSON))
	r.Get("/feed.atom", h.read((*Handlers).feed))
	r.Get("/calendar.ics", h.read((*Handlers).calendar))
}

// municipalityFor loads the municipality named by the {slug} route parameter; an
// unknown slug is a 404.
func (h *Handlers) municipalityFor(r *http.Request) (municipality.Municipality, error) {
	m, err := h.Municipalities.BySlug(r.Context(), chi.URLParam(r, "slug"))
	if errors.Is(err, municipality.ErrNotFound) {
		return m, web.NotFound(err)
	}
	return m, err
}

// feedOf is the municipality's Atom feed of published trips, as a page's head
// announces it.
func feedOf(l *i18n.Localizer, m municipality.Municipality) (href, title string) {
	return "/m/" + m.Slug + "/feed.atom", l.T("opendata.feed.title", m.Name)
}
