package tripweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// TestBallerupPublishesTripsOfPoliticiansAndStaff: the rule binds a trip with a
// politician or a member of staff among its travellers, whose plan is not
// submitted without a programme; a trip whose travellers are all of another
// kind (invited guests, say) is not bound by it.
//
// Ballerup Kommunes Internationale Strategi: "Oplysninger om politikernes og
// administrationens udlandsrejser offentliggøres på ballerup.dk. Disse
// oplysninger indeholder bl.a. program og regnskab for udlandsrejsen."
func TestBallerupPublishesTripsOfPoliticiansAndStaff(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "lise@ballerup.example", "en")
	submit := func(title, kind string) (string, string) {
		t.Helper()
		form := tripForm(token)
		form.Set("title", title)
		form.Set("traveller-0-kind", kind)
		form.Set("traveller-1-kind", kind)
		withoutProgramme(form)
		if res, doc := post(t, c, srv.URL+"/staff/trips", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create %s: %d %q", title, res.StatusCode, doc.Find(".error-summary").Text())
		}
		id := servertest.Scalar[int64](t, pool, `SELECT id FROM trip WHERE title = $1`, title)
		res, doc := post(t, c, fmt.Sprintf("%s/staff/trips/%d/step", srv.URL, id), url.Values{"csrf": {token}, "action": {trip.Submit}})
		return fmt.Sprint(res.StatusCode) + " " + servertest.Scalar[string](t, pool, `SELECT status FROM trip WHERE id = $1`, id), doc.Find(".error-summary").Text()
	}
	if got, refusal := submit("Study visit of the staff", trip.KindStaff); got != "422 draft" || !strings.Contains(refusal, "The programme is missing") {
		t.Errorf("a staff trip without a programme: %s %q", got, refusal)
	}
	if got, refusal := submit("Study visit of the committee", trip.KindPolitician); got != "422 draft" || !strings.Contains(refusal, "The programme is missing") {
		t.Errorf("a politicians' trip without a programme: %s %q", got, refusal)
	}
	// Ballerup asks no approval of a plan its committee does not pay: submitted, approved.
	if got, refusal := submit("Visit of the youth council", trip.KindOther); got != "303 approved" {
		t.Errorf("a trip of other travellers without a programme: %s %q", got, refusal)
	}
}

// TestPublicationRuleWithoutTravellers: without the travellers parameter the
// rule binds every trip.
func TestPublicationRuleWithoutTravellers(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.Exec(t, pool, `UPDATE policy_rule SET parameters = '{"publish": ["programme", "accounts"]}' WHERE kind = 'publish_trips_with_accounts'`)
	c, token := staff(t, srv, pool, "lise@ballerup.example", "en")
	form := tripForm(token)
	form.Set("traveller-0-kind", trip.KindOther)
	form.Set("traveller-1-kind", trip.KindOther)
	withoutProgramme(form)
	if res, doc := post(t, c, srv.URL+"/staff/trips", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %q", res.StatusCode, doc.Find(".error-summary").Text())
	}
	id := servertest.Scalar[int64](t, pool, `SELECT id FROM trip WHERE title = $1`, form.Get("title"))
	res, doc := post(t, c, fmt.Sprintf("%s/staff/trips/%d/step", srv.URL, id), url.Values{"csrf": {token}, "action": {trip.Submit}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(".error-summary").Text(), "The programme is missing") {
		t.Errorf("a trip of other travellers under a rule for every trip: %d %q", res.StatusCode, doc.Find(".error-summary").Text())
	}
}

// withoutProgramme takes the programme out of a trip form.
func withoutProgramme(form url.Values) {
	for _, row := range []string{"programme-0-", "programme-1-"} {
		for _, f := range []string{"day", "description", "location"} {
			form.Del(row + f)
		}
	}
}
