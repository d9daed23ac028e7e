package agreementweb

import (
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/templates"
)

// partnershipKind names a partnership's kind in the page language.
func partnershipKind(l *i18n.Localizer, kind string) string {
	switch kind {
	case "twin_town":
		return l.T("partnership.kind.twin_town")
	case "partnership":
		return l.T("partnership.kind.partnership")
	case "friendship":
		return l.T("partnership.kind.friendship")
	case "network":
		return l.T("partnership.kind.network")
	}
	return kind
}

func partnershipLabel(l *i18n.Localizer, city, kind string) string {
	if city == "" {
		return ""
	}
	return l.T("agreementedit.partnership_label", city, partnershipKind(l, kind))
}

// typeName names an agreement type in the page language, for the public
// register and the workspace alike.
func typeName(l *i18n.Localizer, t string) string {
	switch t {
	case agreement.TypeTwinTown:
		return l.T("agreements.type.twin_town_agreement")
	case agreement.TypeCooperation:
		return l.T("agreements.type.cooperation_agreement")
	case agreement.TypeDeclaration:
		return l.T("agreements.type.declaration")
	case agreement.TypeConvention:
		return l.T("agreements.type.convention")
	case agreement.TypeMemorandum:
		return l.T("agreements.type.memorandum")
	case agreement.TypeNetworkMembership:
		return l.T("agreements.type.network_membership")
	}
	return t
}

// statusName names any agreement status in the page language, drafts included
// (the workspace's words; the public register says its own, see agreementStatus).
func statusName(l *i18n.Localizer, s string) string {
	switch s {
	case agreement.StatusDraft:
		return l.T("agreementedit.status.draft")
	case agreement.StatusInForce:
		return l.T("agreementedit.status.in_force")
	case agreement.StatusExpired:
		return l.T("agreementedit.status.expired")
	case agreement.StatusTerminated:
		return l.T("agreementedit.status.terminated")
	}
	return s
}

func documentHref(r agreement.Record) string {
	if r.Document == nil || r.Status == agreement.StatusDraft {
		return ""
	}
	return "/staff/agreements/" + strconv.FormatInt(r.ID, 10) + "/document"
}

func documentView(d *agreement.Document, href string) *StaffAgreementDocument {
	if d == nil {
		return nil
	}
	return &StaffAgreementDocument{ID: d.ID, Filename: d.Filename, ContentType: d.ContentType, Size: d.Size,
		SHA256: hex.EncodeToString(d.SHA256), Href: href}
}

// detail is the page view of a stored agreement.
func detail(l *i18n.Localizer, r agreement.Record, ownID int64) StaffAgreement {
	a := StaffAgreement{
		ID: r.ID, Version: r.Version, Type: r.Type, Title: r.Title, Summary: r.Summary, Status: r.Status, Source: r.Source,
		Partnership: partnershipLabel(l, r.PartnershipCity, r.PartnershipKind), Network: r.Network,
		SignedOn: r.SignedOn, ValidFrom: r.ValidFrom, ValidUntil: r.ValidUntil,
		Document: documentView(r.Document, documentHref(r)), IsDemo: r.IsDemo, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
	for _, p := range r.Parties {
		kind := ""
		switch {
		case p.MunicipalityID != nil && *p.MunicipalityID == ownID:
			kind = PartyOwn
		case p.PartnerCityID != nil:
			kind = PartyPartnerCity
		}
		a.Parties = append(a.Parties, StaffAgreementParty{Name: p.Name, Kind: kind})
	}
	for _, p := range r.Priorities {
		a.Priorities = append(a.Priorities, StaffAgreementPriority{Code: p.Code, Title: p.Title, Lang: p.Lang, Current: p.Current})
	}
	return a
}

// formView is the form showing in, with the choices of o.
func formView(l *i18n.Localizer, in input, o agreement.Options, cur *agreement.Record, u upload, errs form.Errors) StaffAgreementFormView {
	v := StaffAgreementFormView{
		Lang: o.Lang, Version: in.Version,
		Type: in.Type, Title: in.Title, Summary: in.Summary, Partnership: in.Partnership, Network: in.Network,
		SignedOn: in.SignedOn, ValidFrom: in.ValidFrom, ValidUntil: in.ValidUntil, Status: in.Status, Source: in.Source,
		Priorities: in.Priorities, RemoveDocument: in.RemoveDocument, Errors: errs,
		Pending: documentView(u.pending, ""),
	}
	if cur != nil {
		v.ID, v.Heading = cur.ID, cur.Title
		v.Document = documentView(cur.Document, documentHref(*cur))
	}
	for _, row := range in.Parties {
		v.Parties = append(v.Parties, StaffAgreementPartyRow{Name: row["name"], Link: row["link"]})
	}
	none := templates.Option{Value: "", Label: l.T("agreementedit.form.none")}
	v.PartnershipOptions = []templates.Option{none}
	for _, c := range o.Partnerships {
		v.PartnershipOptions = append(v.PartnershipOptions, templates.Option{Value: strconv.FormatInt(c.ID, 10), Label: partnershipLabel(l, c.Name, c.Kind)})
	}
	v.NetworkOptions = []templates.Option{none}
	for _, c := range o.Networks {
		v.NetworkOptions = append(v.NetworkOptions, templates.Option{Value: strconv.FormatInt(c.ID, 10), Label: c.Name})
	}
	v.LinkOptions = []templates.Option{{Value: "", Label: l.T("agreementedit.party.unlinked")}}
	for i, c := range o.Links {
		label := l.T("agreementedit.party.link_city", c.Name)
		if i == 0 {
			label = l.T("agreementedit.party.link_own", c.Name)
		} else if strings.HasPrefix(c.Value, "m") {
			label = l.T("agreementedit.party.link_municipality", c.Name)
		}
		v.LinkOptions = append(v.LinkOptions, templates.Option{Value: c.Value, Label: label})
	}
	for _, p := range o.Priorities {
		v.PriorityOptions = append(v.PriorityOptions, templates.Option{Value: strconv.FormatInt(p.ID, 10), Label: p.Code + " " + p.Title})
	}
	return v
}

// conflictRows compares what the person typed (in, with upload u) with the
// agreement as saved meanwhile (cur), field by field.
func conflictRows(l *i18n.Localizer, in input, u upload, o agreement.Options, cur agreement.Record) []templates.ConflictRow {
	curIn := inputOf(&cur, o)
	party := func(rows []map[string]string) string {
		var names []string
		for _, r := range rows {
			name := strings.TrimSpace(r["name"])
			if name == "" {
				if c, ok := o.Link(r["link"]); ok {
					name = c.Name
				}
			}
			if name != "" {
				names = append(names, name)
			}
		}
		return strings.Join(names, "; ")
	}
	choiceName := func(list []agreement.Choice, raw string) string {
		id, err := strconv.ParseInt(raw, 10, 64)
		if c, ok := agreement.FindChoice(list, id); err == nil && ok {
			if c.Kind != "" {
				return partnershipLabel(l, c.Name, c.Kind)
			}
			return c.Name
		}
		return raw
	}
	priorities := func(ids []string) string {
		var codes []string
		for _, p := range o.Priorities {
			for _, id := range ids {
				if id == strconv.FormatInt(p.ID, 10) {
					codes = append(codes, p.Code)
				}
			}
		}
		return strings.Join(codes, ", ")
	}
	date := func(s string) string {
		if d, err := form.ParseDate(s); err == nil {
			return l.Date(d)
		}
		return s
	}
	doc := func(d *agreement.Document) string {
		if d == nil {
			return ""
		}
		return d.Filename
	}
	yourDoc := cur.Document
	switch {
	case u.pending != nil:
		yourDoc = u.pending
	case in.RemoveDocument:
		yourDoc = nil
	}
	row := func(key, yours, current string) templates.ConflictRow {
		return templates.ConflictRow{Label: l.T(key), Yours: yours, Current: current}
	}
	return []templates.ConflictRow{
		row("agreementedit.field.type", typeName(l, in.Type), typeName(l, curIn.Type)),
		row("agreementedit.field.title", in.Title, curIn.Title),
		row("agreementedit.field.summary", in.Summary, curIn.Summary),
		row("agreementedit.field.partnership", choiceName(o.Partnerships, in.Partnership), choiceName(o.Partnerships, curIn.Partnership)),
		row("agreementedit.field.network", choiceName(o.Networks, in.Network), choiceName(o.Networks, curIn.Network)),
		row("agreementedit.field.parties", party(in.Parties), party(curIn.Parties)),
		row("agreementedit.field.signed_on", date(in.SignedOn), date(curIn.SignedOn)),
		row("agreementedit.field.valid_from", date(in.ValidFrom), date(curIn.ValidFrom)),
		row("agreementedit.field.valid_until", date(in.ValidUntil), date(curIn.ValidUntil)),
		row("agreementedit.field.status", statusName(l, in.Status), statusName(l, curIn.Status)),
		row("agreementedit.field.priorities", priorities(in.Priorities), priorities(curIn.Priorities)),
		row("agreementedit.field.source", in.Source, curIn.Source),
		row("agreementedit.field.document", doc(yourDoc), doc(cur.Document)),
	}
}
