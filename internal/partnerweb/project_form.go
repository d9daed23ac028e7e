package partnerweb

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/partner"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// projectOptions fills the form's choices: the municipality's partnerships,
// networks, currencies and current priorities, plus whatever the project being
// edited links to already (an archived partnership, an earlier policy's
// priority), so that saving does not drop it. It returns the minor units of
// each currency.
func (h *Handlers) projectOptions(r *http.Request, v *ProjectForm) (map[string]int, error) {
	ch, err := h.store().ProjectChoices(r.Context(), workspaceweb.Me(r).MunicipalityID)
	if err != nil {
		return nil, err
	}
	rec := v.Record
	has := func(list []partner.Choice, id int64) bool {
		return slices.ContainsFunc(list, func(c partner.Choice) bool { return c.ID == id })
	}
	if rec.PartnershipID != nil && !has(ch.Partnerships, *rec.PartnershipID) {
		ch.Partnerships = append(ch.Partnerships, partner.Choice{ID: *rec.PartnershipID, Label: rec.Partnership})
	}
	if rec.NetworkID != nil && !has(ch.Networks, *rec.NetworkID) {
		ch.Networks = append(ch.Networks, partner.Choice{ID: *rec.NetworkID, Label: rec.Network})
	}
	for _, pr := range rec.Priorities {
		if !has(ch.Priorities, pr.ID) {
			ch.Priorities = append(ch.Priorities, pr)
		}
	}
	v.Partnerships, v.Networks, v.Currencies, v.Priorities = nil, nil, nil, nil
	for _, c := range ch.Partnerships {
		v.Partnerships = append(v.Partnerships, templates.Option{Value: idString(c.ID), Label: c.Label})
	}
	for _, c := range ch.Networks {
		v.Networks = append(v.Networks, templates.Option{Value: idString(c.ID), Label: c.Label})
	}
	minor := map[string]int{}
	for _, c := range ch.Currencies {
		v.Currencies = append(v.Currencies, templates.Option{Value: c.Code, Label: c.Code})
		minor[c.Code] = c.MinorUnits
	}
	for _, c := range ch.Priorities {
		v.Priorities = append(v.Priorities, templates.Option{Value: idString(c.ID), Label: c.Code + " " + c.Label})
	}
	return minor, nil
}

// markPriorities ticks the priorities whose ids are in selected.
func markPriorities(v *ProjectForm, selected []string) {
	for i := range v.Priorities {
		v.Priorities[i].Selected = slices.Contains(selected, v.Priorities[i].Value)
	}
}

// projectFromRecord is the form of a stored project, amounts written in lang.
func projectFromRecord(rec partner.ProjectRecord, lang string) ProjectForm {
	v := ProjectForm{
		Record: rec, Version: rec.Version, Title: rec.Title, Description: rec.Description,
		Funder: rec.Funder, Programme: rec.Programme, Currency: rec.Currency, Status: rec.Status,
	}
	if rec.PartnershipID != nil {
		v.PartnershipID = idString(*rec.PartnershipID)
	}
	if rec.NetworkID != nil {
		v.NetworkID = idString(*rec.NetworkID)
	}
	if rec.FundingMinor != nil {
		v.Funding = form.FormatMoneyInput(*rec.FundingMinor, lang, rec.MinorUnits)
	}
	if rec.StartsOn != nil {
		v.StartsOn = form.FormatDateInput(*rec.StartsOn)
	}
	if rec.EndsOn != nil {
		v.EndsOn = form.FormatDateInput(*rec.EndsOn)
	}
	return v
}

// projectInput reads the posted form into v, exactly as typed, and returns what
// to save; v.Errors has the problems in the order of the form. Options must be
// filled already.
func projectInput(r *http.Request, v *ProjectForm, minor map[string]int) partner.ProjectInput {
	v.Title, v.Description = r.PostFormValue("title"), r.PostFormValue("description")
	v.PartnershipID, v.NetworkID = r.PostFormValue("partnership"), r.PostFormValue("network")
	v.Funder, v.Programme = r.PostFormValue("funder"), r.PostFormValue("programme")
	v.Funding, v.Currency = r.PostFormValue("funding"), r.PostFormValue("currency")
	v.StartsOn, v.EndsOn, v.Status = r.PostFormValue("starts_on"), r.PostFormValue("ends_on"), r.PostFormValue("status")
	selected := r.PostForm["priority"]
	markPriorities(v, selected)

	errs := &v.Errors
	in := partner.ProjectInput{Title: post(r, "title"), Description: strings.TrimSpace(v.Description)}
	if in.Title == "" {
		errs.Add("title", "partneredit.error.title")
	}
	checkLength(errs, "title", in.Title, maxLine)
	checkLength(errs, "description", in.Description, maxText)
	in.PartnershipID = parseChoice(errs, "partnership", post(r, "partnership"), v.Partnerships)
	in.NetworkID = parseChoice(errs, "network", post(r, "network"), v.Networks)
	in.Funder, in.Programme = post(r, "funder"), post(r, "programme")
	checkLength(errs, "funder", in.Funder, maxLine)
	checkLength(errs, "programme", in.Programme, maxLine)
	in.Currency = post(r, "currency")
	units, ok := minor[in.Currency]
	if !ok {
		errs.Add("currency", "partneredit.error.currency")
	}
	if raw := post(r, "funding"); raw != "" && ok {
		amount, err := form.ParseMoneyIn(raw, web.L(r).Lang, in.Currency, units)
		errs.AddErr("funding", err)
		if err == nil {
			in.FundingMinor = &amount
		}
	}
	in.StartsOn = optionalDate(errs, "starts_on", post(r, "starts_on"))
	in.EndsOn = optionalDate(errs, "ends_on", post(r, "ends_on"))
	if in.StartsOn != nil && in.EndsOn != nil && in.EndsOn.Before(*in.StartsOn) {
		errs.Add("ends_on", "partneredit.error.end_before_start")
	}
	in.Status = post(r, "status")
	if !slices.Contains(partner.ProjectStatuses, in.Status) {
		errs.Add("status", "partneredit.error.status")
	}
	for _, s := range selected {
		if id := parseChoice(errs, "priorities", s, v.Priorities); id != nil {
			in.PriorityIDs = append(in.PriorityIDs, *id)
		}
	}
	slices.Sort(in.PriorityIDs)
	in.PriorityIDs = slices.Compact(in.PriorityIDs)
	return in
}

// optionalDate reads a date input that may be left empty.
func optionalDate(errs *form.Errors, field, raw string) *time.Time {
	if raw == "" {
		return nil
	}
	t, err := form.ParseDate(raw)
	if err != nil {
		errs.AddErr(field, err)
		return nil
	}
	return &t
}

// projectConflict shows what was typed beside what another person saved.
func projectConflict(l *i18n.Localizer, v ProjectForm, in partner.ProjectInput, minor map[string]int, cur partner.ProjectRecord) []templates.ConflictRow {
	status := func(s string) string {
		if slices.Contains(partner.ProjectStatuses, s) {
			return l.T(ProjectStatusKey(s))
		}
		return s
	}
	funding := ""
	if cur.FundingMinor != nil {
		funding = l.Money(*cur.FundingMinor, cur.Currency, cur.MinorUnits)
	}
	yours := ""
	if in.FundingMinor != nil {
		yours = l.Money(*in.FundingMinor, in.Currency, minor[in.Currency])
	}
	var mine, theirs []string
	for _, o := range v.Priorities {
		if o.Selected {
			mine = append(mine, o.Label)
		}
	}
	for _, c := range cur.Priorities {
		theirs = append(theirs, c.Code+" "+c.Label)
	}
	date := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return form.FormatDateInput(*t)
	}
	return []templates.ConflictRow{
		{Label: l.T("partneredit.field.title"), Yours: strings.TrimSpace(v.Title), Current: cur.Title},
		{Label: l.T("partneredit.field.description"), Yours: strings.TrimSpace(v.Description), Current: cur.Description},
		{Label: l.T("partneredit.field.partnership"), Yours: optionLabel(v.Partnerships, v.PartnershipID), Current: cur.Partnership},
		{Label: l.T("partneredit.field.network"), Yours: optionLabel(v.Networks, v.NetworkID), Current: cur.Network},
		{Label: l.T("partneredit.field.funder"), Yours: strings.TrimSpace(v.Funder), Current: cur.Funder},
		{Label: l.T("partneredit.field.programme"), Yours: strings.TrimSpace(v.Programme), Current: cur.Programme},
		{Label: l.T("partneredit.field.funding"), Yours: yours, Current: funding},
		{Label: l.T("partneredit.field.starts_on"), Yours: strings.TrimSpace(v.StartsOn), Current: date(cur.StartsOn)},
		{Label: l.T("partneredit.field.ends_on"), Yours: strings.TrimSpace(v.EndsOn), Current: date(cur.EndsOn)},
		{Label: l.T("partneredit.field.status"), Yours: status(v.Status), Current: status(cur.Status)},
		{Label: l.T("partneredit.field.priorities"), Yours: strings.Join(mine, "\n"), Current: strings.Join(theirs, "\n")},
	}
}
