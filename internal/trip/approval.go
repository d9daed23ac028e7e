package trip

// Approvals as the policy's rules plan_approval and
// report_approval_before_publication set them (see internal/policy, kinds_bodies.go):
// the trip area reads the rules' rows itself, as it does for publication.

// Rule kinds the lifecycle reads.
const (
	RulePlanApproval        = "plan_approval"
	RulePublishWithAccounts = "publish_trips_with_accounts"
)

// Values of the rules' approver and applies_to parameters.
const (
	ApproverCommittee   = "committee"
	ApproverPoliticians = "politicians"
	AppliesToCommittee  = "committee_trips"
	AppliesToAll        = "all_trips"
)

// Approval is what an approval rule asks of one trip.
type Approval struct {
	// Needed: someone must approve; else the step goes through on its own.
	Needed bool
	// ByCommittee: the approver is a politician member of the body holding the
	// trip's budget line (BodyID), who records the committee's meeting date and
	// minutes reference.
	ByCommittee bool
	BodyID      int64
}

// ApprovalFor applies a rule's parameters (ok: the policy has the rule) to a
// trip charged to a line held by body bodyID (0: none), political when the body
// is made of elected members. A rule for committee trips leaves every other trip
// (a staff study trip paid from a fund, say) without approval.
func ApprovalFor(params map[string]any, ok bool, bodyID int64, political bool) Approval {
	if !ok {
		return Approval{}
	}
	approver, _ := params["approver"].(string)
	applies, _ := params["applies_to"].(string)
	committeeTrip := bodyID != 0 && political
	if applies == AppliesToCommittee && !committeeTrip {
		return Approval{}
	}
	if approver == ApproverCommittee {
		if !committeeTrip {
			// A committee decides on its own trips only: nobody else is named.
			return Approval{}
		}
		return Approval{Needed: true, ByCommittee: true, BodyID: bodyID}
	}
	return Approval{Needed: true}
}
