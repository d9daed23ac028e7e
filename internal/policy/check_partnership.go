package policy

import (
	"context"
	"strings"
	"time"
)

// RuleCouncilDecision is the rule that a partnership of a kind (parameter
// partnership_kind, e.g. "twin_town") is established only by a decision of the
// council, so its record must name that decision.
const RuleCouncilDecision = "twin_city_requires_council_decision"

// KeyCouncilDecision is the message of a partnership saved without the council
// decision the policy asks for.
const KeyCouncilDecision = "partneredit.policy.council_decision"

// CouncilDecision checks a partnership about to be saved against the
// municipality's RuleCouncilDecision: a new partnership (oldKind "") of the
// rule's kind, or one changed to that kind, needs a council decision reference.
// A partnership that keeps its kind is not checked again, so records from before
// the rule stay editable. It returns the violation, or nil; an "inform" rule is
// never a violation.
func (s *Store) CouncilDecision(ctx context.Context, municipalityID int64, oldKind, newKind, councilRef string, today time.Time) (*Violation, error) {
	if strings.TrimSpace(councilRef) != "" || newKind == oldKind {
		return nil, nil
	}
	rule, ok, err := s.RuleFor(ctx, municipalityID, RuleCouncilDecision)
	if err != nil || !ok {
		return nil, err
	}
	kind, _ := rule.Parameters["partnership_kind"].(string)
	if kind != newKind {
		return nil, nil
	}
	return verdict(rule, KeyCouncilDecision, today), nil
}
