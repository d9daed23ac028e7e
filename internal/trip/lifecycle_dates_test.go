package trip

import (
	"slices"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/access"
)

// TestCompleteOnlyFromTheLastDay: a trip of 10–11 March 2027 cannot be marked
// completed on 4 December 2026 nor on its first day, and the step is not offered;
// from its last day on it can.
func TestCompleteOnlyFromTheLastDay(t *testing.T) {
	staff := Actor{ID: 1, Role: access.RoleStaff}
	f := complete(StatusApproved)
	f.StartsOn = time.Date(2027, 3, 10, 0, 0, 0, 0, time.UTC)
	f.EndsOn = time.Date(2027, 3, 11, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		today time.Time
		ok    bool
	}{
		{time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC), false},
		{time.Date(2027, 3, 10, 23, 59, 0, 0, time.UTC), false},
		{time.Date(2027, 3, 11, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2027, 3, 11, 8, 0, 0, 0, time.FixedZone("CET", 3600)), true},
		{time.Date(2027, 4, 2, 12, 0, 0, 0, time.UTC), true},
	} {
		f.Today = tc.today
		to, r := Check(f, Complete, staff, "")
		if tc.ok && (r != nil || to != StatusCompleted) {
			t.Errorf("%s: refused %v", tc.today, r)
		}
		if !tc.ok && (r == nil || !slices.Equal(r.Keys, []string{"lifecycle.refused.not_over"})) {
			t.Errorf("%s: got %q %v, want the refusal lifecycle.refused.not_over", tc.today, to, r)
		}
		if got := slices.Contains(Available(f, staff), Complete); got != tc.ok {
			t.Errorf("%s: complete offered %v, want %v", tc.today, got, tc.ok)
		}
	}
}

// TestReferenceYear: a reference carries the year of the trip's first day, and
// the year of submission while the trip has no dates.
func TestReferenceYear(t *testing.T) {
	submitted := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	f := Facts{StartsOn: time.Date(2027, 3, 10, 0, 0, 0, 0, time.UTC)}
	if got := f.ReferenceYear(submitted); got != 2027 {
		t.Errorf("trip in March 2027 submitted in 2026: year %d, want 2027", got)
	}
	if got := (Facts{}).ReferenceYear(submitted); got != 2026 {
		t.Errorf("trip without dates: year %d, want 2026", got)
	}
}
