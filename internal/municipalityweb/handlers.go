// Package municipalityweb serves the start page, with the municipalities the
// portal serves and the latest publications, and each municipality's own page.
package municipalityweb

import (
	"errors"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/meeting"
	"github.com/municipal-intl/portal/internal/meetingweb"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/partner"
	"github.com/municipal-intl/portal/internal/partnerweb"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/setup"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// Handlers serves / and /m/{slug}.
type Handlers struct {
	// Reader chooses the database the pages read.
	Reader *web.Reader
	// FirstRun tells whether the installation is fresh, for the administrator's hint.
	FirstRun *setup.Store
	// Now is the clock, replaceable in tests.
	Now func() time.Time
}

// Home registers the start page, /. This URL and the municipality's are a
// promise to citizens who bookmark and link them: change them only with a
// redirect.
func (h *Handlers) Home(r chi.Router) {
	r.Get("/", h.Reader.Read(h.home))
}

// Public registers the municipality's page under /m/{slug}.
func (h *Handlers) Public(r chi.Router) {
	r.Get("/", h.Reader.Read(h.municipality))
}

func (h *Handlers) home(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	list, err := municipality.NewStore(pool).List(r.Context())
	if err != nil {
		return err
	}
	latest, err := trip.NewStore(pool).Latest(r.Context(), 0, 10)
	if err != nil {
		return err
	}
	v := HomeView{Municipalities: list, Latest: latest}
	// The first-run hint is for a signed-in administrator only: a citizen never sees
	// it, and the anonymous home page, the one a cache may keep, never holds it.
	if p := web.Person(r.Context()); p.Can(access.SetupView) && h.FirstRun != nil {
		if v.FirstRun, err = h.FirstRun.Fresh(r.Context()); err != nil {
			return err
		}
		w.Header().Set("Cache-Control", "no-store")
	}
	l := web.L(r)
	p := h.Reader.Site.Page(r, l.T("home.title"), l.T("home.description"))
	return web.Render(w, r, http.StatusOK, Home(p, v))
}

func (h *Handlers) municipality(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	ctx := r.Context()
	m, err := municipality.NewStore(pool).BySlug(ctx, chi.URLParam(r, "slug"))
	if errors.Is(err, municipality.ErrNotFound) {
		return web.NotFound(err)
	} else if err != nil {
		return err
	}
	v := MunicipalityView{Municipality: m}
	pol, err := policy.NewStore(pool).Current(ctx, m.ID)
	switch {
	case err == nil:
		v.Policy = &pol
		v.PolicyExpired = pol.Expired(h.Now())
	case !errors.Is(err, policy.ErrNotFound):
		return err
	}
	if v.Partnerships, err = partner.NewStore(pool).ByMunicipality(ctx, m.ID); err != nil {
		return err
	}
	if v.Latest, err = trip.NewStore(pool).Latest(ctx, m.ID, 5); err != nil {
		return err
	}
	if v.PlansPublic, err = trip.NewStore(pool).PlansPublic(ctx, m.ID); err != nil {
		return err
	}
	if v.PlansPublic {
		if v.Upcoming, err = trip.NewStore(pool).UpcomingPlans(ctx, m.ID, h.Now(), trip.UpcomingShown+1); err != nil {
			return err
		}
	}
	v.BudgetYear = h.Now().Year()
	sheet, err := budget.NewStore(pool).Sheet(ctx, m.ID, m.Country, v.BudgetYear)
	if err != nil {
		return err
	}
	if len(sheet.Rows) > 0 && !sheet.MixedCurrencies {
		v.Budget = &sheet
	}
	if rot, ok, err := meeting.RotationOf(ctx, pool, m.ID); err != nil {
		return err
	} else if ok {
		list, err := meeting.NewStore(pool).List(ctx, m.ID)
		if err != nil {
			return err
		}
		mv := meetingweb.View(rot, list, h.Now())
		v.Meetings = &mv
	}
	l := web.L(r)
	v.Map = partnerweb.Map(l, m, v.Partnerships)
	p := h.Reader.Site.Page(r, m.Name, l.T("municipality.description", m.Name),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"}, templates.Crumb{Label: m.Name})
	// The page announces the municipality's Atom feed of published trips.
	p.Feed, p.FeedTitle = "/m/"+m.Slug+"/feed.atom", l.T("opendata.feed.title", m.Name)
	return web.Render(w, r, http.StatusOK, MunicipalityPage(p, v))
}

// NoticeArchived is the notice of every page of an archived municipality.
const NoticeArchived = "municipality.archived.notice"

// ArchivedNotice is the middleware of /m/{slug}: every page of an archived
// municipality says that it is archived and read-only. It runs behind the page
// cache, so a kept page costs no query (archiving moves every content version).
func (h *Handlers) ArchivedNotice(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		archived, err := municipality.NewStore(h.Reader.Primary).IsArchived(r.Context(), chi.URLParam(r, "slug"))
		if err != nil {
			h.Reader.Site.ServeError(w, r, err)
			return
		}
		if archived {
			r = r.WithContext(web.WithNotice(r.Context(), NoticeArchived))
		}
		next.ServeHTTP(w, r)
	})
}
