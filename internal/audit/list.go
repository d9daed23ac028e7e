package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// PageSize is how many entries List returns per page unless told otherwise.
const PageSize = 50

// Filter narrows the log. Zero values do not filter, except MunicipalityID: a list
// is always of one municipality's log unless AllMunicipalities is set, so a
// forgotten field cannot show one municipality's changes to another.
type Filter struct {
	MunicipalityID    int64
	AllMunicipalities bool // for system tools only, never for a signed-in person's view
	Entity            string
	EntityID          int64
	AccountID         int64
	Action            string
	From              time.Time // entries at or after From
	To                time.Time // entries before To
	Page              int       // 1-based; values below 1 mean 1
	PerPage           int       // PageSize when 0; at most 500
}

// ErrNoMunicipality is returned by List for a filter without a municipality.
var ErrNoMunicipality = errors.New("audit: list without a municipality")

// Row is one entry of the log, with the name of the account that made it.
type Row struct {
	ID             int64
	At             time.Time
	AccountID      *int64
	AccountName    string // "" for the system
	MunicipalityID *int64
	Entity         string
	EntityID       int64
	Action         string
	// Changes holds the values as stored: numbers come back as json.Number, so
	// amounts in minor units stay exact.
	Changes   map[string]Change
	RequestID string
	// Refs names the records the changes refer to by id (shared by a list's rows).
	Refs *Refs
}

const listWhere = `
WHERE ($1::bigint IS NULL OR l.municipality_id = $1)
  AND ($2::text IS NULL OR l.entity = $2)
  AND ($3::bigint IS NULL OR l.entity_id = $3)
  AND ($4::bigint IS NULL OR l.account_id = $4)
  AND ($5::text IS NULL OR l.action = $5)
  AND ($6::timestamptz IS NULL OR l.at >= $6)
  AND ($7::timestamptz IS NULL OR l.at < $7)`

// List returns one page of the entries that match f, newest first, and how many
// match in all.
func (s *Store) List(ctx context.Context, f Filter) ([]Row, int, error) {
	if f.MunicipalityID == 0 && !f.AllMunicipalities {
		return nil, 0, ErrNoMunicipality
	}
	args := []any{
		nonZero(f.MunicipalityID), nonEmpty(f.Entity), nonZero(f.EntityID), nonZero(f.AccountID),
		nonEmpty(f.Action), nonZeroTime(f.From), nonZeroTime(f.To),
	}
	var total int
	if err := s.db.QueryRow(ctx, `SELECT count(*) FROM audit_log l`+listWhere, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count audit entries: %w", err)
	}
	perPage := f.PerPage
	if perPage <= 0 {
		perPage = PageSize
	}
	perPage = min(perPage, 500)
	page := max(f.Page, 1)
	rows, err := s.db.Query(ctx, `
SELECT l.id, l.at, l.account_id, coalesce(a.name, ''), l.municipality_id, l.entity, l.entity_id,
       l.action, l.changes, coalesce(l.request_id, '')
FROM audit_log l
LEFT JOIN account a ON a.id = l.account_id`+listWhere+`
ORDER BY l.at DESC, l.id DESC
LIMIT $8 OFFSET $9`, append(args, perPage, (page-1)*perPage)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list audit entries: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Row, error) {
		var r Row
		var changes []byte
		if err := row.Scan(&r.ID, &r.At, &r.AccountID, &r.AccountName, &r.MunicipalityID, &r.Entity,
			&r.EntityID, &r.Action, &changes, &r.RequestID); err != nil {
			return r, err
		}
		dec := json.NewDecoder(bytes.NewReader(changes))
		dec.UseNumber()
		if err := dec.Decode(&r.Changes); err != nil {
			return r, fmt.Errorf("decode changes of audit entry %d: %w", r.ID, err)
		}
		return r, nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("list audit entries: %w", err)
	}
	if err := s.describe(ctx, f.MunicipalityID, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

func nonZero(v int64) *int64 {
	if v == 0 {
		return nil
	}
	return &v
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonZeroTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
