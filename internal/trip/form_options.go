package trip

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// FormOptions are the choices the trip form offers, all of the signed-in person's
// municipality: what a submitted value is checked against.
type FormOptions struct {
	PartnerCities []PartnerCity
	Partnerships  []PartnershipOption
	BudgetLines   []BudgetLineOption
	Priorities    []Priority
	Modes         []ModeOption
	Organisers    []string
	Accounts      []AccountOption
	// Meetings are the municipality's recorded twin-city meetings, newest first.
	Meetings []MeetingOption
}

// MeetingOption is a recorded twin-city meeting a trip can be participation in.
type MeetingOption struct {
	ID   int64
	Year int
	Host string
}

// AccountOption is an account a traveller can be linked to.
type AccountOption struct {
	ID   int64
	Name string
	Role string
}

// PartnerCity is a partner city a destination can be.
type PartnerCity struct {
	ID        int64
	Name      string
	Country   string // "" when no source says
	Latitude  string // "" when unknown
	Longitude string
}

// PartnershipOption is a partnership a trip can be made for.
type PartnershipOption struct {
	ID   int64
	City string
	Kind string
}

// BudgetLineOption is a budget line a trip can be charged to.
type BudgetLineOption struct {
	ID   int64
	Year int
	Code string
	Name string
}

// ModeOption is a transport mode with its emission factor: kg CO2e per unit, the
// unit (passenger_km, or vehicle_km for cars), the factor's year and its source.
type ModeOption struct {
	Mode   string
	Label  string
	Factor float64
	Unit   string
	Year   int
	Source string
}

// FormOptions reads the trip form's choices for municipality m in one round trip.
func (s *Store) FormOptions(ctx context.Context, m int64) (FormOptions, error) {
	var o FormOptions
	b := &pgx.Batch{}
	b.Queue(`
SELECT DISTINCT pc.id, pc.name, coalesce(pc.country, ''), coalesce(pc.latitude::text, ''), coalesce(pc.longitude::text, '')
FROM partnership ps JOIN partner_city pc ON pc.id = ps.partner_city_id
WHERE ps.municipality_id = $1 AND ps.archived_at IS NULL
ORDER BY 2, 1`, m).Query(func(rows pgx.Rows) error {
		var err error
		o.PartnerCities, err = pgx.CollectRows(rows, pgx.RowToStructByPos[PartnerCity])
		for i := range o.PartnerCities {
			o.PartnerCities[i].Latitude = TrimDecimal(o.PartnerCities[i].Latitude)
			o.PartnerCities[i].Longitude = TrimDecimal(o.PartnerCities[i].Longitude)
		}
		return err
	})
	b.Queue(`
SELECT ps.id, pc.name, ps.kind
FROM partnership ps JOIN partner_city pc ON pc.id = ps.partner_city_id
WHERE ps.municipality_id = $1 AND ps.archived_at IS NULL
ORDER BY pc.name, ps.id`, m).Query(func(rows pgx.Rows) error {
		var err error
		o.Partnerships, err = pgx.CollectRows(rows, pgx.RowToStructByPos[PartnershipOption])
		return err
	})
	b.Queue(`
SELECT id, fiscal_year::int, code, name FROM budget_line
WHERE municipality_id = $1 AND archived_at IS NULL
ORDER BY fiscal_year DESC, code`, m).Query(func(rows pgx.Rows) error {
		var err error
		o.BudgetLines, err = pgx.CollectRows(rows, pgx.RowToStructByPos[BudgetLineOption])
		return err
	})
	b.Queue(`
SELECT pr.id, pr.code, pr.title, p.language
FROM priority pr JOIN policy p ON p.id = pr.policy_id
WHERE p.municipality_id = $1 AND p.archived_at IS NULL AND pr.archived_at IS NULL AND pr.offered_for_trips
ORDER BY min(pr.id) OVER (PARTITION BY pr.kind), pr.position`, m).Query(func(rows pgx.Rows) error {
		var err error
		o.Priorities, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Priority])
		return err
	})
	b.Queue(`SELECT mode, label, kg_co2e_per_unit::float8, unit, year::int, source FROM emission_factor ORDER BY id`).Query(func(rows pgx.Rows) error {
		var err error
		o.Modes, err = pgx.CollectRows(rows, pgx.RowToStructByPos[ModeOption])
		return err
	})
	b.Queue(`
SELECT DISTINCT organiser FROM trip
WHERE municipality_id = $1 AND organiser <> '' AND archived_at IS NULL
ORDER BY 1 LIMIT 200`, m).Query(func(rows pgx.Rows) error {
		var err error
		o.Organisers, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	b.Queue(`
SELECT id, name, role FROM account
WHERE municipality_id = $1 AND active ORDER BY name, id`, m).Query(func(rows pgx.Rows) error {
		var err error
		o.Accounts, err = pgx.CollectRows(rows, pgx.RowToStructByPos[AccountOption])
		return err
	})
	b.Queue(`SELECT id, year::int, host FROM twin_city_meeting WHERE municipality_id = $1 ORDER BY year DESC, id`, m).Query(func(rows pgx.Rows) error {
		var err error
		o.Meetings, err = pgx.CollectRows(rows, pgx.RowToStructByPos[MeetingOption])
		return err
	})
	if err := s.db.SendBatch(ctx, b).Close(); err != nil {
		return FormOptions{}, fmt.Errorf("trip form options of municipality %d: %w", m, err)
	}
	return o, nil
}

// TrimDecimal drops the trailing zeros PostgreSQL writes for numeric(9,6):
// "55.733300" is "55.7333".
func TrimDecimal(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// PartnerCity returns the partner city id, and whether it is one of the choices.
func (o FormOptions) PartnerCity(id int64) (PartnerCity, bool) {
	i := slices.IndexFunc(o.PartnerCities, func(c PartnerCity) bool { return c.ID == id })
	if i < 0 {
		return PartnerCity{}, false
	}
	return o.PartnerCities[i], true
}

// Partnership returns the partnership id, and whether it is one of the choices.
func (o FormOptions) Partnership(id int64) (PartnershipOption, bool) {
	i := slices.IndexFunc(o.Partnerships, func(p PartnershipOption) bool { return p.ID == id })
	if i < 0 {
		return PartnershipOption{}, false
	}
	return o.Partnerships[i], true
}

// Meeting returns the twin-city meeting id, and whether it is one of the choices.
func (o FormOptions) Meeting(id int64) (MeetingOption, bool) {
	i := slices.IndexFunc(o.Meetings, func(m MeetingOption) bool { return m.ID == id })
	if i < 0 {
		return MeetingOption{}, false
	}
	return o.Meetings[i], true
}

// BudgetLine returns the budget line id, and whether it is one of the choices.
func (o FormOptions) BudgetLine(id int64) (BudgetLineOption, bool) {
	i := slices.IndexFunc(o.BudgetLines, func(b BudgetLineOption) bool { return b.ID == id })
	if i < 0 {
		return BudgetLineOption{}, false
	}
	return o.BudgetLines[i], true
}

// Priority returns the priority id, and whether it is one of the choices.
func (o FormOptions) Priority(id int64) (Priority, bool) {
	i := slices.IndexFunc(o.Priorities, func(p Priority) bool { return p.ID == id })
	if i < 0 {
		return Priority{}, false
	}
	return o.Priorities[i], true
}

// Mode returns transport mode with its factor, and whether it is one of the choices.
func (o FormOptions) Mode(mode string) (ModeOption, bool) {
	i := slices.IndexFunc(o.Modes, func(m ModeOption) bool { return m.Mode == mode })
	if i < 0 {
		return ModeOption{}, false
	}
	return o.Modes[i], true
}
