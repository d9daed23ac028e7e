package policy

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
)

// PriorityKinds are what a policy document calls its items, as the schema allows them.
var PriorityKinds = []string{"priority", "strategy", "field_of_activity", "direction",
	"responsibility", "focus_area", "guideline", "focus_theme"}

// CodePattern is the pattern of priority codes, as the schema checks it.
const CodePattern = `^[A-Z0-9][A-Z0-9.-]*$`

// PriorityRecord is one stored priority of the current policy.
type PriorityRecord struct {
	ID, PolicyID            int64
	Kind, Code, Title, Desc string
	Position                int
	ArchivedAt              *time.Time
	PolicyTitle, PolicyLang string
	// Rank is the place among the active priorities of its kind (1 is first),
	// which is what the form shows and asks for: archived ones keep their
	// positions, so positions may have gaps.
	Rank int
}

// Values are the priority's fields as the audit log records them.
func (p PriorityRecord) Values() map[string]any {
	return map[string]any{"kind": p.Kind, "code": p.Code, "title": p.Title, "description": p.Desc, "position": p.Position}
}

// State is the priority's fingerprint (the table has no version column).
func (p PriorityRecord) State() string {
	v := p.Values()
	v["archived"] = p.ArchivedAt != nil
	return fingerprint(v)
}

const selectPriority = `
SELECT pr.id, pr.policy_id, pr.kind, pr.code, pr.title, pr.description, pr.position, pr.archived_at,
       pol.title, pol.language,
       CASE WHEN pr.archived_at IS NULL THEN
         (SELECT count(*) FROM priority x WHERE x.policy_id = pr.policy_id AND x.kind = pr.kind
            AND x.archived_at IS NULL AND x.position <= pr.position)::int
       ELSE pr.position END
FROM priority pr JOIN policy pol ON pol.id = pr.policy_id
WHERE pol.municipality_id = $1 AND pol.archived_at IS NULL`

func scanPriority(row pgx.Row) (PriorityRecord, error) {
	var p PriorityRecord
	err := row.Scan(&p.ID, &p.PolicyID, &p.Kind, &p.Code, &p.Title, &p.Desc, &p.Position, &p.ArchivedAt, &p.PolicyTitle, &p.PolicyLang, &p.Rank)
	return p, err
}

// Priority returns priority id of the municipality's current policy, locked
// when lock is set; any other is ErrPriorityNotFound.
func (s *Store) Priority(ctx context.Context, municipalityID, id int64, lock bool) (PriorityRecord, error) {
	sql := selectPriority + ` AND pr.id = $2`
	if lock {
		sql += ` FOR UPDATE OF pr`
	}
	p, err := scanPriority(s.q.QueryRow(ctx, sql, municipalityID, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return p, fmt.Errorf("priority %d: %w", id, ErrPriorityNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("priority %d: %w", id, err)
	}
	return p, nil
}

// PriorityRecords lists the priorities of the municipality's current policy:
// the active ones by kind and position, then the archived.
func (s *Store) PriorityRecords(ctx context.Context, municipalityID int64) ([]PriorityRecord, error) {
	rows, err := s.q.Query(ctx, selectPriority+`
ORDER BY pr.archived_at IS NOT NULL, min(pr.id) OVER (PARTITION BY pr.kind), pr.position`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("list priorities: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (PriorityRecord, error) { return scanPriority(row) })
	if err != nil {
		return nil, fmt.Errorf("list priorities: %w", err)
	}
	return list, nil
}

// FirstKind returns what the policy calls its items (the kind of its first
// priority), and false when it has none.
func (s *Store) FirstKind(ctx context.Context, policyID int64) (string, bool, error) {
	var kind string
	err := s.q.QueryRow(ctx, `SELECT kind FROM priority WHERE policy_id = $1 ORDER BY id LIMIT 1`, policyID).Scan(&kind)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("kind of the priorities of policy %d: %w", policyID, err)
	}
	return kind, true, nil
}

// PriorityCodeTaken reports whether another priority of the policy than id has code.
func (s *Store) PriorityCodeTaken(ctx context.Context, policyID, id int64, code string) (bool, error) {
	var taken bool
	err := s.q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM priority WHERE policy_id = $1 AND code = $2 AND id <> $3)`, policyID, code, id).Scan(&taken)
	if err != nil {
		return false, fmt.Errorf("priority code %s: %w", code, err)
	}
	return taken, nil
}

// CreatePriority adds p to the policy, last of its kind, and returns its id.
func (s *Store) CreatePriority(ctx context.Context, policyID int64, p PriorityRecord) (int64, error) {
	var id int64
	err := s.q.QueryRow(ctx, `
INSERT INTO priority (policy_id, kind, position, code, title, description)
VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM priority WHERE policy_id = $1 AND kind = $2), $3, $4, $5)
RETURNING id`, policyID, p.Kind, p.Code, p.Title, p.Desc).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create priority: %w", err)
	}
	return id, nil
}

// MovePriorityToKind puts priority id at the end of kind.
func (s *Store) MovePriorityToKind(ctx context.Context, policyID, id int64, kind string) error {
	if _, err := s.q.Exec(ctx, `
UPDATE priority SET kind = $2, position = (SELECT coalesce(max(position), 0) + 1 FROM priority WHERE policy_id = $3 AND kind = $2)
WHERE id = $1`, id, kind, policyID); err != nil {
		return fmt.Errorf("move priority %d to %s: %w", id, kind, err)
	}
	return nil
}

// UpdatePriorityText saves the code, title and description of priority id.
func (s *Store) UpdatePriorityText(ctx context.Context, id int64, p PriorityRecord) error {
	if _, err := s.q.Exec(ctx, `UPDATE priority SET code = $2, title = $3, description = $4 WHERE id = $1`,
		id, p.Code, p.Title, p.Desc); err != nil {
		return fmt.Errorf("update priority %d: %w", id, err)
	}
	return nil
}

// Neighbours counts the active priorities of kind before and after position.
func (s *Store) Neighbours(ctx context.Context, p PriorityRecord) (above, below int, err error) {
	if err := s.q.QueryRow(ctx, `
SELECT count(*) FILTER (WHERE position < $3), count(*) FILTER (WHERE position > $3)
FROM priority WHERE policy_id = $1 AND kind = $2 AND archived_at IS NULL`, p.PolicyID, p.Kind, p.Position).Scan(&above, &below); err != nil {
		return 0, 0, fmt.Errorf("neighbours of priority %d: %w", p.ID, err)
	}
	return above, below, nil
}

// PlaceInKind numbers the priorities of one kind of a policy 1, 2, … : the active
// ones in their order with priority id placed at position wanted (0 or beyond
// the end: last; id 0: none placed), then the archived ones, which keep their
// order. An archived id keeps its place among the archived. The position change
// of every other priority is logged as a change by by; id's new position is
// returned for the caller's own entry. The caller holds the policy's lock.
func (s *Store) PlaceInKind(ctx context.Context, by audit.Entry, policyID int64, kind string, id int64, wanted int) (int, error) {
	rows, err := s.q.Query(ctx, `
SELECT id, position, archived_at IS NOT NULL FROM priority
WHERE policy_id = $1 AND kind = $2 ORDER BY position FOR UPDATE`, policyID, kind)
	if err != nil {
		return 0, fmt.Errorf("positions of %s: %w", kind, err)
	}
	type slot struct {
		id       int64
		position int
		archived bool
	}
	all, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (slot, error) {
		var s slot
		err := row.Scan(&s.id, &s.position, &s.archived)
		return s, err
	})
	if err != nil {
		return 0, fmt.Errorf("positions of %s: %w", kind, err)
	}
	var active, archived []slot
	var subject *slot
	for i := range all {
		s := all[i]
		switch {
		case s.id == id && !s.archived:
			subject = &all[i]
		case s.archived:
			archived = append(archived, s)
		default:
			active = append(active, s)
		}
	}
	if subject != nil {
		at := len(active)
		if wanted >= 1 && wanted <= len(active) {
			at = wanted - 1
		}
		active = slices.Insert(active, at, *subject)
	}
	order := append(active, archived...)
	moved := false
	for i, s := range order {
		if s.position != i+1 {
			moved = true
		}
	}
	result := 0
	for i, s := range order {
		if s.id == id {
			result = i + 1
		}
	}
	if !moved {
		return result, nil
	}
	// The positions are unique per kind and checked row by row, so every row
	// first steps out of the way.
	if _, err := s.q.Exec(ctx, `UPDATE priority SET position = position + 100000 WHERE policy_id = $1 AND kind = $2`, policyID, kind); err != nil {
		return 0, fmt.Errorf("renumber %s: %w", kind, err)
	}
	for i, sl := range order {
		if _, err := s.q.Exec(ctx, `UPDATE priority SET position = $2 WHERE id = $1`, sl.id, i+1); err != nil {
			return 0, fmt.Errorf("renumber priority %d: %w", sl.id, err)
		}
		if sl.id != id && sl.position != i+1 {
			e := entry(by, "priority", sl.id, audit.ActionUpdate, audit.Diff(map[string]any{"position": sl.position}, map[string]any{"position": i + 1}))
			if err := s.Record(ctx, e); err != nil {
				return 0, err
			}
		}
	}
	return result, nil
}

// SetArchived sets or clears archived_at of a row of table (priority,
// policy_rule) the caller has found in the municipality and locked, and logs
// it as a change by by; ErrUnchanged when it already is so.
func (s *Store) SetArchived(ctx context.Context, by audit.Entry, table string, id int64, was *time.Time, archive bool) error {
	if (was != nil) == archive {
		return ErrUnchanged
	}
	var sql string
	switch table {
	case "priority":
		sql = `UPDATE priority SET archived_at = CASE WHEN $2 THEN now() END WHERE id = $1 RETURNING archived_at`
	case "policy_rule":
		sql = `UPDATE policy_rule SET archived_at = CASE WHEN $2 THEN now() END WHERE id = $1 RETURNING archived_at`
	default:
		return fmt.Errorf("archive: unknown table %s", table)
	}
	var now *time.Time
	if err := s.q.QueryRow(ctx, sql, id, archive).Scan(&now); err != nil {
		return fmt.Errorf("archive %s %d: %w", table, id, err)
	}
	action := audit.ActionArchive
	if !archive {
		action = audit.ActionUpdate
	}
	changes := audit.Diff(map[string]any{"archived_at": audit.TimeValue(was)}, map[string]any{"archived_at": audit.TimeValue(now)})
	return s.Record(ctx, entry(by, table, id, action, changes))
}
