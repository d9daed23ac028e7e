package workspace

import (
	"net/http"

	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// nearLimitShare: a budget line whose remaining money is below this share of what
// is available is shown as close to its limit.
const nearLimitShare = 0.10

func (h *Handlers) dashboard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := me(r)
	v := templates.DashboardView{Person: *p, Today: h.Now()}
	work, err := trip.NewStore(h.Pool).Work(ctx, p.MunicipalityID, p.ID, h.Now())
	if err != nil {
		return err
	}
	v.Drafts, v.Returned = dashboardTrips(work.Drafts), dashboardTrips(work.Returned)
	v.ReportsDue, v.AwaitingReview = dashboardTrips(work.ReportsDue), dashboardTrips(work.AwaitingReview)
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
	l := web.L(r)
	return web.Render(w, r, http.StatusOK, templates.DashboardPage(h.page(w, r, l.T("ws.dashboard.title")), v))
}

// dashboardTrips are the trips of a dashboard list as the page shows them.
func dashboardTrips(list []trip.WorkItem) []templates.DashboardTrip {
	out := make([]templates.DashboardTrip, len(list))
	for i, t := range list {
		out[i] = templates.DashboardTrip(t)
	}
	return out
}
