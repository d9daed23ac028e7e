package tripedit

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/staffweb"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// perPage is how many trips the list shows at once.
const perPage = 50

// list is GET /staff/trips: every trip of the municipality, newest first,
// optionally of one status.
func (h *Handlers) list(w http.ResponseWriter, r *http.Request) error {
	me := staffweb.Me(r)
	q := r.URL.Query()
	v := templates.StaffTripsView{Status: q.Get("status"), Statuses: Statuses, Page: 1,
		CanCreate: me.Can(access.TripEdit)}
	if v.Status != "" && !slices.Contains(Statuses, v.Status) {
		return web.BadRequest("tripedit.error.status", nil)
	}
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return web.BadRequest("tripedit.error.page", err)
		}
		v.Page = n
	}
	ctx := r.Context()
	if err := h.Pool.QueryRow(ctx, `
SELECT count(*) FROM trip WHERE municipality_id = $1 AND archived_at IS NULL AND ($2 = '' OR status = $2)`,
		me.MunicipalityID, v.Status).Scan(&v.Total); err != nil {
		return fmt.Errorf("count trips: %w", err)
	}
	v.Pages = max(1, (v.Total+perPage-1)/perPage)
	v.Page = min(v.Page, v.Pages)
	rows, err := h.Pool.Query(ctx, `
SELECT t.id, coalesce(t.reference, ''), t.purpose, t.status, t.organiser, coalesce(a.name, ''),
       t.starts_on, t.ends_on, t.updated_at
FROM trip t LEFT JOIN account a ON a.id = t.author_id
WHERE t.municipality_id = $1 AND t.archived_at IS NULL AND ($2 = '' OR t.status = $2)
ORDER BY t.created_at DESC, t.id DESC
LIMIT $3 OFFSET $4`, me.MunicipalityID, v.Status, perPage, (v.Page-1)*perPage)
	if err != nil {
		return fmt.Errorf("list trips: %w", err)
	}
	v.Trips, err = pgx.CollectRows(rows, pgx.RowToStructByPos[templates.StaffTripRow])
	if err != nil {
		return fmt.Errorf("list trips: %w", err)
	}
	l := web.L(r)
	p := h.Page(w, r, l.T("tripedit.list.title"), templates.Crumb{Label: l.T("tripedit.list.title")})
	return web.Render(w, r, http.StatusOK, templates.StaffTripsPage(p, v))
}
