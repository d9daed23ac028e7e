package tripweb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestTravellerCannotApprove follows finding 10: a politician who travels on a
// trip (linked to the traveller through the trip form) cannot approve or
// return it; another politician can.
func TestTravellerCannotApprove(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// These tests are of the review itself: every plan and report needs a politician's decision.
	servertest.RequireApprovals(t, pool, "ballerup")
	c, token := staff(t, srv, pool, "mette@ballerup.example", "en")
	anne := servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "anne@ballerup.example")
	servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "ole@ballerup.example")
	foreign := servertest.CreateAccount(t, pool, "berlin", access.RolePolitician, "klaus@berlin.example")

	// The form offers the municipality's accounts, and only those.
	_, doc := servertest.Get(t, c, srv.URL+"/staff/trips/new", "en")
	sel := doc.Find(`select[name="traveller-0-account"]`)
	if sel.Find(`option[value="`+strconv.FormatInt(anne, 10)+`"]`).Length() != 1 || sel.Find(`option[value="`+strconv.FormatInt(foreign, 10)+`"]`).Length() != 0 {
		t.Fatalf("account choice: %q", sel.Text())
	}
	form := tripForm(token)
	form.Set("traveller-0-account", strconv.FormatInt(foreign, 10))
	res, doc := post(t, c, srv.URL+"/staff/trips", form)
	if res.StatusCode != http.StatusUnprocessableEntity || doc.Find("#traveller-0-account-error").Length() != 1 {
		t.Fatalf("another municipality's account: %d", res.StatusCode)
	}
	form.Set("traveller-0-account", strconv.FormatInt(anne, 10))
	id := createTrip(t, srv, c, form)
	var linked int64
	if err := pool.QueryRow(t.Context(), `SELECT account_id FROM trip_traveller WHERE trip_id = $1 AND position = 1`, id).Scan(&linked); err != nil || linked != anne {
		t.Fatalf("traveller linked to %d (%v)", linked, err)
	}
	_, doc = servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d/edit", srv.URL, id), "en")
	if doc.Find(`select[name="traveller-0-account"] option[selected]`).AttrOr("value", "") != strconv.FormatInt(anne, 10) {
		t.Error("the edit form does not show the link")
	}
	step := func(cl *http.Client, path, action string) int {
		_, d := servertest.Get(t, cl, srv.URL+"/staff", "en")
		res := servertest.Post(t, cl, srv.URL+path, url.Values{"csrf": {servertest.CSRF(d)}, "action": {action}, "comment": {"Fine."}})
		res.Body.Close()
		return res.StatusCode
	}
	if s := step(c, fmt.Sprintf("/staff/trips/%d/step", id), "submit"); s != http.StatusSeeOther {
		t.Fatalf("submit: %d", s)
	}

	traveller := servertest.Client(t)
	servertest.SignIn(t, traveller, srv.URL, "anne@ballerup.example")
	_, doc = servertest.Get(t, traveller, fmt.Sprintf("%s/staff/review/%d", srv.URL, id), "en")
	if doc.Find(`button[value="approve"]`).Length() != 0 {
		t.Error("the travelling politician is offered to approve")
	}
	for _, action := range []string{"approve", "return"} {
		_, d := servertest.Get(t, traveller, srv.URL+"/staff", "en")
		res, doc := post(t, traveller, fmt.Sprintf("%s/staff/lifecycle/%d", srv.URL, id), url.Values{"csrf": {servertest.CSRF(d)}, "action": {action}, "comment": {"Fine."}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find("main").Text(), "You travel on this trip") {
			t.Errorf("%s by the traveller: %d", action, res.StatusCode)
		}
	}
	var status string
	if err := pool.QueryRow(t.Context(), `SELECT status FROM trip WHERE id = $1`, id).Scan(&status); err != nil || status != "submitted" {
		t.Errorf("status %q after the traveller's attempts (%v)", status, err)
	}
	other := servertest.Client(t)
	servertest.SignIn(t, other, srv.URL, "ole@ballerup.example")
	if s := step(other, fmt.Sprintf("/staff/lifecycle/%d", id), "approve"); s != http.StatusSeeOther {
		t.Errorf("approve by another politician: %d", s)
	}
}

// TestUploadsBelongToOneRecord follows finding 11: a report cannot take an
// upload that another trip holds already, the database refuses it too, and
// uploads that no record took are deleted after a day by the cleanup.
func TestUploadsBelongToOneRecord(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// These tests are of the review itself: every plan and report needs a politician's decision.
	servertest.RequireApprovals(t, pool, "ballerup")
	c, token := staff(t, srv, pool, "report@ballerup.example", "en")
	ctx := context.Background()
	first := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0001", Status: "completed"})
	second := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0002", Status: "completed"})
	fields := url.Values{"csrf": {token}, "version": {"0"}, "action": {"save"},
		"goal": {"Learn."}, "programme": {"As planned."}, "outcome": {"Useful."}, "follow_up": {""}}

	// A form that comes back 422 keeps its accepted upload, not yet attached.
	bad := url.Values{}
	for k, v := range fields {
		bad[k] = v
	}
	bad.Set("goal", strings.Repeat("x", 20001))
	res, doc := postMultipart(t, c, fmt.Sprintf("%s/staff/trips/%d/report", srv.URL, first), bad, []upload{{"programme.pdf", pdf}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("too long: %d", res.StatusCode)
	}
	upID := doc.Find(`input[name="pending_attachment"]`).AttrOr("value", "")
	if upID == "" {
		t.Fatal("the accepted upload is not kept")
	}
	// Saved with the first trip's report, it is that trip's.
	fields.Set("pending_attachment", upID)
	res, _ = postMultipart(t, c, fmt.Sprintf("%s/staff/trips/%d/report", srv.URL, first), fields, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save first: %d", res.StatusCode)
	}
	// The second trip's report cannot take it.
	res, _ = postMultipart(t, c, fmt.Sprintf("%s/staff/trips/%d/report", srv.URL, second), fields, nil)
	if res.StatusCode >= 500 {
		t.Fatalf("save second: %d", res.StatusCode)
	}
	var holders int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM trip_attachment WHERE attachment_id = $1`, upID).Scan(&holders); err != nil || holders != 1 {
		t.Errorf("the upload is held by %d trips (%v)", holders, err)
	}
	// The database refuses a second holder, whatever the code does.
	if _, err := pool.Exec(ctx, `INSERT INTO trip_attachment (trip_id, attachment_id) VALUES ($1, $2)`, second, upID); err == nil {
		t.Error("a second trip took the upload")
	}
	if _, err := pool.Exec(ctx, `
INSERT INTO twin_city_meeting (municipality_id, year, host, report_id)
SELECT id, 2030, 'Aarhus', $1 FROM municipality WHERE slug = 'ballerup'`, upID); err == nil {
		t.Error("a meeting took the upload")
	}

	// An upload left behind by a form that came back: deleted after a day, not before.
	res, doc = postMultipart(t, c, fmt.Sprintf("%s/staff/trips/%d/report", srv.URL, second), bad, []upload{{"left.pdf", pdf}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("second form: %d", res.StatusCode)
	}
	left := doc.Find(`input[name="pending_attachment"]`).Last().AttrOr("value", "")
	if n, err := attachment.DeleteUnattached(ctx, pool, time.Now().Add(-attachment.UnattachedFor)); err != nil || n != 0 {
		t.Errorf("fresh uploads deleted: %d (%v)", n, err)
	}
	if n, err := attachment.DeleteUnattached(ctx, pool, time.Now().Add(time.Minute)); err != nil || n != 1 {
		t.Errorf("a day later: %d deleted, want 1 (%v)", n, err)
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM attachment WHERE id = $1`, left).Scan(&n); err != nil || n != 0 {
		t.Errorf("the unattached upload is still there (%v)", err)
	}
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM attachment WHERE id = $1`, upID).Scan(&n); err != nil || n != 1 {
		t.Errorf("the attached upload was deleted (%v)", err)
	}
}
