package tripedit

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/auditlog"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/lifecycle"
	"github.com/municipal-intl/portal/internal/policycheck"
	"github.com/municipal-intl/portal/internal/staffweb"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// trip reads {id} as a trip of the signed-in person's municipality; any other is
// not found.
func (h *Handlers) trip(r *http.Request) (Record, error) {
	id, err := staffweb.ID(r, "id")
	if err != nil {
		return Record{}, err
	}
	rec, err := load(r.Context(), h.Pool, staffweb.Me(r).MunicipalityID, id, false)
	if errors.Is(err, errNotFound) {
		return Record{}, web.NotFound(err)
	}
	return rec, err
}

// mayEdit reports whether the person's role lets them change trips.
func mayEdit(me *account.Person) bool { return me.Can(access.TripEdit) }

// title names a trip in headings and breadcrumbs.
func title(l *i18n.Localizer, rec Record) string {
	if rec.Purpose != "" {
		return rec.Purpose
	}
	return l.T("tripedit.untitled")
}

func crumbs(l *i18n.Localizer, rec Record, more ...templates.Crumb) []templates.Crumb {
	out := []templates.Crumb{{Label: l.T("tripedit.list.title"), Href: "/staff/trips"}}
	if rec.ID != 0 {
		out = append(out, templates.Crumb{Label: title(l, rec), Href: fmt.Sprintf("/staff/trips/%d", rec.ID)})
	}
	return append(out, more...)
}

// view is GET /staff/trips/{id}.
func (h *Handlers) view(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.trip(r)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, rec, nil)
}

// render writes the trip page with status; refusal lists why the last lifecycle
// step was refused.
func (h *Handlers) render(w http.ResponseWriter, r *http.Request, status int, rec Record, refusal []string) error {
	return h.renderPage(w, r, status, rec, refusal, "")
}

// renderPage writes the trip page; withdrawRefusal is the catalogue key of why
// the trip was not withdrawn, "" for none.
func (h *Handlers) renderPage(w http.ResponseWriter, r *http.Request, status int, rec Record, refusal []string, withdrawRefusal string) error {
	ctx := r.Context()
	me := staffweb.Me(r)
	o, err := loadOptions(ctx, h.Pool, me.MunicipalityID)
	if err != nil {
		return err
	}
	l := web.L(r)
	v := staffTripView(l, rec, o)
	v.Refusal, v.WithdrawRefusal = refusal, withdrawRefusal
	if mayEdit(me) {
		v.EditMode = editMode(rec.Status)
		v.CanReport = reportEditable(rec.Status)
		v.CanWithdraw = mayWithdraw(rec.Status)
	}
	author := int64(0)
	if rec.AuthorID != nil {
		author = *rec.AuthorID
	}
	actor := lifecycle.Actor{ID: me.ID, Role: me.Role}
	travellers, err := lifecycle.TravellerAccounts(r.Context(), h.Pool, rec.ID)
	if err != nil {
		return err
	}
	for _, a := range lifecycle.Available(lifecycle.Facts{Status: rec.Status, AuthorID: author, TravellerAccounts: travellers}, actor) {
		if slices.Contains(steps, a) {
			v.Steps = append(v.Steps, a)
		} else {
			v.CanReview = true
		}
	}
	if slices.Contains(v.Steps, lifecycle.SubmitReport) {
		_, needsApproval, err := policycheck.RuleFor(ctx, h.Pool, me.MunicipalityID, lifecycle.RuleReportApproval)
		if err != nil {
			return err
		}
		v.ReportPublishes = !needsApproval
	}
	if rec.Status == "published" && rec.Reference != "" {
		v.PublicURL = "/m/" + me.MunicipalitySlug + "/trips/" + rec.Reference
	}
	if v.Warnings, err = policycheck.TripWarnings(ctx, h.Pool, rec.ID); err != nil {
		return err
	}
	if err := h.loadExtras(ctx, &v); err != nil {
		return err
	}
	if v.History, err = history(ctx, h.Pool, me.MunicipalityID, rec.ID); err != nil {
		return err
	}
	p := h.Page(w, r, title(l, rec), crumbs(l, Record{}, templates.Crumb{Label: title(l, rec)})...)
	return web.Render(w, r, status, templates.StaffTripPage(p, v))
}

// steps are the lifecycle actions taken from the trip page; the reviews are taken
// on the review page.
var steps = []string{lifecycle.Submit, lifecycle.Complete, lifecycle.SubmitReport}

// step is POST /staff/trips/{id}/step: staff move their trip on (submit the plan,
// mark it completed, submit the report). A refusal comes back on the trip page
// with its reasons (422); success returns to the trip with a message.
func (h *Handlers) step(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.trip(r)
	if err != nil {
		return err
	}
	action := r.PostFormValue("action")
	if !slices.Contains(steps, action) {
		return web.BadRequest("review.error.action", nil)
	}
	me := staffweb.Me(r)
	_, err = lifecycle.Apply(r.Context(), h.Pool, me.MunicipalityID, rec.ID, action, lifecycle.Actor{ID: me.ID, Role: me.Role}, "", h.Now())
	var refusal *lifecycle.Refusal
	switch {
	case errors.As(err, &refusal):
		if slices.Contains(refusal.Keys, "lifecycle.refused.role") {
			return &web.Error{Status: http.StatusForbidden, Key: "lifecycle.refused.role"}
		}
		return h.render(w, r, http.StatusUnprocessableEntity, rec, refusal.Keys)
	case errors.Is(err, lifecycle.ErrNotFound):
		return web.NotFound(err)
	case err != nil:
		return err
	}
	return h.Done(w, r, fmt.Sprintf("/staff/trips/%d", rec.ID), "lifecycle.flash."+action)
}

// staffTripView writes a record for the trip page, naming what its ids stand for.
func staffTripView(l *i18n.Localizer, rec Record, o options) templates.StaffTripView {
	v := templates.StaffTripView{
		ID: rec.ID, Version: rec.Version, Reference: rec.Reference, Status: rec.Status, Purpose: rec.Purpose, Organiser: rec.Organiser,
		StartsOn: rec.StartsOn, EndsOn: rec.EndsOn, Currency: rec.Currency, MinorUnits: rec.MinorUnits,
		AuthorName: rec.AuthorName, Language: rec.Language, CreatedAt: rec.CreatedAt, UpdatedAt: rec.UpdatedAt,
		PlannedTotal: rec.PlannedTotal(), ActualTotal: rec.ActualTotal(), Missing: rec.Missing(),
	}
	if rec.PartnershipID != nil {
		if ps, ok := o.partnership(*rec.PartnershipID); ok {
			v.Partnership = partnershipLabel(l, ps)
		}
	}
	if rec.BudgetLineID != nil {
		if bl, ok := o.budgetLine(*rec.BudgetLineID); ok {
			v.BudgetLine = budgetLineLabel(bl)
		}
	}
	for _, id := range rec.Priorities {
		if pr, ok := o.priority(id); ok {
			v.Priorities = append(v.Priorities, pr.Code+" "+pr.Title)
		}
	}
	for _, d := range rec.Destinations {
		sd := templates.StaffTripDestination{City: d.City, Country: d.Country, Partner: d.PartnerCityID != nil}
		if d.Latitude != "" {
			sd.Coordinates = d.Latitude + ", " + d.Longitude
		}
		sd.Mode, _ = o.modeLabel(d.Mode)
		v.Destinations = append(v.Destinations, sd)
	}
	for _, t := range rec.Travellers {
		v.Travellers = append(v.Travellers, templates.StaffTripTraveller{Name: t.Name, Role: t.Role, Kind: t.Kind})
	}
	for _, it := range rec.Programme {
		v.Programme = append(v.Programme, templates.StaffTripProgrammeItem(it))
	}
	for _, c := range rec.Costs {
		v.Costs = append(v.Costs, templates.StaffTripCost(c))
		v.HasActual = v.HasActual || c.Actual != nil
	}
	return v
}

func partnershipLabel(l *i18n.Localizer, ps partnershipOption) string {
	kind := ""
	switch ps.Kind {
	case "twin_town":
		kind = l.T("partnership.kind.twin_town")
	case "partnership":
		kind = l.T("partnership.kind.partnership")
	case "friendship":
		kind = l.T("partnership.kind.friendship")
	case "network":
		kind = l.T("partnership.kind.network")
	}
	return ps.City + " (" + kind + ")"
}

func budgetLineLabel(bl budgetLineOption) string {
	return fmt.Sprintf("%d · %s %s", bl.Year, bl.Code, bl.Name)
}

// loadExtras adds the report, the attachments and the lifecycle steps.
func (h *Handlers) loadExtras(ctx context.Context, v *templates.StaffTripView) error {
	b := &pgx.Batch{}
	b.Queue(`SELECT goal, programme_carried_out, outcome, follow_up FROM trip_report WHERE trip_id = $1`, v.ID).QueryRow(func(row pgx.Row) error {
		var rep templates.StaffTripReport
		err := row.Scan(&rep.Goal, &rep.Programme, &rep.Outcome, &rep.FollowUp)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		v.Report = &rep
		return err
	})
	b.Queue(`
SELECT a.id, a.filename, a.size_bytes FROM trip_attachment ta JOIN attachment a ON a.id = ta.attachment_id
WHERE ta.trip_id = $1 ORDER BY a.id`, v.ID).Query(func(rows pgx.Rows) error {
		var err error
		v.Attachments, err = pgx.CollectRows(rows, pgx.RowToStructByPos[templates.StaffTripAttachment])
		return err
	})
	b.Queue(`
SELECT tt.action, tt.to_status, coalesce(a.name, ''), tt.comment, tt.at
FROM trip_transition tt LEFT JOIN account a ON a.id = tt.actor_id
WHERE tt.trip_id = $1 ORDER BY tt.at, tt.id`, v.ID).Query(func(rows pgx.Rows) error {
		var err error
		v.Transitions, err = pgx.CollectRows(rows, pgx.RowToStructByPos[templates.StaffTripTransition])
		return err
	})
	if err := h.Pool.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("trip %d report, attachments and steps: %w", v.ID, err)
	}
	return nil
}

// history is the audit log of the trip and of its report, newest first.
func history(ctx context.Context, pool *pgxpool.Pool, m, tripID int64) ([]audit.Row, error) {
	rows, err := auditlog.For(ctx, pool, m, "trip", tripID)
	if err != nil {
		return nil, err
	}
	report, err := auditlog.For(ctx, pool, m, "trip_report", tripID)
	if err != nil {
		return nil, err
	}
	rows = append(rows, report...)
	slices.SortStableFunc(rows, func(a, b audit.Row) int {
		if c := b.At.Compare(a.At); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	return rows, nil
}

// download is GET /staff/trips/{id}/attachments/{attachment}: a file of the trip.
func (h *Handlers) download(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.trip(r)
	if err != nil {
		return err
	}
	aid, err := staffweb.ID(r, "attachment")
	if err != nil {
		return err
	}
	ctx := r.Context()
	var linked bool
	if err := h.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM trip_attachment WHERE trip_id = $1 AND attachment_id = $2)`, rec.ID, aid).Scan(&linked); err != nil {
		return fmt.Errorf("trip %d attachment %d: %w", rec.ID, aid, err)
	}
	if !linked {
		return web.NotFound(nil)
	}
	a, err := attachment.Get(ctx, h.Pool, staffweb.Me(r).MunicipalityID, aid)
	if errors.Is(err, attachment.ErrNotFound) {
		return web.NotFound(err)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-store")
	attachment.Serve(w, a)
	return nil
}
