package agreementedit

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/templates"
)

// Lengths beyond which a field is refused: generous for the longest real titles
// and summaries, small enough that a pasted document does not end up in a field.
const (
	maxTitle   = 300
	maxSummary = 5000
	maxSource  = 1000
	maxName    = 300
)

var partyFields = []string{"name", "link"}

var statuses = []string{agreement.StatusDraft, agreement.StatusInForce, agreement.StatusExpired, agreement.StatusTerminated}

// input is the agreement form exactly as posted.
type input struct {
	Type, Title, Summary       string
	Partnership, Network       string
	SignedOn, ValidFrom        string
	ValidUntil, Status, Source string
	Parties                    []map[string]string
	Priorities                 []string
	RemoveDocument             bool
	DocumentID                 string // an upload accepted by an earlier try
	Version                    int
	Action                     string
}

func readInput(r *http.Request) input {
	f := r.PostForm
	in := input{
		Type: f.Get("type"), Title: f.Get("title"), Summary: f.Get("summary"),
		Partnership: f.Get("partnership"), Network: f.Get("network"),
		SignedOn: f.Get("signed_on"), ValidFrom: f.Get("valid_from"), ValidUntil: f.Get("valid_until"),
		Status: f.Get("status"), Source: f.Get("source"),
		Parties:        form.Rows(f, templates.PartyGroup, partyFields...),
		Priorities:     f["priority"],
		RemoveDocument: f.Get("remove_document") == "on",
		DocumentID:     f.Get("document_id"),
		Action:         f.Get("action"),
	}
	in.Version, _ = strconv.Atoi(f.Get("version"))
	return in
}

// inputOf is the form of a stored agreement (cur) or, for a new one (nil), the
// blank form with the municipality as first party.
func inputOf(cur *record, o options) input {
	if cur == nil {
		own := o.Links[0]
		return input{Status: agreement.StatusDraft, Parties: []map[string]string{{"name": own.Name, "link": own.Value}}}
	}
	in := input{
		Type: cur.Type, Title: cur.Title, Summary: cur.Summary, Status: cur.Status, Source: cur.Source,
		Partnership: idInput(cur.PartnershipID), Network: idInput(cur.NetworkID),
		SignedOn: dateInput(cur.SignedOn), ValidFrom: dateInput(cur.ValidFrom), ValidUntil: dateInput(cur.ValidUntil),
		Version: cur.Version,
	}
	for _, p := range cur.Parties {
		in.Parties = append(in.Parties, map[string]string{"name": p.Name, "link": p.link()})
	}
	for _, p := range cur.Priorities {
		if p.Current {
			in.Priorities = append(in.Priorities, strconv.FormatInt(p.ID, 10))
		}
	}
	return in
}

func idInput(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

func dateInput(d *time.Time) string {
	if d == nil {
		return ""
	}
	return form.FormatDateInput(*d)
}

// validate turns the input into values, with the problems in the order of the
// form's fields. cur is the agreement being edited, nil for a new one: its links
// to priorities of earlier policies, which the form does not offer, are kept.
func validate(in input, o options, cur *record) (values, form.Errors) {
	var v values
	var errs form.Errors
	v.Type = in.Type
	switch {
	case in.Type == "":
		errs.Add("type", "agreementedit.error.type_required")
	case !slices.Contains(agreement.Types, in.Type):
		errs.Add("type", form.KeyInvalid)
	}
	v.Title = strings.TrimSpace(in.Title)
	switch {
	case v.Title == "":
		errs.Add("title", "agreementedit.error.title_required")
	case utf8.RuneCountInString(v.Title) > maxTitle:
		errs.Add("title", "agreementedit.error.too_long", maxTitle)
	}
	v.Summary = strings.TrimSpace(in.Summary)
	if utf8.RuneCountInString(v.Summary) > maxSummary {
		errs.Add("summary", "agreementedit.error.too_long", maxSummary)
	}
	if in.Partnership != "" {
		id, err := strconv.ParseInt(in.Partnership, 10, 64)
		if _, ok := findChoice(o.Partnerships, id); err != nil || !ok {
			errs.Add("partnership", form.KeyInvalid)
		} else {
			v.PartnershipID = &id
		}
	}
	if in.Network != "" {
		id, err := strconv.ParseInt(in.Network, 10, 64)
		if _, ok := findChoice(o.Networks, id); err != nil || !ok {
			errs.Add("network", form.KeyInvalid)
		} else {
			v.NetworkID = &id
		}
	}
	v.Parties, errs = validateParties(in.Parties, o, errs)
	v.SignedOn = optionalDate(in.SignedOn, "signed_on", &errs)
	v.ValidFrom = optionalDate(in.ValidFrom, "valid_from", &errs)
	v.ValidUntil = optionalDate(in.ValidUntil, "valid_until", &errs)
	if v.ValidFrom != nil && v.ValidUntil != nil && v.ValidUntil.Before(*v.ValidFrom) {
		errs.Add("valid_until", "agreementedit.error.until_before_from")
	}
	v.Status = in.Status
	if !slices.Contains(statuses, in.Status) {
		errs.Add("status", "agreementedit.error.status_required")
	}
	for _, raw := range in.Priorities {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || !o.priority(id) {
			errs.Add("priorities", form.KeyInvalid)
			break
		}
		if !slices.Contains(v.PriorityIDs, id) {
			v.PriorityIDs = append(v.PriorityIDs, id)
		}
	}
	if cur != nil {
		for _, p := range cur.Priorities {
			if !o.priority(p.ID) && !slices.Contains(v.PriorityIDs, p.ID) {
				v.PriorityIDs = append(v.PriorityIDs, p.ID)
			}
		}
	}
	v.Source = strings.TrimSpace(in.Source)
	if utf8.RuneCountInString(v.Source) > maxSource {
		errs.Add("source", "agreementedit.error.too_long", maxSource)
	}
	return v, errs
}

// validateParties reads the party rows: a row left blank is dropped, a linked
// row without a name takes the linked name, and at least one party is needed.
func validateParties(rows []map[string]string, o options, errs form.Errors) ([]party, form.Errors) {
	var out []party
	for i, row := range rows {
		name, link := strings.TrimSpace(row["name"]), row["link"]
		if name == "" && link == "" {
			continue
		}
		var p party
		if link != "" {
			c, ok := o.link(link)
			if !ok {
				errs.Add(form.RowName(templates.PartyGroup, i, "link"), form.KeyInvalid)
				continue
			}
			id := c.ID
			if strings.HasPrefix(link, "m") {
				p.MunicipalityID = &id
			} else {
				p.PartnerCityID = &id
			}
			if name == "" {
				name = c.Name
			}
		}
		if utf8.RuneCountInString(name) > maxName {
			errs.Add(form.RowName(templates.PartyGroup, i, "name"), "agreementedit.error.too_long", maxName)
			continue
		}
		p.Name = name
		out = append(out, p)
	}
	if len(out) == 0 && !slices.ContainsFunc(errs, func(e form.FieldError) bool { return strings.HasPrefix(e.Field, templates.PartyGroup+"-") }) {
		errs.Add("parties", "agreementedit.error.parties_required")
	}
	return out, errs
}

// optionalDate reads a date input that may be left empty.
func optionalDate(s, field string, errs *form.Errors) *time.Time {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	d, err := form.ParseDate(s)
	if err != nil {
		errs.AddErr(field, err)
		return nil
	}
	return &d
}
