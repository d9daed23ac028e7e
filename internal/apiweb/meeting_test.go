package apiweb_test

import (
	"testing"

	"github.com/municipal-intl/portal/internal/api"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestTripNamesItsTwinCityMeeting: a published trip that was participation in
// a twin-city meeting names the meeting (year and host), as its page does; any
// other trip has null.
func TestTripNamesItsTwinCityMeeting(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c := loadContract(t, srv)
	id := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "goteborg", Reference: "GOT-2024-0003", Purpose: "Vänortsmötet i Åbo"})
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "goteborg", Reference: "GOT-2024-0004", Purpose: "Studiebesök i Aarhus"})
	servertest.Exec(t, pool, `WITH m AS (INSERT INTO twin_city_meeting (municipality_id, year, host)
SELECT id, 2024, 'Turku' FROM municipality WHERE slug = 'goteborg' RETURNING id)
UPDATE trip SET meeting_id = (SELECT id FROM m) WHERE id = $1`, id)
	m := api.Version + "/municipalities/goteborg"
	var d api.TripDetail
	c.get(t, srv, "GET", m+"/trips/GOT-2024-0003").decode(t, &d)
	if d.Meeting == nil || d.Meeting.Year != 2024 || d.Meeting.Host != "Turku" {
		t.Errorf("meeting %+v", d.Meeting)
	}
	var other api.TripDetail
	c.get(t, srv, "GET", m+"/trips/GOT-2024-0004").decode(t, &other)
	if other.Meeting != nil {
		t.Errorf("a trip to no meeting names %+v", other.Meeting)
	}
}
