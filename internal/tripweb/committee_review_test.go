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
)

// TestCommitteeRecordsItsDecision: a Ballerup trip paid by Økonomiudvalget is
// decided by the committee: only a politician who belongs to it is offered the
// decision, which asks for the meeting date and the minutes reference and keeps
// what was typed when one is missing.
//
// "Herudover har de stående politiske udvalg et eget budget til at foretage
// studierejser, bl.a. til udlandet." "Disse rapporter behandles og godkendes i
// udvalgene inden offentliggørelse på ballerup.dk."
func TestCommitteeRecordsItsDecision(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	member := servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "ole@ballerup.example")
	servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "kim@ballerup.example")
	if _, err := pool.Exec(t.Context(), `INSERT INTO body_member (body_id, account_id) SELECT id, $1 FROM body WHERE name = 'Økonomiudvalget'`, member); err != nil {
		t.Fatal(err)
	}
	id := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0042", Status: "submitted",
		BudgetLine: "OKU", Programme: []string{"Møde"}, Costs: []servertest.Cost{{Category: "transport", Planned: 300000, Actual: -1}}})
	review := fmt.Sprintf("%s/staff/review/%d", srv.URL, id)

	outsider := servertest.Client(t)
	servertest.SignIn(t, outsider, srv.URL, "kim@ballerup.example")
	if _, doc := servertest.Get(t, outsider, review, "en"); doc.Find(`button[value="approve"]`).Length() != 0 {
		t.Error("a politician outside the committee is offered the decision")
	}
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "ole@ballerup.example")
	_, doc := servertest.Get(t, c, review, "en")
	if !strings.Contains(doc.Find("#decision").Parent().Text(), "You record the decision of Økonomiudvalget") || doc.Find("#meeting_on").Length() != 1 || doc.Find("#minutes").Length() != 1 {
		t.Fatal("the decision form does not ask for the committee's meeting")
	}
	post := func(meeting, minutes string) (*http.Response, *goquery.Document) {
		res := servertest.Post(t, c, fmt.Sprintf("%s/staff/lifecycle/%d", srv.URL, id), url.Values{"csrf": {servertest.CSRF(doc)},
			"action": {"approve"}, "meeting_on": {meeting}, "minutes": {minutes}})
		d, _ := goquery.NewDocumentFromReader(res.Body)
		res.Body.Close()
		return res, d
	}
	res, page := post("", "ØU pkt. 7")
	if res.StatusCode != http.StatusUnprocessableEntity || page.Find("#meeting_on-error").Length() != 1 || page.Find("#minutes").AttrOr("value", "") != "ØU pkt. 7" {
		t.Fatalf("without a meeting date: %d", res.StatusCode)
	}
	if res, _ := post("2026-11-03", "ØU pkt. 7"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the committee's decision: %d", res.StatusCode)
	}
	got := servertest.Scalar[string](t, pool, `SELECT b.name || ' ' || x.meeting_on || ' ' || x.minutes_reference || ' ' || t.status
FROM trip_transition x JOIN body b ON b.id = x.body_id JOIN trip t ON t.id = x.trip_id WHERE x.trip_id = $1 AND x.action = 'approve'`, id)
	if got != "Økonomiudvalget 2026-11-03 ØU pkt. 7 approved" {
		t.Errorf("recorded %q", got)
	}
	// The trip's history names the committee, the meeting and the minutes.
	_, doc = servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "en")
	if got := doc.Find(".trip-history").Text(); !strings.Contains(got, "Decision of Økonomiudvalget at its meeting of") || !strings.Contains(got, "(minutes: ØU pkt. 7)") {
		t.Errorf("history %q", got)
	}
}
