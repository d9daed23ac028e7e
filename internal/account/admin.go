package account

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/database"
)

// ErrConflict reports that a record changed since the form was opened.
var ErrConflict = errors.New("the record was changed by someone else")

// Listed is an account in the administration list, with its version for editing.
type Listed struct {
	Account
	Version int
	// MustChangePassword: the owner must choose a new password at the next sign-in.
	MustChangePassword bool
}

// List returns the accounts of a municipality by name; demo accounts are left out.
func (s *Store) List(ctx context.Context, municipalityID int64) ([]Listed, error) {
	rows, err := s.pool.Query(ctx, `
SELECT id, municipality_id, email, name, role, active, version, must_change_password FROM account
WHERE municipality_id = $1 AND NOT is_demo ORDER BY active DESC, name`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("list accounts of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Listed, error) {
		var a Listed
		err := r.Scan(&a.ID, &a.MunicipalityID, &a.Email, &a.Name, &a.Role, &a.Active, &a.Version, &a.MustChangePassword)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("list accounts of municipality %d: %w", municipalityID, err)
	}
	return list, nil
}

// InMunicipality returns account id if it belongs to the municipality, else ErrNotFound.
func (s *Store) InMunicipality(ctx context.Context, id, municipalityID int64) (Listed, error) {
	var a Listed
	err := s.pool.QueryRow(ctx, `
SELECT id, municipality_id, email, name, role, active, version, must_change_password FROM account
WHERE id = $1 AND municipality_id = $2 AND NOT is_demo`, id, municipalityID).
		Scan(&a.ID, &a.MunicipalityID, &a.Email, &a.Name, &a.Role, &a.Active, &a.Version, &a.MustChangePassword)
	if errors.Is(err, pgx.ErrNoRows) {
		return Listed{}, fmt.Errorf("account %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Listed{}, fmt.Errorf("get account %d: %w", id, err)
	}
	return a, nil
}

// SetRoleAndActive changes an account's role and whether it may sign in, if it is
// still at version; the change is written to the audit log with old and new values.
// Deactivated accounts keep their past actions attributed to them.
func (s *Store) SetRoleAndActive(ctx context.Context, id, municipalityID int64, version int, role string, active bool, actorID int64) error {
	if !access.ValidRole(role) {
		return FieldErrors{"role": "must be staff, politician or admin"}
	}
	return database.Transact(ctx, s.pool, func(tx pgx.Tx) error {
		var old Listed
		err := tx.QueryRow(ctx, `SELECT role, active, version FROM account WHERE id = $1 AND municipality_id = $2 AND NOT is_demo FOR UPDATE`,
			id, municipalityID).Scan(&old.Role, &old.Active, &old.Version)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("account %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if old.Version != version {
			return ErrConflict
		}
		changes := map[string]any{}
		if old.Role != role {
			changes["role"] = map[string]any{"old": old.Role, "new": role}
		}
		if old.Active != active {
			changes["active"] = map[string]any{"old": old.Active, "new": active}
		}
		if len(changes) == 0 {
			return nil
		}
		if _, err := tx.Exec(ctx, `
UPDATE account SET role = $3, active = $4, version = version + 1, updated_at = now(),
       deactivated_at = CASE WHEN $4 THEN NULL ELSE coalesce(deactivated_at, now()) END
WHERE id = $1 AND municipality_id = $2`, id, municipalityID, role, active); err != nil {
			return err
		}
		if !active {
			// A deactivated account's sessions end now, on every portal instance.
			if _, err := tx.Exec(ctx, `DELETE FROM http_session WHERE account_id = $1`, id); err != nil {
				return err
			}
		}
		b, _ := json.Marshal(changes)
		_, err = tx.Exec(ctx, `
INSERT INTO audit_log (account_id, municipality_id, entity, entity_id, action, changes)
VALUES ($1, $2, 'account', $3, 'update', $4)`, actorID, municipalityID, id, b)
		return err
	})
}
