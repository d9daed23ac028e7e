package tripweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// goteborgTrip is a complete plan of a Göteborg trip to Bergen: no programme
// (Göteborg's paper does not publish trips with one), no budget line.
func goteborgTrip(token, title string) url.Values {
	return url.Values{
		"csrf": {token}, "action": {"save"},
		"title": {title}, "purpose": {"Politiskt erfarenhetsutbyte med vänorterna"},
		"starts_on": {"2026-06-10"}, "ends_on": {"2026-06-12"},
		"destination-0-city": {"Bergen"}, "destination-0-country": {"NO"},
		"traveller-0-name": {"Anna Lund"}, "traveller-0-role": {"Kommunfullmäktiges ordförande"}, "traveller-0-kind": {trip.KindPolitician},
		"cost-0-category": {"transport"}, "cost-0-planned": {"4200"},
	}
}

// TestGoteborgMeetingTripWaitsForThePresidium: a trip recorded as
// participation in a twin-city meeting waits for Kommunfullmäktiges presidium,
// whose member records the decision with the meeting date and the minutes; a
// politician outside the presidium neither sees it in the queue nor may decide;
// any other Göteborg trip is approved when submitted.
//
// Positionspapper för Göteborg Stads vänorter: "Huvudinriktningen i Göteborgs
// Stads relation till våra vänorter är det politiska erfarenhetsutbytet.
// Deltagande vid politikermötena hanteras av Kommunfullmäktiges presidium."
func TestGoteborgMeetingTripWaitsForThePresidium(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "goteborg", access.RoleStaff, "sara@goteborg.example")
	member := servertest.CreateAccount(t, pool, "goteborg", access.RolePolitician, "per@goteborg.example")
	outsider := servertest.CreateAccount(t, pool, "goteborg", access.RolePolitician, "eva@goteborg.example")
	servertest.Exec(t, pool, `INSERT INTO body_member (body_id, account_id)
SELECT b.id, v.account FROM body b JOIN municipality m ON m.id = b.municipality_id,
     (VALUES ($1::bigint, 'Kommunfullmäktiges presidium'), ($2::bigint, 'Kommunfullmäktige')) AS v (account, name)
WHERE m.slug = 'goteborg' AND b.name = v.name`, member, outsider)
	meetingID := servertest.Scalar[int64](t, pool, `INSERT INTO twin_city_meeting (municipality_id, year, host, place)
SELECT id, 2026, 'Bergen', 'Bergen rådhus' FROM municipality WHERE slug = 'goteborg' RETURNING id`)
	meeting := fmt.Sprint(meetingID)

	staff := servertest.Client(t)
	servertest.SignIn(t, staff, srv.URL, "sara@goteborg.example")
	_, doc := servertest.Get(t, staff, srv.URL+"/staff/trips/new", "en")
	token := servertest.CSRF(doc)
	sel := doc.Find("select#meeting")
	if sel.Length() != 1 || !strings.Contains(sel.Find(fmt.Sprintf("option[value=%q]", meeting)).Text(), "Twin-city meeting 2026, Bergen") ||
		doc.Find(`label[for="meeting"]`).Length() != 1 || doc.Find("#meeting-hint").Length() != 1 {
		t.Fatalf("the trip form offers no meeting to choose: %q", sel.Text())
	}

	// A meeting that is not one of Göteborg's: the error beside the field, the input kept.
	form := goteborgTrip(token, "Vänortsmötet i Bergen")
	form.Set("meeting", "999999")
	res, doc := post(t, staff, srv.URL+"/staff/trips", form)
	if res.StatusCode != http.StatusUnprocessableEntity || doc.Find("#meeting-error").Length() != 1 || doc.Find("#title").AttrOr("value", "") != "Vänortsmötet i Bergen" {
		t.Fatalf("an unknown meeting: %d, error %q", res.StatusCode, doc.Find("#meeting-error").Text())
	}
	form.Set("meeting", meeting)
	if res, doc := post(t, staff, srv.URL+"/staff/trips", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create the meeting trip: %d %q", res.StatusCode, doc.Find(".error-summary").Text())
	}
	id := servertest.Scalar[int64](t, pool, `SELECT id FROM trip WHERE title = 'Vänortsmötet i Bergen'`)
	tripURL := fmt.Sprintf("%s/staff/trips/%d", srv.URL, id)
	_, doc = servertest.Get(t, staff, tripURL, "en")
	if a := doc.Find(`main dl a[href="/staff/meetings"]`); a.Text() != "Twin-city meeting 2026, Bergen" {
		t.Errorf("the trip page does not name the meeting: %q", a.Text())
	}
	if got := doc.Find("section.history .audit-changes").Text(); !strings.Contains(got, "Twin-city meeting") || !strings.Contains(got, "2026, Bergen") {
		t.Errorf("the history does not record the meeting: %q", got)
	}
	if got := doc.Find(".trip-step").Text(); !strings.Contains(got, "Kommunfullmäktiges presidium decides on it") {
		t.Errorf("the submit step does not say who decides: %q", got)
	}

	// Submitted, the plan awaits the presidium.
	if res, doc := post(t, staff, tripURL+"/step", url.Values{"csrf": {token}, "action": {trip.Submit}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d %q", res.StatusCode, doc.Find(".error-summary").Text())
	}
	_, doc = servertest.Get(t, staff, tripURL, "en")
	if doc.Find(".flash").Length() > 0 && strings.Contains(doc.Find(".flash").Text(), "approved") {
		t.Errorf("the meeting trip was approved on submission: %q", doc.Find(".flash").Text())
	}
	if got := servertest.Scalar[string](t, pool, `SELECT status FROM trip WHERE id = $1`, id); got != trip.StatusSubmitted {
		t.Fatalf("status %s, want awaiting approval", got)
	}
	if got := doc.Find(".trip-step").Text(); !strings.Contains(got, "The plan is waiting for the decision of Kommunfullmäktiges presidium.") {
		t.Errorf("the trip page does not say whom the plan waits for: %q", got)
	}
	// Only the presidium's member is told.
	if got := servertest.Scalar[string](t, pool, `SELECT coalesce(string_agg(account_id::text, ','), '') FROM notification_outbox WHERE trip_id = $1 AND kind = 'plan_awaits'`, id); got != fmt.Sprint(member) {
		t.Errorf("told that the plan awaits them: %q, want only %d", got, member)
	}

	review := fmt.Sprintf("%s/staff/review/%d", srv.URL, id)
	out := servertest.Client(t)
	servertest.SignIn(t, out, srv.URL, "eva@goteborg.example")
	if _, doc := servertest.Get(t, out, srv.URL+"/staff/review", "en"); doc.Find(fmt.Sprintf(`main a[href="/staff/review/%d"]`, id)).Length() != 0 {
		t.Error("a politician outside the presidium finds the trip in the queue")
	}
	if _, doc := servertest.Get(t, out, srv.URL+"/staff", "en"); strings.TrimSpace(doc.Find(`main .dashboard-actions a[href="/staff/review"]`).Text()) != "No trip awaits your decision" {
		t.Errorf("the outsider's dashboard: %q", doc.Find(`main .dashboard-actions a[href="/staff/review"]`).Text())
	}
	_, doc = servertest.Get(t, out, review, "en")
	if doc.Find(`button[value="approve"]`).Length() != 0 {
		t.Error("a politician outside the presidium is offered the decision")
	}
	res, doc = post(t, out, fmt.Sprintf("%s/staff/lifecycle/%d", srv.URL, id), url.Values{"csrf": {servertest.CSRF(doc)}, "action": {trip.Approve},
		"meeting_on": {"2026-05-04"}, "minutes": {"KF presidium § 12"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find("main").Text(), "only one of its members can record its decision") {
		t.Fatalf("the outsider's approval: %d %q", res.StatusCode, doc.Find(".error-summary").Text())
	}
	if got := quoted(doc.Find(".error-summary"), "sv"); got != goteborgMeetings {
		t.Errorf("the outsider's refusal quotes %q, want the paper's sentence in Swedish", got)
	}

	pres := servertest.Client(t)
	servertest.SignIn(t, pres, srv.URL, "per@goteborg.example")
	if _, doc := servertest.Get(t, pres, srv.URL+"/staff/review", "en"); doc.Find(fmt.Sprintf(`main a[href="/staff/review/%d"]`, id)).Length() != 1 {
		t.Error("the presidium's member does not find the trip in the queue")
	}
	if _, doc := servertest.Get(t, pres, srv.URL+"/staff", "en"); strings.TrimSpace(doc.Find(`main .dashboard-actions a[href="/staff/review"]`).Text()) != "1 trip awaits your decision" {
		t.Errorf("the member's dashboard: %q", doc.Find(`main .dashboard-actions a[href="/staff/review"]`).Text())
	}
	_, doc = servertest.Get(t, pres, review, "en")
	if a := doc.Find(`main a[href="/m/goteborg#meetings"]`); a.Text() != "Twin-city meeting 2026, Bergen" {
		t.Errorf("the review page does not name the meeting: %q", a.Text())
	}
	if !strings.Contains(doc.Find("#decision").Parent().Text(), "You record the decision of Kommunfullmäktiges presidium") || doc.Find("#meeting_on").Length() != 1 || doc.Find("#minutes").Length() != 1 {
		t.Fatal("the decision form does not ask for the presidium's meeting")
	}
	decide := func(meetingOn, minutes string) (*http.Response, *goquery.Document) {
		return post(t, pres, fmt.Sprintf("%s/staff/lifecycle/%d", srv.URL, id), url.Values{"csrf": {servertest.CSRF(doc)},
			"action": {trip.Approve}, "meeting_on": {meetingOn}, "minutes": {minutes}})
	}
	if res, page := decide("2026-05-04", ""); res.StatusCode != http.StatusUnprocessableEntity || page.Find("#minutes-error").Length() != 1 {
		t.Fatalf("a decision without minutes: %d", res.StatusCode)
	}
	if res, _ := decide("2026-05-04", "KF presidium § 12"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the presidium's decision: %d", res.StatusCode)
	}
	got := servertest.Scalar[string](t, pool, `SELECT b.name || ' ' || x.meeting_on || ' ' || x.minutes_reference || ' ' || t.status
FROM trip_transition x JOIN body b ON b.id = x.body_id JOIN trip t ON t.id = x.trip_id WHERE x.trip_id = $1 AND x.action = 'approve'`, id)
	if got != "Kommunfullmäktiges presidium 2026-05-04 KF presidium § 12 approved" {
		t.Errorf("recorded %q", got)
	}

	// Any other trip: submission approves the plan.
	if res, doc := post(t, staff, srv.URL+"/staff/trips", goteborgTrip(token, "Studiebesök i Bergen")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create another trip: %d %q", res.StatusCode, doc.Find(".error-summary").Text())
	}
	other := servertest.Scalar[int64](t, pool, `SELECT id FROM trip WHERE title = 'Studiebesök i Bergen'`)
	if res, _ := post(t, staff, fmt.Sprintf("%s/staff/trips/%d/step", srv.URL, other), url.Values{"csrf": {token}, "action": {trip.Submit}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit the other trip: %d", res.StatusCode)
	}
	if got := servertest.Scalar[string](t, pool, `SELECT status FROM trip WHERE id = $1`, other); got != trip.StatusApproved {
		t.Errorf("a trip to no meeting is %s after submission, want approved", got)
	}
}

// TestMeetingOnThePublicTripPage: a published trip names its twin-city meeting,
// linking to the municipality's meetings.
func TestMeetingOnThePublicTripPage(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	id := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "goteborg", Reference: "GOT-2024-0003", Purpose: "Vänortsmötet i Åbo"})
	servertest.Exec(t, pool, `WITH m AS (INSERT INTO twin_city_meeting (municipality_id, year, host)
SELECT id, 2024, 'Turku' FROM municipality WHERE slug = 'goteborg' RETURNING id)
UPDATE trip SET meeting_id = (SELECT id FROM m) WHERE id = $1`, id)
	res, doc := servertest.Get(t, servertest.Client(t), srv.URL+"/m/goteborg/trips/GOT-2024-0003", "sv")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("public trip page: %d", res.StatusCode)
	}
	if a := doc.Find(`.facts a[href="/m/goteborg#meetings"]`); a.Text() != "Vänortsmöte 2024, Turku" {
		t.Errorf("the public page does not name the meeting: %q", a.Text())
	}
	if _, doc := servertest.Get(t, servertest.Client(t), srv.URL+"/m/goteborg", "sv"); doc.Find("#meetings").Length() != 1 {
		t.Error("the meeting link leads nowhere: no #meetings on the municipality page")
	}
}
