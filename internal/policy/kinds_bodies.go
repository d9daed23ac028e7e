package policy

import (
	"slices"

	"github.com/municipal-intl/portal/internal/trip"
)

// The rule kinds about bodies, budgets and approvals (issue 12, part "bodies"),
// joined to the catalogue (catalogue.go) by init.

// Kinds of rule read by the bodies, the budget and the trip lifecycle.
const (
	// KindPlanApproval: who approves a trip's plan before it takes place.
	// Parameters: approver ("committee": a politician member of the body holding
	// the trip's budget line; "politicians": any politician of the municipality;
	// "body": a politician member of the body named by the parameter body, which
	// must be one of the municipality's recorded bodies, e.g. Göteborg's
	// "Kommunfullmäktiges presidium") and applies_to ("committee_trips": trips
	// charged to a line held by a political body; "twin_city_meeting_trips":
	// trips recorded as participation in a twin-city meeting; "all_trips", the
	// default). A body's decision is recorded with its meeting date and minutes
	// reference. A trip the rule does not cover, and every trip where the policy
	// has no such rule, is approved on submission (trip.ApprovalFor).
	KindPlanApproval = "plan_approval"
	// KindReportApproval: who approves a trip's report before it is published;
	// same parameters as KindPlanApproval. A trip it does not cover publishes
	// when its report is submitted.
	KindReportApproval = "report_approval_before_publication"
	// KindPublishWithAccounts: a trip publishes only with its programme and its
	// accounts: a plan needs a programme to be submitted, and a trip is completed
	// only with the actual amount of every cost line. Parameters: publish (what is
	// published: "programme", "accounts") and travellers (the kinds of traveller
	// whose trips the rule binds, e.g. trip.KindPolitician and trip.KindStaff: a trip with at
	// least one such traveller; without it, every trip). See trip.PublicationFor.
	KindPublishWithAccounts = "publish_trips_with_accounts"
	// KindAllocationPerBody: every body of a kind gets its own recurring budget
	// line. Parameters: body_kind, amount_minor, currency, carries_over,
	// line_name, code_prefix.
	KindAllocationPerBody = "allocation_per_body"
)

// bodyKinds are this file's entries of the catalogue; they replace the
// catalogue's entries of the same kind.
// approvalParams are the parameters of the approval rules (see KindPlanApproval).
var approvalParams = []Param{
	{Name: "approver", Required: true, Type: "string", Values: trip.Approvers},
	{Name: "body", Type: "body", RequiredWhen: [2]string{"approver", trip.ApproverBody}},
	{Name: "applies_to", Type: "string", Values: trip.AppliesTo},
}

var bodyKinds = []RuleKind{
	{
		Kind: KindPlanApproval, NameKey: "adminedit.rule_kind.plan_approval", DescKey: "adminedit.rule_kind_desc.plan_approval",
		Params:       approvalParams,
		Example:      `{"approver": "body", "body": "…", "applies_to": "twin_city_meeting_trips"}`,
		DefaultLabel: LabelEnforced, Labels: []string{LabelEnforced},
		Check: "trip lifecycle (internal/trip approval.go, lifecycle.go: a covered plan waits for its approver, a member of the paying committee or of the named body who records the meeting date and minutes, or any politician; any other plan is approved on submission)",
	},
	{
		Kind: KindReportApproval, NameKey: "adminedit.rule_kind.report_approval_before_publication",
		DescKey:      "adminedit.rule_kind_desc.report_approval_before_publication",
		Params:       append(slices.Clone(approvalParams), Param{Name: "report_covers", Type: "list"}),
		Example:      `{"approver": "committee", "applies_to": "committee_trips", "report_covers": ["goal", "outcome"]}`,
		DefaultLabel: LabelEnforced, Labels: []string{LabelEnforced},
		Check: "trip lifecycle (internal/trip approval.go, lifecycle_store.go: a covered report publishes at the approval recorded by a member of the traveller's committee, with meeting date and minutes; other reports publish at submission)",
	},
	{
		Kind: KindPublishWithAccounts, NameKey: "adminedit.rule_kind.publish_trips_with_accounts",
		DescKey:      "adminedit.rule_kind_desc.publish_trips_with_accounts",
		Params:       []Param{{Name: "publish", Required: true, Type: "list"}, {Name: "travellers", Type: "list"}},
		Example:      `{"publish": ["programme", "accounts"], "travellers": ["` + trip.KindPolitician + `", "` + trip.KindStaff + `"]}`,
		DefaultLabel: LabelEnforced, Labels: []string{LabelEnforced, LabelInformational},
		Check: "trip lifecycle (trip.PublicationFor, trip.Missing: a plan of a trip with a traveller of a listed kind is not submitted without a programme; completion needs every actual cost, so a published trip has both)",
	},
	{
		Kind: KindAllocationPerBody, NameKey: "adminedit.rule_kind.allocation_per_body", DescKey: "adminedit.rule_kind_desc.allocation_per_body",
		Params: []Param{{Name: "body_kind", Required: true, Type: "string"}, {Name: "amount_minor", Required: true, Type: "number"},
			{Name: "currency", Required: true, Type: "string"}, {Name: "line_name", Type: "string"}, {Name: "code_prefix", Type: "string"}},
		Example:      `{"body_kind": "standing_committee", "amount_minor": 6500000, "currency": "DKK", "carries_over": true, "line_name": "…", "code_prefix": "SU"}`,
		DefaultLabel: LabelEnforced, Labels: []string{LabelEnforced},
		Check: "body.Store.Create (a recorded body of the kind gets its own budget line, recurring at the adopted amount: budget.Store.EnsureYear)",
	},
}

func init() {
	for _, k := range bodyKinds {
		if i := indexKind(k.Kind); i >= 0 {
			RuleKinds[i] = k
		} else {
			RuleKinds = append(RuleKinds, k)
		}
	}
}

func indexKind(kind string) int {
	for i, k := range RuleKinds {
		if k.Kind == kind {
			return i
		}
	}
	return -1
}
