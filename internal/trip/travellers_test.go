package trip_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// The traveller filter finds a name wherever it stands among a trip's travellers,
// also past the first 600 characters that the register's index holds, and the
// page's count and sums agree with its list.
func TestTravellerFilterPastTheIndexedNames(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	var many []string
	for i := range 40 {
		many = append(many, fmt.Sprintf("Delegate Number %02d of the Council", i))
	}
	many = append(many, "Zyxwvu Qwertyson")
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "berlin", Reference: "BER-2025-0001", Travellers: many,
		Costs: []servertest.Cost{{Category: "transport", Planned: 100, Actual: 100}}})
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "berlin", Reference: "BER-2025-0002",
		Travellers: []string{"Anna Qwertyson"}, Costs: []servertest.Cost{{Category: "transport", Planned: 50, Actual: 50}}})
	var berlin int64
	if err := pool.QueryRow(ctx, `SELECT id FROM municipality WHERE slug = 'berlin'`).Scan(&berlin); err != nil {
		t.Fatal(err)
	}
	var long bool
	if err := pool.QueryRow(ctx, `SELECT travellers_long FROM register_entry WHERE reference = 'BER-2025-0001'`).Scan(&long); err != nil || !long {
		t.Fatalf("the trip with 41 travellers is not marked long (%v)", err)
	}
	s := trip.NewStore(pool)
	for _, tc := range []struct {
		name  string
		total int
		sum   int64
	}{
		{"qwertyson", 2, 150}, // past the index for one trip, at the start for the other
		{"zyxwvu q", 1, 100},  // only past the indexed names
		{"number 00", 1, 100}, // among the indexed names
		{"council", 1, 100},   // in both parts of the same trip: counted once
		{"nobody", 0, 0},
	} {
		p, err := s.Register(ctx, berlin, trip.Filter{Traveller: tc.name, Page: 1})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != tc.total || p.SumMinor != tc.sum || len(p.Trips) != tc.total {
			t.Errorf("%q: total %d, sum %d, %d listed; want %d, %d", tc.name, p.Total, p.SumMinor, len(p.Trips), tc.total, tc.sum)
		}
	}
}
