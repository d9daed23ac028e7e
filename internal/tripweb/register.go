package tripweb

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/money"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// parseRegisterFilter reads the register's query (year, traveller, country,
// priority, organiser, min, max, sort, page) into a trip.Filter. Costs are whole
// units of the municipality's currency. A malformed value is a 400 that says what
// was wrong; the CSV and JSON downloads share this parser.
func parseRegisterFilter(q url.Values, m municipality.Municipality) (trip.Filter, error) {
	var f trip.Filter
	if v := q.Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1990 || y > 2200 {
			return f, web.BadRequest("trips.error.year", err)
		}
		f.Year = y
	}
	for _, p := range []struct {
		name string
		dst  *string
	}{{"traveller", &f.Traveller}, {"organiser", &f.Organiser}} {
		v := strings.TrimSpace(q.Get(p.name))
		if !trip.ValidFilterText(v) {
			return f, web.BadRequest("trips.error.text", nil)
		}
		*p.dst = v
	}
	if v := strings.ToUpper(q.Get("country")); v != "" {
		if !trip.ValidCountryFilter(v) {
			return f, web.BadRequest("trips.error.country", nil)
		}
		f.Country = v
	}
	if v := q.Get("priority"); v != "" {
		if !trip.ValidPriorityFilter(v) {
			return f, web.BadRequest("trips.error.priority", nil)
		}
		f.Priority = v
	}
	scale := money.Scale(m.MinorUnits)
	for _, p := range []struct {
		name string
		dst  **int64
	}{{"min", &f.MinCost}, {"max", &f.MaxCost}} {
		v := strings.TrimSpace(q.Get(p.name))
		if v == "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 || n > 1_000_000_000_000 {
			return f, web.BadRequest("trips.error.cost", err)
		}
		n *= scale
		*p.dst = &n
	}
	if f.MinCost != nil && f.MaxCost != nil && *f.MinCost > *f.MaxCost {
		return f, web.BadRequest("trips.error.cost_range", nil)
	}
	for _, p := range []struct {
		name, key string
		dst       *int64
	}{{"line", "trips.error.line", &f.BudgetLine}, {"partner", "trips.error.partner", &f.Partnership}} {
		if v := q.Get(p.name); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id < 1 {
				return f, web.BadRequest(p.key, err)
			}
			*p.dst = id
		}
	}
	f.Sort = trip.Sorts[0]
	if v := q.Get("sort"); v != "" {
		ok := false
		for _, s := range trip.Sorts {
			ok = ok || s == v
		}
		if !ok {
			return f, web.BadRequest("trips.error.sort", nil)
		}
		f.Sort = v
	}
	f.Page = 1
	if v := q.Get("page"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 {
			return f, web.BadRequest("trips.error.page", err)
		}
		// A page past the end is shown as the last page (trips below); the store
		// bounds the offset by trip.MaxPage, so it cannot overflow.
		f.Page = p
	}
	return f, nil
}

// register is GET /m/{slug}/trips: the published trips that the query selects.
func (h *Handlers) register(w http.ResponseWriter, r *http.Request) error {
	m, err := h.municipalityFor(r)
	if err != nil {
		return err
	}
	f, err := parseRegisterFilter(r.URL.Query(), m)
	if err != nil {
		return err
	}
	ctx := r.Context()
	v := TripsView{Municipality: m, Filter: f, Query: r.URL.Query()}
	if f.BudgetLine != 0 {
		line, err := h.store().BudgetLine(ctx, m.ID, f.BudgetLine)
		if errors.Is(err, trip.ErrNotFound) {
			return web.NotFound(err)
		}
		if err != nil {
			return err
		}
		v.Line = &line
	}
	if f.Partnership != 0 {
		city, err := h.store().PartnershipCity(ctx, m.ID, f.Partnership)
		if errors.Is(err, trip.ErrNotFound) {
			return web.NotFound(err)
		}
		if err != nil {
			return err
		}
		v.PartnerCity = city
	}
	if v.Page, err = h.store().Register(ctx, m.ID, f); err != nil {
		return err
	}
	// A page past the end shows the last page with a notice, rather than an error.
	if last := max(1, (v.Page.Total+trip.PerPage-1)/trip.PerPage); f.Page > last {
		v.ClampedFrom = f.Page
		f.Page = last
		v.Filter = f
		if v.Page, err = h.store().Register(ctx, m.ID, f); err != nil {
			return err
		}
	}
	if v.Options, err = h.store().FilterOptions(ctx, m.ID); err != nil {
		return err
	}
	if v.ReportApproval, err = h.store().ReportNeedsApproval(ctx, m.ID, h.Now()); err != nil {
		return err
	}
	if v.Overdue, v.OverdueTotal, err = h.store().LateReports(ctx, m.ID, h.Now(), trip.OverdueShown, 0); err != nil {
		return err
	}
	if v.Quarters, err = h.store().Quarters(ctx, m.ID, h.Now()); err != nil {
		return err
	}
	l := web.L(r)
	p := h.Site.Page(r, l.T("trips.title", m.Name), l.T("trips.description", m.Name),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: m.Name, Href: "/m/" + m.Slug},
		templates.Crumb{Label: l.T("nav.trips")})
	p.Feed, p.FeedTitle = FeedOf(l, m)
	return web.Render(w, r, http.StatusOK, TripsPage(p, v))
}

// late is GET /m/{slug}/trips/late?page=n: every late trip report of the
// municipality, trip.LatePerPage at a time; a page past the end shows the last.
func (h *Handlers) late(w http.ResponseWriter, r *http.Request) error {
	m, err := h.municipalityFor(r)
	if err != nil {
		return err
	}
	page := 1
	if s := r.URL.Query().Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > trip.MaxPage {
			return web.BadRequest("trips.error.page", err)
		}
		page = n
	}
	ctx := r.Context()
	v := LateView{Municipality: m, Page: page}
	if v.List, v.Total, err = h.store().LateReports(ctx, m.ID, h.Now(), trip.LatePerPage, (page-1)*trip.LatePerPage); err != nil {
		return err
	}
	v.Pages = max(1, (v.Total+trip.LatePerPage-1)/trip.LatePerPage)
	if page > v.Pages {
		v.ClampedFrom, v.Page = page, v.Pages
		if v.List, v.Total, err = h.store().LateReports(ctx, m.ID, h.Now(), trip.LatePerPage, (v.Page-1)*trip.LatePerPage); err != nil {
			return err
		}
	}
	l := web.L(r)
	p := h.Site.Page(r, l.T("trips.late.title", m.Name), l.T("trips.late.description", m.Name),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: m.Name, Href: "/m/" + m.Slug},
		templates.Crumb{Label: l.T("nav.trips"), Href: "/m/" + m.Slug + "/trips"},
		templates.Crumb{Label: l.T("trips.late.crumb")})
	return web.Render(w, r, http.StatusOK, LatePage(p, v))
}

// publicTrip is GET /m/{slug}/trips/{ref}: a published trip in full.
func (h *Handlers) publicTrip(w http.ResponseWriter, r *http.Request) error {
	m, err := h.municipalityFor(r)
	if err != nil {
		return err
	}
	t, err := h.store().Published(r.Context(), m.ID, chi.URLParam(r, "ref"))
	if errors.Is(err, trip.ErrNotFound) {
		return web.NotFound(err)
	}
	if err != nil {
		return err
	}
	l := web.L(r)
	p := h.Site.Page(r, l.T("trip.title", t.Reference)+": "+t.Heading(), l.T("trip.description", t.Reference, m.Name),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: m.Name, Href: "/m/" + m.Slug},
		templates.Crumb{Label: l.T("nav.trips"), Href: "/m/" + m.Slug + "/trips"},
		templates.Crumb{Label: t.Reference})
	return web.Render(w, r, http.StatusOK, TripPage(p, TripView{Municipality: m, Trip: t}))
}

// publicFile is GET /m/{slug}/trips/{ref}/files/{id}: a file attached to a
// published trip, with its stored type.
func (h *Handlers) publicFile(w http.ResponseWriter, r *http.Request) error {
	m, err := h.municipalityFor(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		return web.NotFound(err)
	}
	a, err := h.store().PublishedAttachment(r.Context(), m.ID, chi.URLParam(r, "ref"), id)
	if errors.Is(err, trip.ErrNotFound) {
		return web.NotFound(err)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(a.SizeBytes, 10))
	w.Header().Set("Content-Disposition", `attachment; filename*=UTF-8''`+url.PathEscape(a.Filename))
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, err = w.Write(a.Content)
	return err
}

// read serves a public page from the database web.Reader chooses: fn runs with
// handlers whose pool is that database.
func (h *Handlers) read(fn func(h *Handlers, w http.ResponseWriter, r *http.Request) error) http.HandlerFunc {
	rd := &web.Reader{Site: h.Site, Primary: h.Pool, Standby: h.Standby}
	return rd.Read(func(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
		on := *h
		on.Pool = pool
		return fn(&on, w, r)
	})
}

// municipalityFor loads the municipality named by the {slug} route parameter; an
// unknown slug is a 404.
func (h *Handlers) municipalityFor(r *http.Request) (municipality.Municipality, error) {
	m, err := municipality.NewStore(h.Pool).BySlug(r.Context(), chi.URLParam(r, "slug"))
	if errors.Is(err, municipality.ErrNotFound) {
		return m, web.NotFound(err)
	}
	return m, err
}

// FeedOf is the municipality's Atom feed of published trips, as a page's head
// announces it.
func FeedOf(l *i18n.Localizer, m municipality.Municipality) (href, title string) {
	return "/m/" + m.Slug + "/feed.atom", l.T("opendata.feed.title", m.Name)
}
