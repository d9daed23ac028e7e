package policy

import "github.com/municipal-intl/portal/internal/trip"

// The rule "plans are public before travel" (migration 00107): where the current
// policy has it, approved trip plans are shown on the municipality's public pages
// and in its calendar before the trip. It takes no parameters. The trip area reads
// it itself (trip.Store.PlansPublic), as it reads report_approval_before_publication.
func init() {
	RuleKinds = append(RuleKinds, RuleKind{Kind: trip.RulePlansPublic, Example: `{}`})
}
