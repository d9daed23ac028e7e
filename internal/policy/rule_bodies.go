package policy

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
)

// UnknownBody returns the value of a parameter of type "body" in params that is
// not among bodies (the names of the municipality's recorded bodies), "" when
// every such parameter names one: a rule may only name a body the portal knows,
// since the lifecycle finds its members by the name.
func (k RuleKind) UnknownBody(params map[string]any, bodies []string) string {
	for _, p := range k.Params {
		if p.Type != "body" {
			continue
		}
		if name, ok := params[p.Name].(string); ok && name != "" && !slices.Contains(bodies, name) {
			return name
		}
	}
	return ""
}

// BodyNames returns the names of the municipality's recorded bodies that are
// not archived, which a rule's "body" parameter may name.
func (s *Store) BodyNames(ctx context.Context, municipalityID int64) ([]string, error) {
	rows, err := s.q.Query(ctx, `SELECT name FROM body WHERE municipality_id = $1 AND archived_at IS NULL ORDER BY name`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("body names of municipality %d: %w", municipalityID, err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("body names of municipality %d: %w", municipalityID, err)
	}
	return names, nil
}
