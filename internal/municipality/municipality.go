// Package municipality is the municipalities the portal serves: their facts and the
// store that reads them.
package municipality

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// ErrNotFound reports that no municipality has the slug asked for.
var ErrNotFound = errors.New("municipality not found")

// Municipality is one municipality and its facts; a nil pointer means no source
// gave the value.
type Municipality struct {
	ID             int64
	Slug           string
	Code           string
	Name           string
	NameEn         string
	Country        string
	Currency       string
	MinorUnits     int
	Languages      []string
	Population     *int64
	PopulationYear *int64
	Latitude       *float64
	Longitude      *float64
	Website        string
	// ActivePartnerships counts partnerships whose status is active.
	ActivePartnerships int
	// DataLicence is the SPDX identifier of the licence of its open data
	// (migration 00100, CC-BY-4.0 unless chosen otherwise); DataContact the
	// e-mail address its open-data catalogue names, empty when none is set.
	DataLicence string
	DataContact string
	// Archived: the municipality no longer uses the portal; its public pages
	// stay, read-only, and say so.
	Archived bool
}

// Language is the primary language of the municipality's own content.
func (m Municipality) Language() string {
	if len(m.Languages) == 0 {
		return ""
	}
	return m.Languages[0]
}

// Store reads municipalities from PostgreSQL.
type Store struct{ q database.Querier }

// NewStore returns a Store on q.
func NewStore(q database.Querier) *Store { return &Store{q: q} }

const selectMunicipality = `
SELECT m.id, m.slug, m.code, m.name, m.name_en, m.country, m.currency, c.minor_units,
       m.languages, m.population, m.population_year, m.latitude::float8, m.longitude::float8,
       coalesce(m.website, ''),
       (SELECT count(*) FROM partnership p
         WHERE p.municipality_id = m.id AND p.status = 'active' AND p.archived_at IS NULL),
       m.data_licence, coalesce(m.data_contact_email, ''), m.archived_at IS NOT NULL
FROM municipality m JOIN currency c ON c.code = m.currency`

func scan(row pgx.Row) (Municipality, error) {
	var m Municipality
	err := row.Scan(&m.ID, &m.Slug, &m.Code, &m.Name, &m.NameEn, &m.Country, &m.Currency, &m.MinorUnits,
		&m.Languages, &m.Population, &m.PopulationYear, &m.Latitude, &m.Longitude, &m.Website,
		&m.ActivePartnerships, &m.DataLicence, &m.DataContact, &m.Archived)
	return m, err
}

// List returns every municipality, by name.
func (s *Store) List(ctx context.Context) ([]Municipality, error) {
	rows, err := s.q.Query(ctx, selectMunicipality+` ORDER BY m.name`)
	if err != nil {
		return nil, fmt.Errorf("list municipalities: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Municipality, error) { return scan(r) })
	if err != nil {
		return nil, fmt.Errorf("list municipalities: %w", err)
	}
	return list, nil
}

// slugRE is the form the schema allows for a slug.
var slugRE = regexp.MustCompile(`^[a-z][a-z0-9-]{1,39}$`)

// BySlug returns the municipality with slug, or ErrNotFound; a string that cannot be
// a slug is not found without asking the database.
func (s *Store) BySlug(ctx context.Context, slug string) (Municipality, error) {
	if !slugRE.MatchString(slug) {
		return Municipality{}, fmt.Errorf("municipality %q: %w", slug, ErrNotFound)
	}
	m, err := scan(s.q.QueryRow(ctx, selectMunicipality+` WHERE m.slug = $1`, slug))
	if errors.Is(err, pgx.ErrNoRows) {
		return Municipality{}, fmt.Errorf("municipality %q: %w", slug, ErrNotFound)
	}
	if err != nil {
		return Municipality{}, fmt.Errorf("get municipality %q: %w", slug, err)
	}
	return m, nil
}
