package policyweb_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/servertest"
)

// TestGoteborgPlanApprovalOnThePolicyPage: the policy page says who decides
// on the plans of trips to twin-city meetings, the presidium's name marked as
// Swedish, with the label "Enforced" and the sentence it comes from.
func TestGoteborgPlanApprovalOnThePolicyPage(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	_, doc := servertest.Get(t, servertest.Client(t), srv.URL+"/m/goteborg/policy", "en")
	var rule *goquery.Selection
	doc.Find("ul.rules > li").Each(func(_ int, li *goquery.Selection) {
		if strings.Contains(li.Text(), "Deltagande vid politikermötena hanteras av Kommunfullmäktiges presidium.") {
			rule = li
		}
	})
	if rule == nil {
		t.Fatal("the policy page does not show the rule quoting the sentence on the politicians' meetings")
	}
	if got := strings.Join(strings.Fields(rule.Find("p strong").First().Text()), " "); got != "Kommunfullmäktiges presidium decides on the plan of a trip to a twin-city meeting, recorded with the date and minutes of its meeting; other plans are approved when submitted." {
		t.Errorf("the rule says %q", got)
	}
	if rule.Find(`p strong span[lang="sv"]`).Text() != "Kommunfullmäktiges presidium" {
		t.Error("the presidium's name is not marked as Swedish")
	}
	if got := rule.Find(".badge--rule").Text(); got != "Enforced" {
		t.Errorf("label %q", got)
	}
}

// TestApprovalRuleNamesARecordedBody: the rule editor and the version editor
// accept an approval rule naming one of Göteborg's recorded bodies and refuse
// one naming a body the portal does not know, or an approver it does not know,
// beside the parameters, with the input kept.
func TestApprovalRuleNamesARecordedBody(t *testing.T) {
	t.Parallel()
	a := servertest.NewAdmin(t, "goteborg")
	id := servertest.Scalar[int64](t, a.Pool, `SELECT r.id FROM policy_rule r JOIN policy p ON p.id = r.policy_id
JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'goteborg' AND r.kind = 'plan_approval'`)
	edit := fmt.Sprintf("/staff/policy/rules/%d", id)
	for _, tc := range []struct{ params, want string }{
		{`{"approver": "body", "body": "Kommunfullmäktiges presidum", "applies_to": "twin_city_meeting_trips"}`, "is not a recorded body"},
		{`{"approver": "body", "applies_to": "twin_city_meeting_trips"}`, "parameter body is missing"},
		{`{"approver": "mayor", "applies_to": "twin_city_meeting_trips"}`, "approver must be one of"},
		{`{"approver": "politicians", "applies_to": "meetings"}`, "applies_to must be one of"},
	} {
		f := servertest.FormValues(a.Get(t, edit, http.StatusOK), "main form.admin-form")
		f.Set("parameters", tc.params)
		res, page := a.Post(t, edit, f)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page.Find("#parameters-error").Text(), tc.want) || page.Find("#parameters").Text() != tc.params {
			t.Errorf("%s: %d %q", tc.params, res.StatusCode, page.Find("#parameters-error").Text())
		}
	}
	f := servertest.FormValues(a.Get(t, edit, http.StatusOK), "main form.admin-form")
	f.Set("parameters", `{"approver": "body", "body": "Kommunfullmäktige", "applies_to": "twin_city_meeting_trips"}`)
	a.MustPost(t, edit, f, http.StatusSeeOther)
	if got := servertest.Scalar[string](t, a.Pool, `SELECT parameters->>'body' FROM policy_rule WHERE id = $1`, id); got != "Kommunfullmäktige" {
		t.Errorf("saved body %q", got)
	}

	// The version editor checks the same.
	doc := a.Get(t, "/staff/policy/versions/new", http.StatusOK)
	v := servertest.FormValues(doc, "main form.version-form")
	row := ""
	for i := 0; v.Get(fmt.Sprintf("rule-%d-kind", i)) != ""; i++ {
		if v.Get(fmt.Sprintf("rule-%d-kind", i)) == "plan_approval" {
			row = fmt.Sprintf("rule-%d-parameters", i)
		}
	}
	if row == "" {
		t.Fatal("the version form lacks the plan approval rule")
	}
	v.Set(row, `{"approver": "body", "body": "Stadsrevisionen", "applies_to": "twin_city_meeting_trips"}`)
	res, page := a.Post(t, "/staff/policy/versions", v)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page.Find("#"+row+"-error").Text(), "“Stadsrevisionen” is not a recorded body") {
		t.Errorf("a version naming an unknown body: %d %q", res.StatusCode, page.Find("#"+row+"-error").Text())
	}
}
