package trip

import "context"

// TripRules returns the municipality's current rules that the
// lifecycle applies to its trips (RulePlanApproval, RuleReportApproval,
// RulePublishWithAccounts), by kind, read as the lifecycle reads them for each
// step. Code that writes trips in bulk (the demo data) passes them to
// ApprovalFor, trip by trip, to record what the lifecycle would have recorded.
func (s *Store) TripRules(ctx context.Context, municipalityID int64) (map[string]Rule, error) {
	return readRules(ctx, s.db, municipalityID)
}
