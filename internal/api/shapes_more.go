package api

import (
	"strconv"

	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/partner"
	"github.com/municipal-intl/portal/internal/policy"
)

func itoa(n int) string { return strconv.Itoa(n) }

// Policy is a municipality's current international policy.
type Policy struct {
	ID         int64      `json:"id"`
	Title      Text       `json:"title"`
	Summary    Text       `json:"summary"`
	AdoptedOn  *string    `json:"adopted_on"`
	AdoptedBy  Text       `json:"adopted_by"`
	ValidFrom  *string    `json:"valid_from"`
	ValidUntil *string    `json:"valid_until"`
	Source     string     `json:"source"`
	Priorities []Priority `json:"priorities"`
	Rules      []Rule     `json:"rules"`
}

// Priority is a priority of a policy.
type Priority struct {
	ID          int64  `json:"id"`
	Kind        string `json:"kind"`
	Position    int    `json:"position"`
	Code        string `json:"code"`
	Title       Text   `json:"title"`
	Description Text   `json:"description"`
}

// Rule is a rule of a policy that the portal applies, with the sentence it
// comes from.
type Rule struct {
	Kind           string         `json:"kind"`
	Enforcement    string         `json:"enforcement"`
	SourceSentence Text           `json:"source_sentence"`
	Description    Text           `json:"description"`
	Parameters     map[string]any `json:"parameters"`
}

// NewPolicy shapes p.
func NewPolicy(p policy.Policy) Policy {
	l := p.Language
	out := Policy{ID: p.ID, Title: T(p.Title, l), Summary: T(p.Summary, l), AdoptedOn: DayP(p.AdoptedOn),
		AdoptedBy: T(p.AdoptedBy, l), ValidFrom: DayP(p.ValidFrom), ValidUntil: DayP(p.ValidUntil), Source: p.Source,
		Priorities: []Priority{}, Rules: []Rule{}}
	for _, x := range p.Priorities {
		out.Priorities = append(out.Priorities, Priority{ID: x.ID, Kind: x.Kind, Position: x.Position, Code: x.Code,
			Title: T(x.Title, l), Description: T(x.Description, l)})
	}
	for _, r := range p.Rules {
		params := r.Parameters
		if params == nil {
			params = map[string]any{}
		}
		out.Rules = append(out.Rules, Rule{Kind: r.Kind, Enforcement: r.Enforcement,
			SourceSentence: T(r.SourceSentence, l), Description: T(r.Description, l), Parameters: params})
	}
	return out
}

// Partnership is a partnership with a partner city.
type Partnership struct {
	ID        int64    `json:"id"`
	City      string   `json:"city"`
	CityEn    string   `json:"city_en"`
	Country   *string  `json:"country"`
	Kind      string   `json:"kind"`
	Status    string   `json:"status"`
	SinceYear *int64   `json:"since_year"`
	Latitude  *float64 `json:"latitude"`
	Longitude *float64 `json:"longitude"`
	Demo      bool     `json:"demo"`
	URL       string   `json:"url"`
}

// NewPartnership shapes p of municipality slug.
func NewPartnership(p partner.Partnership, slug, base string) Partnership {
	out := Partnership{ID: p.ID, City: p.City, CityEn: p.CityEn, Kind: p.Kind, Status: p.Status, SinceYear: p.SinceYear,
		Latitude: p.Latitude, Longitude: p.Longitude, Demo: p.IsDemo,
		URL: base + "/m/" + slug + "/partners/" + strconv.FormatInt(p.ID, 10)}
	if p.Country != "" {
		out.Country = &p.Country
	}
	return out
}

// PartnershipDetail is a partnership with its history, projects, agreements and
// the number of its published trips.
type PartnershipDetail struct {
	Partnership
	CouncilDecision string         `json:"council_decision"`
	Note            Text           `json:"note"`
	Source          string         `json:"source"`
	History         []StatusChange `json:"history"`
	Projects        []Project      `json:"projects"`
	Agreements      []Agreement    `json:"agreements"`
	TripCount       int            `json:"trip_count"`
	LastVisitEnded  *string        `json:"last_visit_ended"`
	Trips           string         `json:"trips"`
}

// StatusChange is one entry of a partnership's history; the day is null when
// only the year is known.
type StatusChange struct {
	Year   int     `json:"year"`
	On     *string `json:"on"`
	Status string  `json:"status"`
	Note   Text    `json:"note"`
}

// NewPartnershipDetail shapes d, written in lang, of municipality slug.
func NewPartnershipDetail(d partner.Detail, projects []partner.Project, agreements []agreement.Agreement,
	trips int, lastEnd *string, lang, slug, base string) PartnershipDetail {
	out := PartnershipDetail{Partnership: NewPartnership(d.Partnership, slug, base), CouncilDecision: d.CouncilDecisionRef,
		Note: T(d.Note, lang), Source: d.Source, History: []StatusChange{}, Projects: []Project{}, Agreements: []Agreement{},
		TripCount: trips, LastVisitEnded: lastEnd,
		Trips: base + Version + "/municipalities/" + slug + "/trips?partner=" + strconv.FormatInt(d.ID, 10)}
	for _, h := range d.History {
		out.History = append(out.History, StatusChange{Year: h.Year, On: DayP(h.ChangedOn), Status: h.Status, Note: T(h.Note, lang)})
	}
	for _, p := range projects {
		out.Projects = append(out.Projects, NewProject(p, d.ID, lang))
	}
	for _, a := range agreements {
		out.Agreements = append(out.Agreements, NewAgreement(a, lang, nil))
	}
	return out
}

// Project is a project of a partnership.
type Project struct {
	ID            int64   `json:"id"`
	PartnershipID int64   `json:"partnership_id"`
	Title         Text    `json:"title"`
	Description   Text    `json:"description"`
	Funder        string  `json:"funder"`
	Programme     string  `json:"programme"`
	Funding       *Money  `json:"funding"`
	StartsOn      *string `json:"starts_on"`
	EndsOn        *string `json:"ends_on"`
	Status        string  `json:"status"`
	Demo          bool    `json:"demo"`
}

// NewProject shapes p of partnership, written in lang.
func NewProject(p partner.Project, partnership int64, lang string) Project {
	return Project{ID: p.ID, PartnershipID: partnership, Title: T(p.Title, lang), Description: T(p.Description, lang),
		Funder: p.Funder, Programme: p.Programme, Funding: MP(p.FundingMinor, p.Currency, p.MinorUnits),
		StartsOn: DayP(p.StartsOn), EndsOn: DayP(p.EndsOn), Status: p.Status, Demo: p.IsDemo}
}

// Membership is a municipality's membership of a network.
type Membership struct {
	NetworkID   int64    `json:"network_id"`
	Name        string   `json:"name"`
	Description Text     `json:"description"`
	Website     *string  `json:"website"`
	Role        string   `json:"role"`
	SinceYear   *int64   `json:"since_year"`
	UntilYear   *int64   `json:"until_year"`
	Cities      []string `json:"partner_cities"`
	Demo        bool     `json:"demo"`
}

// NewMembership shapes m; network descriptions are kept in English.
func NewMembership(m partner.Membership) Membership {
	out := Membership{NetworkID: m.NetworkID, Name: m.Name, Description: T(m.Description, "en"), Role: m.Role,
		SinceYear: m.SinceYear, UntilYear: m.UntilYear, Cities: []string{}, Demo: m.IsDemo}
	if m.Website != "" {
		out.Website = &m.Website
	}
	for _, c := range m.Cities {
		out.Cities = append(out.Cities, c.Name)
	}
	return out
}

// Agreement is a public agreement (never a draft).
type Agreement struct {
	ID            int64         `json:"id"`
	Type          string        `json:"type"`
	Title         Text          `json:"title"`
	Summary       Text          `json:"summary"`
	Status        string        `json:"status"`
	SignedOn      *string       `json:"signed_on"`
	ValidFrom     *string       `json:"valid_from"`
	ValidUntil    *string       `json:"valid_until"`
	Parties       []string      `json:"parties"`
	Priorities    []PriorityRef `json:"priorities"`
	PartnershipID *int64        `json:"partnership_id"`
	Network       *string       `json:"network"`
	Source        string        `json:"source"`
	Demo          bool          `json:"demo"`
}

// NewAgreement shapes a, written in lang; status is the effective status when
// given, else the recorded one.
func NewAgreement(a agreement.Agreement, lang string, status *string) Agreement {
	out := Agreement{ID: a.ID, Type: a.Type, Title: T(a.Title, lang), Summary: T(a.Summary, lang), Status: a.Status,
		SignedOn: DayP(a.SignedOn), ValidFrom: DayP(a.ValidFrom), ValidUntil: DayP(a.ValidUntil), Parties: a.Parties,
		Priorities: []PriorityRef{}, PartnershipID: a.PartnershipID, Source: a.Source, Demo: a.IsDemo}
	if status != nil {
		out.Status = *status
	}
	if out.Parties == nil {
		out.Parties = []string{}
	}
	if a.Network != "" {
		out.Network = &a.Network
	}
	for _, p := range a.Priorities {
		out.Priorities = append(out.Priorities, PriorityRef{Code: p.Code, Title: T(p.Title, p.Language)})
	}
	return out
}

// Budget is a municipality's budget of one fiscal year with its computed figures.
type Budget struct {
	Year   int          `json:"year"`
	Lines  []BudgetLine `json:"lines"`
	Totals *Figures     `json:"totals"`
	// CarryUnknown is set when some line's carry-over could not be computed (no
	// stored election period says whether money may pass).
	CarryUnknown bool `json:"carry_over_unknown"`
}

// Figures are the money columns of a budget line or of a year's total.
type Figures struct {
	Allocated        Money `json:"allocated"`
	CarriedOver      Money `json:"carried_over"`
	Available        Money `json:"available"`
	SpentPublished   Money `json:"spent_published"`
	SpentUnpublished Money `json:"spent_unpublished"`
	Spent            Money `json:"spent"`
	Remaining        Money `json:"remaining"`
	Committed        Money `json:"committed"`
}

// BudgetLine is one line of a year's budget.
type BudgetLine struct {
	ID             int64    `json:"id"`
	Code           string   `json:"code"`
	Name           Text     `json:"name"`
	OwnerKind      string   `json:"owner_kind"`
	OwnerName      Text     `json:"owner_name"`
	CarriesOver    bool     `json:"carries_over"`
	CarryUnknown   bool     `json:"carry_over_unknown"`
	Note           Text     `json:"note"`
	Figures        Figures  `json:"figures"`
	PublishedTrips int      `json:"published_trips"`
	CO2eKg         *float64 `json:"co2e_kg"`
	Demo           bool     `json:"demo"`
	Trips          string   `json:"trips"`
}

// NewBudget shapes the sheet s, written in lang, of municipality slug.
func NewBudget(s budget.Sheet, lang, slug, base string) Budget {
	out := Budget{Year: s.Year, Lines: []BudgetLine{}, CarryUnknown: s.CarryUnknown}
	for _, r := range s.Rows {
		m := func(v int64) Money { return M(v, r.Currency, r.MinorUnits) }
		l := BudgetLine{ID: r.ID, Code: r.Code, Name: T(r.Name, lang), OwnerKind: r.OwnerKind, OwnerName: T(r.OwnerName, lang),
			CarriesOver: r.CarriesOver, CarryUnknown: r.CarryUnknown, Note: T(r.Note, lang),
			Figures: Figures{Allocated: m(r.AmountMinor), CarriedOver: m(r.CarriedMinor), Available: m(r.AvailableMinor()),
				SpentPublished: m(r.SpentPublishedMinor), SpentUnpublished: m(r.SpentUnpublishedMinor), Spent: m(r.SpentMinor()),
				Remaining: m(r.RemainingMinor()), Committed: m(r.CommittedMinor)},
			PublishedTrips: r.PublishedTrips, Demo: r.IsDemo,
			Trips: base + Version + "/municipalities/" + slug + "/trips?line=" + strconv.FormatInt(r.ID, 10)}
		if r.CO2e.Known > 0 {
			kg := r.CO2e.Kg
			l.CO2eKg = &kg
		}
		out.Lines = append(out.Lines, l)
	}
	if !s.MixedCurrencies && len(s.Rows) > 0 {
		m := func(v int64) Money { return M(v, s.Currency, s.MinorUnits) }
		t := s.Totals
		out.Totals = &Figures{Allocated: m(t.AllocatedMinor), CarriedOver: m(t.CarriedMinor), Available: m(t.AvailableMinor),
			SpentPublished: m(t.SpentPublishedMinor), SpentUnpublished: m(t.SpentUnpublishedMinor), Spent: m(t.SpentMinor),
			Remaining: m(t.RemainingMinor), Committed: m(t.CommittedMinor)}
	}
	return out
}
