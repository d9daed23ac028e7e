package api

import "github.com/municipal-intl/portal/internal/trip"

// Upcoming is an approved plan of a trip still to come, public before travel where
// the municipality's policy has the rule plans_public_before_travel.
type Upcoming struct {
	Reference    string          `json:"reference"`
	Title        Text            `json:"title"`
	Purpose      Text            `json:"purpose"`
	StartsOn     string          `json:"starts_on"`
	EndsOn       string          `json:"ends_on"`
	Organiser    Text            `json:"organiser"`
	Destinations []Place         `json:"destinations"`
	Travellers   []TravellerRole `json:"travellers"`
	Planned      Money           `json:"planned"`
	ApprovedAt   *string         `json:"approved_at"`
	Demo         bool            `json:"demo"`
}

// NewUpcoming shapes an approved plan.
func NewUpcoming(u trip.Upcoming) Upcoming {
	out := Upcoming{Reference: u.Reference, Title: T(u.Title, u.Language), Purpose: T(u.Purpose, u.Language),
		StartsOn: Day(u.StartsOn), EndsOn: Day(u.EndsOn), Organiser: T(u.Organiser, u.Language),
		Destinations: []Place{}, Travellers: []TravellerRole{},
		Planned: M(u.PlannedMinor, u.Currency, u.MinorUnits), ApprovedAt: InstantP(u.ApprovedAt), Demo: u.IsDemo}
	for i, city := range u.Cities {
		p := Place{City: city}
		if i < len(u.Countries) {
			p.Country = u.Countries[i]
		}
		out.Destinations = append(out.Destinations, p)
	}
	for i, name := range u.Travellers {
		t := TravellerRole{Name: name, Role: T("", u.Language)}
		if i < len(u.Roles) {
			t.Role.Value = u.Roles[i]
		}
		if i < len(u.Kinds) {
			t.Kind = u.Kinds[i]
		}
		out.Travellers = append(out.Travellers, t)
	}
	return out
}
