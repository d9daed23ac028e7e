package account

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// ErrWrongPassword reports that the current password given is not the account's.
var ErrWrongPassword = errors.New("the current password is wrong")

// PasswordHash returns the account's password hash, for checking the current
// password before a change.
func (s *Store) PasswordHash(ctx context.Context, id int64) (string, error) {
	var hash string
	err := s.pool.QueryRow(ctx, `SELECT password_hash FROM account WHERE id = $1 AND active`, id).Scan(&hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("account %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("read password of account %d: %w", id, err)
	}
	return hash, nil
}

// SetPassword stores hash as the account's new password, lifts a required
// change, ends every session of the account but the one whose token hash is
// keepSession (the person's own; nil: all), and writes the audit log (without
// any password). All in one transaction.
func (s *Store) SetPassword(ctx context.Context, id, municipalityID int64, hash string, keepSession []byte) error {
	return database.Transact(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `
UPDATE account SET password_hash = $3, must_change_password = false, password_changed_at = now(),
       version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id IS NOT DISTINCT FROM nullif($2::bigint, 0) AND active`, id, municipalityID, hash)
		if err != nil {
			return fmt.Errorf("set password of account %d: %w", id, err)
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("account %d: %w", id, ErrNotFound)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM http_session WHERE account_id = $1 AND ($2::bytea IS NULL OR token_hash <> $2)`, id, keepSession); err != nil {
			return fmt.Errorf("end sessions of account %d: %w", id, err)
		}
		changes, _ := json.Marshal(map[string]any{"password": map[string]any{"old": "…", "new": "…"}})
		_, err = tx.Exec(ctx, `
INSERT INTO audit_log (account_id, municipality_id, entity, entity_id, action, changes)
VALUES ($1, nullif($2::bigint, 0), 'account', $1, 'update', $3)`, id, municipalityID, changes)
		return err
	})
}

// RequirePasswordChange sets or lifts the requirement that the account's owner
// choose a new password at the next sign-in (an administrator's decision),
// writing the audit log when it changes.
func (s *Store) RequirePasswordChange(ctx context.Context, id, municipalityID int64, require bool, actorID int64) error {
	return database.Transact(ctx, s.pool, func(tx pgx.Tx) error {
		var old bool
		err := tx.QueryRow(ctx, `SELECT must_change_password FROM account WHERE id = $1 AND municipality_id = $2 AND NOT is_demo FOR UPDATE`,
			id, municipalityID).Scan(&old)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("account %d: %w", id, ErrNotFound)
		}
		if err != nil || old == require {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE account SET must_change_password = $2, updated_at = now() WHERE id = $1`, id, require); err != nil {
			return err
		}
		b, _ := json.Marshal(map[string]any{"must_change_password": map[string]any{"old": old, "new": require}})
		_, err = tx.Exec(ctx, `
INSERT INTO audit_log (account_id, municipality_id, entity, entity_id, action, changes)
VALUES ($1, $2, 'account', $3, 'update', $4)`, actorID, municipalityID, id, b)
		return err
	})
}
