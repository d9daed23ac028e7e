package municipality

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
)

// ErrHasRecords reports a municipality that cannot be removed because it has
// records (trips, partnerships, a policy, budget lines …): archive it instead.
var ErrHasRecords = errors.New("the municipality has records; archive it instead")

// hasRecords is true when anything but accounts belongs to the municipality:
// what its public pages show, and its trips in any status.
const hasRecords = `
SELECT EXISTS (SELECT 1 FROM trip WHERE municipality_id = $1)
    OR EXISTS (SELECT 1 FROM partnership WHERE municipality_id = $1)
    OR EXISTS (SELECT 1 FROM policy WHERE municipality_id = $1)
    OR EXISTS (SELECT 1 FROM budget_line WHERE municipality_id = $1)
    OR EXISTS (SELECT 1 FROM agreement WHERE municipality_id = $1)
    OR EXISTS (SELECT 1 FROM agreement_party WHERE municipality_id = $1)
    OR EXISTS (SELECT 1 FROM project WHERE municipality_id = $1)
    OR EXISTS (SELECT 1 FROM network_membership WHERE municipality_id = $1)
    OR EXISTS (SELECT 1 FROM network WHERE coordinator_municipality_id = $1)
    OR EXISTS (SELECT 1 FROM twin_city_meeting WHERE municipality_id = $1)
    OR EXISTS (SELECT 1 FROM body WHERE municipality_id = $1)
    OR EXISTS (SELECT 1 FROM cooperation_notice WHERE municipality_id = $1)`

// Listed is a municipality as the operator's list shows it.
type Listed struct {
	Municipality
	Accounts   int
	HasRecords bool
}

// Overview lists every municipality with its number of accounts and whether it
// has records (then it can only be archived), by name.
func (s *Store) Overview(ctx context.Context) ([]Listed, error) {
	ms, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Listed, len(ms))
	for i, m := range ms {
		out[i].Municipality = m
		if err := s.q.QueryRow(ctx, `SELECT count(*) FROM account WHERE municipality_id = $1 AND NOT is_demo`, m.ID).Scan(&out[i].Accounts); err != nil {
			return nil, fmt.Errorf("count accounts of %s: %w", m.Slug, err)
		}
		if err := s.q.QueryRow(ctx, hasRecords, m.ID).Scan(&out[i].HasRecords); err != nil {
			return nil, fmt.Errorf("records of %s: %w", m.Slug, err)
		}
	}
	return out, nil
}

// SetArchived archives the municipality (archived true) or brings it back,
// with an audit entry; archiving twice changes nothing.
func (s *Store) SetArchived(ctx context.Context, slug string, archived bool, actorID *int64) error {
	return database.InTx(ctx, s.q, func(tx pgx.Tx) error {
		var id int64
		var was bool
		err := tx.QueryRow(ctx, `SELECT id, archived_at IS NOT NULL FROM municipality WHERE slug = $1 FOR UPDATE`, slug).Scan(&id, &was)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("municipality %q: %w", slug, ErrNotFound)
		}
		if err != nil || was == archived {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE municipality SET archived_at = CASE WHEN $2 THEN now() END WHERE id = $1`, id, archived); err != nil {
			return err
		}
		action := audit.ActionArchive
		if !archived {
			action = audit.ActionUpdate
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: actorID, MunicipalityID: &id, Entity: "municipality", EntityID: id,
			Action: action, Changes: map[string]audit.Change{"archived": {Old: was, New: archived}}})
	})
}

// Remove deletes a municipality that has no records, with its accounts (their
// sessions end) and its audit entries; the removal itself stays in the audit
// log under no municipality. A municipality with records is ErrHasRecords.
func (s *Store) Remove(ctx context.Context, slug string, actorID *int64) error {
	return database.InTx(ctx, s.q, func(tx pgx.Tx) error {
		var id int64
		var code string
		err := tx.QueryRow(ctx, `SELECT id, code FROM municipality WHERE slug = $1 FOR UPDATE`, slug).Scan(&id, &code)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("municipality %q: %w", slug, ErrNotFound)
		}
		if err != nil {
			return err
		}
		var has bool
		if err := tx.QueryRow(ctx, hasRecords, id).Scan(&has); err != nil {
			return err
		}
		if has {
			return ErrHasRecords
		}
		for _, q := range []string{
			`DELETE FROM audit_log WHERE municipality_id = $1 OR account_id IN (SELECT id FROM account WHERE municipality_id = $1)`,
			`DELETE FROM attachment WHERE municipality_id = $1`,
			`DELETE FROM account WHERE municipality_id = $1`,
			`DELETE FROM municipality WHERE id = $1`,
		} {
			if _, err := tx.Exec(ctx, q, id); err != nil {
				return fmt.Errorf("remove municipality %s: %w", slug, err)
			}
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: actorID, Entity: "municipality", EntityID: id,
			Action: audit.ActionDelete, Changes: map[string]audit.Change{"slug": {Old: slug}, "code": {Old: code}}})
	})
}

// IsArchived reports whether the municipality with slug is archived; an unknown
// slug is simply not archived (its pages answer 404 themselves).
func (s *Store) IsArchived(ctx context.Context, slug string) (bool, error) {
	if !slugRE.MatchString(slug) {
		return false, nil
	}
	var archived bool
	err := s.q.QueryRow(ctx, `SELECT archived_at IS NOT NULL FROM municipality WHERE slug = $1`, slug).Scan(&archived)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("is municipality %q archived: %w", slug, err)
	}
	return archived, nil
}
