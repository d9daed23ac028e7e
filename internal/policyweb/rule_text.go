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
		scope := "all"
		switch applies {
		case trip.AppliesToMeetings:
			scope = "meetings"
		case trip.AppliesToCommittee:
			scope = "committee"
		}
		switch approver {
		case trip.ApproverBody:
			name, _ := r.Parameters["body"].(string)
			before, after, _ := strings.Cut(l.T("policy.rule.plan_approval.body_"+scope, mark), mark)
			return ruleWords{Before: before, Name: name, After: after}
		case trip.ApproverPoliticians:
			return ruleWords{Before: l.T("policy.rule.plan_approval.politicians_" + scope)}
		}
	case policy.KindPublishWithAccounts:
		if kinds, ok := r.Parameters["travellers"].([]any); ok && len(kinds) > 0 {
			var names []string
			for _, k := range trip.Kinds {
				if slices.Contains(kinds, any(k)) {
					names = append(names, l.T(travellerKindKey(k)))
				}
			}
			return ruleWords{Before: l.T("policy.rule.publish_trips_with_accounts_kinds", strings.Join(names, ", "))}
		}
	}
	return ruleWords{Before: l.T(ruleKey(r.Kind))}
}

func travellerKindKey(k string) string {
	switch k {
	case trip.KindPolitician:
		return "trip.kind.politician"
	case trip.KindStaff:
		return "trip.kind.staff"
	}
	return "trip.kind.other"
}
