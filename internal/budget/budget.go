// Package budget is the money municipalities set aside for their international work:
// budget lines per fiscal year, what the trips charged to them spent, what carries
// over to the next year within an election period, and the comparison of the
// municipalities' travel spending in one currency.
//
// The accounting is done by pure functions over loaded rows (Account, Compare), so
// that the rules can be tested without a database; the Store loads the rows.
package budget

import (
	"time"

	"github.com/municipal-intl/portal/internal/trip"
)

// Owner kinds of a budget line, as the schema allows them.
const (
	OwnerCentral   = "central"
	OwnerCommittee = "committee"
	OwnerCouncil   = "council"
	OwnerFund      = "fund"
	OwnerOffice    = "office"
)

// OwnerKinds lists the owner kinds in the order the budget page groups them.
var OwnerKinds = []string{OwnerCentral, OwnerCouncil, OwnerCommittee, OwnerFund, OwnerOffice}

// SpentStatuses are the statuses of trips whose actual costs count as spent: the
// trip has taken place, so its money is spent even while the report is in review.
var SpentStatuses = []string{trip.StatusCompleted, trip.StatusReportSubmitted,
	trip.StatusReportReturned, trip.StatusReportApproved, trip.StatusPublished}

// CommittedStatuses are the statuses of trips whose planned costs are committed:
// approved, but not yet travelled.
var CommittedStatuses = []string{trip.StatusApproved}

// Line is one budget line of one fiscal year with the money of the trips charged
// to it. Amounts are minor units of Currency.
type Line struct {
	ID          int64
	Year        int
	Code        string
	Name        string
	OwnerKind   string
	OwnerName   string
	AmountMinor int64
	Currency    string
	MinorUnits  int
	CarriesOver bool
	Note        string
	IsDemo      bool
	// SpentPublishedMinor is the actual cost of the published trips charged to it;
	// SpentUnpublishedMinor that of trips that have taken place but whose report is
	// not published yet.
	SpentPublishedMinor   int64
	SpentUnpublishedMinor int64
	// CommittedMinor is the planned cost of approved trips not yet completed.
	CommittedMinor int64
	// OtherCurrencyTrips counts charged trips costed in another currency than the
	// line: they cannot be added to it and are left out of the sums.
	OtherCurrencyTrips int
	// PublishedTrips counts the published trips in its currency charged to it, and
	// CO2e sums their estimates.
	PublishedTrips int
	CO2e           CO2eSum
}

// SpentMinor is the actual cost of every trip charged to the line that has taken place.
func (l Line) SpentMinor() int64 { return l.SpentPublishedMinor + l.SpentUnpublishedMinor }

// Period is an election period of municipal councils: carry-over never crosses its end.
type Period struct {
	StartsOn time.Time
	EndsOn   time.Time
}

// FirstYear and LastYear are the calendar years the period starts and ends in.
func (p Period) FirstYear() int { return p.StartsOn.Year() }

// LastYear is the calendar year the period ends in.
func (p Period) LastYear() int { return p.EndsOn.Year() }

// covers reports whether every day of the years from..to lies within p.
func (p Period) covers(from, to int) bool {
	first := time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(to, 12, 31, 0, 0, 0, 0, time.UTC)
	return !day(p.StartsOn).After(first) && !day(p.EndsOn).Before(last)
}

// overlaps reports whether any day of the years from..to lies within p.
func (p Period) overlaps(from, to int) bool {
	first := time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(to, 12, 31, 0, 0, 0, 0, time.UTC)
	return !day(p.StartsOn).After(last) && !day(p.EndsOn).Before(first)
}

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// ChargedTrip is a published trip charged to a budget line, for the list under
// the budget table.
type ChargedTrip struct {
	LineID    int64
	Reference string
	Title     string
	// StartsOn and EndsOn are nil when the trip has no dates.
	StartsOn    *time.Time
	EndsOn      *time.Time
	ActualMinor int64
	// CO2eKg is the trip's estimated CO2e in kilograms, nil when it is unknown (a
	// destination lacks coordinates or a transport mode).
	CO2eKg *float64
	IsDemo bool
}
