package agreementweb

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/web"
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

// readInput parses the posted form, URL-encoded or multipart with the document.
func readInput(r *http.Request) (input, error) {
	if err := web.ParseForm(r); err != nil {
		return input{}, err
	}
	f := r.PostForm
	in := input{
		Type: f.Get("type"), Title: f.Get("title"), Summary: f.Get("summary"),
		Partnership: f.Get("partnership"), Network: f.Get("network"),
		SignedOn: f.Get("signed_on"), ValidFrom: f.Get("valid_from"), ValidUntil: f.Get("valid_until"),
		Status: f.Get("status"), Source: f.Get("source"),
		Parties:        form.Rows(f, PartyGroup, partyFields...),
		Priorities:     f["priority"],
		RemoveDocument: f.Get("remove_document") == "on",
		DocumentID:     f.Get("document_id"),
		Action:         f.Get("action"),
	}
	in.Version, _ = strconv.Atoi(f.Get("version"))
	return in, nil
}

// inputOf is the form of a stored agreement (cur) or, for a new one (nil), the
// blank form with the municipality as first party.
func inputOf(cur *agreement.Record, o agreement.Options) input {
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
		in.Parties = append(in.Parties, map[string]string{"name": p.Name, "link": p.Link()})
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
func validate(in input, o agreement.Options, cur *agreement.Record) (agreement.Values, form.Errors) {
	var v agreement.Values
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
		if _, ok := agreement.FindChoice(o.Partnerships, id); err != nil || !ok {
			errs.Add("partnership", form.KeyInvalid)
		} else {
			v.PartnershipID = &id
		}
	}
	if in.Network != "" {
		id, err := strconv.ParseInt(in.Network, 10, 64)
		if _, ok := agreement.FindChoice(o.Networks, id); err != nil || !ok {
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
		if err != nil || !o.HasPriority(id) {
			errs.Add("priorities", form.KeyInvalid)
			break
		}
		if !slices.Contains(v.PriorityIDs, id) {
			v.PriorityIDs = append(v.PriorityIDs, id)
		}
	}
	if cur != nil {
		for _, p := range cur.Priorities {
			if !o.HasPriority(p.ID) && !slices.Contains(v.PriorityIDs, p.ID) {
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
func validateParties(rows []map[string]string, o agreement.Options, errs form.Errors) ([]agreement.Party, form.Errors) {
	var out []agreement.Party
	for i, row := range rows {
		name, link := strings.TrimSpace(row["name"]), row["link"]
		if name == "" && link == "" {
			continue
		}
		var p agreement.Party
		if link != "" {
			c, ok := o.Link(link)
			if !ok {
				errs.Add(form.RowName(PartyGroup, i, "link"), form.KeyInvalid)
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
			errs.Add(form.RowName(PartyGroup, i, "name"), "agreementedit.error.too_long", maxName)
			continue
		}
		p.Name = name
		out = append(out, p)
	}
	if len(out) == 0 && !slices.ContainsFunc(errs, func(e form.FieldError) bool { return strings.HasPrefix(e.Field, PartyGroup+"-") }) {
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
