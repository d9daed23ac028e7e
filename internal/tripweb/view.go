package tripweb

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// trip reads {id} as a trip of the signed-in person's municipality; any other is
// not found.
func (h *Handlers) trip(r *http.Request) (trip.Record, error) {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return trip.Record{}, err
	}
	rec, err := h.store().Record(r.Context(), workspaceweb.Me(r).MunicipalityID, id)
	if errors.Is(err, trip.ErrNotFound) {
		return trip.Record{}, web.NotFound(err)
	}
	return rec, err
}

// mayEdit reports whether the person's role lets them change trips.
func mayEdit(me *account.Person) bool { return me.Can(access.TripEdit) }

// title names a trip in headings and breadcrumbs.
func title(l *i18n.Localizer, rec trip.Record) string {
	if h := trip.Heading(rec.Title, rec.Purpose); h != "" {
		return h
	}
	return l.T("tripedit.untitled")
}

// titleCrumb is the trip's crumb: its title in its own language.
func titleCrumb(l *i18n.Localizer, rec trip.Record, href string) templates.Crumb {
	c := templates.Crumb{Label: title(l, rec), Href: href}
	if trip.Heading(rec.Title, rec.Purpose) != "" {
		c.Lang = rec.Language
	}
	return c
}

func crumbs(l *i18n.Localizer, rec trip.Record, more ...templates.Crumb) []templates.Crumb {
	out := []templates.Crumb{{Label: l.T("tripedit.list.title"), Href: "/staff/trips"}}
	if rec.ID != 0 {
		out = append(out, titleCrumb(l, rec, fmt.Sprintf("/staff/trips/%d", rec.ID)))
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
func (h *Handlers) render(w http.ResponseWriter, r *http.Request, status int, rec trip.Record, refusal []Reason) error {
	return h.renderPage(w, r, status, rec, refusal, "")
}

// renderPage writes the trip page; withdrawRefusal is the catalogue key of why
// the trip was not withdrawn, "" for none.
func (h *Handlers) renderPage(w http.ResponseWriter, r *http.Request, status int, rec trip.Record, refusal []Reason, withdrawRefusal string) error {
	ctx := r.Context()
	me := workspaceweb.Me(r)
	store := h.store()
	o, err := h.formOptions(ctx, me.MunicipalityID)
	if err != nil {
		return err
	}
	l := web.L(r)
	v := staffTripView(l, rec, o)
	v.Refusal, v.WithdrawRefusal = refusal, withdrawRefusal
	if mayEdit(me) {
		v.EditMode = trip.EditMode(rec.Status)
		v.CanReport = trip.ReportEditable(rec.Status)
		v.CanWithdraw = trip.Withdrawable(rec.Status)
	}
	facts, err := store.Facts(ctx, me.MunicipalityID, rec.ID, h.Now())
	if err != nil {
		return err
	}
	v.Lapsed = facts.Lapsed
	bodies, err := store.ActorBodies(ctx, me.ID)
	if err != nil {
		return err
	}
	actor := trip.Actor{ID: me.ID, Role: me.Role, Bodies: bodies}
	v.NotOver = rec.Status == trip.StatusApproved && facts.NotOver()
	for _, a := range trip.Available(facts, actor) {
		if slices.Contains(steps, a) {
			v.Steps = append(v.Steps, a)
		} else {
			v.CanReview = true
		}
	}
	v.ReportPublishes = !facts.ReportApproval.Needed
	v.PlanApproves = !facts.PlanApproval.Needed
	if v.Approver, err = h.approver(ctx, me.MunicipalityID, facts.PlanApproval); err != nil {
		return err
	}
	if v.ReportApprover, err = h.approver(ctx, me.MunicipalityID, facts.ReportApproval); err != nil {
		return err
	}
	if facts.NeedsProgramme && facts.Programme == 0 && trip.EditMode(rec.Status) == trip.ModeFull && !slices.Contains(v.Missing, trip.KeyProgrammeMissing) {
		v.Missing = append(v.Missing, trip.KeyProgrammeMissing)
		v.MissingRules = map[string]trip.Quote{trip.KeyProgrammeMissing: facts.ProgrammeRule}
	}
	if rec.Status == trip.StatusPublished && rec.Reference != "" {
		v.PublicURL = "/m/" + me.MunicipalitySlug + "/trips/" + rec.Reference
	}
	if v.Warnings, err = policy.NewStore(h.Pool).TripWarnings(ctx, rec.ID); err != nil {
		return err
	}
	x, err := store.Extras(ctx, rec.ID)
	if err != nil {
		return err
	}
	v.Report, v.Attachments, v.Transitions = x.Report, x.Attachments, x.Transitions
	if v.History, err = history(ctx, h.Pool, me.MunicipalityID, rec.ID); err != nil {
		return err
	}
	p := h.Page(w, r, title(l, rec), crumbs(l, trip.Record{}, titleCrumb(l, rec, ""))...)
	return web.Render(w, r, status, StaffTripPage(p, v))
}

// steps are the lifecycle actions taken from the trip page; the reviews are taken
// on the review page.
var steps = []string{trip.Submit, trip.Complete, trip.SubmitReport}

// step is POST /staff/trips/{id}/step: staff move their trip on (submit the plan,
// mark it completed, submit the report). A refusal comes back on the trip page
// with its reasons (422); success returns to the trip with a message.
func (h *Handlers) step(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.trip(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	action := r.PostFormValue("action")
	if !slices.Contains(steps, action) {
		return web.BadRequest("review.error.action", nil)
	}
	me := workspaceweb.Me(r)
	res, err := h.store().Apply(r.Context(), me.MunicipalityID, rec.ID, action, trip.Actor{ID: me.ID, Role: me.Role}, "", h.Now())
	var refusal *trip.Refusal
	switch {
	case errors.As(err, &refusal):
		if slices.Contains(refusal.Keys, "lifecycle.refused.role") {
			return &web.Error{Status: http.StatusForbidden, Key: "lifecycle.refused.role"}
		}
		return h.render(w, r, http.StatusUnprocessableEntity, rec, reasons(refusal, refusal.Keys))
	case errors.Is(err, trip.ErrNotFound):
		return web.NotFound(err)
	case err != nil:
		return err
	}
	key, args, err := h.outcome(r, rec.ID, action, res)
	if err != nil {
		return err
	}
	return h.Done(w, r, fmt.Sprintf("/staff/trips/%d", rec.ID), key, args...)
}

// staffTripView writes a record for the trip page, naming what its ids stand for.
func staffTripView(l *i18n.Localizer, rec trip.Record, o trip.FormOptions) StaffTripView {
	v := StaffTripView{
		ID: rec.ID, Version: rec.Version, Reference: rec.Reference, Status: rec.Status, Title: rec.Title, Purpose: rec.Purpose, Organiser: rec.Organiser,
		StartsOn: rec.StartsOn, EndsOn: rec.EndsOn, Currency: rec.Currency, MinorUnits: rec.MinorUnits,
		AuthorName: rec.AuthorName, Language: rec.Language, CreatedAt: rec.CreatedAt, UpdatedAt: rec.UpdatedAt,
		PlannedTotal: rec.PlannedTotal(), ActualTotal: rec.ActualTotal(), Missing: rec.Missing(),
	}
	if rec.PartnershipID != nil {
		if ps, ok := o.Partnership(*rec.PartnershipID); ok {
			v.Partnership = partnershipLabel(l, ps)
		}
	}
	if rec.MeetingID != nil {
		if mt, ok := o.Meeting(*rec.MeetingID); ok {
			v.Meeting = meetingLabel(l, mt.Year, mt.Host)
		}
	}
	if rec.BudgetLineID != nil {
		if bl, ok := o.BudgetLine(*rec.BudgetLineID); ok {
			v.BudgetLine = budgetLineLabel(bl)
		}
	}
	for _, id := range rec.Priorities {
		if pr, ok := o.Priority(id); ok {
			v.Priorities = append(v.Priorities, pr.Code+" "+pr.Title)
			v.PriorityLang = pr.Lang
		}
	}
	for _, d := range rec.Destinations {
		sd := StaffTripDestination{City: d.City, Country: d.Country, Partner: d.PartnerCityID != nil}
		if d.Latitude != "" {
			sd.Coordinates = d.Latitude + ", " + d.Longitude
		}
		if m, ok := o.Mode(d.Mode); ok {
			sd.Mode = modeName(l, m.Mode, m.Label)
			sd.Factor = factorNote(l, m.Factor, m.Unit, m.Year)
			sd.FactorSource = m.Source
		}
		v.Destinations = append(v.Destinations, sd)
	}
	for _, t := range rec.Travellers {
		v.Travellers = append(v.Travellers, StaffTripTraveller{Name: t.Name, Role: t.Role, Kind: t.Kind})
	}
	for _, it := range rec.Programme {
		v.Programme = append(v.Programme, StaffTripProgrammeItem(it))
	}
	for _, c := range rec.Costs {
		v.Costs = append(v.Costs, StaffTripCost(c))
		v.HasActual = v.HasActual || c.Actual != nil
	}
	return v
}

func partnershipLabel(l *i18n.Localizer, ps trip.PartnershipOption) string {
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

// meetingLabel names a twin-city meeting: "Twin-city meeting 2026, Bergen".
func meetingLabel(l *i18n.Localizer, year int, host string) string {
	return l.T("trip.meeting.label", strconv.Itoa(year), host)
}

func budgetLineLabel(bl trip.BudgetLineOption) string {
	return fmt.Sprintf("%d · %s %s", bl.Year, bl.Code, bl.Name)
}

// history is the audit log of the trip and of its report, newest first.
func history(ctx context.Context, pool database.Querier, m, tripID int64) ([]audit.Row, error) {
	rows, err := audit.NewStore(pool).History(ctx, m, "trip", tripID)
	if err != nil {
		return nil, err
	}
	report, err := audit.NewStore(pool).History(ctx, m, "trip_report", tripID)
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
	aid, err := workspaceweb.ID(r, "attachment")
	if err != nil {
		return err
	}
	ctx := r.Context()
	linked, err := h.store().HasFile(ctx, rec.ID, aid)
	if err != nil {
		return err
	}
	if !linked {
		return web.NotFound(nil)
	}
	a, err := attachment.Get(ctx, h.Pool, workspaceweb.Me(r).MunicipalityID, aid)
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
