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

// TestSteps takes the trip page's lifecycle steps over HTTP: a plan without its
// travellers and costs is refused with the reasons beside the button (422, nothing
// changed), a complete plan is submitted and gets its reference, a politician
// cannot take a staff step, and the page offers only the steps that are possible.
func TestSteps(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// These tests are of the review itself: every plan and report needs a politician's decision.
	servertest.RequireApprovals(t, pool, "ballerup")
	c, token := staff(t, srv, pool, "mette@ballerup.example", "en")
	servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "lars@ballerup.example")

	thin := url.Values{"csrf": {token}, "action": {"save"}, "title": {"Malmö conference"}, "purpose": {"Conference in Malmö"}}
	id := createTrip(t, srv, c, thin)
	step := func(c *http.Client, token, action string) (int, string) {
		t.Helper()
		res, doc := post(t, c, fmt.Sprintf("%s/staff/trips/%d/step", srv.URL, id), url.Values{"csrf": {token}, "action": {action}})
		return res.StatusCode, strings.Join(strings.Fields(doc.Find(".trip-step").Text()), " ")
	}
	statusOf := func() (s, ref string) {
		t.Helper()
		if err := pool.QueryRow(t.Context(), `SELECT status, coalesce(reference, '') FROM trip WHERE id = $1`, id).Scan(&s, &ref); err != nil {
			t.Fatal(err)
		}
		return s, ref
	}

	code, text := step(c, token, "submit")
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("incomplete plan submitted: %d", code)
	}
	for _, want := range []string{"traveller", "planned cost", "date"} {
		if !strings.Contains(strings.ToLower(text), want) {
			t.Errorf("refusal does not mention %q: %s", want, text)
		}
	}
	if s, ref := statusOf(); s != "draft" || ref != "" {
		t.Errorf("refused submission changed the trip: %s %q", s, ref)
	}
	if code, _ := step(c, token, "complete"); code != http.StatusUnprocessableEntity {
		t.Errorf("a draft completed: %d", code)
	}
	if code, _ := step(c, token, "approve"); code != http.StatusBadRequest {
		t.Errorf("approval through the staff step: %d, want 400", code)
	}

	full := createTrip(t, srv, c, tripForm(token))
	_, doc := servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, full), "en")
	if got := doc.Find(`.trip-step button[name="action"]`).Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("value", "") }); strings.Join(got, ",") != "submit" {
		t.Errorf("steps offered on a draft: %v", got)
	}
	id = full
	res := servertest.Post(t, c, fmt.Sprintf("%s/staff/trips/%d/step", srv.URL, id), url.Values{"csrf": {token}, "action": {"submit"}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != fmt.Sprintf("/staff/trips/%d", id) {
		t.Fatalf("submit: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if s, ref := statusOf(); s != "submitted" || ref != "BAL-2026-0001" {
		t.Errorf("after submission: %s %q", s, ref)
	}
	_, doc = servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "en")
	if n := doc.Find(`.trip-step button[name="action"]`).Length(); n != 0 {
		t.Errorf("%d steps offered to staff while the plan is under review", n)
	}

	// The politician is offered the review, not the staff's steps.
	p := servertest.Client(t)
	servertest.SignIn(t, p, srv.URL, "lars@ballerup.example")
	_, doc = servertest.Get(t, p, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "en")
	if href, _ := doc.Find(".trip-step a.button").Attr("href"); href != fmt.Sprintf("/staff/review/%d", id) {
		t.Errorf("politician's trip page links the review as %q", href)
	}
	if code, _ := step(p, servertest.CSRF(doc), "submit"); code != http.StatusForbidden {
		t.Errorf("politician took a staff step: %d, want 403", code)
	}
}
