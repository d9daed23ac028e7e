package trip

import (
	"slices"
	"time"
)

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
	// ApproverCommittee: a politician member of the body holding the trip's
	// budget line decides.
	ApproverCommittee = "committee"
	// ApproverPoliticians: any politician of the municipality decides.
	ApproverPoliticians = "politicians"
	// ApproverBody: a politician member of the body the rule names (parameter
	// "body", a recorded body of the municipality) decides.
	ApproverBody = "body"
	// AppliesToCommittee: trips charged to a line held by a political body.
	AppliesToCommittee = "committee_trips"
	// AppliesToAll: every trip.
	AppliesToAll = "all_trips"
	// AppliesToMeetings: trips recorded as participation in a twin-city meeting.
	AppliesToMeetings = "twin_city_meeting_trips"
)

// Approvers and AppliesTo list the values the approval rules' parameters take.
var (
	Approvers = []string{ApproverCommittee, ApproverPoliticians, ApproverBody}
	AppliesTo = []string{AppliesToCommittee, AppliesToAll, AppliesToMeetings}
)

// Approval is what an approval rule asks of one trip.
type Approval struct {
	// Needed: someone must approve; else the step goes through on its own.
	Needed bool
	// ByCommittee: the approver is a politician member of body BodyID (the
	// body holding the trip's budget line, or the body the rule names), who
	// records the body's meeting date and minutes reference.
	ByCommittee bool
	BodyID      int64
	// Rule is the sentence of the rule that asks for the approval, which a
	// refusal to anyone else quotes.
	Rule Quote
}

// Quote is the sentence of a policy rule (policy_rule.source_sentence) in the
// language of its policy (Lang): what a refusal under an enforced rule quotes,
// beside its reason in the reader's language.
type Quote struct {
	Sentence, Lang string
}

// Rule is an approval rule as the lifecycle reads it: its parameters and, when
// they name a body ("body"), that body's id among the municipality's recorded
// bodies (0: none of that name).
type Rule struct {
	Params map[string]any
	BodyID int64
	// Quote is the rule's sentence in its policy's language.
	Quote Quote
	// ValidFrom and ValidUntil are its policy's validity (nil: open).
	ValidFrom, ValidUntil *time.Time
}

// Subject is what an approval rule looks at on a trip.
type Subject struct {
	// BodyID is the body holding the trip's budget line (0: none), Political
	// when it is made of elected members.
	BodyID    int64
	Political bool
	// Meeting: the trip is recorded as participation in a twin-city meeting.
	Meeting bool
}

// committeeTrip reports whether the trip is paid by a political body.
func (s Subject) committeeTrip() bool { return s.BodyID != 0 && s.Political }

// ApprovalFor applies rule r (ok: the policy has the rule) to a trip. A rule for
// committee trips, or for trips to twin-city meetings, leaves every other trip
// (a staff study trip paid from a fund, say) without approval. A rule naming a
// body that is not recorded (renamed or archived since) falls back to any
// politician, so that a plan never waits for nobody.
func ApprovalFor(r Rule, ok bool, s Subject) Approval {
	if !ok {
		return Approval{}
	}
	approver, _ := r.Params["approver"].(string)
	applies, _ := r.Params["applies_to"].(string)
	switch applies {
	case AppliesToCommittee:
		if !s.committeeTrip() {
			return Approval{}
		}
	case AppliesToMeetings:
		if !s.Meeting {
			return Approval{}
		}
	}
	switch approver {
	case ApproverCommittee:
		if !s.committeeTrip() {
			// A committee decides on its own trips only: nobody else is named.
			return Approval{}
		}
		return Approval{Needed: true, ByCommittee: true, BodyID: s.BodyID, Rule: r.Quote}
	case ApproverBody:
		if r.BodyID == 0 {
			return Approval{Needed: true, Rule: r.Quote}
		}
		return Approval{Needed: true, ByCommittee: true, BodyID: r.BodyID, Rule: r.Quote}
	}
	return Approval{Needed: true, Rule: r.Quote}
}

// Publication is what the rule publish_trips_with_accounts asks of one trip.
type Publication struct {
	// Programme: the plan needs a programme before it is submitted.
	Programme bool
}

// PublicationFor applies the rule's parameters (ok: the policy has the rule)
// to a trip whose travellers are of kinds. The rule binds a trip with at least
// one traveller of a kind its "travellers" lists (every trip when it has no
// such list or an empty one), and asks for what its "publish" lists: "programme" (a plan needs one);
// "accounts" (every actual cost) the lifecycle asks of every trip anyway at
// completion. Without "publish" both are asked.
func PublicationFor(params map[string]any, ok bool, kinds []string) Publication {
	if !ok {
		return Publication{}
	}
	if listed, _ := stringList(params["travellers"]); len(listed) > 0 && !slices.ContainsFunc(kinds, func(k string) bool { return slices.Contains(listed, k) }) {
		return Publication{}
	}
	publish, has := stringList(params["publish"])
	return Publication{Programme: !has || slices.Contains(publish, "programme")}
}

// stringList reads a JSON list of strings; has is false when v is not a list.
func stringList(v any) (list []string, has bool) {
	items, ok := v.([]any)
	if !ok {
		return nil, false
	}
	for _, it := range items {
		if s, ok := it.(string); ok {
			list = append(list, s)
		}
	}
	return list, true
}
