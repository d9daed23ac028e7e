package policy

import (
	"context"
	"fmt"
)

// KindNoNewTwinTownAgreements is the rule that a municipality signs no new
// agreements of one type (parameter agreement_type, "twin_town_agreement" in the
// seeded policies); other agreement types stay allowed.
const KindNoNewTwinTownAgreements = "no_new_twin_town_agreements"

// KeyNoNewTwinTownAgreements is the catalogue key of the explanation of a
// violation of KindNoNewTwinTownAgreements; the view quotes the rule's sentence
// beside it.
const KeyNoNewTwinTownAgreements = "agreementedit.error.policy_no_new_type"

// AgreementType checks an agreement being saved with type newType against the
// municipality's rule of KindNoNewTwinTownAgreements. oldType is the type the
// agreement had before the change, "" for a new agreement: an agreement that
// already had the ruled-out type may still be edited (its status, dates, its
// document), but no agreement may become one, and none may be created. It
// returns nil when the change keeps to the policy or the municipality has no
// such rule.
func (s *Store) AgreementType(ctx context.Context, municipalityID int64, oldType, newType string) (*Violation, error) {
	rule, ok, err := s.RuleFor(ctx, municipalityID, KindNoNewTwinTownAgreements)
	if err != nil || !ok {
		return nil, err
	}
	ruled, isString := rule.Parameters["agreement_type"].(string)
	if !isString || ruled == "" {
		return nil, fmt.Errorf("policy rule %s: parameter agreement_type is missing", rule.Kind)
	}
	if newType != ruled || oldType == newType {
		return nil, nil
	}
	return &Violation{Rule: rule, Key: KeyNoNewTwinTownAgreements, Refused: rule.Enforcement == "enforce"}, nil
}
