package budget

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// Store reads budget lines, the trips charged to them, election periods and
// exchange rates from PostgreSQL.
type Store struct{ q database.Querier }

// NewStore returns a Store on q, a pool or a transaction.
func NewStore(q database.Querier) *Store { return &Store{q: q} }

// Years returns the fiscal years in which the municipality has budget lines, ascending.
func (s *Store) Years(ctx context.Context, municipalityID int64) ([]int, error) {
	rows, err := s.q.Query(ctx, `
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
	rows, err := s.q.Query(ctx, `
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
	rows, err := s.q.Query(ctx, `
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
	// The figures per line are kept by the database (budget_line_figures, migration
	// 00031), in the same transaction as every change of a charged trip.
	rows, err := s.q.Query(ctx, `
SELECT bl.id, bl.fiscal_year::int, bl.code, bl.name, bl.owner_kind, bl.owner_name, bl.amount_minor,
       bl.currency, c.minor_units::int, bl.carries_over, bl.note, bl.is_demo,
       coalesce(f.spent_published, 0), coalesce(f.spent_unpublished, 0), coalesce(f.committed, 0),
       coalesce(f.other_currency_trips, 0), coalesce(f.published_trips, 0),
       coalesce(f.co2e_kg, 0), coalesce(f.co2e_known, 0), coalesce(f.co2e_unknown, 0)
FROM budget_line bl
JOIN currency c ON c.code = bl.currency
LEFT JOIN budget_line_figures f ON f.budget_line_id = bl.id
WHERE bl.municipality_id = $1 AND bl.fiscal_year <= $2 AND bl.archived_at IS NULL
  AND bl.code IN (SELECT code FROM budget_line WHERE municipality_id = $1 AND fiscal_year = $2 AND archived_at IS NULL)
ORDER BY bl.fiscal_year DESC,
         array_position(ARRAY['central', 'council', 'committee', 'fund', 'office'], bl.owner_kind), bl.code`,
		municipalityID, year)
	if err != nil {
		return nil, fmt.Errorf("budget lines of municipality %d for %d: %w", municipalityID, year, err)
	}
	lines, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Line, error) {
		var l Line
		err := r.Scan(&l.ID, &l.Year, &l.Code, &l.Name, &l.OwnerKind, &l.OwnerName, &l.AmountMinor,
			&l.Currency, &l.MinorUnits, &l.CarriesOver, &l.Note, &l.IsDemo,
			&l.SpentPublishedMinor, &l.SpentUnpublishedMinor, &l.CommittedMinor, &l.OtherCurrencyTrips,
			&l.PublishedTrips, &l.CO2e.Kg, &l.CO2e.Known, &l.CO2e.Unknown)
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

// TripsShown is how many trips the budget page lists under each line: the latest;
// the register, filtered by the line, has them all.
const TripsShown = 5

// PublishedTrips returns the latest published trips charged to each of the
// municipality's budget lines of year, at most TripsShown a line, by line and
// start date. Only published trips: the others are not public. The latest are
// chosen in the order of register_entry_line_idx, so a line with many trips costs
// an index probe, not a sort (5 s → 50 ms for Berlin at 1,000,000 trips).
func (s *Store) PublishedTrips(ctx context.Context, municipalityID int64, year int) ([]ChargedTrip, error) {
	rows, err := s.q.Query(ctx, `
SELECT bl.id, t.reference, t.title, t.starts_on, t.ends_on, f.actual_minor, f.co2e_kg, t.is_demo
FROM budget_line bl
CROSS JOIN LATERAL (
    SELECT e.trip_id FROM register_entry e JOIN trip t ON t.id = e.trip_id
    WHERE e.budget_line_id = bl.id AND t.currency = bl.currency
    ORDER BY e.starts_on DESC, e.reference DESC LIMIT $3) e
JOIN trip t ON t.id = e.trip_id
JOIN trip_figures f ON f.trip_id = t.id
WHERE bl.municipality_id = $1 AND bl.fiscal_year = $2 AND bl.archived_at IS NULL
ORDER BY bl.id, t.starts_on NULLS LAST, t.reference`, municipalityID, year, TripsShown)
	if err != nil {
		return nil, fmt.Errorf("published trips on the budget of municipality %d for %d: %w", municipalityID, year, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[ChargedTrip])
	if err != nil {
		return nil, fmt.Errorf("published trips on the budget of municipality %d for %d: %w", municipalityID, year, err)
	}
	return list, nil
}
