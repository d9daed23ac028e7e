package tripweb

// What the trip pages say of the policy's rules on a trip: the body that
// decides on it, and why a step was refused, quoting the rule.

import (
	"context"

	"github.com/municipal-intl/portal/internal/body"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/templates"
)

// Reason is one reason a lifecycle step was refused: the catalogue key of what
// the reader is told and, when an enforced policy rule gives the reason, the
// rule's sentence in its policy's language, quoted beside it.
type Reason struct {
	Key  string
	Rule trip.Quote
}

// reasons are the reasons of refusal r whose keys are among keys.
func reasons(r *trip.Refusal, keys []string) []Reason {
	out := make([]Reason, 0, len(keys))
	for _, k := range keys {
		q, _ := r.Rule(k)
		out = append(out, Reason{Key: k, Rule: q})
	}
	return out
}

// approver names the body that takes approval a, in the body's language; the
// zero Content when no body takes it (any politician, or nobody).
func (h *Handlers) approver(ctx context.Context, municipalityID int64, a trip.Approval) (templates.Content, error) {
	if !a.ByCommittee {
		return templates.Content{}, nil
	}
	b, err := body.NewStore(h.Pool).Get(ctx, municipalityID, a.BodyID)
	if err != nil {
		return templates.Content{}, err
	}
	return templates.InLang(b.Name, b.Language), nil
}
