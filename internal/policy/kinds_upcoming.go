package policy

import "github.com/municipal-intl/portal/internal/trip"

// The rule "plans are public before travel": where the current policy has it,
// approved trip plans are shown on the municipality's public pages ("Upcoming
// trips", /m/{slug}/trips/upcoming) and in its calendar before the trip. It takes
// no parameters and refuses nothing, so it can only be informational. The trip
// area reads it itself (trip.Store.PlansPublic), as it reads
// report_approval_before_publication.
func init() {
	RuleKinds = append(RuleKinds, RuleKind{
		Kind: trip.RulePlansPublic, NameKey: "adminedit.rule_kind.plans_public_before_travel",
		DescKey: "adminedit.rule_kind_desc.plans_public_before_travel",
		Example: `{}`, DefaultLabel: LabelInformational, Labels: []string{LabelInformational},
		Check: "trip.Store.PlansPublic (approved plans of trips still to come on the municipality page, /m/{slug}/trips/upcoming and calendar.ics)",
	})
}
