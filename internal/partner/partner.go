// Package partner is partner cities and the partnerships municipalities keep with them.
package partner

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// ErrNotFound reports a partnership that does not exist, is archived or belongs to
// another municipality.
var ErrNotFound = errors.New("partnership not found")

// Partnership statuses. "suspended" is what the public pages call dormant.
const (
	StatusActive    = "active"
	StatusSuspended = "suspended"
	StatusEnded     = "ended"
)

// Statuses lists the partnership statuses in the order the pages group them.
var Statuses = []string{StatusActive, StatusSuspended, StatusEnded}

// Partnership is one municipality's relationship with a partner city.
type Partnership struct {
	ID        int64
	City      string
	CityEn    string
	Country   string // ISO 3166 alpha-2; empty when no source says which country
	Kind      string
	Status    string
	SinceYear *int64
	Latitude  *float64
	Longitude *float64
	// IsDemo marks fictional demonstration data (the partnership or its city).
	IsDemo bool
}

// Store keeps partnerships, networks and projects in PostgreSQL: every read and
// write of the partner area.
type Store struct{ db database.Querier }

// NewStore returns a Store reading and writing with db, a pool or a transaction.
func NewStore(db database.Querier) *Store { return &Store{db: db} }

// ByMunicipality lists a municipality's partnerships: active first, then by since-year
// and name.
func (s *Store) ByMunicipality(ctx context.Context, municipalityID int64) ([]Partnership, error) {
	rows, err := s.db.Query(ctx, `
SELECT p.id, c.name, c.name_en, coalesce(c.country, ''), p.kind, p.status, p.since_year,
       c.latitude::float8, c.longitude::float8, p.is_demo OR c.is_demo
FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id
WHERE p.municipality_id = $1 AND p.archived_at IS NULL
ORDER BY p.status = 'active' DESC, p.status, p.since_year NULLS LAST, c.name`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("list partnerships of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Partnership])
	if err != nil {
		return nil, fmt.Errorf("list partnerships of municipality %d: %w", municipalityID, err)
	}
	return list, nil
}
