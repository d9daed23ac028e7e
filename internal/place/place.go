// Package place is the gazetteer: the world's cities and towns with at least
// 1,000 inhabitants (GeoNames, CC BY 4.0), found by any of their names, so that a
// trip's destination comes with its country and coordinates. The rows are loaded
// by the migrations from the file internal/geo embeds; this store only reads them.
package place

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/geo"
)

// Bounds of a search: a query shorter than MinQuery folded characters matches
// too much to be useful, one longer than MaxQuery is no place name, and no
// answer lists more than MaxLimit places.
const (
	MinQuery = 2
	MaxQuery = 100
	MaxLimit = 20
)

var (
	// ErrNotFound: no place has the id.
	ErrNotFound = errors.New("place: not found")
	// ErrQuery: the query is too short or too long to search for.
	ErrQuery = errors.New("place: query too short or too long")
)

// Place is a place of the gazetteer as a search finds it.
type Place struct {
	ID int64
	// Name is the place's main name in GeoNames (Munich, Göteborg); Matched is
	// the name the search found it by (München), Name when that was the one.
	Name, Matched string
	Country       string // ISO 3166-1 alpha-2
	Region        string // first-level division, "" when unknown
	// Latitude and Longitude are decimal degrees ("48.13743").
	Latitude, Longitude string
	Population          int64
}

// Store reads the gazetteer.
type Store struct{ q database.Querier }

// NewStore returns a store on q.
func NewStore(q database.Querier) *Store { return &Store{q: q} }

// Key is the form in which q is compared with the names: folded (geo.FoldName)
// and trimmed. ErrQuery when it is shorter than MinQuery or longer than MaxQuery.
func Key(q string) (string, error) {
	k := strings.TrimSpace(geo.FoldName(q))
	if n := utf8.RuneCountInString(k); n < MinQuery || n > MaxQuery || !utf8.ValidString(q) {
		return "", ErrQuery
	}
	return k, nil
}

// searchSQL finds the places with a name that begins with the key ($1) — accents
// and case aside — and ranks them: a name that is the whole key first, then the
// larger place. Of a place's names that match, the one shown is the whole key,
// else its main name, else the shortest.
const searchSQL = `
SELECT p.id, p.name, h.name, p.country, p.region, p.latitude::text, p.longitude::text, p.population
FROM (
    SELECT place_id, name, population, exact FROM (
        SELECT DISTINCT ON (place_id) place_id, name, population, key = $1 AS exact
        FROM place_name
        WHERE key LIKE $2
        ORDER BY place_id, key = $1 DESC, main DESC, length(name), name
    ) matches
    ORDER BY exact DESC, population DESC, place_id
    LIMIT $3
) h JOIN place p ON p.id = h.place_id
ORDER BY h.exact DESC, h.population DESC, h.place_id`

// Search returns at most limit places (1 to MaxLimit) whose names begin with q,
// as Key folds it: "munchen", "München" and "Munich" all find Munich.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]Place, error) {
	key, err := Key(q)
	if err != nil {
		return nil, err
	}
	limit = max(1, min(limit, MaxLimit))
	rows, err := s.q.Query(ctx, searchSQL, key, likePrefix(key), limit)
	if err != nil {
		return nil, fmt.Errorf("search places: %w", err)
	}
	out, err := pgx.CollectRows(rows, scanPlace)
	if err != nil {
		return nil, fmt.Errorf("search places: %w", err)
	}
	return out, nil
}

// Get returns the place with the GeoNames id, by its main name.
func (s *Store) Get(ctx context.Context, id int64) (Place, error) {
	rows, err := s.q.Query(ctx, `
SELECT id, name, name, country, region, latitude::text, longitude::text, population
FROM place WHERE id = $1`, id)
	if err != nil {
		return Place{}, fmt.Errorf("place %d: %w", id, err)
	}
	p, err := pgx.CollectExactlyOneRow(rows, scanPlace)
	if errors.Is(err, pgx.ErrNoRows) {
		return Place{}, ErrNotFound
	}
	if err != nil {
		return Place{}, fmt.Errorf("place %d: %w", id, err)
	}
	return p, nil
}

// Named returns the place with the GeoNames id under one of its names (the one
// the person chose), its main name when name is not one of them.
func (s *Store) Named(ctx context.Context, id int64, name string) (Place, error) {
	p, err := s.Get(ctx, id)
	if err != nil || name == "" || name == p.Name {
		return p, err
	}
	var ok bool
	if err := s.q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM place_name WHERE place_id = $1 AND key = $2 AND name = $3)`,
		id, geo.FoldName(name), name).Scan(&ok); err != nil {
		return Place{}, fmt.Errorf("place %d: %w", id, err)
	}
	if ok {
		p.Matched = name
	}
	return p, nil
}

func scanPlace(row pgx.CollectableRow) (Place, error) {
	var p Place
	err := row.Scan(&p.ID, &p.Name, &p.Matched, &p.Country, &p.Region, &p.Latitude, &p.Longitude, &p.Population)
	p.Country = strings.TrimSpace(p.Country)
	return p, err
}

// likePrefix is the LIKE pattern of the names that begin with key.
func likePrefix(key string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(key) + "%"
}

// Label names the place for a list of choices: the name it was found by, its
// main name when that differs, its region and country (countryName, in the
// reader's language): "München (Munich), Bavaria, Germany".
func (p Place) Label(countryName string) string {
	s := p.Matched
	if s == "" {
		s = p.Name
	}
	if s != p.Name {
		s += " (" + p.Name + ")"
	}
	if p.Region != "" && p.Region != p.Name && p.Region != p.Matched {
		s += ", " + p.Region
	}
	return s + ", " + countryName
}
