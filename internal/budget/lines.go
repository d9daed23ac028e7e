package budget

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
)

// Fiscal years the schema accepts.
const (
	MinYear = 1990
	MaxYear = 2200
)

// CodePattern is the pattern of budget line codes, as the schema checks it.
const CodePattern = `^[A-Z0-9][A-Z0-9.-]*$`

// Sentinels of the budget line editor.
var (
	// ErrConflict: the line changed since the form was opened.
	ErrConflict = errors.New("budget line changed meanwhile")
	// ErrCodeTaken: another line of the year has the code.
	ErrCodeTaken = errors.New("budget line code taken")
	// ErrLineNotFound: no such line in the municipality.
	ErrLineNotFound = errors.New("budget line not found")
)

// LineRecord is one stored budget line of a municipality, as its editor sees it.
type LineRecord struct {
	ID                   int64
	Version, Year        int
	Code, Name           string
	OwnerKind, OwnerName string
	AmountMinor          int64
	Currency             string
	MinorUnits           int
	CarriesOver          bool
	Note, Source         string
	ArchivedAt           *time.Time
}

// Values are the line's fields as the audit log records them.
func (b LineRecord) Values() map[string]any {
	return map[string]any{
		"fiscal_year": b.Year, "code": b.Code, "name": b.Name, "owner_kind": b.OwnerKind, "owner_name": b.OwnerName,
		"amount_minor": b.AmountMinor, "currency": b.Currency, "carries_over": b.CarriesOver, "note": b.Note, "source": b.Source,
	}
}

// ArchivedLine is an archived budget line of a year.
type ArchivedLine struct {
	ID          int64
	Code, Name  string
	AmountMinor int64
	Currency    string
	MinorUnits  int
}

// Transact runs fn with a Store on one transaction: everything fn writes,
// audit entries included (Record), is kept together or not at all.
func (s *Store) Transact(ctx context.Context, fn func(*Store) error) error {
	return database.TransactOn(ctx, s.q, func(tx pgx.Tx) error { return fn(&Store{q: tx}) })
}

// Record writes the audit entry of a change made in this Store's transaction.
func (s *Store) Record(ctx context.Context, e audit.Entry) error {
	tx, ok := s.q.(pgx.Tx)
	if !ok {
		return fmt.Errorf("audit entry for %s %d outside a transaction", e.Entity, e.EntityID)
	}
	return audit.Record(ctx, tx, e)
}

// Line returns line id of the municipality, locked when lock is set; any other
// is ErrLineNotFound.
func (s *Store) Line(ctx context.Context, municipalityID, id int64, lock bool) (LineRecord, error) {
	sql := `
SELECT b.id, b.version, b.fiscal_year, b.code, b.name, b.owner_kind, b.owner_name, b.amount_minor, b.currency,
       c.minor_units, b.carries_over, b.note, coalesce(b.source, ''), b.archived_at
FROM budget_line b JOIN currency c ON c.code = b.currency
WHERE b.id = $1 AND b.municipality_id = $2`
	if lock {
		sql += ` FOR UPDATE OF b`
	}
	var b LineRecord
	err := s.q.QueryRow(ctx, sql, id, municipalityID).Scan(&b.ID, &b.Version, &b.Year, &b.Code,
		&b.Name, &b.OwnerKind, &b.OwnerName, &b.AmountMinor, &b.Currency, &b.MinorUnits, &b.CarriesOver, &b.Note,
		&b.Source, &b.ArchivedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return b, fmt.Errorf("budget line %d: %w", id, ErrLineNotFound)
	}
	if err != nil {
		return b, fmt.Errorf("budget line %d: %w", id, err)
	}
	return b, nil
}

// ArchivedLines lists the municipality's archived lines of year by code.
func (s *Store) ArchivedLines(ctx context.Context, municipalityID int64, year int) ([]ArchivedLine, error) {
	rows, err := s.q.Query(ctx, `
SELECT b.id, b.code, b.name, b.amount_minor, b.currency, c.minor_units
FROM budget_line b JOIN currency c ON c.code = b.currency
WHERE b.municipality_id = $1 AND b.fiscal_year = $2 AND b.archived_at IS NOT NULL ORDER BY b.code`, municipalityID, year)
	if err != nil {
		return nil, fmt.Errorf("archived budget lines: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (ArchivedLine, error) {
		var a ArchivedLine
		err := row.Scan(&a.ID, &a.Code, &a.Name, &a.AmountMinor, &a.Currency, &a.MinorUnits)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("archived budget lines: %w", err)
	}
	return list, nil
}

// Copyable counts the previous year's active lines whose code year does not
// have yet.
func (s *Store) Copyable(ctx context.Context, municipalityID int64, year int) (int, error) {
	var n int
	if err := s.q.QueryRow(ctx, `
SELECT count(*) FROM budget_line b
WHERE b.municipality_id = $1 AND b.fiscal_year = $2::int - 1 AND b.archived_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM budget_line x WHERE x.municipality_id = $1 AND x.fiscal_year = $2 AND x.code = b.code)`,
		municipalityID, year).Scan(&n); err != nil {
		return 0, fmt.Errorf("budget lines to copy: %w", err)
	}
	return n, nil
}

// LineCodeTaken reports whether another line than id of the municipality's
// year has code (archived lines too: the code stays theirs).
func (s *Store) LineCodeTaken(ctx context.Context, municipalityID int64, year int, code string, id int64) (bool, error) {
	var taken bool
	err := s.q.QueryRow(ctx, `
SELECT EXISTS (SELECT 1 FROM budget_line WHERE municipality_id = $1 AND fiscal_year = $2 AND code = $3 AND id <> $4)`,
		municipalityID, year, code, id).Scan(&taken)
	if err != nil {
		return false, fmt.Errorf("budget line code %s: %w", code, err)
	}
	return taken, nil
}

// CreateLine adds b to the municipality and returns its id; ErrCodeTaken when
// the year has its code already.
func (s *Store) CreateLine(ctx context.Context, municipalityID int64, b LineRecord) (int64, error) {
	var id int64
	err := s.q.QueryRow(ctx, `
INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency,
                         carries_over, note, source)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, nullif($11, '')) RETURNING id`,
		municipalityID, b.Year, b.Code, b.Name, b.OwnerKind, b.OwnerName, b.AmountMinor, b.Currency,
		b.CarriesOver, b.Note, b.Source).Scan(&id)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == "budget_line_municipality_id_fiscal_year_code_key" {
		return 0, fmt.Errorf("create budget line %s: %w", b.Code, ErrCodeTaken)
	}
	if err != nil {
		return 0, fmt.Errorf("create budget line: %w", err)
	}
	return id, nil
}

// UpdateLine saves b over line id of version; ErrConflict when the stored
// version is another.
func (s *Store) UpdateLine(ctx context.Context, municipalityID, id int64, version int, b LineRecord) error {
	tag, err := s.q.Exec(ctx, `
UPDATE budget_line SET fiscal_year = $4, code = $5, name = $6, owner_kind = $7, owner_name = $8, amount_minor = $9,
       carries_over = $10, note = $11, source = nullif($12, ''), version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND version = $3`,
		id, municipalityID, version, b.Year, b.Code, b.Name, b.OwnerKind, b.OwnerName, b.AmountMinor,
		b.CarriesOver, b.Note, b.Source)
	if err != nil {
		return fmt.Errorf("update budget line %d: %w", id, err)
	}
	if tag.RowsAffected() != 1 {
		return ErrConflict
	}
	return nil
}

// SetLineArchived archives line id or restores it, moving its version so that
// forms opened before meet a conflict, and returns its new archived_at.
func (s *Store) SetLineArchived(ctx context.Context, municipalityID, id int64, archive bool) (*time.Time, error) {
	var now *time.Time
	if err := s.q.QueryRow(ctx, `
UPDATE budget_line SET archived_at = CASE WHEN $3 THEN now() END, version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 RETURNING archived_at`, id, municipalityID, archive).Scan(&now); err != nil {
		return nil, fmt.Errorf("archive budget line %d: %w", id, err)
	}
	return now, nil
}

// CopyLines copies the previous year's active lines into year, each with its
// amount, owner and carry-over, skipping codes the year already has, and
// returns the new lines.
func (s *Store) CopyLines(ctx context.Context, municipalityID int64, year int) ([]LineRecord, error) {
	rows, err := s.q.Query(ctx, `
INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency,
                         carries_over, note, source, is_demo)
SELECT municipality_id, $2::int, code, name, owner_kind, owner_name, amount_minor, currency, carries_over, note, source, is_demo
FROM budget_line
WHERE municipality_id = $1 AND fiscal_year = $2::int - 1 AND archived_at IS NULL
ORDER BY code
ON CONFLICT (municipality_id, fiscal_year, code) DO NOTHING
RETURNING id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency, carries_over, note, coalesce(source, '')`,
		municipalityID, year)
	if err != nil {
		return nil, fmt.Errorf("copy budget lines into %d: %w", year, err)
	}
	lines, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (LineRecord, error) {
		var b LineRecord
		err := row.Scan(&b.ID, &b.Year, &b.Code, &b.Name, &b.OwnerKind, &b.OwnerName, &b.AmountMinor,
			&b.Currency, &b.CarriesOver, &b.Note, &b.Source)
		return b, err
	})
	if err != nil {
		return nil, fmt.Errorf("copy budget lines into %d: %w", year, err)
	}
	return lines, nil
}

// CreateRecurringLine adds b, held by body bodyID, as a line that recurs every
// year at its amount (adopted_minor), and returns its id.
func (s *Store) CreateRecurringLine(ctx context.Context, municipalityID, bodyID int64, b LineRecord) (int64, error) {
	var id int64
	err := s.q.QueryRow(ctx, `
INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency,
                         carries_over, note, body_id, adopted_minor)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $7) RETURNING id`,
		municipalityID, b.Year, b.Code, b.Name, b.OwnerKind, b.OwnerName, b.AmountMinor, b.Currency,
		b.CarriesOver, b.Note, bodyID).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create budget line %s: %w", b.Code, err)
	}
	return id, nil
}

// RenameHolder follows a body's new name in the lines it holds: their holder,
// and their name where it begins with the old name.
func (s *Store) RenameHolder(ctx context.Context, municipalityID, bodyID int64, oldName, newName string) error {
	if _, err := s.q.Exec(ctx, `
UPDATE budget_line SET owner_name = $4,
       name = CASE WHEN starts_with(name, $3) THEN $4 || substr(name, length($3) + 1) ELSE name END,
       version = version + 1, updated_at = now()
WHERE municipality_id = $1 AND body_id = $2`, municipalityID, bodyID, oldName, newName); err != nil {
		return fmt.Errorf("rename holder of budget lines: %w", err)
	}
	return nil
}

// EnsureYear creates the municipality's recurring lines of year from those of
// the years before, one year after the other from the last year that has them:
// the same holders, codes and carry-over, at the adopted amount (whatever a
// year's amount was changed to), leaving out archived lines and lines of
// archived bodies. Codes a year has already are kept as they are, so calling it
// again, or from several instances at once, creates nothing twice; when the
// year has all its lines already, no row is written (nor an identity value
// taken), so a public page may call it on every render: it writes once a
// year. It returns the number of lines created.
func (s *Store) EnsureYear(ctx context.Context, municipalityID int64, year int) (int, error) {
	var last *int
	if err := s.q.QueryRow(ctx, `
SELECT max(fiscal_year) FROM budget_line WHERE municipality_id = $1 AND fiscal_year < $2 AND adopted_minor IS NOT NULL`,
		municipalityID, year).Scan(&last); err != nil {
		return 0, fmt.Errorf("recurring budget lines: %w", err)
	}
	if last == nil {
		return 0, nil
	}
	created := 0
	for y := *last + 1; y <= year; y++ {
		tag, err := s.q.Exec(ctx, `
INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency,
                         carries_over, note, source, is_demo, body_id, adopted_minor)
SELECT b.municipality_id, $2::int, b.code, b.name, b.owner_kind, b.owner_name, b.adopted_minor, b.currency,
       b.carries_over, b.note, b.source, b.is_demo, b.body_id, b.adopted_minor
FROM budget_line b LEFT JOIN body o ON o.id = b.body_id
WHERE b.municipality_id = $1 AND b.fiscal_year = $2::int - 1 AND b.adopted_minor IS NOT NULL
  AND b.archived_at IS NULL AND o.archived_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM budget_line c WHERE c.municipality_id = $1 AND c.fiscal_year = $2::int AND c.code = b.code)
ORDER BY b.code
ON CONFLICT (municipality_id, fiscal_year, code) DO NOTHING`, municipalityID, y)
		if err != nil {
			return created, fmt.Errorf("recurring budget lines of %d: %w", y, err)
		}
		created += int(tag.RowsAffected())
	}
	return created, nil
}
