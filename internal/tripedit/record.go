package tripedit

import (
	"slices"
	"time"

	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/trip"
)

// Record is a trip as staff edit it: the trip row and its repeated rows.
type Record struct {
	ID        int64
	Version   int
	Status    string
	Reference string
	Purpose   string
	StartsOn  *time.Time
	EndsOn    *time.Time
	Organiser string
	// PartnershipID and BudgetLineID are nil when the trip is linked to none.
	PartnershipID *int64
	BudgetLineID  *int64
	Currency      string
	MinorUnits    int
	AuthorID      *int64
	AuthorName    string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// Language is the municipality's own, in which staff write the trip.
	Language string

	Priorities   []int64
	Destinations []Destination
	Travellers   []Traveller
	Programme    []ProgrammeItem
	Costs        []Cost
}

// Destination is one place the trip goes to.
type Destination struct {
	// PartnerCityID is set when the place is one of the municipality's partner cities.
	PartnerCityID *int64
	City          string
	Country       string // ISO 3166-1 alpha-2
	// Latitude and Longitude are decimal degrees as stored ("55.7333"), "" when unknown.
	Latitude  string
	Longitude string
	// Mode is the emission_factor mode of the journey there and back, "" when unknown.
	Mode string
}

// Traveller is a person on the trip.
type Traveller struct {
	Name string
	Role string
	Kind string // politician, staff, other
	// AccountID links the traveller to their account (0: none), so that they
	// cannot decide on the trip.
	AccountID int64
}

// ProgrammeItem is one entry of the programme.
type ProgrammeItem struct {
	Day         time.Time
	Description string
	Location    string
}

// Cost is one cost line in minor units of the trip's currency; nil when not known.
type Cost struct {
	Category    string
	Description string
	Planned     *int64
	Actual      *int64
}

// Traveller kinds, as the schema allows them.
var travellerKinds = trip.Kinds

// fullyEditable are the statuses in which staff may change everything: the plan is
// still theirs.
var fullyEditable = []string{trip.StatusDraft, trip.StatusReturned}

// actualsEditable are the statuses in which the plan is approved and only actual
// costs and the report may be entered.
var actualsEditable = []string{trip.StatusApproved, trip.StatusCompleted, trip.StatusReportReturned}

// Editing modes of the trip form.
const (
	modeFull    = "full"
	modeActuals = "actuals"
)

// editMode returns how a trip in status may be edited here, or "" when it may not.
func editMode(status string) string {
	switch {
	case slices.Contains(fullyEditable, status):
		return modeFull
	case slices.Contains(actualsEditable, status):
		return modeActuals
	}
	return ""
}

// reportEditable reports whether the trip report may be written in status.
func reportEditable(status string) bool { return slices.Contains(actualsEditable, status) }

// Statuses lists the lifecycle statuses in order, for the list's filter.
var Statuses = []string{trip.StatusDraft, trip.StatusSubmitted, trip.StatusReturned, trip.StatusApproved,
	trip.StatusCompleted, trip.StatusReportSubmitted, trip.StatusReportReturned, trip.StatusReportApproved,
	trip.StatusPublished}

// Missing lists what the trip still lacks before it can be submitted for review,
// as catalogue keys: a purpose, both dates, a destination, a traveller and planned
// costs. Submission itself checks the same; a draft may be saved without them.
func (r Record) Missing() []string {
	var out []string
	if r.Purpose == "" {
		out = append(out, "tripedit.missing.purpose")
	}
	if r.StartsOn == nil || r.EndsOn == nil {
		out = append(out, "tripedit.missing.dates")
	}
	if len(r.Destinations) == 0 {
		out = append(out, "tripedit.missing.destination")
	}
	if len(r.Travellers) == 0 {
		out = append(out, "tripedit.missing.travellers")
	}
	if !slices.ContainsFunc(r.Costs, func(c Cost) bool { return c.Planned != nil }) {
		out = append(out, "tripedit.missing.costs")
	}
	return out
}

// PlannedTotal and ActualTotal sum the cost lines.
func (r Record) PlannedTotal() int64 {
	var n int64
	for _, c := range r.Costs {
		if c.Planned != nil {
			n += *c.Planned
		}
	}
	return n
}

// ActualTotal sums the actual amounts of the cost lines.
func (r Record) ActualTotal() int64 {
	var n int64
	for _, c := range r.Costs {
		if c.Actual != nil {
			n += *c.Actual
		}
	}
	return n
}

// auditFields is the record as the audit log keeps it: every field, the repeated
// rows as lists, dates as YYYY-MM-DD and amounts in minor units.
func (r Record) auditFields() map[string]any {
	date := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return form.FormatDateInput(*t)
	}
	destinations := make([]map[string]any, 0, len(r.Destinations))
	for _, d := range r.Destinations {
		destinations = append(destinations, map[string]any{
			"partner_city_id": d.PartnerCityID, "city": d.City, "country": d.Country,
			"latitude": d.Latitude, "longitude": d.Longitude, "transport_mode": d.Mode,
		})
	}
	travellers := make([]map[string]any, 0, len(r.Travellers))
	for _, t := range r.Travellers {
		travellers = append(travellers, map[string]any{"name": t.Name, "role": t.Role, "kind": t.Kind, "account_id": idOrNil(t.AccountID)})
	}
	programme := make([]map[string]any, 0, len(r.Programme))
	for _, p := range r.Programme {
		programme = append(programme, map[string]any{"day": form.FormatDateInput(p.Day), "description": p.Description, "location": p.Location})
	}
	costs := make([]map[string]any, 0, len(r.Costs))
	for _, c := range r.Costs {
		costs = append(costs, map[string]any{"category": c.Category, "description": c.Description,
			"planned_minor": c.Planned, "actual_minor": c.Actual})
	}
	priorities := slices.Clone(r.Priorities)
	slices.Sort(priorities)
	if priorities == nil {
		priorities = []int64{}
	}
	return map[string]any{
		"purpose": r.Purpose, "starts_on": date(r.StartsOn), "ends_on": date(r.EndsOn),
		"organiser": r.Organiser, "partnership_id": r.PartnershipID, "budget_line_id": r.BudgetLineID,
		"priorities": priorities, "destinations": destinations, "travellers": travellers,
		"programme": programme, "costs": costs,
	}
}

// categories are the cost categories, in the order the form offers them.
var categories = trip.Categories

// idOrNil is id, or nil for 0 (none), for the audit log.
func idOrNil(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
