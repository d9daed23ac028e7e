package partner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Detail is one partnership in full, as its public page shows it.
type Detail struct {
	Partnership
	CityID             int64
	CouncilDecisionRef string
	Note               string
	// NoteLang is the note's language when it is not the municipality's ("" then).
	NoteLang string
	// Source is where the partnership's data comes from: the partnership's own
	// source, else its city's. Several sources are separated by " ; ".
	Source  string
	History []StatusChange
}

// StatusChange is one entry of a partnership's status history. Most sources give
// only the year of a change; ChangedOn is set when the day is known.
type StatusChange struct {
	Year      int
	ChangedOn *time.Time
	Status    string
	Note      string
	// NoteLang is the note's language when it is not the municipality's ("" then).
	NoteLang string
}

// Get returns partnership id of a municipality with its status history. A
// partnership of another municipality, an archived one or an unknown id is
// ErrNotFound, so that one municipality's page never shows another's partnership.
func (s *Store) Get(ctx context.Context, municipalityID, id int64) (Detail, error) {
	var d Detail
	err := s.db.QueryRow(ctx, `
SELECT p.id, c.name, c.name_en, coalesce(c.country, ''), p.kind, p.status, p.since_year,
       c.latitude::float8, c.longitude::float8, p.is_demo OR c.is_demo,
       c.id, coalesce(p.council_decision_ref, ''), p.note, coalesce(p.note_lang, ''), coalesce(p.source, c.source, '')
FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id
WHERE p.id = $1 AND p.municipality_id = $2 AND p.archived_at IS NULL`, id, municipalityID).
		Scan(&d.ID, &d.City, &d.CityEn, &d.Country, &d.Kind, &d.Status, &d.SinceYear,
			&d.Latitude, &d.Longitude, &d.IsDemo,
			&d.CityID, &d.CouncilDecisionRef, &d.Note, &d.NoteLang, &d.Source)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, fmt.Errorf("get partnership %d of municipality %d: %w", id, municipalityID, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("get partnership %d of municipality %d: %w", id, municipalityID, err)
	}
	rows, err := s.db.Query(ctx, `
SELECT year, changed_on, status, note, coalesce(note_lang, '') FROM partnership_status_change
WHERE partnership_id = $1
ORDER BY year, changed_on NULLS FIRST, id`, id)
	if err != nil {
		return d, fmt.Errorf("status history of partnership %d: %w", id, err)
	}
	d.History, err = pgx.CollectRows(rows, pgx.RowToStructByPos[StatusChange])
	if err != nil {
		return d, fmt.Errorf("status history of partnership %d: %w", id, err)
	}
	return d, nil
}

// Trip is a published trip to a partner city, as the partnership's page lists it.
type Trip struct {
	Reference  string
	Title      string
	StartsOn   *time.Time
	EndsOn     *time.Time
	Currency   string
	MinorUnits int
	// TotalMinor is the actual total once actual costs are in, else the planned one
	// (see the trip_figures view).
	TotalMinor int64
	HasActual  bool
	IsDemo     bool
}

// TripsShown is how many trips the partnership's page lists: the latest; the
// register, filtered by the partnership, has them all.
const TripsShown = 10

// Trips returns the latest TripsShown published trips of a municipality that went
// to the partnership's city or were made for the partnership, newest first, with
// the number of all such trips and the day the last of them ended. Trips in any
// other state are never counted. register_partnership (migration 00062) lists
// them in this order, so the count and the latest are read from its index.
func (s *Store) Trips(ctx context.Context, municipalityID int64, d Detail) (list []Trip, count int, lastEnd *time.Time, err error) {
	err = s.db.QueryRow(ctx, `SELECT count(*), max(coalesce(rp.ends_on, rp.starts_on))
FROM register_partnership rp JOIN partnership ps ON ps.id = rp.partnership_id
WHERE rp.partnership_id = $2 AND ps.municipality_id = $1`,
		municipalityID, d.ID).Scan(&count, &lastEnd)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("count trips of partnership %d: %w", d.ID, err)
	}
	rows, err := s.db.Query(ctx, `
SELECT t.reference, t.title, t.starts_on, t.ends_on, t.currency, cu.minor_units,
       f.total_minor, f.has_actual, t.is_demo
FROM (SELECT rp.trip_id, rp.starts_on, rp.reference
        FROM register_partnership rp JOIN partnership ps ON ps.id = rp.partnership_id
       WHERE rp.partnership_id = $2 AND ps.municipality_id = $1
       ORDER BY rp.starts_on DESC NULLS LAST, rp.reference DESC LIMIT $3) rp
JOIN trip t ON t.id = rp.trip_id
JOIN trip_figures f ON f.trip_id = t.id
JOIN currency cu ON cu.code = t.currency
ORDER BY rp.starts_on DESC NULLS LAST, rp.reference DESC`, municipalityID, d.ID, TripsShown)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("trips of partnership %d: %w", d.ID, err)
	}
	list, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Trip])
	if err != nil {
		return nil, 0, nil, fmt.Errorf("trips of partnership %d: %w", d.ID, err)
	}
	return list, count, lastEnd, nil
}

// Project is an externally funded project run within a partnership.
type Project struct {
	ID          int64
	Title       string
	Description string
	Funder      string
	Programme   string
	// FundingMinor is the external funding in minor units of Currency; nil when
	// not known.
	FundingMinor *int64
	Currency     string
	MinorUnits   int
	StartsOn     *time.Time
	EndsOn       *time.Time
	Status       string // planned, running, completed, cancelled
	IsDemo       bool
}

// Projects returns the projects of a partnership, newest first.
func (s *Store) Projects(ctx context.Context, municipalityID, partnershipID int64) ([]Project, error) {
	rows, err := s.db.Query(ctx, `
SELECT pr.id, pr.title, pr.description, pr.funder, pr.programme, pr.funding_minor,
       pr.currency, cu.minor_units, pr.starts_on, pr.ends_on, pr.status, pr.is_demo
FROM project pr JOIN currency cu ON cu.code = pr.currency
WHERE pr.municipality_id = $1 AND pr.partnership_id = $2 AND pr.archived_at IS NULL
ORDER BY pr.starts_on DESC NULLS LAST, pr.title`, municipalityID, partnershipID)
	if err != nil {
		return nil, fmt.Errorf("projects of partnership %d: %w", partnershipID, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Project])
	if err != nil {
		return nil, fmt.Errorf("projects of partnership %d: %w", partnershipID, err)
	}
	return list, nil
}

// PartnershipProject is a project with the partnership it belongs to.
type PartnershipProject struct {
	Project
	PartnershipID int64
}

// PublicProjects returns the projects the public partnership pages show: those of
// the municipality's partnerships that are not archived, by partnership and then
// as Projects orders them.
func (s *Store) PublicProjects(ctx context.Context, municipalityID int64) ([]PartnershipProject, error) {
	rows, err := s.db.Query(ctx, `
SELECT pr.id, pr.title, pr.description, pr.funder, pr.programme, pr.funding_minor,
       pr.currency, cu.minor_units, pr.starts_on, pr.ends_on, pr.status, pr.is_demo, pr.partnership_id
FROM project pr JOIN currency cu ON cu.code = pr.currency
JOIN partnership ps ON ps.id = pr.partnership_id AND ps.municipality_id = pr.municipality_id AND ps.archived_at IS NULL
WHERE pr.municipality_id = $1 AND pr.archived_at IS NULL
ORDER BY pr.id`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("projects of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (PartnershipProject, error) {
		var p PartnershipProject
		err := r.Scan(&p.ID, &p.Title, &p.Description, &p.Funder, &p.Programme, &p.FundingMinor,
			&p.Currency, &p.MinorUnits, &p.StartsOn, &p.EndsOn, &p.Status, &p.IsDemo, &p.PartnershipID)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("projects of municipality %d: %w", municipalityID, err)
	}
	return list, nil
}
