package trip

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// RulePlansPublic is the policy rule under which approved plans are public before
// the trip (migration 00107).
const RulePlansPublic = "plans_public_before_travel"

// UpcomingShown is how many upcoming plans the municipality's page lists; the
// upcoming trips page lists up to UpcomingMax.
const (
	UpcomingShown = 5
	UpcomingMax   = 500
)

// Upcoming is an approved plan of a trip that has not ended yet.
type Upcoming struct {
	ID           int64
	Reference    string
	Purpose      string
	StartsOn     time.Time
	EndsOn       time.Time
	Organiser    string
	Cities       []string
	Countries    []string
	Travellers   []string
	Roles        []string
	PlannedMinor int64
	Currency     string
	MinorUnits   int
	IsDemo       bool
	ApprovedAt   *time.Time
	Title        string
	// Language is the municipality's, in which staff write the trip.
	Language string
	// Kinds are the travellers' kinds (KindPolitician, ...), as Travellers.
	Kinds []string
}

// PlansPublic reports whether the municipality's current policy has the rule that
// plans are public before travel.
func (s *Store) PlansPublic(ctx context.Context, municipalityID int64) (bool, error) {
	var ok bool
	err := s.db.QueryRow(ctx, `
SELECT EXISTS (SELECT 1 FROM policy_rule r JOIN policy p ON p.id = r.policy_id
WHERE p.municipality_id = $1 AND p.archived_at IS NULL AND r.archived_at IS NULL AND r.kind = $2)`,
		municipalityID, RulePlansPublic).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("read policy rule %s: %w", RulePlansPublic, err)
	}
	return ok, nil
}

// UpcomingPlans returns at most limit of the municipality's approved plans that end
// on or after today, the soonest first. It does not ask whether they are public:
// the caller shows them only where PlansPublic says so.
func (s *Store) UpcomingPlans(ctx context.Context, municipalityID int64, today time.Time, limit int) ([]Upcoming, error) {
	rows, err := s.db.Query(ctx, `
SELECT t.id, t.reference, t.purpose, t.starts_on, coalesce(t.ends_on, t.starts_on), t.organiser,
       ARRAY(SELECT d.city FROM trip_destination d WHERE d.trip_id = t.id ORDER BY d.position),
       ARRAY(SELECT d.country::text FROM trip_destination d WHERE d.trip_id = t.id ORDER BY d.position),
       ARRAY(SELECT v.name FROM trip_traveller v WHERE v.trip_id = t.id ORDER BY v.position),
       ARRAY(SELECT v.role FROM trip_traveller v WHERE v.trip_id = t.id ORDER BY v.position),
       coalesce((SELECT sum(c.planned_minor) FROM trip_cost c WHERE c.trip_id = t.id), 0)::bigint,
       t.currency, cu.minor_units::int, t.is_demo, t.approved_at, t.title, m.languages[1],
       ARRAY(SELECT v.kind FROM trip_traveller v WHERE v.trip_id = t.id ORDER BY v.position)
FROM trip t JOIN currency cu ON cu.code = t.currency JOIN municipality m ON m.id = t.municipality_id
WHERE t.municipality_id = $1 AND t.status = 'approved' AND t.archived_at IS NULL
  AND t.starts_on IS NOT NULL AND t.reference IS NOT NULL
  AND coalesce(t.ends_on, t.starts_on) >= $2::date
ORDER BY t.starts_on, t.reference
LIMIT $3`, municipalityID, today, limit)
	if err != nil {
		return nil, fmt.Errorf("upcoming plans of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Upcoming])
	if err != nil {
		return nil, fmt.Errorf("upcoming plans of municipality %d: %w", municipalityID, err)
	}
	return list, nil
}
