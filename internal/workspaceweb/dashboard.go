// Package workspaceweb is the workspace around every area: the dashboard, the
// page a signed-in person lands on with what they have to do, scoped to their
// municipality; and what every workspace area shares (Base: the layout data of
// a workspace page with its navigation, the signed-in person, redirects with a
// one-time message).
package workspaceweb

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
)

// nearLimitShare: a budget line whose remaining money is below this share of what
// is available is shown as close to its limit.
const nearLimitShare = 0.10

// Handlers serves /staff.
type Handlers struct {
	Base
}

// Staff registers the dashboard, /staff itself; the caller has required a sign-in.
func (h *Handlers) Staff(r chi.Router) {
	r.Get("/", h.Site.Handle(h.dashboard))
}

func (h *Handlers) dashboard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := Me(r)
	if !p.Can(access.TripView) && p.Can(access.MunicipalityManage) {
		// The platform operator has no municipality of their own: their
		// workspace is the list of municipalities.
		http.Redirect(w, r, "/staff/municipalities", http.StatusSeeOther)
		return nil
	}
	v := DashboardView{Person: *p, Today: h.Now()}
	work, err := trip.NewStore(h.Pool).Work(ctx, p.MunicipalityID, trip.Actor{ID: p.ID, Role: p.Role}, h.Now())
	if err != nil {
		return err
	}
	v.Drafts, v.Returned, v.ReportsDue, v.AwaitingReview = work.Drafts, work.Returned, work.ReportsDue, work.AwaitingReview
	sheet, err := budget.NewStore(h.Pool).Sheet(ctx, p.MunicipalityID, p.Country, h.Now().Year())
	if err != nil {
		return err
	}
	for _, row := range sheet.Rows {
		if row.AvailableMinor() > 0 && float64(row.RemainingMinor()) < nearLimitShare*float64(row.AvailableMinor()) {
			v.NearLimit = append(v.NearLimit, row)
		}
	}
	v.Currency, v.MinorUnits = sheet.Currency, sheet.MinorUnits
	if v.Policy, err = h.policyTasks(ctx, p.MunicipalityID); err != nil {
		return err
	}
	l := web.L(r)
	return web.Render(w, r, http.StatusOK, DashboardPage(h.Page(w, r, l.T("ws.dashboard.title")), v))
}
