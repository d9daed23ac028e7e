package tripweb_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// TestLifecycleRulesApplyOnlyWhilePolicyValid: Ballerup's rules (a programme
// before a plan is submitted, the committee's approval of the plan) apply only
// while its policy is valid. Expired, or not yet in force, they refuse nothing
// and ask for no approval: a committee's trip without programme is approved at
// its submission, and the trip page says which rule is not applied and why,
// quoting it in Danish. Valid again, the refusal returns.
func TestLifecycleRulesApplyOnlyWhilePolicyValid(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "lise@ballerup.example", "en")
	setValidity := func(from, until string) {
		t.Helper()
		servertest.Exec(t, pool, `UPDATE policy SET valid_from = nullif($1, '')::date, valid_until = nullif($2, '')::date
WHERE archived_at IS NULL AND municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup')`, from, until)
	}
	sentence := servertest.Scalar[string](t, pool, `SELECT r.source_sentence FROM policy_rule r JOIN policy p ON p.id = r.policy_id
JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'ballerup' AND p.archived_at IS NULL AND r.kind = $1`, trip.RulePublishWithAccounts)
	create := func(title string) int64 {
		t.Helper()
		form := tripForm(token)
		form.Set("title", title)
		withoutProgramme(form)
		return createTrip(t, srv, c, form)
	}
	submit := func(id int64) (string, string) {
		t.Helper()
		res, doc := post(t, c, fmt.Sprintf("%s/staff/trips/%d/step", srv.URL, id), url.Values{"csrf": {token}, "action": {trip.Submit}})
		return fmt.Sprint(res.StatusCode) + " " + servertest.Scalar[string](t, pool, `SELECT status FROM trip WHERE id = $1`, id), doc.Find(".error-summary").Text()
	}
	lapsed := func(id int64) (string, bool) {
		t.Helper()
		_, doc := servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "")
		s := doc.Find(".trip-lapsed-rules")
		quoted := false
		s.Find(`blockquote[lang="da"]`).Each(func(_ int, q *goquery.Selection) {
			quoted = quoted || strings.Join(strings.Fields(q.Text()), " ") == strings.Join(strings.Fields(sentence), " ")
		})
		return strings.Join(strings.Fields(s.Text()), " "), quoted
	}

	// The public register says when a report publishes as the lifecycle does it.
	register := func() string {
		t.Helper()
		_, doc := servertest.Get(t, servertest.Client(t), srv.URL+"/m/ballerup/trips", "en")
		return strings.Join(strings.Fields(doc.Find("main").Text()), " ")
	}
	const afterApproval = "once a reviewer has approved its plan and its report."

	setValidity("2015-01-01", "2020-12-31") // before servertest.Now
	if strings.Contains(register(), afterApproval) {
		t.Error("the register says reports wait for approval under an expired policy")
	}
	expired := create("Committee visit under an expired policy")
	text, quoted := lapsed(expired)
	if !strings.Contains(text, "This rule comes from a policy valid until 31 December 2020 that has expired: it is not applied to this trip.") || !quoted {
		t.Errorf("trip page under an expired policy: %q, sentence quoted %v", text, quoted)
	}
	if got, refusal := submit(expired); got != "303 approved" {
		t.Errorf("a committee's trip without programme under an expired policy: %s %q", got, refusal)
	}

	setValidity("2030-01-01", "")
	early := create("Committee visit before the policy is in force")
	if text, quoted := lapsed(early); !strings.Contains(text, "valid from 1 January 2030, not yet in force") || !quoted {
		t.Errorf("trip page before the policy is in force: %q, sentence quoted %v", text, quoted)
	}
	if got, refusal := submit(early); got != "303 approved" {
		t.Errorf("a committee's trip without programme before the policy is in force: %s %q", got, refusal)
	}

	setValidity("2015-01-01", "")
	if !strings.Contains(register(), afterApproval) {
		t.Error("the register does not say reports wait for approval under the valid policy")
	}
	valid := create("Committee visit under the valid policy")
	if text, _ := lapsed(valid); text != "" {
		t.Errorf("trip page under a valid policy says a rule is not applied: %q", text)
	}
	if got, refusal := submit(valid); got != "422 draft" || !strings.Contains(refusal, "The programme is missing") {
		t.Errorf("a committee's trip without programme under the valid policy: %s %q", got, refusal)
	}
}
