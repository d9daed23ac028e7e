package policyweb

import (
	"slices"
	"strings"

	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/trip"
)

// ruleWords is what the policy page says a rule does, in the reader's language:
// the text before and after the name of the body the rule names (Name, "" for
// none), which the page marks in the policy's language.
type ruleWords struct{ Before, Name, After string }

// mark stands for the body's name in a message, to split the message around it.
const mark = "\x00"

// ruleText says what rule r does, from its kind and, for the kinds whose
// parameters change what the portal does, from its parameters: who approves
// plans and which, whose trips are published with programme and accounts.
func ruleText(l *i18n.Localizer, r policy.Rule) ruleWords {
	switch r.Kind {
	case policy.KindPlanApproval:
		approver, _ := r.Parameters["approver"].(string)
		applies, _ := r.Parameters["applies_to"].(string)
		if applies != trip.AppliesToMeetings && applies != trip.AppliesToCommittee {
			applies = trip.AppliesToAll
		}
		key, ok := planApprovalKeys[[2]string{approver, applies}]
		if !ok {
			break
		}
		if approver == trip.ApproverBody {
			name, _ := r.Parameters["body"].(string)
			before, after, _ := strings.Cut(l.T(key, mark), mark)
			return ruleWords{Before: before, Name: name, After: after}
		}
		return ruleWords{Before: l.T(key)}
	case policy.KindPublishWithAccounts:
		if kinds, ok := r.Parameters["travellers"].([]any); ok && len(kinds) > 0 {
			var names []string
			for _, k := range trip.Kinds {
				if slices.Contains(kinds, any(k)) {
					names = append(names, l.T(travellersKey(k)))
				}
			}
			if len(names) > 0 {
				return ruleWords{Before: l.T("policy.rule.publish_trips_with_accounts_kinds", orList(l, names))}
			}
		}
	}
	return ruleWords{Before: l.T(ruleKey(r.Kind))}
}

// planApprovalKeys are the sentences of a plan approval rule by approver and
// the trips it applies to; the committee's own (the kind's sentence) is not
// among them. Those of a body take its name.
var planApprovalKeys = map[[2]string]string{
	{trip.ApproverBody, trip.AppliesToMeetings}:         "policy.rule.plan_approval.body_meetings",
	{trip.ApproverBody, trip.AppliesToCommittee}:        "policy.rule.plan_approval.body_committee",
	{trip.ApproverBody, trip.AppliesToAll}:              "policy.rule.plan_approval.body_all",
	{trip.ApproverPoliticians, trip.AppliesToMeetings}:  "policy.rule.plan_approval.politicians_meetings",
	{trip.ApproverPoliticians, trip.AppliesToCommittee}: "policy.rule.plan_approval.politicians_committee",
	{trip.ApproverPoliticians, trip.AppliesToAll}:       "policy.rule.plan_approval.politicians_all",
}

// travellersKey is the catalogue key of the travellers of kind k as a
// sentence names them, in lower case and in the plural, not the kind's label.
func travellersKey(k string) string {
	switch k {
	case trip.KindPolitician:
		return "policy.rule.travellers.politician"
	case trip.KindStaff:
		return "policy.rule.travellers.staff"
	}
	return "policy.rule.travellers.other"
}

// orList joins names as the language says "a, b or c".
func orList(l *i18n.Localizer, names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return l.T("policy.rule.travellers.or", strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
}
