package tripweb

import (
	"strings"
	"time"

	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/templates"
)

// conflictRows puts what the person saved beside the trip as it is now: the main
// fields one by one and a summary line per repeated group.
func conflictRows(l *i18n.Localizer, o trip.FormOptions, yours, cur trip.Record) []templates.ConflictRow {
	row := func(key, y, c string) templates.ConflictRow {
		return templates.ConflictRow{Label: l.T(key), Yours: y, Current: c}
	}
	return []templates.ConflictRow{
		row("tripedit.field.title", yours.Title, cur.Title),
		row("tripedit.field.purpose", yours.Purpose, cur.Purpose),
		row("trip.dates", dates(l, yours.StartsOn, yours.EndsOn), dates(l, cur.StartsOn, cur.EndsOn)),
		row("tripedit.field.organiser", yours.Organiser, cur.Organiser),
		row("trip.destinations", destinationsLine(l, yours), destinationsLine(l, cur)),
		row("trip.travellers", travellersLine(l, yours), travellersLine(l, cur)),
		row("trip.programme", programmeLine(l, yours), programmeLine(l, cur)),
		row("trip.costs", costsLine(l, yours), costsLine(l, cur)),
		row("tripedit.field.priorities", prioritiesLine(o, yours), prioritiesLine(o, cur)),
		row("tripedit.field.partnership", partnershipLine(l, o, yours), partnershipLine(l, o, cur)),
		row("tripedit.field.budget_line", budgetLineLine(o, yours), budgetLineLine(o, cur)),
		row("tripedit.field.meeting", meetingLine(l, o, yours), meetingLine(l, o, cur)),
	}
}

func meetingLine(l *i18n.Localizer, o trip.FormOptions, r trip.Record) string {
	if r.MeetingID == nil {
		return ""
	}
	if mt, ok := o.Meeting(*r.MeetingID); ok {
		return meetingLabel(l, mt.Year, mt.Host)
	}
	return ""
}

func dates(l *i18n.Localizer, start, end *time.Time) string {
	switch {
	case start != nil && end != nil:
		return l.Date(*start) + " – " + l.Date(*end)
	case start != nil:
		return l.T("tripedit.from_date", l.Date(*start))
	case end != nil:
		return l.T("tripedit.until_date", l.Date(*end))
	}
	return ""
}

// counted writes a group as "2: Anna Lund; Per Berg".
func counted(l *i18n.Localizer, items []string) string {
	if len(items) == 0 {
		return ""
	}
	return l.T("tripedit.conflict.rows", len(items), strings.Join(items, "; "))
}

func destinationsLine(l *i18n.Localizer, r trip.Record) string {
	var items []string
	for _, d := range r.Destinations {
		items = append(items, d.City+" ("+l.Country(d.Country)+")")
	}
	return counted(l, items)
}

func travellersLine(l *i18n.Localizer, r trip.Record) string {
	var items []string
	for _, t := range r.Travellers {
		items = append(items, t.Name)
	}
	return counted(l, items)
}

func programmeLine(l *i18n.Localizer, r trip.Record) string {
	var items []string
	for _, p := range r.Programme {
		items = append(items, l.Date(p.Day)+" "+p.Description)
	}
	return counted(l, items)
}

func costsLine(l *i18n.Localizer, r trip.Record) string {
	if len(r.Costs) == 0 {
		return ""
	}
	return l.T("tripedit.conflict.costs", len(r.Costs),
		l.Money(r.PlannedTotal(), r.Currency, r.MinorUnits), l.Money(r.ActualTotal(), r.Currency, r.MinorUnits))
}

func prioritiesLine(o trip.FormOptions, r trip.Record) string {
	var codes []string
	for _, id := range r.Priorities {
		if p, ok := o.Priority(id); ok {
			codes = append(codes, p.Code)
		}
	}
	return strings.Join(codes, ", ")
}

func partnershipLine(l *i18n.Localizer, o trip.FormOptions, r trip.Record) string {
	if r.PartnershipID == nil {
		return ""
	}
	if ps, ok := o.Partnership(*r.PartnershipID); ok {
		return partnershipLabel(l, ps)
	}
	return ""
}

func budgetLineLine(o trip.FormOptions, r trip.Record) string {
	if r.BudgetLineID == nil {
		return ""
	}
	if bl, ok := o.BudgetLine(*r.BudgetLineID); ok {
		return budgetLineLabel(bl)
	}
	return ""
}
