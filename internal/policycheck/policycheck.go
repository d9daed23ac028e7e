package policycheck

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Querier is what the checks read the rules with: a pool or a transaction.
type Querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Rule is one active rule of a municipality's current policy.
type Rule struct {
	Kind           string
	Enforcement    string
	Parameters     map[string]any
	SourceSentence string
	Language       string // of the policy, for the quoted sentence
}

// RuleFor returns the municipality's current rule of kind, and whether it has one.
func RuleFor(ctx context.Context, q Querier, municipalityID int64, kind string) (Rule, bool, error) {
	r := Rule{Kind: kind}
	var params []byte
	err := q.QueryRow(ctx, `
SELECT r.enforcement, r.parameters, r.source_sentence, p.language
FROM policy_rule r JOIN policy p ON p.id = r.policy_id
WHERE p.municipality_id = $1 AND p.archived_at IS NULL AND r.archived_at IS NULL AND r.kind = $2`,
		municipalityID, kind).Scan(&r.Enforcement, &params, &r.SourceSentence, &r.Language)
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

// Violation is a rule a change breaks: Refused when the rule is enforced, a warning
// otherwise. Key is the catalogue key of the explanation.
type Violation struct {
	Rule    Rule
	Key     string
	Refused bool
}

// KindMeetingRotation is the rule that the municipality meets its twin cities in
// turn (parameters interval_years and cities); only a municipality with it keeps
// twin-city meetings in the workspace.
const KindMeetingRotation = "twin_city_meeting_rotation"
