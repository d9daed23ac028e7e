package tripweb

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/opendata"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// upcoming is GET /m/{slug}/trips/upcoming: the approved plans of trips still to
// come, where the municipality's policy makes plans public before travel; else the
// page does not exist.
func (h *Handlers) upcoming(w http.ResponseWriter, r *http.Request) error {
	m, err := h.municipalityFor(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	on, err := h.store().PlansPublic(ctx, m.ID)
	if err != nil {
		return err
	}
	if !on {
		return web.NotFound(nil)
	}
	list, err := h.store().UpcomingPlans(ctx, m.ID, h.Now(), trip.UpcomingMax)
	if err != nil {
		return err
	}
	l := web.L(r)
	p := h.Site.Page(r, l.T("upcoming.title", m.Name), l.T("upcoming.description", m.Name),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: m.Name, Href: "/m/" + m.Slug},
		templates.Crumb{Label: l.T("nav.trips"), Href: "/m/" + m.Slug + "/trips"},
		templates.Crumb{Label: l.T("upcoming.crumb")})
	return web.Render(w, r, http.StatusOK, UpcomingPage(p, m, list))
}

// planEvents makes an all-day event of every upcoming approved plan, for the
// calendar of a municipality whose plans are public before travel. A plan's UID is
// the one its trip keeps once published ({reference}@host), so a calendar that
// subscribed sees the event updated, not doubled.
func (h *Handlers) planEvents(ctx context.Context, m municipality.Municipality, _ time.Time, l *i18n.Localizer, emit func(opendata.Event) error) error {
	list, err := h.store().UpcomingPlans(ctx, m.ID, h.Now(), trip.UpcomingMax)
	if err != nil {
		return err
	}
	host := h.uidHost()
	for _, u := range list {
		e := opendata.Event{
			UID:        u.Reference + "@" + host,
			Start:      u.StartsOn,
			End:        u.EndsOn,
			Summary:    l.T("upcoming.event_title", tripTitle(l, u.Reference, u.Title, u.IsDemo)),
			URL:        h.absolute("/m/" + m.Slug + "/trips/upcoming#" + u.Reference),
			Location:   strings.Join(planPlaces(l, u), "; "),
			Categories: []string{l.T("upcoming.category")},
		}
		if u.ApprovedAt != nil {
			e.Stamp = *u.ApprovedAt
		}
		var desc []string
		desc = append(desc, l.T("upcoming.event_note"))
		if u.Organiser != "" {
			desc = append(desc, l.T("opendata.calendar.organiser", u.Organiser))
		}
		if len(u.Travellers) > 0 {
			desc = append(desc, l.T("opendata.calendar.travellers", strings.Join(u.Travellers, ", ")))
		}
		desc = append(desc, l.T("upcoming.planned_cost", l.Money(u.PlannedMinor, u.Currency, u.MinorUnits)))
		if u.IsDemo {
			desc = append(desc, l.T("demo.badge_title"))
			e.Categories = append(e.Categories, l.T("demo.badge"))
		}
		e.Description = strings.Join(desc, "\n")
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}

// planPlaces are a plan's destinations as "city, country".
func planPlaces(l *i18n.Localizer, u trip.Upcoming) []string {
	out := make([]string, len(u.Cities))
	for i, c := range u.Cities {
		out[i] = c
		if i < len(u.Countries) {
			out[i] = l.Place(c, u.Countries[i])
		}
	}
	return out
}

// planTravellers are a plan's travellers with their roles.
func planTravellers(u trip.Upcoming) []string {
	out := make([]string, len(u.Travellers))
	for i, name := range u.Travellers {
		out[i] = name
		if i < len(u.Roles) && u.Roles[i] != "" {
			out[i] += " (" + u.Roles[i] + ")"
		}
	}
	return out
}
