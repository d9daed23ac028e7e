// Package demo fills the portal with fictional demonstration data and removes it
// again. Every row it writes carries is_demo = true, so Remove can take it out
// without touching the seeded policies, partnerships and budgets or anything a
// person has entered.
//
// The data is deterministic: the same Options (seed, number of trips and Now) on the
// same seeded database give the same accounts, budgets, trips, agreements and
// projects. Each municipality draws from its own random stream, so the data of one
// does not change when another's profile is edited.
//
// Names of people are invented from common first and last names of the country;
// demo accounts have an unusable password hash, so nobody can sign in with them.
package demo

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// Options says how much demo data to load.
type Options struct {
	// Trips is the total number of trips, spread over the municipalities.
	Trips int
	// Seed makes the data reproducible: the same seed gives the same data.
	Seed int64
	// Now anchors every date (the zero value means time.Now()): trips lie in the
	// years before it, a few are planned after it.
	Now time.Time
}

// MaxTrips bounds Options.Trips. Load streams the trips (see dataset), so memory
// does not grow with them; a million take a few minutes per core.
const MaxTrips = 1_000_000

// Summary counts the rows written or deleted, per table.
type Summary map[string]int64

// tableOrder lists the tables in the order a summary prints them.
var tableOrder = []string{
	"account", "body_member", "budget_line", "trip", "trip_destination", "trip_traveller",
	"trip_programme_item", "trip_cost", "trip_priority", "trip_report",
	"trip_transition", "trip_reference_counter", "agreement", "agreement_party",
	"agreement_priority", "project", "project_priority", "partnership",
	"partner_city", "network", "network_membership", "attachment", "audit_log",
}

// Total is the number of rows over all tables.
func (s Summary) Total() int64 {
	var n int64
	for _, v := range s {
		n += v
	}
	return n
}

// Fprint writes one line per table with rows, in a fixed order.
func (s Summary) Fprint(w io.Writer) {
	seen := map[string]bool{}
	for _, t := range tableOrder {
		seen[t] = true
		if s[t] != 0 {
			fmt.Fprintf(w, "  %-24s %8d\n", t, s[t])
		}
	}
	var rest []string
	for t := range s {
		if !seen[t] && s[t] != 0 {
			rest = append(rest, t)
		}
	}
	slices.Sort(rest)
	for _, t := range rest {
		fmt.Fprintf(w, "  %-24s %8d\n", t, s[t])
	}
}
