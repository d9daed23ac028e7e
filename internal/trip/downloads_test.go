package trip_test

import (
	"slices"
	"testing"

	"github.com/municipal-intl/portal/internal/opendata"
	"github.com/municipal-intl/portal/internal/trip"
)

// The columns of the downloads follow the categories the trip package shows.
func TestCategoriesMatchTrip(t *testing.T) {
	t.Parallel()
	if !slices.Equal(opendata.Categories[:], trip.Categories) {
		t.Errorf("opendata.Categories %v, trip.Categories %v", opendata.Categories, trip.Categories)
	}
}
