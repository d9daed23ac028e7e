package workspace

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/budget"
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
	var err error
	if v.Drafts, err = h.trips(ctx, `t.author_id = $2 AND t.status = 'draft'`, p.MunicipalityID, p.ID); err != nil {
		return err
	}
	if v.Returned, err = h.trips(ctx, `t.author_id = $2 AND t.status IN ('returned', 'report_returned')`, p.MunicipalityID, p.ID); err != nil {
		return err
	}
	// A report is due once the trip is over and until it is submitted.
	if v.ReportsDue, err = h.trips(ctx, `t.status IN ('approved', 'completed') AND t.ends_on < $2::date`, p.MunicipalityID, h.Now()); err != nil {
		return err
	}
	if v.AwaitingReview, err = h.trips(ctx, `t.status IN ('submitted', 'report_submitted') AND $2::bigint IS NOT NULL`, p.MunicipalityID, p.ID); err != nil {
		return err
	}
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

// trips lists the trips of a municipality matching cond ($1 is the municipality,
// $2 the extra argument), with the latest reviewer comment and the report due date.
func (h *Handlers) trips(ctx context.Context, cond string, municipalityID int64, arg any) ([]templates.DashboardTrip, error) {
	rows, err := h.Pool.Query(ctx, `
SELECT t.id, coalesce(t.reference, ''), t.purpose, t.status, t.starts_on, t.ends_on,
       coalesce((SELECT comment FROM trip_transition tt WHERE tt.trip_id = t.id AND tt.action IN ('return', 'return_report')
                 ORDER BY tt.at DESC LIMIT 1), ''),
       CASE WHEN t.ends_on IS NOT NULL THEN t.ends_on + m.report_deadline_days END,
       t.updated_at
FROM trip t JOIN municipality m ON m.id = t.municipality_id
WHERE t.municipality_id = $1 AND t.archived_at IS NULL AND `+cond+`
ORDER BY t.updated_at`, municipalityID, arg)
	if err != nil {
		return nil, fmt.Errorf("dashboard trips: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (templates.DashboardTrip, error) {
		var t templates.DashboardTrip
		var due *time.Time
		err := row.Scan(&t.ID, &t.Reference, &t.Purpose, &t.Status, &t.StartsOn, &t.EndsOn, &t.Comment, &due, &t.UpdatedAt)
		t.ReportDue = due
		return t, err
	})
	if err != nil {
		return nil, fmt.Errorf("dashboard trips: %w", err)
	}
	return list, nil
}
