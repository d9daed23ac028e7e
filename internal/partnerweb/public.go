package partnerweb

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/partner"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// partners lists a municipality's partnerships with a map, and its networks.
func (h *Handlers) partners(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	m, err := municipalityFor(pool, r)
	if err != nil {
		return err
	}
	store := partner.NewStore(pool)
	v := PartnersView{Municipality: m}
	if v.Partnerships, err = store.ByMunicipality(r.Context(), m.ID); err != nil {
		return err
	}
	if v.Networks, err = store.Networks(r.Context(), m.ID); err != nil {
		return err
	}
	l := web.L(r)
	mv := Map(l, m, v.Partnerships)
	v.Map, v.Unmapped = []byte(mv.SVG), mv.Missing
	p := h.Site.Page(r, l.T("partners.title", m.Name), l.T("partners.description", m.Name),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: m.Name, Href: "/m/" + m.Slug},
		templates.Crumb{Label: l.T("nav.partners")})
	return web.Render(w, r, http.StatusOK, PartnersPage(p, v))
}

// partnershipID parses the {id} route parameter. Anything but a positive integer
// in its plain form ("+5" or "05" would be a second address of page 5) names no
// partnership.
func partnershipID(r *http.Request) (int64, error) {
	raw := chi.URLParam(r, "id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != raw {
		return 0, web.NotFound(err)
	}
	return id, nil
}

// partner shows one partnership of a municipality in full.
func (h *Handlers) partner(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	m, err := municipalityFor(pool, r)
	if err != nil {
		return err
	}
	id, err := partnershipID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	store := partner.NewStore(pool)
	d, err := store.Get(ctx, m.ID, id)
	if errors.Is(err, partner.ErrNotFound) {
		return web.NotFound(err)
	}
	if err != nil {
		return err
	}
	now := h.Now()
	v := PartnerView{Municipality: m, Partnership: d, Today: now}
	if v.Agreements, err = agreement.NewStore(pool).ByPartnership(ctx, m.ID, id); err != nil {
		return err
	}
	if v.Trips, v.TripCount, v.LastTripEnd, err = store.Trips(ctx, m.ID, d); err != nil {
		return err
	}
	if v.Projects, err = store.Projects(ctx, m.ID, id); err != nil {
		return err
	}
	v.LastActivity, v.HasActivity = partner.LastActivity(activities(v), now)
	v.Stale = partner.Stale(v.LastActivity, v.HasActivity, now)

	l := web.L(r)
	p := h.Site.Page(r, l.T("partners.detail_title", d.City, m.Name), l.T("partners.detail_description", m.Name, d.City),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: m.Name, Href: "/m/" + m.Slug},
		templates.Crumb{Label: l.T("nav.partners"), Href: "/m/" + m.Slug + "/partners"},
		templates.Crumb{Label: d.City})
	return web.Render(w, r, http.StatusOK, PartnerPage(p, v))
}

// activities collects the dated events the partnership page shows: published trip
// ends, agreement signatures, project starts and ends and status changes.
func activities(v PartnerView) []partner.Activity {
	var out []partner.Activity
	add := func(d *time.Time, kind string) {
		if d != nil {
			out = append(out, partner.DateActivity(*d, kind))
		}
	}
	add(v.LastTripEnd, partner.ActivityTrip)
	for _, a := range v.Agreements {
		add(a.SignedOn, partner.ActivityAgreement)
	}
	for _, pr := range v.Projects {
		add(pr.StartsOn, partner.ActivityProjectStart)
		add(pr.EndsOn, partner.ActivityProjectEnd)
	}
	for _, c := range v.Partnership.History {
		if c.ChangedOn != nil {
			add(c.ChangedOn, partner.ActivityStatusChange)
		} else {
			out = append(out, partner.YearActivity(c.Year, partner.ActivityStatusChange))
		}
	}
	return out
}

// municipalityFor loads the municipality named by the {slug} route parameter; an
// unknown slug is a 404.
func municipalityFor(pool *pgxpool.Pool, r *http.Request) (municipality.Municipality, error) {
	m, err := municipality.NewStore(pool).BySlug(r.Context(), chi.URLParam(r, "slug"))
	if errors.Is(err, municipality.ErrNotFound) {
		return m, web.NotFound(err)
	}
	return m, err
}
