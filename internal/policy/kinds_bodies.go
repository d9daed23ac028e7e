package policy

// The rule kinds about bodies, budgets and approvals (issue 12, part "bodies"):
// kept in this file so that they can join the catalogue of rule kinds as they are.

// Labels of a rule: what the portal does with it.
const (
	// LabelEnforced: a save or a lifecycle step is refused (or, for an
	// allocation, the record is created), quoting the sentence.
	LabelEnforced = "enforced"
	// LabelChecked: a warning to the author and the reviewer.
	LabelChecked = "checked"
	// LabelInformational: shown, nothing checks it.
	LabelInformational = "informational"
)

// Kinds of rule read by the bodies, the budget and the trip lifecycle.
const (
	// KindPlanApproval: who approves a trip's plan before it takes place.
	// Parameters: approver ("committee": a politician member of the body holding
	// the trip's budget line; "politicians": any politician of the municipality)
	// and applies_to ("committee_trips": trips charged to a line held by a
	// political body; "all_trips"). A trip the rule does not cover, and every trip
	// where the policy has no such rule, is approved on submission.
	KindPlanApproval = "plan_approval"
	// KindReportApproval: who approves a trip's report before it is published;
	// same parameters as KindPlanApproval. A trip it does not cover publishes
	// when its report is submitted.
	KindReportApproval = "report_approval_before_publication"
	// KindPublishWithAccounts: a trip publishes only with its programme and its
	// accounts (actual costs); the publishing step is refused without them.
	KindPublishWithAccounts = "publish_trips_with_accounts"
	// KindAllocationPerBody: every body of a kind gets its own recurring budget
	// line. Parameters: body_kind, amount_minor, currency, carries_over,
	// line_name, code_prefix.
	KindAllocationPerBody = "allocation_per_body"
)

// KindInfo is one kind of the catalogue: its label and the sentence saying what
// the portal does with it.
type KindInfo struct {
	Kind    string
	Label   string
	Applies string
}

// BodyKinds are the kinds of this file with their labels.
var BodyKinds = []KindInfo{
	{KindPlanApproval, LabelEnforced, "A trip the rule covers waits in \"submitted\" until a member of the approving body (or a politician, as the rule says) approves it, with the meeting date and a minutes reference; any other trip is approved on submission and its history says so."},
	{KindReportApproval, LabelEnforced, "The report of a trip the rule covers publishes only when a member of the traveller's committee records the committee's approval, with the meeting date and a minutes reference; other trips publish when the report is submitted."},
	{KindPublishWithAccounts, LabelEnforced, "The step that would publish a trip is refused while the trip has no programme or no actual costs."},
	{KindAllocationPerBody, LabelEnforced, "Recording a body of the rule's kind creates its own budget line for the current year, which recurs every year at the adopted amount with its own carry-over."},
}

// BodyKind returns the catalogue entry of kind, if it is one of BodyKinds.
func BodyKind(kind string) (KindInfo, bool) {
	for _, k := range BodyKinds {
		if k.Kind == kind {
			return k, true
		}
	}
	return KindInfo{}, false
}
