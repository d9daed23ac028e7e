package policy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
)

// Languages are the languages a policy may be written in, as BCP 47 tags.
var Languages = []string{"da", "de", "en", "sv"}

// Record is the stored current policy of a municipality, as its editor sees it.
type Record struct {
	ID                               int64
	Version                          int
	Title, Language, Summary         string
	FullText, AdoptedBy, Source      string
	AdoptedOn, ValidFrom, ValidUntil *time.Time
}

// Values are the policy's fields as the audit log records them. The full text is
// among them: a change of a public document's wording is kept word for word.
func (p Record) Values() map[string]any {
	return map[string]any{
		"title": p.Title, "language": p.Language, "summary": p.Summary, "full_text": p.FullText,
		"adopted_on": audit.DateValue(p.AdoptedOn), "adopted_by": p.AdoptedBy,
		"valid_from": audit.DateValue(p.ValidFrom), "valid_until": audit.DateValue(p.ValidUntil), "source": p.Source,
	}
}

// CurrentRecord returns the municipality's current policy, locked for the rest
// of the transaction when lock is set, and whether there is one.
func (s *Store) CurrentRecord(ctx context.Context, municipalityID int64, lock bool) (Record, bool, error) {
	sql := `
SELECT id, version, title, language, summary, full_text, adopted_on, coalesce(adopted_by, ''),
       valid_from, valid_until, source
FROM policy WHERE municipality_id = $1 AND archived_at IS NULL`
	if lock {
		sql += ` FOR UPDATE`
	}
	var p Record
	err := s.q.QueryRow(ctx, sql, municipalityID).Scan(&p.ID, &p.Version, &p.Title, &p.Language, &p.Summary,
		&p.FullText, &p.AdoptedOn, &p.AdoptedBy, &p.ValidFrom, &p.ValidUntil, &p.Source)
	if errors.Is(err, pgx.ErrNoRows) {
		return Record{}, false, nil
	}
	if err != nil {
		return Record{}, false, fmt.Errorf("current policy of municipality %d: %w", municipalityID, err)
	}
	return p, true, nil
}

// Counts returns how many active priorities and rules the policy has.
func (s *Store) Counts(ctx context.Context, policyID int64) (priorities, rules int, err error) {
	if err := s.q.QueryRow(ctx, `
SELECT (SELECT count(*) FROM priority WHERE policy_id = $1 AND archived_at IS NULL),
       (SELECT count(*) FROM policy_rule WHERE policy_id = $1 AND archived_at IS NULL)`, policyID).Scan(&priorities, &rules); err != nil {
		return 0, 0, fmt.Errorf("count priorities and rules of policy %d: %w", policyID, err)
	}
	return priorities, rules, nil
}

// Create adds the municipality's first policy and returns its id.
func (s *Store) Create(ctx context.Context, municipalityID int64, rec Record) (int64, error) {
	var id int64
	err := s.q.QueryRow(ctx, `
INSERT INTO policy (municipality_id, title, language, summary, full_text, adopted_on, adopted_by,
                    valid_from, valid_until, source)
VALUES ($1, $2, $3, $4, $5, $6, nullif($7, ''), $8, $9, $10) RETURNING id`,
		municipalityID, rec.Title, rec.Language, rec.Summary, rec.FullText, rec.AdoptedOn, rec.AdoptedBy,
		rec.ValidFrom, rec.ValidUntil, rec.Source).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create policy: %w", err)
	}
	return id, nil
}

// Update saves rec over policy id of version; ErrConflict when the stored
// version is another.
func (s *Store) Update(ctx context.Context, municipalityID, id int64, version int, rec Record) error {
	tag, err := s.q.Exec(ctx, `
UPDATE policy SET title = $4, language = $5, summary = $6, full_text = $7, adopted_on = $8,
       adopted_by = nullif($9, ''), valid_from = $10, valid_until = $11, source = $12,
       version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND version = $3`,
		id, municipalityID, version, rec.Title, rec.Language, rec.Summary, rec.FullText,
		rec.AdoptedOn, rec.AdoptedBy, rec.ValidFrom, rec.ValidUntil, rec.Source)
	if err != nil {
		return fmt.Errorf("update policy %d: %w", id, err)
	}
	if tag.RowsAffected() != 1 {
		return ErrConflict
	}
	return nil
}

// RulesNotQuoted returns the source sentences of the policy's active rules that
// text no longer contains, each in quotation marks.
func (s *Store) RulesNotQuoted(ctx context.Context, policyID int64, text string) ([]string, error) {
	rows, err := s.q.Query(ctx, `SELECT source_sentence FROM policy_rule WHERE policy_id = $1 AND archived_at IS NULL ORDER BY id`, policyID)
	if err != nil {
		return nil, fmt.Errorf("rules of policy %d: %w", policyID, err)
	}
	sentences, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("rules of policy %d: %w", policyID, err)
	}
	var missing []string
	for _, s := range sentences {
		if !Quotes(text, s) {
			missing = append(missing, "“"+s+"”")
		}
	}
	return missing, nil
}

// Deadline is the municipality's trip report deadline
// (municipality.report_deadline_days), which the overdue lists of the workspace
// and the public trip register read.
type Deadline struct{ Days int }

// The days after a trip's return within which its report is due, as an
// administrator may set them. The schema only asks for more than zero; a year
// is the longest deadline that still makes a report timely.
const (
	MinDeadlineDays = 1
	MaxDeadlineDays = 365
)

// Values are the deadline as the audit log records it.
func (d Deadline) Values() map[string]any {
	return map[string]any{"report_deadline_days": d.Days}
}

// State is the deadline's fingerprint: municipality has no version column.
func (d Deadline) State() string { return fingerprint(d.Values()) }

// Deadline returns the municipality's deadline, locked for the rest of the
// transaction when lock is set.
func (s *Store) Deadline(ctx context.Context, municipalityID int64, lock bool) (Deadline, error) {
	sql := `SELECT report_deadline_days FROM municipality WHERE id = $1`
	if lock {
		sql += ` FOR UPDATE`
	}
	var d Deadline
	if err := s.q.QueryRow(ctx, sql, municipalityID).Scan(&d.Days); err != nil {
		return Deadline{}, fmt.Errorf("report deadline of municipality %d: %w", municipalityID, err)
	}
	return d, nil
}

// SetDeadline saves the municipality's deadline.
func (s *Store) SetDeadline(ctx context.Context, municipalityID int64, d Deadline) error {
	if _, err := s.q.Exec(ctx, `UPDATE municipality SET report_deadline_days = $2 WHERE id = $1`,
		municipalityID, d.Days); err != nil {
		return fmt.Errorf("update report deadline of municipality %d: %w", municipalityID, err)
	}
	return nil
}
