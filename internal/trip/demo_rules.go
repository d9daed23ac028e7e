package trip

import (
	"context"
	"time"
)

// TripRules returns the municipality's current rules that the
// lifecycle applies to its trips on day (none whose policy is not valid then) (RulePlanApproval, RuleReportApproval,
// RulePublishWithAccounts), by kind, read as the lifecycle reads them for each
// step. Code that writes trips in bulk (the demo data) passes them to
// ApprovalFor, trip by trip, to record what the lifecycle would have recorded.
func (s *Store) TripRules(ctx context.Context, municipalityID int64, day time.Time) (map[string]Rule, error) {
	rs, err := readRules(ctx, s.db, municipalityID)
	if err != nil {
		return nil, err
	}
	valid, _ := rs.on(day)
	return valid, nil
}
