package trip_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// TestReferenceTakesTheTripYear: a trip of March 2027 submitted in December 2026
// gets a 2027 reference, passing over a number a trip already carries; the
// reference stays when the plan is returned and submitted again in another year.
func TestReferenceTakesTheTripYear(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	mid := municipalityID(t, pool, "ballerup")
	staff := trip.Actor{ID: servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "s@b.example"), Role: access.RoleStaff}
	pol := trip.Actor{ID: servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "p@b.example"), Role: access.RolePolitician}
	// The plan goes back to its author, so it needs a reviewer.
	servertest.RequireApprovals(t, pool, "ballerup")
	// A reference of 2027 given before without the year's counter.
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2027-0001", Status: "submitted",
		Start: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)})
	id := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Status: "draft", Purpose: "Study visit",
		Start: time.Date(2027, 3, 10, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 3, 11, 0, 0, 0, 0, time.UTC),
		Destinations: []servertest.Destination{{City: "Prague", Country: "CZ", Lat: 50.07, Lon: 14.47}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 100000, Actual: -1}},
	})
	december := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	res, err := trip.NewStore(pool).Apply(ctx, mid, id, trip.Submit, staff, "", december)
	if err != nil {
		t.Fatal(err)
	}
	if res.Reference != "BAL-2027-0002" {
		t.Errorf("reference %q, want BAL-2027-0002", res.Reference)
	}
	if _, err := trip.NewStore(pool).Apply(ctx, mid, id, trip.Return, pol, "Dates?", december); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE trip SET starts_on = '2028-01-10', ends_on = '2028-01-11' WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	again, err := trip.NewStore(pool).Apply(ctx, mid, id, trip.Submit, staff, "", december.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if again.Reference != res.Reference {
		t.Errorf("resubmitted: reference %q, want it kept as %q", again.Reference, res.Reference)
	}
}

// TestCompleteRefusedBeforeTheLastDay: marking an approved trip completed with
// all its actual costs is refused before its last day and taken on it.
func TestCompleteRefusedBeforeTheLastDay(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	mid := municipalityID(t, pool, "ballerup")
	staff := trip.Actor{ID: servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "s@b.example"), Role: access.RoleStaff}
	id := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Reference: "BAL-2027-0001", Status: trip.StatusApproved,
		Start: time.Date(2027, 3, 10, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 3, 11, 0, 0, 0, 0, time.UTC),
		Destinations: []servertest.Destination{{City: "Prague", Country: "CZ", Lat: 50.07, Lon: 14.47}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 100000, Actual: 90000}},
	})
	_, err := trip.NewStore(pool).Apply(ctx, mid, id, trip.Complete, staff, "", time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC))
	var r *trip.Refusal
	if !errors.As(err, &r) || !slices.Equal(r.Keys, []string{"lifecycle.refused.not_over"}) {
		t.Fatalf("complete in December 2026: %v", err)
	}
	res, err := trip.NewStore(pool).Apply(ctx, mid, id, trip.Complete, staff, "", time.Date(2027, 3, 11, 16, 0, 0, 0, time.UTC))
	if err != nil || res.To != trip.StatusCompleted {
		t.Fatalf("complete on the last day: %v %v", res, err)
	}
}
