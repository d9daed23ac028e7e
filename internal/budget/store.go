package budget

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/trip"
)

// Store reads budget lines, the trips charged to them, election periods and
// exchange rates from PostgreSQL.
type Store struct{ pool *pgxpool.Pool }

// NewStore returns a Store on pool.
func NewStore(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

// Years returns the fiscal years in which the municipality has budget lines, ascending.
func (s *Store) Years(ctx context.Context, municipalityID int64) ([]int, error) {
	rows, err := s.pool.Query(ctx, `
SELECT DISTINCT fiscal_year::int FROM budget_line
WHERE municipality_id = $1 AND archived_at IS NULL ORDER BY 1`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("budget years of municipality %d: %w", municipalityID, err)
	}
	years, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		return nil, fmt.Errorf("budget years of municipality %d: %w", municipalityID, err)
	}
	return years, nil
}

// Periods returns the election periods of the municipal councils of a country
// (country-wide ones, of any body), by start.
func (s *Store) Periods(ctx context.Context, country string) ([]Period, error) {
	rows, err := s.pool.Query(ctx, `
SELECT starts_on, ends_on FROM election_period
WHERE country = $1 AND region = '' ORDER BY starts_on, ends_on`, country)
	if err != nil {
		return nil, fmt.Errorf("election periods of %s: %w", country, err)
	}
	periods, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Period])
	if err != nil {
		return nil, fmt.Errorf("election periods of %s: %w", country, err)
	}
	return periods, nil
}

// PeriodsOf returns the election periods that apply to a municipality: those of
// its country as a whole and of its state or region (German councils are elected
// under each state's law).
func (s *Store) PeriodsOf(ctx context.Context, municipalityID int64) ([]Period, error) {
	rows, err := s.pool.Query(ctx, `
SELECT e.starts_on, e.ends_on FROM election_period e JOIN municipality m ON m.country = e.country AND e.region IN ('', m.region)
WHERE m.id = $1 ORDER BY e.starts_on, e.ends_on`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("election periods of municipality %d: %w", municipalityID, err)
	}
	periods, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Period])
	if err != nil {
		return nil, fmt.Errorf("election periods of municipality %d: %w", municipalityID, err)
	}
	return periods, nil
}

// Lines returns the budget lines of a municipality for year together with the lines
// of earlier years that have the same codes (they may carry money into year), each
// with the money of the trips charged to it. Lines of year come in the order the
// budget page shows them: by kind of owner, then code.
func (s *Store) Lines(ctx context.Context, municipalityID int64, year int) ([]Line, error) {
	rows, err := s.pool.Query(ctx, `
SELECT bl.id, bl.fiscal_year::int, bl.code, bl.name, bl.owner_kind, bl.owner_name, bl.amount_minor,
       bl.currency, c.minor_units::int, bl.carries_over, bl.note, bl.is_demo,
       coalesce(sum(f.actual_minor) FILTER (WHERE t.currency = bl.currency AND t.status = $3), 0)::bigint,
       coalesce(sum(f.actual_minor) FILTER (WHERE t.currency = bl.currency AND t.status = ANY($4) AND t.status <> $3), 0)::bigint,
       coalesce(sum(f.planned_minor) FILTER (WHERE t.currency = bl.currency AND t.status = ANY($5)), 0)::bigint,
       count(t.id) FILTER (WHERE t.currency <> bl.currency AND (t.status = ANY($4) OR t.status = ANY($5)))::int
FROM budget_line bl
JOIN currency c ON c.code = bl.currency
LEFT JOIN trip t ON t.budget_line_id = bl.id AND t.archived_at IS NULL
LEFT JOIN trip_figures f ON f.trip_id = t.id
WHERE bl.municipality_id = $1 AND bl.fiscal_year <= $2 AND bl.archived_at IS NULL
  AND bl.code IN (SELECT code FROM budget_line WHERE municipality_id = $1 AND fiscal_year = $2 AND archived_at IS NULL)
GROUP BY bl.id, c.minor_units
ORDER BY bl.fiscal_year DESC,
         array_position(ARRAY['central', 'council', 'committee', 'fund', 'office'], bl.owner_kind), bl.code`,
		municipalityID, year, trip.StatusPublished, SpentStatuses, CommittedStatuses)
	if err != nil {
		return nil, fmt.Errorf("budget lines of municipality %d for %d: %w", municipalityID, year, err)
	}
	lines, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Line, error) {
		var l Line
		err := r.Scan(&l.ID, &l.Year, &l.Code, &l.Name, &l.OwnerKind, &l.OwnerName, &l.AmountMinor,
			&l.Currency, &l.MinorUnits, &l.CarriesOver, &l.Note, &l.IsDemo,
			&l.SpentPublishedMinor, &l.SpentUnpublishedMinor, &l.CommittedMinor, &l.OtherCurrencyTrips)
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("budget lines of municipality %d for %d: %w", municipalityID, year, err)
	}
	return lines, nil
}

// Sheet loads and accounts the budget of a municipality in country for year.
func (s *Store) Sheet(ctx context.Context, municipalityID int64, country string, year int) (Sheet, error) {
	lines, err := s.Lines(ctx, municipalityID, year)
	if err != nil {
		return Sheet{}, err
	}
	periods, err := s.PeriodsOf(ctx, municipalityID)
	if err != nil {
		return Sheet{}, err
	}
	return Account(lines, periods, year), nil
}

// PublishedTrips returns the published trips charged to the municipality's budget
// lines of year, by line and start date. Only published trips: the others are not public.
func (s *Store) PublishedTrips(ctx context.Context, municipalityID int64, year int) ([]ChargedTrip, error) {
	rows, err := s.pool.Query(ctx, `
SELECT t.budget_line_id, t.reference, t.purpose, t.starts_on, t.ends_on, f.actual_minor, f.co2e_kg, t.is_demo
FROM trip t
JOIN budget_line bl ON bl.id = t.budget_line_id
JOIN trip_figures f ON f.trip_id = t.id
WHERE bl.municipality_id = $1 AND bl.fiscal_year = $2 AND bl.archived_at IS NULL
  AND t.status = $3 AND t.archived_at IS NULL AND t.currency = bl.currency
ORDER BY t.budget_line_id, t.starts_on NULLS LAST, t.reference`, municipalityID, year, trip.StatusPublished)
	if err != nil {
		return nil, fmt.Errorf("published trips on the budget of municipality %d for %d: %w", municipalityID, year, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[ChargedTrip])
	if err != nil {
		return nil, fmt.Errorf("published trips on the budget of municipality %d for %d: %w", municipalityID, year, err)
	}
	return list, nil
}
