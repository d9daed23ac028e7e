package audit

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// Store reads the audit log. Entries are written by Record, inside the
// transaction of the change they describe.
type Store struct{ db database.Querier }

// NewStore returns a Store reading with db, a pool or a transaction.
func NewStore(db database.Querier) *Store { return &Store{db: db} }

// HistoryLimit is how many entries History returns at most: the newest; the audit
// log page has the rest.
const HistoryLimit = 500

// History returns the audit entries of one record of the municipality, newest
// first, for the record's page. Entries of another municipality are never
// included, whatever the id.
func (s *Store) History(ctx context.Context, municipalityID int64, entity string, id int64) ([]Row, error) {
	if entity == "" || id <= 0 {
		// Zero values would not filter: a record's history is never the whole log.
		return nil, nil
	}
	rows, _, err := s.List(ctx, Filter{
		MunicipalityID: municipalityID, Entity: entity, EntityID: id, PerPage: HistoryLimit,
	})
	if err != nil {
		return nil, fmt.Errorf("history of %s %d: %w", entity, id, err)
	}
	return rows, nil
}

// Account is an account of the municipality, for the log's person filter.
type Account struct {
	ID     int64
	Name   string
	Active bool
}

// Accounts lists every account of the municipality (deactivated ones too: their
// changes stay theirs), for the person filter.
func (s *Store) Accounts(ctx context.Context, municipalityID int64) ([]Account, error) {
	rows, err := s.db.Query(ctx, `SELECT id, name, active FROM account WHERE municipality_id = $1 ORDER BY name, id`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("accounts of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Account])
	if err != nil {
		return nil, fmt.Errorf("accounts of municipality %d: %w", municipalityID, err)
	}
	return list, nil
}

// Entities lists the kinds of record the municipality's log has entries for.
func (s *Store) Entities(ctx context.Context, municipalityID int64) ([]string, error) {
	rows, err := s.db.Query(ctx, `SELECT DISTINCT entity FROM audit_log WHERE municipality_id = $1 ORDER BY entity`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("audited entities of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("audited entities of municipality %d: %w", municipalityID, err)
	}
	return list, nil
}
