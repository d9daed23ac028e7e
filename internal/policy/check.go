package policy

// The checks: a municipality's policy rules (table policy_rule) applied when
// records are saved. A rule with enforcement "enforce" refuses the change and
// quotes the policy sentence it comes from; "warn" lets it through with a warning
// the reviewer also sees. The checks read the rules as data, so no municipality is
// named in code: a municipality that adopts the same rule gets the same check.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// RuleFor returns the municipality's current rule of kind, and whether it has one.
func (s *Store) RuleFor(ctx context.Context, municipalityID int64, kind string) (Rule, bool, error) {
	r := Rule{Kind: kind}
	var params []byte
	err := s.q.QueryRow(ctx, `
SELECT r.id, r.enforcement, r.parameters, r.source_sentence, r.description, p.language, p.adopted_on, p.valid_from, p.valid_until
FROM policy_rule r JOIN policy p ON p.id = r.policy_id
WHERE p.municipality_id = $1 AND p.archived_at IS NULL AND r.archived_at IS NULL AND r.kind = $2`,
		municipalityID, kind).Scan(&r.ID, &r.Enforcement, &params, &r.SourceSentence, &r.Description, &r.Language,
		&r.AdoptedOn, &r.ValidFrom, &r.ValidUntil)
	if errors.Is(err, pgx.ErrNoRows) {
		return Rule{}, false, nil
	}
	if err != nil {
		return Rule{}, false, fmt.Errorf("read policy rule %s: %w", kind, err)
	}
	if err := json.Unmarshal(params, &r.Parameters); err != nil {
		return Rule{}, false, fmt.Errorf("policy rule %s parameters: %w", kind, err)
	}
	return r, true, nil
}

// Violation is a rule a change breaks: Refused when the rule is enforced and
// its policy valid on the day that matters, a warning otherwise. Expired is set
// when the policy's validity had ended by that day: the rule then only warns,
// and the warning says it comes from an expired policy. Key is the catalogue
// key of the explanation.
type Violation struct {
	Rule    Rule
	Key     string
	Refused bool
	Expired bool
}

// verdict is what a change that goes against rule on day (the date that
// matters: a signing date, a start, or today) amounts to, as the rule's label
// and its policy's validity say: nil when the rule is informational or its
// policy not yet valid on day.
func verdict(rule Rule, key string, day time.Time) *Violation {
	inForce, expired := rule.AppliesOn(day)
	switch {
	case rule.Enforcement == LabelInformational:
		return nil
	case expired:
		return &Violation{Rule: rule, Key: key, Expired: true}
	case !inForce:
		return nil
	}
	return &Violation{Rule: rule, Key: key, Refused: rule.Enforcement == LabelEnforced}
}

// KindMeetingRotation is the rule that the municipality meets its twin cities in
// turn (parameters interval_years and cities); only a municipality with it keeps
// twin-city meetings in the workspace.
const KindMeetingRotation = "twin_city_meeting_rotation"
