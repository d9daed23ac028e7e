package partnerweb

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/geo"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/partner"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// partnershipOptions fills the form's choices: the existing partner cities (for
// a new partnership) and the countries.
func (h *Handlers) partnershipOptions(r *http.Request, v *PartnershipForm) error {
	v.Countries = countryOptions(web.L(r))
	if !v.IsNew() {
		return nil
	}
	cities, err := h.store().CityChoices(r.Context(), workspaceweb.Me(r).MunicipalityID)
	if err != nil {
		return err
	}
	l := web.L(r)
	for _, c := range cities {
		v.Cities = append(v.Cities, templates.Option{Value: idString(c.ID), Label: l.Place(c.Name, c.Country)})
	}
	return nil
}

// partnershipFromRecord is the form of a stored partnership.
func partnershipFromRecord(rec partner.Record) PartnershipForm {
	return PartnershipForm{
		Record: rec, Version: rec.Version,
		Kind: rec.Kind, SinceYear: yearString(rec.SinceYear), Status: rec.Status,
		CouncilDecisionRef: rec.CouncilDecisionRef, Contacts: rec.Contacts, Note: rec.Note, Source: rec.Source,
	}
}

// partnershipInput reads the posted form into v, exactly as typed, and returns
// what to save; v.Errors has the problems, in the order of the form.
func (h *Handlers) partnershipInput(r *http.Request, v *PartnershipForm) partner.PartnershipInput {
	v.CityID, v.CityName, v.CityNameEn = r.PostFormValue("city"), r.PostFormValue("city_name"), r.PostFormValue("city_name_en")
	v.Country, v.Latitude, v.Longitude = r.PostFormValue("country"), r.PostFormValue("latitude"), r.PostFormValue("longitude")
	v.Kind, v.SinceYear, v.Status = r.PostFormValue("kind"), r.PostFormValue("since_year"), r.PostFormValue("status")
	v.StatusNote, v.CouncilDecisionRef = r.PostFormValue("status_note"), r.PostFormValue("council_decision_ref")
	v.Contacts, v.Note, v.Source = r.PostFormValue("contacts"), r.PostFormValue("note"), r.PostFormValue("source")

	var in partner.PartnershipInput
	errs := &v.Errors
	if v.IsNew() {
		if id := parseChoice(errs, "city", post(r, "city"), v.Cities); id != nil {
			in.CityID = *id
		} else if !errs.Has("city") {
			in.NewCity = newCity(r, errs)
		}
	}
	in.Kind = post(r, "kind")
	if !slices.Contains(partner.Kinds, in.Kind) {
		errs.Add("kind", "partneredit.error.kind")
	}
	in.SinceYear = parseYear(errs, "since_year", post(r, "since_year"), minYear, h.Now().Year())
	in.Status = post(r, "status")
	if !slices.Contains(partner.Statuses, in.Status) {
		errs.Add("status", "partneredit.error.status")
	}
	in.StatusNote = post(r, "status_note")
	checkLength(errs, "status_note", in.StatusNote, maxLine)
	in.CouncilDecisionRef = post(r, "council_decision_ref")
	checkLength(errs, "council_decision_ref", in.CouncilDecisionRef, maxLine)
	in.Contacts = strings.TrimSpace(r.PostFormValue("contacts"))
	checkLength(errs, "contacts", in.Contacts, maxText)
	in.Note = strings.TrimSpace(r.PostFormValue("note"))
	checkLength(errs, "note", in.Note, maxText)
	in.Source = post(r, "source")
	checkLength(errs, "source", in.Source, maxText)
	return in
}

// newCity reads the fields of a new partner city.
func newCity(r *http.Request, errs *form.Errors) partner.NewCity {
	c := partner.NewCity{Name: post(r, "city_name"), NameEn: post(r, "city_name_en"), Country: post(r, "country")}
	if c.Name == "" {
		errs.Add("city_name", "partneredit.error.city_name")
	}
	checkLength(errs, "city_name", c.Name, maxLine)
	checkLength(errs, "city_name_en", c.NameEn, maxLine)
	if c.NameEn == "" {
		c.NameEn = c.Name
	}
	if !geo.ValidCountry(c.Country) {
		errs.Add("country", "partneredit.error.country")
	}
	lat, latOK := parseCoordinate(errs, "latitude", post(r, "latitude"), 90)
	lon, lonOK := parseCoordinate(errs, "longitude", post(r, "longitude"), 180)
	switch {
	case lat != nil && lon == nil && lonOK:
		errs.Add("longitude", "partneredit.error.coordinates_pair")
	case lon != nil && lat == nil && latOK:
		errs.Add("latitude", "partneredit.error.coordinates_pair")
	default:
		c.Latitude, c.Longitude = lat, lon
	}
	return c
}

var coordinateRE = regexp.MustCompile(`^[-+]?[0-9]{1,3}(\.[0-9]+)?$`)

// parseCoordinate reads an optional latitude (limit 90) or longitude (limit
// 180) in decimal degrees, with a decimal point or comma. ok is false when the
// input is there but wrong.
func parseCoordinate(errs *form.Errors, field, raw string, limit float64) (v *float64, ok bool) {
	if raw == "" {
		return nil, true
	}
	s := strings.NewReplacer(",", ".", "−", "-", "–", "-").Replace(raw)
	f, err := strconv.ParseFloat(s, 64)
	if !coordinateRE.MatchString(s) || err != nil || f < -limit || f > limit {
		if field == "latitude" {
			errs.Add(field, "partneredit.error.latitude")
		} else {
			errs.Add(field, "partneredit.error.longitude")
		}
		return nil, false
	}
	return &f, true
}

// policyCheck adds the error of the municipality's rules on partnerships to a
// form that has other problems too, so that every problem shows at once. The
// store checks again when saving.
func (h *Handlers) policyCheck(ctx context.Context, r *http.Request, v *PartnershipForm, in partner.PartnershipInput) error {
	if v.Errors.Has("kind") || v.Errors.Has("council_decision_ref") {
		return nil
	}
	list, err := h.store().PolicyViolations(ctx, h.actor(r), v.Record.Kind, in)
	if err != nil {
		return err
	}
	for _, viol := range list {
		if viol.Refused {
			refuse(v, viol)
		}
	}
	return nil
}

// policyWarning is the flash of a save that goes against a rule that only
// warns (a checked rule, or an enforced rule of an expired policy), or "" with
// none.
func (h *Handlers) policyWarning(ctx context.Context, r *http.Request, oldKind string, in partner.PartnershipInput) (string, error) {
	list, err := h.store().PolicyViolations(ctx, h.actor(r), oldKind, in)
	if err != nil {
		return "", err
	}
	for _, viol := range list {
		if viol.Expired {
			return "partneredit.flash.saved_policy_expired", nil
		}
		if !viol.Refused {
			return "partneredit.flash.saved_policy_warning", nil
		}
	}
	return "", nil
}

// refuse puts a refusing rule beside the field it is about: the kind for a new
// partnership the policy rules out, else the council decision.
func refuse(v *PartnershipForm, viol policy.Violation) {
	field := "council_decision_ref"
	if viol.Key == policy.KeyNoNewPartnership {
		field = "kind"
	}
	v.Errors.Add(field, viol.Key)
	v.Policy = &PolicyQuote{Sentence: viol.Rule.SourceSentence, Lang: viol.Rule.Language, Field: field}
}

// partnershipConflict shows what was typed beside what another person saved.
func partnershipConflict(l *i18n.Localizer, v PartnershipForm, cur partner.Record) []templates.ConflictRow {
	kind := func(k string) string {
		if slices.Contains(partner.Kinds, k) {
			return l.T(PartnerKindKey(k))
		}
		return k
	}
	status := func(s string) string {
		if slices.Contains(partner.Statuses, s) {
			return l.T(PartnerStatusKey(s))
		}
		return s
	}
	return []templates.ConflictRow{
		{Label: l.T("partneredit.field.kind"), Yours: kind(v.Kind), Current: kind(cur.Kind)},
		{Label: l.T("partneredit.field.since_year"), Yours: strings.TrimSpace(v.SinceYear), Current: yearString(cur.SinceYear)},
		{Label: l.T("partneredit.field.status"), Yours: status(v.Status), Current: status(cur.Status)},
		{Label: l.T("partneredit.field.council_decision_ref"), Yours: strings.TrimSpace(v.CouncilDecisionRef), Current: cur.CouncilDecisionRef},
		{Label: l.T("partneredit.field.contacts"), Yours: strings.TrimSpace(v.Contacts), Current: cur.Contacts},
		{Label: l.T("partneredit.field.note"), Yours: strings.TrimSpace(v.Note), Current: cur.Note},
		{Label: l.T("partneredit.field.source"), Yours: strings.TrimSpace(v.Source), Current: cur.Source},
	}
}
