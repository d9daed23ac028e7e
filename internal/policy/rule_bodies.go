package policy

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
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

// RenameBody follows a body's new name in the rules of the municipality's
// current policy that name it by oldName (a parameter of type "body", such as
// the body of Göteborg's plan_approval), each change with its audit entry by
// by. It runs in the transaction that renames the body (body.Store.Update),
// since the lifecycle finds the body's members by the name its rules give:
// renamed alone, the body would leave its trips waiting for any politician.
// Archived rules of the current policy follow too, so that one restored names
// the body as it is now called; earlier versions of the policy keep the name
// they were adopted with.
func (s *Store) RenameBody(ctx context.Context, by audit.Entry, municipalityID int64, oldName, newName string) error {
	rows, err := s.q.Query(ctx, `
SELECT r.id, r.kind, r.parameters::text FROM policy_rule r JOIN policy p ON p.id = r.policy_id
WHERE p.municipality_id = $1 AND p.archived_at IS NULL
ORDER BY r.id FOR UPDATE OF r`, municipalityID)
	if err != nil {
		return fmt.Errorf("rules naming body %q: %w", oldName, err)
	}
	type stored struct {
		id         int64
		kind, text string
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (stored, error) {
		var r stored
		err := row.Scan(&r.id, &r.kind, &r.text)
		return r, err
	})
	if err != nil {
		return fmt.Errorf("rules naming body %q: %w", oldName, err)
	}
	for _, r := range list {
		k, ok := LookupKind(r.kind)
		if !ok {
			continue
		}
		before, err := ParseObject(r.text)
		if err != nil {
			return fmt.Errorf("parameters of rule %d: %w", r.id, err)
		}
		after, _ := ParseObject(r.text)
		for _, p := range k.Params {
			if p.Type == "body" && after[p.Name] == oldName {
				after[p.Name] = newName
			}
		}
		changes := audit.Diff(map[string]any{"parameters": before}, map[string]any{"parameters": after})
		if len(changes) == 0 {
			continue
		}
		params, err := encodeParams(after)
		if err != nil {
			return err
		}
		if _, err := s.q.Exec(ctx, `UPDATE policy_rule SET parameters = $2::jsonb WHERE id = $1`, r.id, params); err != nil {
			return fmt.Errorf("rename body in rule %d: %w", r.id, err)
		}
		if err := s.Record(ctx, entry(by, "policy_rule", r.id, audit.ActionUpdate, changes)); err != nil {
			return err
		}
	}
	return nil
}
