package tripweb

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// list is GET /staff/trips: every trip of the municipality, newest first,
// optionally of one status.
func (h *Handlers) list(w http.ResponseWriter, r *http.Request) error {
	me := workspaceweb.Me(r)
	q := r.URL.Query()
	v := StaffTripsView{Status: q.Get("status"), Statuses: trip.Statuses, Page: 1,
		CanCreate: me.Can(access.TripEdit)}
	if v.Status != "" && !slices.Contains(trip.Statuses, v.Status) {
		return web.BadRequest("tripedit.error.status", nil)
	}
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return web.BadRequest("tripedit.error.page", err)
		}
		v.Page = n
	}
	var err error
	v.Trips, v.Total, v.Page, err = h.store().List(r.Context(), me.MunicipalityID, v.Status, v.Page)
	if err != nil {
		return err
	}
	v.Pages = max(1, (v.Total+trip.ListPerPage-1)/trip.ListPerPage)
	l := web.L(r)
	p := h.Page(w, r, l.T("tripedit.list.title"), templates.Crumb{Label: l.T("tripedit.list.title")})
	return web.Render(w, r, http.StatusOK, StaffTripsPage(p, v))
}
