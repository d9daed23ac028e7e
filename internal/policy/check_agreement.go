package policy

import (
	"context"
	"fmt"
	"time"
)

// KindNoNewTwinTownAgreements is the rule that a municipality signs no new
// agreements of one type (parameter agreement_type, "twin_town_agreement" in the
// seeded policies) and, with parameter partnership_kind, enters no new
// partnerships of that kind; other agreement types stay allowed. "New" means
// from the policy's adoption on: what was signed or started before stays
// registrable.
const KindNoNewTwinTownAgreements = "no_new_twin_town_agreements"

// KeyNoNewTwinTownAgreements is the catalogue key of the explanation of a
// violation of KindNoNewTwinTownAgreements; the view quotes the rule's sentence
// beside it.
const KeyNoNewTwinTownAgreements = "agreementedit.error.policy_no_new_type"

// KeyNoNewPartnership explains a new partnership of the kind the rule rules out.
const KeyNoNewPartnership = "partneredit.policy.no_new_partnership"

// AgreementType checks an agreement being saved with type newType and signing
// date signedOn (nil: not signed yet) against the municipality's rule of
// KindNoNewTwinTownAgreements. oldType is the type the agreement had before the
// change, "" for a new agreement: an agreement that already had the ruled-out
// type may still be edited (its status, dates, its document), but no agreement
// signed on or after the policy's adoption may become one. An agreement signed
// before the adoption is history and always allowed. The date that matters for
// the policy's validity is the signing date, else today. It returns nil when the
// change keeps to the policy or the municipality has no such rule.
func (s *Store) AgreementType(ctx context.Context, municipalityID int64, oldType, newType string, signedOn *time.Time, today time.Time) (*Violation, error) {
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
	day := today
	if signedOn != nil {
		day = *signedOn
	}
	if rule.AdoptedOn != nil && day.Before(*rule.AdoptedOn) {
		return nil, nil
	}
	return verdict(rule, KeyNoNewTwinTownAgreements, day), nil
}

// NewPartnership checks a partnership being saved with kind newKind (oldKind ""
// for a new one) and start year sinceYear (nil: not given) against the same
// rule's partnership_kind: a partnership that becomes one of that kind and
// started on or after the policy's adoption (the start taken as 1 January of
// its year, so a partnership of the adoption year itself counts as history; no
// year: started today) is a violation. Partnerships of that kind from before
// the adoption (Västerås–Kassel, 1972) stay registrable.
func (s *Store) NewPartnership(ctx context.Context, municipalityID int64, oldKind, newKind string, sinceYear *int, today time.Time) (*Violation, error) {
	if newKind == oldKind {
		return nil, nil
	}
	rule, ok, err := s.RuleFor(ctx, municipalityID, KindNoNewTwinTownAgreements)
	if err != nil || !ok {
		return nil, err
	}
	if kind, _ := rule.Parameters["partnership_kind"].(string); kind == "" || kind != newKind {
		return nil, nil
	}
	day := today
	if sinceYear != nil {
		day = time.Date(*sinceYear, time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	if rule.AdoptedOn != nil && day.Before(*rule.AdoptedOn) {
		return nil, nil
	}
	return verdict(rule, KeyNoNewPartnership, day), nil
}
