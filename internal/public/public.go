// Package public serves the pages a citizen or journalist sees without signing in.
package public

import (
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/meeting"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/partner"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/setup"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// Handlers serves the public pages.
type Handlers struct {
	Site           *web.Site
	Municipalities *municipality.Store
	Policies       *policy.Store
	Partners       *partner.Store
	Trips          *trip.Store
	// Pool is for the stores of areas that build their own.
	Pool *pgxpool.Pool
	// FirstRun tells whether the installation is fresh, for the administrator's hint.
	FirstRun *setup.Store
	// Now is the clock, replaceable in tests.
	Now func() time.Time
	// Standby, when set, answers anonymous reads while it is usable (read.go).
	Standby *database.Replica

	standbyOnce sync.Once
	standby     *Handlers // these handlers on the standby's pool
}

// Routes registers the public pages on r. These URLs are a promise to citizens who
// bookmark and link them: change them only with a redirect.
func (h *Handlers) Routes(r chi.Router) {
	r.Get("/", h.read((*Handlers).home))
	r.Get("/search", h.read((*Handlers).search))
	r.Get("/compare", h.read((*Handlers).compare))
	r.Route("/m/{slug}", func(r chi.Router) {
		r.Get("/", h.read((*Handlers).municipality))
		r.Get("/policy", h.read((*Handlers).policy))
		r.Get("/partners", h.read((*Handlers).partners))
		r.Get("/partners/{id}", h.read((*Handlers).partner))
		r.Get("/agreements", h.read((*Handlers).agreements))
		r.Get("/trips", h.read((*Handlers).trips))
		r.Get("/trips/{ref}", h.read((*Handlers).trip))
		r.Get("/trips/{ref}/files/{id}", h.read((*Handlers).attachment))
		r.Get("/trips.csv", h.read((*Handlers).tripsCSV))
		r.Get("/trips.json", h.read((*Handlers).tripsJSON))
		r.Get("/feed.atom", h.read((*Handlers).feed))
		r.Get("/calendar.ics", h.read((*Handlers).calendar))
		r.Get("/budget", h.read((*Handlers).budgetCurrent))
		r.Get("/budget/{year}", h.read((*Handlers).budget))
	})
}

func (h *Handlers) home(w http.ResponseWriter, r *http.Request) error {
	list, err := h.Municipalities.List(r.Context())
	if err != nil {
		return err
	}
	latest, err := h.Trips.Latest(r.Context(), 0, 10)
	if err != nil {
		return err
	}
	v := templates.HomeView{Municipalities: list, Latest: latest}
	// The first-run hint is for a signed-in administrator only: a citizen never sees
	// it, and the anonymous home page, the one a cache may keep, never holds it.
	if p := web.Person(r.Context()); p.Can(access.SetupView) && h.FirstRun != nil {
		if v.FirstRun, err = h.FirstRun.Fresh(r.Context()); err != nil {
			return err
		}
		w.Header().Set("Cache-Control", "no-store")
	}
	l := web.L(r)
	p := h.Site.Page(r, l.T("home.title"), l.T("home.description"))
	return web.Render(w, r, http.StatusOK, templates.Home(p, v))
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

func (h *Handlers) municipality(w http.ResponseWriter, r *http.Request) error {
	m, err := h.municipalityFor(r)
	if err != nil {
		return err
	}
	v := templates.MunicipalityView{Municipality: m}
	pol, err := h.Policies.Current(r.Context(), m.ID)
	switch {
	case err == nil:
		v.Policy = &pol
		v.PolicyExpired = pol.Expired(h.Now())
	case !errors.Is(err, policy.ErrNotFound):
		return err
	}
	if v.Partnerships, err = h.Partners.ByMunicipality(r.Context(), m.ID); err != nil {
		return err
	}
	if v.Latest, err = h.Trips.Latest(r.Context(), m.ID, 5); err != nil {
		return err
	}
	v.BudgetYear = h.Now().Year()
	sheet, err := budget.NewStore(h.Pool).Sheet(r.Context(), m.ID, m.Country, v.BudgetYear)
	if err != nil {
		return err
	}
	if len(sheet.Rows) > 0 && !sheet.MixedCurrencies {
		v.Budget = &sheet
	}
	if rot, ok, err := meeting.RotationOf(r.Context(), h.Pool, m.ID); err != nil {
		return err
	} else if ok {
		list, err := meeting.NewStore(h.Pool).List(r.Context(), m.ID)
		if err != nil {
			return err
		}
		mv := meeting.View(rot, list)
		v.Meetings = &mv
	}
	l := web.L(r)
	v.Map = partnerMap(l, m, v.Partnerships)
	p := h.Site.Page(r, m.Name, l.T("municipality.description", m.Name),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"}, templates.Crumb{Label: m.Name})
	p.Feed, p.FeedTitle = feedOf(l, m)
	return web.Render(w, r, http.StatusOK, templates.MunicipalityPage(p, v))
}

// feedOf is the municipality's Atom feed of published trips, as a page's head
// announces it.
func feedOf(l *i18n.Localizer, m municipality.Municipality) (href, title string) {
	return "/m/" + m.Slug + "/feed.atom", l.T("opendata.feed.title", m.Name)
}
