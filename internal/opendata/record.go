// Package opendata writes the published trip register as open data: a CSV file for
// spreadsheets, a JSON document for programs, an Atom feed of the latest
// publications and an iCalendar file of the trips. The writers are pure (they turn
// values into bytes and know nothing of HTTP or of the database: the trip store
// streams the records they write (trip.Store.Downloads). The formats are
// documented in docs/open-data.md.
package opendata

import (
	"strings"
	"time"
)

// Record is one published trip with every public field the downloads carry.
type Record struct {
	ID        int64
	Reference string
	// Title is the trip's short title; Purpose says why it was made.
	Title   string
	Purpose string
	// StartsOn and EndsOn are calendar dates (midnight UTC); nil when not recorded.
	StartsOn *time.Time
	EndsOn   *time.Time
	// Organiser is the committee or department that organised the trip.
	Organiser string
	// Cities and CityCountries are the destinations in order, with ISO 3166 codes.
	Cities        []string
	CityCountries []string
	// TravellerNames, TravellerRoles and TravellerKinds are parallel, in order.
	TravellerNames []string
	TravellerRoles []string
	TravellerKinds []string
	// PriorityCodes and PriorityTitles are the policy priorities the trip serves.
	PriorityCodes  []string
	PriorityTitles []string
	// PartnershipCity names the partner city of the linked partnership, if any.
	PartnershipCity *string
	// BudgetLineCode, BudgetLineName and BudgetLineYear describe the budget line
	// the trip is charged to, if any.
	BudgetLineCode *string
	BudgetLineName *string
	BudgetLineYear *int
	Currency       string
	MinorUnits     int
	// Planned and Actual are minor units per cost category, in the order of
	// trip.Categories. Actual means nothing unless HasActual.
	Planned      [NumCategories]int64
	Actual       [NumCategories]int64
	PlannedTotal int64
	ActualTotal  int64
	HasActual    bool
	// Total is the actual total once actual costs are in, else the planned one.
	Total       int64
	Travellers  int
	DistanceKm  *float64
	CO2eKg      *float64
	ApprovedAt  *time.Time
	PublishedAt *time.Time
	Demo        bool
}

// Categories are the cost categories in the order the downloads write them; they
// are the values trip_cost.category allows.
var Categories = [NumCategories]string{"transport", "lodging", "meals", "per_diem", "fees", "other"}

// NumCategories is the number of cost categories.
const NumCategories = 6

// Countries returns the distinct countries of the destinations, in the order they
// are first visited.
func (r *Record) Countries() []string {
	out := make([]string, 0, len(r.CityCountries))
	for _, c := range r.CityCountries {
		seen := false
		for _, o := range out {
			if o == c {
				seen = true
				break
			}
		}
		if !seen {
			out = append(out, c)
		}
	}
	return out
}

// TripURL is the absolute address of a trip's public page.
func TripURL(baseURL, slug, reference string) string {
	return strings.TrimSuffix(baseURL, "/") + "/m/" + slug + "/trips/" + reference
}

// Date formats a calendar date as ISO 8601 (2026-03-14).
func Date(t time.Time) string { return t.Format(time.DateOnly) }

// Instant formats an instant as RFC 3339 in UTC, to the second (2026-03-14T09:30:00Z).
func Instant(t time.Time) string { return t.UTC().Format(time.RFC3339) }
