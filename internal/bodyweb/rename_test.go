package bodyweb_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// TestRenamedBodyStillDecides: an administrator renames Kommunfullmäktiges
// presidium; the plan_approval rule that names it follows in the same save,
// with its audit entry, so a Göteborg trip to a twin-city meeting still waits
// for the presidium's members under the new name, and the policy page says so.
//
// Positionspapper för Göteborg Stads vänorter: "Deltagande vid
// politikermötena hanteras av Kommunfullmäktiges presidium."
func TestRenamedBodyStillDecides(t *testing.T) {
	t.Parallel()
	a := servertest.NewAdmin(t, "goteborg")
	member := servertest.CreateAccount(t, a.Pool, "goteborg", access.RolePolitician, "per@goteborg.example")
	servertest.CreateAccount(t, a.Pool, "goteborg", access.RolePolitician, "eva@goteborg.example")
	presidium := servertest.Scalar[int64](t, a.Pool, `SELECT b.id FROM body b JOIN municipality m ON m.id = b.municipality_id
WHERE m.slug = 'goteborg' AND b.name = 'Kommunfullmäktiges presidium'`)
	servertest.Exec(t, a.Pool, `INSERT INTO body_member (body_id, account_id) VALUES ($1, $2)`, presidium, member)
	id := servertest.InsertTrip(t, a.Pool, servertest.Trip{Municipality: "goteborg", Reference: "GOT-2025-0007", Status: trip.StatusSubmitted,
		Costs: []servertest.Cost{{Category: "transport", Planned: 420000, Actual: -1}}})
	servertest.Exec(t, a.Pool, `WITH m AS (INSERT INTO twin_city_meeting (municipality_id, year, host)
SELECT id, 2025, 'Bergen' FROM municipality WHERE slug = 'goteborg' RETURNING id)
UPDATE trip SET meeting_id = (SELECT id FROM m) WHERE id = $1`, id)

	page := fmt.Sprintf("/staff/bodies/%d", presidium)
	form := servertest.FormValues(a.Get(t, page, http.StatusOK), `form[action="`+page+`"]`)
	form.Set("name", "Presidiet i kommunfullmäktige")
	a.MustPost(t, page, form, http.StatusSeeOther)

	rule := servertest.Scalar[int64](t, a.Pool, `SELECT r.id FROM policy_rule r JOIN policy p ON p.id = r.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'goteborg' AND p.archived_at IS NULL AND r.kind = 'plan_approval'`)
	if got := servertest.Scalar[string](t, a.Pool, `SELECT parameters->>'body' FROM policy_rule WHERE id = $1`, rule); got != "Presidiet i kommunfullmäktige" {
		t.Fatalf("the rule names %q", got)
	}
	changes, actor := servertest.AuditChanges(t, a.Pool, "policy_rule", rule, "update")
	old, _ := changes["parameters"]["old"].(map[string]any)
	now, _ := changes["parameters"]["new"].(map[string]any)
	if actor != a.ID || old["body"] != "Kommunfullmäktiges presidium" || now["body"] != "Presidiet i kommunfullmäktige" {
		t.Errorf("audit entry by %d: %v", actor, changes)
	}

	// The trip still waits for the presidium: its member finds it in the
	// queue and may decide, another politician neither.
	for email, want := range map[string]int{"per@goteborg.example": 1, "eva@goteborg.example": 0} {
		c := servertest.Client(t)
		servertest.SignIn(t, c, a.Srv.URL, email)
		_, doc := servertest.Get(t, c, a.Srv.URL+"/staff/review", "en")
		if got := doc.Find(fmt.Sprintf(`main a[href="/staff/review/%d"]`, id)).Length(); got != want {
			t.Errorf("%s finds the trip %d times in the queue, want %d", email, got, want)
		}
		_, doc = servertest.Get(t, c, fmt.Sprintf("%s/staff/review/%d", a.Srv.URL, id), "en")
		if got := doc.Find(`button[value="approve"]`).Length(); got != want {
			t.Errorf("%s is offered the decision %d times, want %d", email, got, want)
		}
		if want == 1 && !strings.Contains(doc.Find("#decision").Parent().Text(), "You record the decision of Presidiet i kommunfullmäktige") {
			t.Errorf("the decision form does not name the renamed presidium")
		}
	}
	_, doc := servertest.Get(t, a.Client, fmt.Sprintf("%s/staff/trips/%d", a.Srv.URL, id), "en")
	if got := strings.Join(strings.Fields(doc.Find(".trip-step").Text()), " "); !strings.Contains(got, "The plan is waiting for the decision of Presidiet i kommunfullmäktige.") {
		t.Errorf("the trip page: %q", got)
	}
	_, doc = servertest.Get(t, servertest.Client(t), a.Srv.URL+"/m/goteborg/policy", "en")
	if !strings.Contains(doc.Find("ul.rules").Text(), "Presidiet i kommunfullmäktige decides on the plan of a trip to a twin-city meeting") {
		t.Errorf("the policy page: %q", doc.Find("ul.rules").Text())
	}
}
