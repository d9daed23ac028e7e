package partner

import "time"

// Kinds of activity that keep a partnership alive.
const (
	ActivityTrip         = "trip"          // a published trip ended
	ActivityAgreement    = "agreement"     // an agreement was signed
	ActivityProjectStart = "project_start" // a project started
	ActivityProjectEnd   = "project_end"   // a project ended
	ActivityStatusChange = "status_change" // the partnership's status changed
)

// StaleAfterYears is how long a partnership may go without recorded activity
// before its page says so.
const StaleAfterYears = 2

// Activity is one dated event of a partnership. Status changes are often known
// only by year: then YearOnly is set and Date is 1 January of that year.
type Activity struct {
	Date     time.Time
	YearOnly bool
	Kind     string
}

// YearActivity is an event known only by its year.
func YearActivity(year int, kind string) Activity {
	return Activity{Date: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), YearOnly: true, Kind: kind}
}

// DateActivity is an event known to the day.
func DateActivity(d time.Time, kind string) Activity {
	return Activity{Date: time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), Kind: kind}
}

// last is the last day the event may have happened on: the end of its year when
// only the year is known.
func (a Activity) last() time.Time {
	if a.YearOnly {
		return time.Date(a.Date.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return a.Date
}

// after reports whether a is later than b. Of two events in the same year, one
// known to the day beats one known only by the year, since it says more.
func (a Activity) after(b Activity) bool {
	if a.Date.Year() != b.Date.Year() {
		return a.Date.Year() > b.Date.Year()
	}
	if a.YearOnly != b.YearOnly {
		return !a.YearOnly
	}
	return a.Date.After(b.Date)
}

// LastActivity returns the latest of events that happened by today (planned
// project ends and other future dates are not activity yet) and whether there is
// one.
func LastActivity(events []Activity, today time.Time) (Activity, bool) {
	var latest Activity
	found := false
	for _, e := range events {
		if e.Date.After(today) {
			continue
		}
		if !found || e.after(latest) {
			latest, found = e, true
		}
	}
	return latest, found
}

// Stale reports whether a partnership whose last activity is a (found tells
// whether there is any) has been quiet for more than StaleAfterYears before now.
// A year-only event counts from the end of its year, so that a partnership is
// called quiet only when it certainly is.
func Stale(a Activity, found bool, now time.Time) bool {
	if !found {
		return true
	}
	return a.last().Before(now.AddDate(-StaleAfterYears, 0, 0))
}
