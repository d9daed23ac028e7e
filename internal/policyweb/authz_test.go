package policyweb_test

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestAuthorizationMatrix requests every route of the policy's editors as
// a visitor, each role and another municipality's staff and administrator. The
// records named are Ballerup's; Berlin's administrator must not find them.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	priority := servertest.Scalar[int64](t, pool, `
SELECT pr.id FROM priority pr JOIN policy p ON p.id = pr.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'ballerup' AND p.archived_at IS NULL ORDER BY pr.kind, pr.position LIMIT 1`)
	rule := servertest.Scalar[int64](t, pool, `
SELECT r.id FROM policy_rule r JOIN policy p ON p.id = r.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'ballerup' AND r.kind = 'publish_trips_with_accounts'`)

	ballerupPolicy := servertest.Scalar[int64](t, pool, `
SELECT p.id FROM policy p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'ballerup' AND p.archived_at IS NULL`)

	// The forms of the priority and the rule as Ballerup's administrator sees them,
	// so that the edits below are not conflicts.
	admin := servertest.Client(t)
	servertest.SignIn(t, admin, srv.URL, "admin@ballerup.example")
	_, doc := servertest.Get(t, admin, fmt.Sprintf("%s/staff/policy/priorities/%d", srv.URL, priority), "en")
	priorityForm := servertest.FormValues(doc, "main form.admin-form")
	priorityForm.Set("title", "") // invalid: 422, nothing saved
	_, doc = servertest.Get(t, admin, fmt.Sprintf("%s/staff/policy/rules/%d", srv.URL, rule), "en")
	ruleForm := servertest.FormValues(doc, "main form.admin-form")
	ruleForm.Set("parameters", "[]")
	// The deadline form: Berlin has the same default deadline (30 days), so its
	// administrator's save of this form is not a conflict either.
	_, doc = servertest.Get(t, admin, srv.URL+"/staff/policy", "en")
	invalidDeadline := servertest.FormValues(doc, "main form.admin-deadline-form")
	invalidDeadline.Set("report_deadline_days", "0")
	sameDeadline := servertest.FormValues(doc, "main form.admin-deadline-form")
	delete(priorityForm, "csrf")
	delete(ruleForm, "csrf")
	delete(invalidDeadline, "csrf")
	delete(sameDeadline, "csrf")

	invalidPolicy := url.Values{"version": {"1"}, "title": {""}, "language": {"da"}, "full_text": {"x"}}
	invalidPriority := url.Values{"kind": {"priority"}, "code": {"lower"}, "title": {""}}
	invalidRule := url.Values{"kind": {"no_new_twin_town_agreements"}, "enforcement": {"enforce"}, "parameters": {"{}"}, "source_sentence": {"Not in the text."}}

	p := func(id int64, suffix string) string { return fmt.Sprintf("/staff/policy/priorities/%d%s", id, suffix) }
	r := func(id int64, suffix string) string { return fmt.Sprintf("/staff/policy/rules/%d%s", id, suffix) }
	W := servertest.Want
	routes := []servertest.Route{
		{Method: "GET", Path: "/staff/policy", Action: access.PolicyEdit, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "POST", Path: "/staff/policy", Form: invalidPolicy, Action: access.PolicyEdit, Want: W(303, 403, 403, 422, 403, 422)},
		{Method: "POST", Path: "/staff/policy/report-deadline", Form: invalidDeadline, Action: access.PolicyEdit, Want: W(303, 403, 403, 422, 403, 422)},
		{Method: "POST", Path: "/staff/policy/report-deadline", Form: sameDeadline, Action: access.PolicyEdit, Want: W(303, 403, 403, 303, 403, 303)},

		{Method: "GET", Path: "/staff/policy/priorities", Action: access.PriorityEdit, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "GET", Path: "/staff/policy/priorities/new", Action: access.PriorityEdit, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "POST", Path: "/staff/policy/priorities", Form: invalidPriority, Action: access.PriorityEdit, Want: W(303, 403, 403, 422, 403, 422)},
		{Method: "GET", Path: p(priority, ""), Action: access.PriorityEdit, Want: W(303, 403, 403, 200, 403, 404)},
		{Method: "POST", Path: p(priority, ""), Form: priorityForm, Action: access.PriorityEdit, Want: W(303, 403, 403, 422, 403, 404)},
		{Method: "POST", Path: p(priority, "/move"), Form: url.Values{"direction": {"down"}}, Action: access.PriorityEdit, Want: W(303, 403, 403, 303, 403, 404)},
		{Method: "POST", Path: p(priority, "/move"), Form: url.Values{"direction": {"sideways"}}, Action: access.PriorityEdit, Want: W(303, 403, 403, 400, 403, 400)},
		{Method: "POST", Path: p(priority, "/archive"), Action: access.PriorityEdit, Want: W(303, 403, 403, 303, 403, 404)},
		{Method: "POST", Path: p(priority, "/restore"), Action: access.PriorityEdit, Want: W(303, 403, 403, 303, 403, 404)},
		{Method: "GET", Path: p(999999, ""), Action: access.PriorityEdit, Want: W(303, 403, 403, 404, 403, 404)},
		{Method: "GET", Path: "/staff/policy/priorities/abc", Action: access.PriorityEdit, Want: W(303, 403, 403, 404, 403, 404)},

		{Method: "GET", Path: "/staff/policy/rules", Action: access.RuleEdit, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "GET", Path: "/staff/policy/rules/new", Action: access.RuleEdit, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "POST", Path: "/staff/policy/rules", Form: invalidRule, Action: access.RuleEdit, Want: W(303, 403, 403, 422, 403, 422)},
		{Method: "GET", Path: r(rule, ""), Action: access.RuleEdit, Want: W(303, 403, 403, 200, 403, 404)},
		{Method: "POST", Path: r(rule, ""), Form: ruleForm, Action: access.RuleEdit, Want: W(303, 403, 403, 422, 403, 404)},
		{Method: "POST", Path: r(rule, "/archive"), Action: access.RuleEdit, Want: W(303, 403, 403, 303, 403, 404)},
		{Method: "POST", Path: r(rule, "/restore"), Action: access.RuleEdit, Want: W(303, 403, 403, 303, 403, 404)},
		{Method: "GET", Path: r(999999, ""), Action: access.RuleEdit, Want: W(303, 403, 403, 404, 403, 404)},

		{Method: "GET", Path: "/staff/policy/versions", Action: access.PolicyEdit, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "GET", Path: "/staff/policy/versions/new", Action: access.PolicyEdit, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "POST", Path: "/staff/policy/versions", Form: url.Values{"previous_id": {"0"}, "title": {""}}, Action: access.PolicyEdit, Want: W(303, 403, 403, 422, 403, 422)},
		{Method: "GET", Path: fmt.Sprintf("/staff/policy/versions/%d", ballerupPolicy), Action: access.PolicyEdit, Want: W(303, 403, 403, 200, 403, 404)},
		{Method: "GET", Path: "/staff/policy/versions/999999", Action: access.PolicyEdit, Want: W(303, 403, 403, 404, 403, 404)},
	}
	servertest.CheckCoverage(t, srv, routes, "policyweb")
	servertest.CheckMatrix(t, srv, routes)
}
