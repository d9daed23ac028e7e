package meeting

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/policy"
)

// Office is whom the policy's rule inform_office_of_cooperation names (its
// parameter office), and the sentence it quotes; ok is false when the
// municipality's policy has no such rule.
func (s *Store) Office(ctx context.Context, municipalityID int64) (office, sentence, lang string, ok bool, err error) {
	rule, ok, err := policy.NewStore(s.db).RuleFor(ctx, municipalityID, policy.KindInformOffice)
	if err != nil || !ok {
		return "", "", "", false, err
	}
	office, _ = rule.Parameters["office"].(string)
	return office, rule.SourceSentence, rule.Language, true, nil
}

// Notice is a department's notice of a cooperation with a twin city.
type Notice struct {
	ID                  int64
	Department, Partner string
	Summary             string
	StartsOn            *time.Time
	CreatedBy           string
	CreatedAt           time.Time
	NotedBy             string
	NotedAt             *time.Time
}

// NoticeInput is a notice as validated by the form.
type NoticeInput struct {
	Department, Partner, Summary string
	StartsOn                     *time.Time
}

// ErrNoticeNotFound: no such notice in the municipality.
var ErrNoticeNotFound = errors.New("notice not found")

// Notices lists the municipality's notices, those not yet noted first, newest
// first; with open, only those not yet noted.
func (s *Store) Notices(ctx context.Context, municipalityID int64, open bool) ([]Notice, error) {
	rows, err := s.db.Query(ctx, `
SELECT n.id, n.department, n.partner, n.summary, n.starts_on, a.name, n.created_at, coalesce(b.name, ''), n.noted_at
FROM cooperation_notice n JOIN account a ON a.id = n.created_by LEFT JOIN account b ON b.id = n.noted_by
WHERE n.municipality_id = $1 AND (NOT $2 OR n.noted_at IS NULL)
ORDER BY n.noted_at IS NOT NULL, n.created_at DESC, n.id DESC`, municipalityID, open)
	if err != nil {
		return nil, fmt.Errorf("list notices: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Notice])
	if err != nil {
		return nil, fmt.Errorf("list notices: %w", err)
	}
	return list, nil
}

// CreateNotice records a notice and logs it, in one transaction.
func (s *Store) CreateNotice(ctx context.Context, a Actor, in NoticeInput) (int64, error) {
	var id int64
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `
INSERT INTO cooperation_notice (municipality_id, department, partner, summary, starts_on, created_by)
VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, a.MunicipalityID, in.Department, in.Partner, in.Summary, in.StartsOn, a.AccountID).Scan(&id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID,
			Entity: "cooperation_notice", EntityID: id, Action: audit.ActionCreate, Changes: audit.Created(map[string]any{
				"department": in.Department, "partner": in.Partner, "summary": in.Summary, "starts_on": audit.DateValue(in.StartsOn)})})
	})
	if err != nil {
		return 0, fmt.Errorf("create notice: %w", err)
	}
	return id, nil
}

// NoteNotice marks notice id as taken note of by the office; a notice noted
// already stays as it was. ErrNoticeNotFound for another municipality's.
func (s *Store) NoteNotice(ctx context.Context, a Actor, id int64) error {
	return database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE cooperation_notice SET noted_by = $3, noted_at = now()
WHERE id = $1 AND municipality_id = $2 AND noted_at IS NULL`, id, a.MunicipalityID, a.AccountID)
		if err != nil {
			return fmt.Errorf("note notice %d: %w", id, err)
		}
		if tag.RowsAffected() == 0 {
			var exists bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM cooperation_notice WHERE id = $1 AND municipality_id = $2)`,
				id, a.MunicipalityID).Scan(&exists); err != nil {
				return err
			}
			if !exists {
				return ErrNoticeNotFound
			}
			return nil
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID,
			Entity: "cooperation_notice", EntityID: id, Action: audit.ActionUpdate,
			Changes: map[string]audit.Change{"noted": {Old: false, New: true}}})
	})
}
