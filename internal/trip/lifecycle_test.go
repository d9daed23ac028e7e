package trip

import (
	"fmt"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
)

// complete facts: everything every action could ask for is present.
func complete(status string) Facts {
	return Facts{Status: status, AuthorID: 1, HasTitle: true, HasPurpose: true, HasDates: true, Destinations: 1, Travellers: 2,
		CostLines: 3, PlannedCostLines: 3, ActualCostLines: 3, ReportGoal: true, ReportOutcome: true, Currency: "DKK",
		PlanApproval: Approval{Needed: true}, ReportApproval: Approval{Needed: true}}
}

// TestEveryStateActionRole walks every status × action × role and checks the
// outcome against the lifecycle of PRODUCT.md.
func TestEveryStateActionRole(t *testing.T) {
	want := map[string]map[string]string{ // action → from status → to status
		Submit:        {"draft": "submitted", "returned": "submitted"},
		Return:        {"submitted": "returned"},
		Approve:       {"submitted": "approved"},
		Complete:      {"approved": "completed"},
		SubmitReport:  {"completed": "report_submitted", "report_returned": "report_submitted"},
		ReturnReport:  {"report_submitted": "report_returned"},
		ApproveReport: {"report_submitted": "report_approved"},
		Publish:       {},
	}
	mayAct := map[string][]string{
		Submit: {access.RoleStaff, access.RoleAdmin}, Complete: {access.RoleStaff, access.RoleAdmin}, SubmitReport: {access.RoleStaff, access.RoleAdmin},
		Return: {access.RolePolitician}, Approve: {access.RolePolitician}, ReturnReport: {access.RolePolitician}, ApproveReport: {access.RolePolitician},
	}
	n := 0
	for _, status := range Statuses {
		for _, action := range Actions {
			for _, role := range []string{access.RoleStaff, access.RolePolitician, access.RoleAdmin} {
				n++
				t.Run(fmt.Sprintf("%s/%s/%s", status, action, role), func(t *testing.T) {
					to, refusal := Check(complete(status), action, Actor{ID: 2, Role: role}, "comment")
					wantTo, legal := want[action][status]
					allowed := false
					for _, r := range mayAct[action] {
						allowed = allowed || r == role
					}
					if legal && allowed {
						if refusal != nil || to != wantTo {
							t.Errorf("got %q %v, want %q", to, refusal, wantTo)
						}
					} else if refusal == nil {
						t.Errorf("allowed to %q, want refused", to)
					}
				})
			}
		}
	}
	if n != 9*8*3 {
		t.Fatalf("%d cases", n)
	}
}

func TestRefusalsSayWhy(t *testing.T) {
	empty := Facts{Status: "draft", AuthorID: 1, Currency: "DKK"}
	_, r := Check(empty, Submit, Actor{ID: 1, Role: access.RoleStaff}, "")
	if r == nil || len(r.Keys) != 6 || r.Keys[0] != "lifecycle.missing.title" {
		t.Fatalf("empty plan: %v", r)
	}
	f := complete("submitted")
	if _, r := Check(f, Approve, Actor{ID: 1, Role: access.RolePolitician}, ""); r == nil || r.Keys[0] != "lifecycle.refused.own_trip" {
		t.Errorf("own trip: %v", r)
	}
	if _, r := Check(f, Return, Actor{ID: 2, Role: access.RolePolitician}, ""); r == nil || r.Keys[0] != "lifecycle.missing.comment" {
		t.Errorf("return without comment: %v", r)
	}
	g := complete("approved")
	g.ActualCostLines = 2
	if _, r := Check(g, Complete, Actor{ID: 1, Role: access.RoleStaff}, ""); r == nil || r.Keys[0] != "lifecycle.missing.actual_costs" {
		t.Errorf("complete without actual costs: %v", r)
	}
	h := complete("completed")
	h.ReportOutcome = false
	if _, r := Check(h, SubmitReport, Actor{ID: 1, Role: access.RoleStaff}, ""); r == nil || r.Keys[0] != "lifecycle.missing.report" {
		t.Errorf("empty report: %v", r)
	}
	c := complete("draft")
	c.BudgetLineCurrency = "EUR"
	if _, r := Check(c, Submit, Actor{ID: 1, Role: access.RoleStaff}, ""); r == nil || r.Keys[0] != "lifecycle.missing.budget_currency" {
		t.Errorf("budget line in another currency: %v", r)
	}
}
