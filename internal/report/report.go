// Package report is the yearly report of a municipality: what its international
// work cost and brought in one year, beside the year before, for a council to
// table. Every figure is read from summary rows kept by the database in the same
// transaction as the change behind them (register_sum, report_mode_sum,
// budget_line_figures, register_partnership), so the report costs a handful of
// index probes however many trips there are.
package report

import (
	"time"

	"github.com/municipal-intl/portal/internal/budget"
)

// DormantYears is how long a partnership may go without a published visit before
// the report calls it dormant: no trip for it or to its city that started in the
// report's year or the two years before.
const DormantYears = 3

// Figures are the published trips of one year, summed.
type Figures struct {
	Trips      int
	TotalMinor int64
	// CO2eKg sums the trips with an estimate; CO2eTrips counts them.
	CO2eKg    float64
	CO2eTrips int
}

// Priority is one priority of the municipality's policy with the published trips
// made for it in the year and the year before ([0] the year, [1] the year before).
// A trip made for several priorities counts under each.
type Priority struct {
	ID          int64
	Code, Title string
	Lang        string
	Now, Before Figures
}

// Mode is one transport mode with the destinations reached by it in the published
// trips of the year and the year before.
type Mode struct {
	// Mode is the emission factor's mode; "" for destinations without one.
	Mode, Label string
	Now, Before ModeFigures
}

// ModeFigures are one year's figures of one transport mode.
type ModeFigures struct {
	Trips, Legs, CO2eLegs int
	CO2eKg, DistanceKm    float64
}

// Partnership is one partnership with its visits: the published trips made for it
// or to its partner city, by the year they started in.
type Partnership struct {
	ID                  int64
	City, Country, Kind string
	Status              string
	SinceYear           *int
	Now, Before         int
	// LastVisit is the start of the latest published visit up to the end of the
	// report's year, if any.
	LastVisit *time.Time
	// Dormant: active, and no visit in the DormantYears up to the report's year.
	Dormant bool
}

// Agreement is an agreement signed in the report's year.
type Agreement struct {
	ID          int64
	Type, Title string
	SignedOn    time.Time
	Lang        string
}

// Late counts the reports due for trips that ended in one year: submitted by their
// due date, submitted after it, and still not submitted after it.
type Late struct {
	OnTime, Late, Overdue int
}

// Due is how many reports the year's trips owe so far.
func (l Late) Due() int { return l.OnTime + l.Late + l.Overdue }

// Report is the yearly report of one municipality.
type Report struct {
	Year        int
	Now, Before Figures
	// NoPriority are the trips made for no priority of the policy.
	NoPriorityNow, NoPriorityBefore Figures
	Priorities                      []Priority
	Modes                           []Mode
	Partnerships                    []Partnership
	Signed                          []Agreement
	SignedBefore                    int
	LateNow, LateBefore             Late
	DeadlineDays                    int
	Budget, BudgetBefore            budget.Sheet
	HasDemo                         bool
}

// Empty reports whether the year has nothing to report: no published trip, no
// budget line, no agreement signed, no report due.
func (r Report) Empty() bool {
	return r.Now.Trips == 0 && len(r.Budget.Rows) == 0 && len(r.Signed) == 0 && r.LateNow.Due() == 0
}

// Dormant lists the dormant partnerships.
func (r Report) Dormant() []Partnership {
	var out []Partnership
	for _, p := range r.Partnerships {
		if p.Dormant {
			out = append(out, p)
		}
	}
	return out
}

// Visits sums the visits of every partnership in the year and the year before.
func (r Report) Visits() (now, before int) {
	for _, p := range r.Partnerships {
		now += p.Now
		before += p.Before
	}
	return now, before
}
