package tripweb

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// formState is everything the trip form shows besides the options.
type formState struct {
	rec      trip.Record // the stored trip; ID 0 for a new one
	mode     string
	in       Input
	errs     form.Errors
	conflict []templates.ConflictRow
	warnings []policy.TripWarning
	places   map[int]PlaceChoices // what "Find place" found, by destination row
}

// editorOf is the signed-in person as the trip store records who saved.
func editorOf(r *http.Request) trip.Editor {
	me := workspaceweb.Me(r)
	return trip.Editor{AccountID: me.ID, MunicipalityID: me.MunicipalityID, RequestID: web.RequestID(r.Context())}
}

// newTrip is GET /staff/trips/new.
func (h *Handlers) newTrip(w http.ResponseWriter, r *http.Request) error {
	o, err := h.formOptions(r.Context(), workspaceweb.Me(r).MunicipalityID)
	if err != nil {
		return err
	}
	return h.renderForm(w, r, http.StatusOK, o, formState{mode: trip.ModeFull, in: newInput()})
}

// create is POST /staff/trips: a row button re-renders the form, anything else
// saves a new draft.
func (h *Handlers) create(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	me := workspaceweb.Me(r)
	if err := web.ParseForm(r); err != nil {
		return err
	}
	o, err := h.formOptions(ctx, me.MunicipalityID)
	if err != nil {
		return err
	}
	st := formState{mode: trip.ModeFull, in: readInput(r.PostForm)}
	if found, err := h.placeStep(ctx, web.L(r), r.PostFormValue("action"), &st); err != nil {
		return err
	} else if found {
		return h.renderForm(w, r, http.StatusOK, o, st)
	}
	if st.in.editRows(r.PostFormValue("action"), 0) {
		return h.renderForm(w, r, http.StatusOK, o, st)
	}
	p := parser{l: web.L(r), o: o, currency: me.Currency, minorUnits: me.MinorUnits}
	rec := p.parse(st.in)
	if p.errs.Any() {
		st.errs = p.errs
		return h.renderForm(w, r, http.StatusUnprocessableEntity, o, st)
	}
	id, err := h.store().Create(ctx, editorOf(r), rec)
	if err != nil {
		return err
	}
	return h.Done(w, r, "/staff/trips/"+strconv.FormatInt(id, 10), "tripedit.flash.created")
}

// edit is GET /staff/trips/{id}/edit.
func (h *Handlers) edit(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.trip(r)
	if err != nil {
		return err
	}
	mode := trip.EditMode(rec.Status)
	if mode == "" {
		return h.locked(w, r, rec)
	}
	ctx := r.Context()
	o, err := h.formOptions(ctx, workspaceweb.Me(r).MunicipalityID)
	if err != nil {
		return err
	}
	st := formState{rec: rec, mode: mode, in: inputOf(rec, web.L(r).Lang)}
	if st.warnings, err = policy.NewStore(h.Pool).TripWarnings(ctx, rec.ID); err != nil {
		return err
	}
	return h.renderForm(w, r, http.StatusOK, o, st)
}

// update is POST /staff/trips/{id}.
func (h *Handlers) update(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.trip(r)
	if err != nil {
		return err
	}
	mode := trip.EditMode(rec.Status)
	if mode == "" {
		return h.locked(w, r, rec)
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	o, err := h.formOptions(ctx, workspaceweb.Me(r).MunicipalityID)
	if err != nil {
		return err
	}
	l := web.L(r)
	st := formState{rec: rec, mode: mode, in: readInput(r.PostForm)}
	locked := 0
	if mode == trip.ModeActuals {
		locked = len(rec.Costs)
		st.in.padLocked(rec, l.Lang)
	}
	if mode == trip.ModeFull {
		if found, err := h.placeStep(ctx, l, r.PostFormValue("action"), &st); err != nil {
			return err
		} else if found {
			return h.renderForm(w, r, http.StatusOK, o, st)
		}
	}
	if st.in.editRows(r.PostFormValue("action"), locked) {
		return h.renderForm(w, r, http.StatusOK, o, st)
	}
	p := parser{l: l, o: o, currency: rec.Currency, minorUnits: rec.MinorUnits}
	var next trip.Record
	if mode == trip.ModeActuals {
		next = p.parseActuals(st.in, rec)
	} else {
		next = p.parse(st.in)
	}
	next.ID, next.Version, next.Currency, next.MinorUnits = rec.ID, st.in.Version, rec.Currency, rec.MinorUnits
	if p.errs.Any() {
		st.errs = p.errs
		return h.renderForm(w, r, http.StatusUnprocessableEntity, o, st)
	}
	cur, err := h.store().Update(ctx, editorOf(r), mode, next)
	switch {
	case errors.Is(err, trip.ErrNotFound):
		return web.NotFound(err)
	case errors.Is(err, trip.ErrLocked):
		return h.locked(w, r, cur)
	case errors.Is(err, trip.ErrConflict):
		// Nothing was saved: the person's input beside the current record, in a
		// form that now carries the current version.
		st.conflict = conflictRows(l, o, next, cur)
		if newMode := trip.EditMode(cur.Status); newMode != mode {
			st = formState{rec: cur, mode: newMode, in: inputOf(cur, l.Lang), conflict: st.conflict}
		} else {
			st.rec, st.in.Version = cur, cur.Version
		}
		return h.renderForm(w, r, http.StatusConflict, o, st)
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/trips/"+strconv.FormatInt(rec.ID, 10), "tripedit.flash.saved")
}

// padLocked makes sure the form has a row for each approved cost line, so that a
// truncated form cannot drop one: a missing row keeps the stored actual amount.
func (in *Input) padLocked(rec trip.Record, lang string) {
	stored := inputOf(rec, lang).Costs
	for i := len(in.Costs); i < len(stored); i++ {
		in.Costs = append(in.Costs, stored[i])
	}
}

// parseActuals reads the actuals mode: the actual amount of each approved cost
// line, and cost lines added since with their actual amount. Everything else
// stays as stored.
func (p *parser) parseActuals(in Input, rec trip.Record) trip.Record {
	next := rec
	next.Costs = nil
	for i, row := range in.Costs {
		name := func(f string) string { return form.RowName(groupCost, i, f) }
		if i < len(rec.Costs) {
			c := rec.Costs[i]
			c.Actual = p.money(name("actual"), row["actual"])
			if c.Planned == nil && c.Actual == nil && strings.TrimSpace(row["actual"]) == "" {
				p.errs.Add(name("actual"), "tripedit.error.amount_required")
			}
			next.Costs = append(next.Costs, c)
			continue
		}
		if blank(row, "category", "description", "actual") {
			continue
		}
		c := trip.Cost{Category: row["category"], Description: p.text(name("description"), row["description"], maxLine)}
		if !slices.Contains(trip.Categories, c.Category) {
			p.errs.Add(name("category"), "tripedit.error.category_required")
		}
		c.Actual = p.money(name("actual"), row["actual"])
		if strings.TrimSpace(row["actual"]) == "" {
			p.errs.Add(name("actual"), "tripedit.error.amount_required")
		}
		next.Costs = append(next.Costs, c)
	}
	return next
}

// locked answers 409: the trip's status does not allow changes here.
func (h *Handlers) locked(w http.ResponseWriter, r *http.Request, rec trip.Record) error {
	l := web.L(r)
	p := h.Page(w, r, l.T("tripedit.locked.heading"), crumbs(l, rec, templates.Crumb{Label: l.T("tripedit.locked.heading")})...)
	return web.Render(w, r, http.StatusConflict, StaffTripLockedPage(p,
		StaffTripLockedView{ID: rec.ID, Title: title(l, rec), Status: rec.Status}))
}

// renderForm shows the trip form with status.
func (h *Handlers) renderForm(w http.ResponseWriter, r *http.Request, status int, o trip.FormOptions, st formState) error {
	l := web.L(r)
	me := workspaceweb.Me(r)
	v := StaffTripFormView{
		Action: "/staff/trips", TripID: st.rec.ID, Mode: st.mode, Version: st.in.Version,
		Title: st.in.Title, Purpose: st.in.Purpose, StartsOn: st.in.StartsOn, EndsOn: st.in.EndsOn, Organiser: st.in.Organiser,
		Partnership: st.in.Partnership, BudgetLine: st.in.BudgetLine, Meeting: st.in.Meeting, Priorities: st.in.Priorities,
		Destinations: st.in.Destinations, Travellers: st.in.Travellers, Programme: st.in.Programme, Costs: st.in.Costs,
		Errors: st.errs, Summary: summary(l, st.errs), Conflict: st.conflict, Warnings: st.warnings,
		Currency: me.Currency, MinorUnits: me.MinorUnits,
		Countries: countryOptions(l, ""), Organisers: o.Organisers,
		Places: st.places, PlaceSearch: "/staff/places", PlaceScript: h.Site.Assets.Path("js/place-finder.js"),
	}
	heading := l.T("tripedit.new")
	if st.rec.ID != 0 {
		v.Action = fmt.Sprintf("/staff/trips/%d", st.rec.ID)
		v.Currency, v.MinorUnits = st.rec.Currency, st.rec.MinorUnits
		v.Missing = st.rec.Missing()
		heading = l.T("tripedit.edit_heading", title(l, st.rec))
		if st.mode == trip.ModeActuals {
			heading = l.T("tripedit.actuals_heading", title(l, st.rec))
			for _, c := range st.rec.Costs {
				v.LockedCosts = append(v.LockedCosts, StaffTripCost(c))
			}
		}
	}
	v.Heading = heading
	v.Accounts = append(v.Accounts, templates.Option{Value: "", Label: l.T("security.traveller.no_account")})
	for _, a := range o.Accounts {
		v.Accounts = append(v.Accounts, templates.Option{Value: strconv.FormatInt(a.ID, 10), Label: a.Name + " (" + l.T(access.RoleKey(a.Role)) + ")"})
	}
	v.PartnerCities = append(v.PartnerCities, templates.Option{Value: "", Label: l.T("tripedit.partner_other")})
	for _, pc := range o.PartnerCities {
		v.PartnerCities = append(v.PartnerCities, templates.Option{Value: strconv.FormatInt(pc.ID, 10), Label: l.Place(pc.Name, pc.Country)})
	}
	v.Modes = append(v.Modes, templates.Option{Value: "", Label: l.T("tripedit.mode_unknown")})
	for _, m := range o.Modes {
		v.Modes = append(v.Modes, templates.Option{Value: m.Mode, Label: modeName(l, m.Mode, m.Label)})
	}
	for _, pr := range o.Priorities {
		v.PriorityOpts = append(v.PriorityOpts, templates.Option{Value: strconv.FormatInt(pr.ID, 10), Label: pr.Code + " " + pr.Title})
	}
	v.Partnerships = append(v.Partnerships, templates.Option{Value: "", Label: l.T("tripedit.none")})
	for _, ps := range o.Partnerships {
		v.Partnerships = append(v.Partnerships, templates.Option{Value: strconv.FormatInt(ps.ID, 10), Label: partnershipLabel(l, ps)})
	}
	if len(o.Meetings) > 0 {
		v.Meetings = append(v.Meetings, templates.Option{Value: "", Label: l.T("tripedit.meeting_none")})
		for _, mt := range o.Meetings {
			v.Meetings = append(v.Meetings, templates.Option{Value: strconv.FormatInt(mt.ID, 10), Label: meetingLabel(l, mt.Year, mt.Host)})
		}
	}
	// The budget lines of the trip's year (this year while it has no dates), and
	// the one chosen, so that a change of year shows what is wrong.
	year := h.Now().Year()
	if d, err := form.ParseDate(st.in.StartsOn); err == nil {
		year = d.Year()
	}
	v.BudgetLines = append(v.BudgetLines, templates.Option{Value: "", Label: l.T("tripedit.none")})
	for _, bl := range o.BudgetLines {
		id := strconv.FormatInt(bl.ID, 10)
		if bl.Year == year || id == st.in.BudgetLine {
			v.BudgetLines = append(v.BudgetLines, templates.Option{Value: id, Label: budgetLineLabel(bl)})
		}
	}
	// An empty list says who can fill it rather than offering "None" alone.
	v.BudgetLineHint = l.T("tripedit.hint.budget_line")
	if len(v.BudgetLines) == 1 {
		v.BudgetLineHint = l.T("tripedit.hint.budget_line_none", strconv.Itoa(year))
	}
	crumb := templates.Crumb{Label: heading}
	if st.rec.ID != 0 {
		crumb.Label = l.T("tripedit.edit")
	}
	p := h.Page(w, r, templates.ErrorTitle(templates.Page{L: l}, heading, st.errs), crumbs(l, st.rec, crumb)...)
	return web.Render(w, r, status, StaffTripFormPage(p, v))
}

// summary words the errors for the summary at the top of the page: an error in a
// repeated row names the row and the field, as the same message may stand beside
// several rows.
func summary(l *i18n.Localizer, errs form.Errors) form.Errors {
	var out form.Errors
	for _, e := range errs {
		group, rest, ok := strings.Cut(e.Field, "-")
		if !ok {
			out = append(out, e)
			continue
		}
		num, field, _ := strings.Cut(rest, "-")
		i, err := strconv.Atoi(num)
		row, label := rowLabel(l, group, i+1), fieldLabel(l, group, field)
		if err != nil || row == "" || label == "" {
			out = append(out, e)
			continue
		}
		out = append(out, form.FieldError{Field: e.Field, Key: "tripedit.error.in_row", Args: []any{row, label, l.T(e.Key, e.Args...)}})
	}
	return out
}

func rowLabel(l *i18n.Localizer, group string, n int) string {
	switch group {
	case groupDestination:
		return l.T("tripedit.row.destination", n)
	case groupTraveller:
		return l.T("tripedit.row.traveller", n)
	case groupProgramme:
		return l.T("tripedit.row.programme", n)
	case groupCost:
		return l.T("tripedit.row.cost", n)
	}
	return ""
}

func fieldLabel(l *i18n.Localizer, group, field string) string {
	switch group + "." + field {
	case "destination.partner":
		return l.T("tripedit.field.partner_city")
	case "destination.city":
		return l.T("tripedit.field.city")
	case "destination.country":
		return l.T("tripedit.field.country")
	case "destination.lat":
		return l.T("tripedit.field.latitude")
	case "destination.lon":
		return l.T("tripedit.field.longitude")
	case "destination.mode":
		return l.T("trip.leg.mode")
	case "traveller.name":
		return l.T("trip.traveller.name")
	case "traveller.role":
		return l.T("trip.traveller.role")
	case "traveller.kind":
		return l.T("trip.traveller.kind")
	case "traveller.account":
		return l.T("security.traveller.account")
	case "programme.day":
		return l.T("tripedit.field.day")
	case "programme.description", "cost.description":
		return l.T("tripedit.field.description")
	case "programme.location":
		return l.T("tripedit.field.location")
	case "cost.category":
		return l.T("trip.cost.category")
	case "cost.planned":
		return l.T("tripedit.field.planned")
	case "cost.actual":
		return l.T("tripedit.field.actual")
	}
	return ""
}

// formOptions loads the trip form's choices, after creating this year's
// recurring budget lines if the year has just begun (budget.EnsureYear).
func (h *Handlers) formOptions(ctx context.Context, municipalityID int64) (trip.FormOptions, error) {
	if _, err := budget.NewStore(h.Pool).EnsureYear(ctx, municipalityID, h.Now().Year()); err != nil {
		return trip.FormOptions{}, err
	}
	return h.store().FormOptions(ctx, municipalityID)
}
