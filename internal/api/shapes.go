package api

import (
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/trip"
)

// Municipality is a municipality the portal serves.
type Municipality struct {
	Slug       string   `json:"slug"`
	ID         int64    `json:"id"`
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	NameEn     string   `json:"name_en"`
	Country    string   `json:"country"`
	Currency   string   `json:"currency"`
	Languages  []string `json:"languages"`
	Population *int64   `json:"population"`
	Website    *string  `json:"website"`
	Licence    Licence  `json:"licence"`
	URL        string   `json:"url"`
	API        string   `json:"api"`
}

// Licence is the licence of a municipality's open data.
type Licence struct {
	ID  string `json:"id"` // SPDX
	URL string `json:"url"`
}

// Licences are the licences a municipality may choose (migration 00100), by SPDX
// identifier, with the address of their text.
var Licences = map[string]string{
	"CC-BY-4.0":      "https://creativecommons.org/licenses/by/4.0/",
	"CC0-1.0":        "https://creativecommons.org/publicdomain/zero/1.0/",
	"CC-BY-SA-4.0":   "https://creativecommons.org/licenses/by-sa/4.0/",
	"DL-DE-BY-2.0":   "https://www.govdata.de/dl-de/by-2-0",
	"DL-DE-ZERO-2.0": "https://www.govdata.de/dl-de/zero-2-0",
}

// LicenceOf is the licence of m's data.
func LicenceOf(m municipality.Municipality) Licence {
	return Licence{ID: m.DataLicence, URL: Licences[m.DataLicence]}
}

// NewMunicipality shapes m; base is the portal's address.
func NewMunicipality(m municipality.Municipality, base string) Municipality {
	out := Municipality{Slug: m.Slug, ID: m.ID, Code: m.Code, Name: m.Name, NameEn: m.NameEn, Country: m.Country,
		Currency: m.Currency, Languages: m.Languages, Population: m.Population, Licence: LicenceOf(m),
		URL: base + "/m/" + m.Slug, API: base + Version + "/municipalities/" + m.Slug}
	if m.Website != "" {
		out.Website = &m.Website
	}
	if out.Languages == nil {
		out.Languages = []string{}
	}
	return out
}

// Place is a trip's destination.
type Place struct {
	City    string `json:"city"`
	Country string `json:"country"`
}

// Trip is a published trip as the register lists it.
type Trip struct {
	ID           int64    `json:"id"`
	Reference    string   `json:"reference"`
	Title        Text     `json:"title"`
	Purpose      Text     `json:"purpose"`
	StartsOn     *string  `json:"starts_on"`
	EndsOn       *string  `json:"ends_on"`
	Organiser    Text     `json:"organiser"`
	Destinations []Place  `json:"destinations"`
	Travellers   []string `json:"travellers"`
	Planned      Money    `json:"planned"`
	Actual       *Money   `json:"actual"`
	Total        Money    `json:"total"`
	CO2eKg       *float64 `json:"co2e_kg"`
	PublishedAt  *string  `json:"published_at"`
	Demo         bool     `json:"demo"`
	URL          string   `json:"url"`
}

// NewTrip shapes a register row of municipality slug.
func NewTrip(s trip.Summary, slug, base string) Trip {
	t := Trip{ID: s.ID, Reference: s.Reference, Title: T(s.Title, s.Language), Purpose: T(s.Purpose, s.Language),
		StartsOn: DayP(&s.StartsOn), EndsOn: DayP(&s.EndsOn), Organiser: T(s.Organiser, s.Language),
		Destinations: []Place{}, Travellers: s.TravellerNames,
		Planned: M(s.PlannedMinor, s.Currency, s.MinorUnits), Total: M(s.TotalMinor, s.Currency, s.MinorUnits),
		CO2eKg: s.CO2eKg, PublishedAt: InstantP(s.PublishedAt), Demo: s.IsDemo,
		URL: base + "/m/" + slug + "/trips/" + s.Reference}
	if s.HasActual {
		a := M(s.ActualMinor, s.Currency, s.MinorUnits)
		t.Actual = &a
	}
	for _, p := range s.Destinations {
		t.Destinations = append(t.Destinations, Place{City: p.City, Country: p.Country})
	}
	if t.Travellers == nil {
		t.Travellers = []string{}
	}
	return t
}

// TripDetail is a published trip in full.
type TripDetail struct {
	Trip
	Priorities  []PriorityRef   `json:"priorities"`
	Partnership *PartnershipRef `json:"partnership"`
	BudgetLine  *BudgetLineRef  `json:"budget_line"`
	Meeting     *MeetingRef     `json:"meeting"`
	Roles       []TravellerRole `json:"traveller_roles"`
	Costs       []Cost          `json:"costs"`
	Report      *Report         `json:"report"`
}

// PriorityRef names a policy priority.
type PriorityRef struct {
	ID    int64  `json:"id"`
	Code  string `json:"code"`
	Title Text   `json:"title"`
}

// PartnershipRef names a partnership.
type PartnershipRef struct {
	ID   int64  `json:"id"`
	City string `json:"city"`
}

// MeetingRef names the twin-city meeting a trip is participation in.
type MeetingRef struct {
	Year int    `json:"year"`
	Host string `json:"host"`
}

// BudgetLineRef names a budget line.
type BudgetLineRef struct {
	ID         int64  `json:"id"`
	Code       string `json:"code"`
	Name       Text   `json:"name"`
	FiscalYear int    `json:"fiscal_year"`
}

// TravellerRole is a traveller with their role.
type TravellerRole struct {
	Name string `json:"name"`
	Role Text   `json:"role"`
	Kind string `json:"kind"`
}

// Cost is the planned and actual cost of one category.
type Cost struct {
	Category string `json:"category"`
	Planned  Money  `json:"planned"`
	Actual   *Money `json:"actual"`
}

// Report is a trip's approved report.
type Report struct {
	Goal                Text `json:"goal"`
	ProgrammeCarriedOut Text `json:"programme_carried_out"`
	Outcome             Text `json:"outcome"`
	FollowUp            Text `json:"follow_up"`
}

// NewTripDetail shapes a published trip of municipality slug.
func NewTripDetail(t trip.Trip, slug, base string) TripDetail {
	lang := t.Language
	d := TripDetail{Trip: NewTrip(t.Summary, slug, base), Priorities: []PriorityRef{}, Roles: []TravellerRole{}, Costs: []Cost{}}
	for _, p := range t.Priorities {
		d.Priorities = append(d.Priorities, PriorityRef{ID: p.ID, Code: p.Code, Title: T(p.Title, lang)})
	}
	if t.Partnership != nil {
		d.Partnership = &PartnershipRef{ID: t.Partnership.ID, City: t.Partnership.City}
	}
	if t.Meeting != nil {
		d.Meeting = &MeetingRef{Year: t.Meeting.Year, Host: t.Meeting.Host}
	}
	if t.BudgetLine != nil {
		d.BudgetLine = &BudgetLineRef{ID: t.BudgetLine.ID, Code: t.BudgetLine.Code, Name: T(t.BudgetLine.Name, lang),
			FiscalYear: t.BudgetLine.FiscalYear}
	}
	for _, v := range t.Travellers {
		d.Roles = append(d.Roles, TravellerRole{Name: v.Name, Role: T(v.Role, lang), Kind: v.Kind})
	}
	for _, c := range t.Costs {
		cost := Cost{Category: c.Category, Planned: M(c.PlannedMinor, t.Currency, t.MinorUnits)}
		if c.HasActual {
			a := M(c.ActualMinor, t.Currency, t.MinorUnits)
			cost.Actual = &a
		}
		d.Costs = append(d.Costs, cost)
	}
	if r := t.Report; r != nil {
		d.Report = &Report{Goal: T(r.Goal, lang), ProgrammeCarriedOut: T(r.ProgrammeCarriedOut, lang),
			Outcome: T(r.Outcome, lang), FollowUp: T(r.FollowUp, lang)}
	}
	return d
}

// TripTotals are the count and sums of every trip the filters select, not only
// the page's.
type TripTotals struct {
	Trips  int      `json:"trips"`
	Total  Money    `json:"total"`
	CO2eKg *float64 `json:"co2e_kg"`
}

// TripList is one page of the register.
type TripList struct {
	List[Trip]
	Totals TripTotals `json:"totals"`
}

// NewTotals shapes the register's totals in currency.
func NewTotals(p trip.RegisterPage, currency string, minorUnits int) TripTotals {
	t := TripTotals{Trips: p.Total, Total: M(p.SumMinor, currency, minorUnits)}
	if p.CO2eKnown {
		kg := p.SumCO2e
		t.CO2eKg = &kg
	}
	return t
}

// Overdue is a trip whose report is late.
type Overdue struct {
	ID          int64  `json:"id"`
	Reference   string `json:"reference"`
	Title       Text   `json:"title"`
	Purpose     Text   `json:"purpose"`
	Organiser   Text   `json:"organiser"`
	EndsOn      string `json:"ends_on"`
	DueOn       string `json:"due_on"`
	DaysOverdue int    `json:"days_overdue"`
	Demo        bool   `json:"demo"`
}

// NewOverdue shapes a late report.
func NewOverdue(o trip.Overdue) Overdue {
	return Overdue{ID: o.ID, Reference: o.Reference, Title: T(o.Title, o.Language), Purpose: T(o.Purpose, o.Language), Organiser: T(o.Organiser, o.Language),
		EndsOn: Day(o.EndsOn), DueOn: Day(o.DueOn), DaysOverdue: o.DaysOverdue, Demo: o.IsDemo}
}

// Quarter is a calendar quarter that has ended, and whether anything was
// published for it; NothingToReport states an empty quarter explicitly.
type Quarter struct {
	Year            int    `json:"year"`
	Quarter         int    `json:"quarter"`
	From            string `json:"from"`
	To              string `json:"to"`
	NothingToReport bool   `json:"nothing_to_report"`
	Trips           string `json:"trips"`
}

// NewQuarter shapes q of municipality slug: trips links the register's trips of
// its year in the API.
func NewQuarter(q trip.Quarter, slug, base string) Quarter {
	return Quarter{Year: q.Year, Quarter: q.Number, From: Day(q.From), To: Day(q.To), NothingToReport: !q.HasTrip,
		Trips: base + Version + "/municipalities/" + slug + "/trips?year=" + itoa(q.Year)}
}
