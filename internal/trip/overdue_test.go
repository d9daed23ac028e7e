package trip_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// TestOverdueReportsFollowTheDeadline: a report is overdue from the day after
// its municipality's deadline, whatever that deadline is set to.
func TestOverdueReportsFollowTheDeadline(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := t.Context()
	today := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	ended := today.AddDate(0, 0, -20)
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0100", Status: "approved",
		Start: ended.AddDate(0, 0, -2), End: ended})
	var ballerup int64
	if err := pool.QueryRow(ctx, `SELECT id FROM municipality WHERE slug = 'ballerup'`).Scan(&ballerup); err != nil {
		t.Fatal(err)
	}
	store := trip.NewStore(pool)
	for _, tc := range []struct {
		days, overdueBy int // overdueBy 0: not overdue
	}{
		{30, 0},
		{20, 0}, // due today
		{19, 1},
		{14, 6},
	} {
		// In order: each case sets the deadline anew on the same trip.
		t.Run(strconv.Itoa(tc.days)+" days", func(t *testing.T) {
			if _, err := pool.Exec(ctx, `UPDATE municipality SET report_deadline_days = $2 WHERE id = $1`, ballerup, tc.days); err != nil {
				t.Fatal(err)
			}
			list, err := store.OverdueReports(ctx, ballerup, today)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.overdueBy == 0 && len(list) != 0:
				t.Errorf("overdue %+v", list)
			case tc.overdueBy > 0 && (len(list) != 1 || list[0].DaysOverdue != tc.overdueBy || !list[0].DueOn.Equal(ended.AddDate(0, 0, tc.days))):
				t.Errorf("%+v, want overdue by %d", list, tc.overdueBy)
			}
		})
	}
}
