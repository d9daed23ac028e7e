package tripweb_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestAuthorizationMatrix requests every trip route as a visitor, each role of
// Ballerup (whose trips the routes name) and Berlin's staff and administrator.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	draft := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Status: "draft"})
	approved := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0001", Status: "approved"})
	published := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0002", Status: "published"})
	var file int64
	if err := pool.QueryRow(context.Background(), `
WITH a AS (
  INSERT INTO attachment (municipality_id, filename, content_type, size_bytes, sha256, content)
  SELECT id, 'programme.pdf', 'application/pdf', 5, sha256('%PDF-'::bytea), '%PDF-'::bytea FROM municipality WHERE slug = 'ballerup'
  RETURNING id)
INSERT INTO trip_attachment (trip_id, attachment_id) SELECT $1, id FROM a RETURNING attachment_id`, approved).Scan(&file); err != nil {
		t.Fatal(err)
	}
	routes := tripMatrix(draft, approved, published, file)
	servertest.CheckMatrix(t, srv, routes)
	// Nothing the matrix sent moved a trip on or withdrew one.
	var moved, archived int
	if err := pool.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM trip_transition), (SELECT count(*) FROM trip WHERE archived_at IS NOT NULL)`).Scan(&moved, &archived); err != nil || moved != 0 || archived != 0 {
		t.Errorf("after the matrix: %d transitions, %d archived (%v)", moved, archived, err)
	}
}

// tripMatrix is the authorization matrix of /staff/trips on trips draft, approved
// (with the attached file) and published of Ballerup.
func tripMatrix(draft, approved, published, file int64) []servertest.Route {
	trip := func(id int64, suffix string) string { return fmt.Sprintf("/staff/trips/%d%s", id, suffix) }
	// Forms with a mistake: they change nothing, so every row sees the same data.
	bad := url.Values{"starts_on": {"not a date"}, "version": {"1"}}
	badReport := url.Values{"goal": {strings.Repeat("x", 20001)}, "version": {"0"}}
	const (
		ok       = 200
		see      = 303
		bad400   = 400
		no       = 403
		missing  = 404
		conflict = 409
		invalid  = 422
	)
	return []servertest.Route{
		{Method: "GET", Path: "/staff/trips", Action: access.TripView, Want: servertest.Want(see, ok, ok, ok, ok, ok)},
		{Method: "GET", Path: "/staff/trips?status=draft", Action: access.TripView, Want: servertest.Want(see, ok, ok, ok, ok, ok)},
		{Method: "GET", Path: "/staff/trips?status=lost", Action: access.TripView, Want: servertest.Want(see, bad400, bad400, bad400, bad400, bad400)},
		{Method: "GET", Path: "/staff/trips/new", Action: access.TripEdit, Want: servertest.Want(see, ok, no, ok, ok, ok)},
		{Method: "POST", Path: "/staff/trips", Form: bad, Action: access.TripEdit, Want: servertest.Want(see, invalid, no, invalid, invalid, invalid)},
		{Method: "GET", Path: trip(draft, ""), Action: access.TripView, Want: servertest.Want(see, ok, ok, ok, missing, missing)},
		{Method: "GET", Path: trip(draft, "/edit"), Action: access.TripEdit, Want: servertest.Want(see, ok, no, ok, missing, missing)},
		{Method: "POST", Path: trip(draft, ""), Form: bad, Action: access.TripEdit, Want: servertest.Want(see, invalid, no, invalid, missing, missing)},
		{Method: "GET", Path: trip(draft, "/report"), Action: access.TripEdit, Want: servertest.Want(see, conflict, no, conflict, missing, missing)},
		{Method: "GET", Path: trip(approved, "/edit"), Action: access.TripEdit, Want: servertest.Want(see, ok, no, ok, missing, missing)},
		{Method: "GET", Path: trip(approved, "/report"), Action: access.TripEdit, Want: servertest.Want(see, ok, no, ok, missing, missing)},
		{Method: "POST", Path: trip(approved, "/report"), Form: badReport, Action: access.TripEdit, Want: servertest.Want(see, invalid, no, invalid, missing, missing)},
		{Method: "GET", Path: trip(approved, fmt.Sprintf("/attachments/%d", file)), Action: access.TripView, Want: servertest.Want(see, ok, ok, ok, missing, missing)},
		{Method: "GET", Path: trip(draft, fmt.Sprintf("/attachments/%d", file)), Action: access.TripView, Want: servertest.Want(see, missing, missing, missing, missing, missing)},
		// Moving a trip on is for its municipality's staff and administrators; an
		// action that is not a step, or a step the trip is not ready for, moves nothing.
		{Method: "POST", Path: trip(draft, "/step"), Form: url.Values{"action": {"fly"}}, Action: access.TripEdit, Want: servertest.Want(see, bad400, no, bad400, missing, missing)},
		{Method: "POST", Path: trip(draft, "/step"), Form: url.Values{"action": {"approve"}}, Action: access.TripEdit, Want: servertest.Want(see, bad400, no, bad400, missing, missing)},
		{Method: "POST", Path: trip(draft, "/step"), Form: url.Values{"action": {"complete"}}, Action: access.TripEdit, Want: servertest.Want(see, invalid, no, invalid, missing, missing)},
		{Method: "POST", Path: trip(published, "/step"), Form: url.Values{"action": {"submit"}}, Action: access.TripEdit, Want: servertest.Want(see, invalid, no, invalid, missing, missing)},
		{Method: "POST", Path: "/staff/trips/999999/step", Form: url.Values{"action": {"submit"}}, Action: access.TripEdit, Want: servertest.Want(see, missing, no, missing, missing, missing)},
		// Withdrawing is for staff and administrators of the municipality; the
		// forms here are refused, so nothing is withdrawn: a stale version (409),
		// an approved or published trip (422, whatever the version).
		{Method: "POST", Path: trip(draft, "/archive"), Form: url.Values{"version": {"0"}}, Action: access.TripEdit, Want: servertest.Want(see, conflict, no, conflict, missing, missing)},
		{Method: "POST", Path: trip(approved, "/archive"), Form: url.Values{"version": {"1"}}, Action: access.TripEdit, Want: servertest.Want(see, invalid, no, invalid, missing, missing)},
		{Method: "POST", Path: trip(published, "/archive"), Form: url.Values{"version": {"1"}}, Action: access.TripEdit, Want: servertest.Want(see, invalid, no, invalid, missing, missing)},
		{Method: "POST", Path: "/staff/trips/999999/archive", Form: url.Values{"version": {"1"}}, Action: access.TripEdit, Want: servertest.Want(see, missing, no, missing, missing, missing)},
		{Method: "GET", Path: trip(published, ""), Action: access.TripView, Want: servertest.Want(see, ok, ok, ok, missing, missing)},
		{Method: "GET", Path: trip(published, "/edit"), Action: access.TripEdit, Want: servertest.Want(see, conflict, no, conflict, missing, missing)},
		{Method: "POST", Path: trip(published, ""), Form: bad, Action: access.TripEdit, Want: servertest.Want(see, conflict, no, conflict, missing, missing)},
		{Method: "GET", Path: "/staff/trips/999999", Action: access.TripView, Want: servertest.Want(see, missing, missing, missing, missing, missing)},
		{Method: "GET", Path: "/staff/trips/abc", Action: access.TripView, Want: servertest.Want(see, missing, missing, missing, missing, missing)},
		{Method: "GET", Path: "/staff/trips/999999/edit", Action: access.TripEdit, Want: servertest.Want(see, missing, no, missing, missing, missing)},
	}
}

// TestMatricesCoverEveryRoute: the trip and review matrices together have a row
// for every workspace route of the trip area.
func TestMatricesCoverEveryRoute(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	servertest.CheckCoverage(t, srv, append(tripMatrix(1, 2, 3, 4), reviewMatrix(5)...), "tripweb")
}
