package trip

import (
	"slices"
	"time"

	"github.com/municipal-intl/portal/internal/form"
)

// Record is a trip as staff edit it: the trip row and its repeated rows.
type Record struct {
	ID        int64
	Version   int
	Status    string
	Reference string
	Title     string
	Purpose   string
	StartsOn  *time.Time
	EndsOn    *time.Time
	Organiser string
	// PartnershipID and BudgetLineID are nil when the trip is linked to none.
	PartnershipID *int64
	BudgetLineID  *int64
	// MeetingID is the twin-city meeting the trip is participation in, nil for none.
	MeetingID  *int64
	Currency   string
	MinorUnits int
	AuthorID   *int64
	AuthorName string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	// Language is the municipality's own, in which staff write the trip.
	Language string

	Priorities   []int64
	Destinations []Destination
	Travellers   []TravellerRow
	Programme    []ProgrammeRow
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

// TravellerRow is a person on the trip, as staff edit it.
type TravellerRow struct {
	Name string
	Role string
	Kind string // politician, staff, other
	// AccountID links the traveller to their account (0: none), so that they
	// cannot decide on the trip.
	AccountID int64
}

// ProgrammeRow is one entry of the programme, as staff edit it.
type ProgrammeRow struct {
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

// fullyEditable are the statuses in which staff may change everything: the plan is
// still theirs.
var fullyEditable = []string{StatusDraft, StatusReturned}

// actualsEditable are the statuses in which the plan is approved and only actual
// costs and the report may be entered.
var actualsEditable = []string{StatusApproved, StatusCompleted, StatusReportReturned}

// withdrawable are the statuses in which staff may withdraw a trip: the plan has
// not been approved, so nobody has decided on it and nothing of it is public. A
// trip under review waits for its reviewers; an approved or published one is a
// record of the municipality.
var withdrawable = []string{StatusDraft, StatusReturned}

// Editing modes of the trip form.
const (
	// ModeFull: everything may be changed.
	ModeFull = "full"
	// ModeActuals: only actual costs (and new cost lines with them).
	ModeActuals = "actuals"
)

// EditMode returns how a trip in status may be edited, or "" when it may not.
func EditMode(status string) string {
	switch {
	case slices.Contains(fullyEditable, status):
		return ModeFull
	case slices.Contains(actualsEditable, status):
		return ModeActuals
	}
	return ""
}

// ReportEditable reports whether the trip report may be written in status.
func ReportEditable(status string) bool { return slices.Contains(actualsEditable, status) }

// Withdrawable reports whether a trip in status may be withdrawn.
func Withdrawable(status string) bool { return slices.Contains(withdrawable, status) }

// Missing lists what the trip still lacks before it can be submitted for review,
// as catalogue keys; the lifecycle decides (Missing), this asks it.
func (r Record) Missing() []string {
	return Missing(Facts{Status: r.Status, HasTitle: r.Title != "", HasPurpose: r.Purpose != "", HasDates: r.StartsOn != nil && r.EndsOn != nil,
		Destinations: len(r.Destinations), Travellers: len(r.Travellers), CostLines: len(r.Costs),
		PlannedCostLines: countCosts(r.Costs, func(c Cost) bool { return c.Planned != nil }),
		ActualCostLines:  countCosts(r.Costs, func(c Cost) bool { return c.Actual != nil }),
		Currency:         r.Currency})
}

func countCosts(costs []Cost, ok func(Cost) bool) int {
	n := 0
	for _, c := range costs {
		if ok(c) {
			n++
		}
	}
	return n
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
		"title": r.Title, "purpose": r.Purpose, "starts_on": date(r.StartsOn), "ends_on": date(r.EndsOn),
		"organiser": r.Organiser, "partnership_id": r.PartnershipID, "budget_line_id": r.BudgetLineID, "meeting_id": r.MeetingID,
		"priorities": priorities, "destinations": destinations, "travellers": travellers,
		"programme": programme, "costs": costs,
	}
}

// idOrNil is id, or nil for 0 (none), for the audit log.
func idOrNil(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
