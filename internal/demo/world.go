package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/body"
	tripkind "github.com/municipal-intl/portal/internal/trip"
)

// world is what the demo data hangs off: the seeded municipalities with their
// partnerships, priorities and rules, the networks and the reference numbers in use.
type world struct {
	municipalities []*municipality
	networks       map[string]int64 // by name
	modes          map[string]bool  // emission_factor.mode
}

type municipality struct {
	id         int64
	slug       string
	code       string
	name       string
	country    string
	currency   string
	minorUnits int
	lang       string
	population int64
	lat, lon   float64
	partners   []partner
	priorities []priority
	rules      map[string]bool // policy_rule.kind of the current policy
	// tripRules are the parameters of the rules the lifecycle applies to trips,
	// by kind, as it reads them (trip.Store.TripRules).
	tripRules map[string]tripkind.Rule
	// bodies are the municipality's bodies, archived ones included (a line held
	// by an archived body is still that body's, as the lifecycle sees it).
	bodies []body.Body
	// seededBudget are the municipality's own budget lines of its latest seeded year,
	// whose structure the demo budget repeats (Ballerup's 2015 lines).
	seededBudget []seededLine
	// lastNumber is the highest trip reference number in use per year.
	lastNumber map[int]int
	// budgetCodes are the budget line codes in use per fiscal year.
	budgetCodes map[int]map[string]bool
}

type partner struct {
	partnershipID int64
	cityID        int64
	name, nameEN  string
	country       string
	lat, lon      float64
	hasCoords     bool
	kind, status  string
}

type priority struct {
	id   int64
	code string
	// forTrips: a focus area or theme, offered for trips (priority.offered_for_trips).
	forTrips bool
}

type seededLine struct {
	code, name, ownerKind, ownerName string
	bodyID                           int64 // the body holding the line; 0: none
	amountMinor                      int64
	carriesOver                      bool
}

// readWorld reads the reference data inside tx; it locks the reference counters so
// that no trip is submitted meanwhile with a number the demo data takes. The
// lifecycle's rules are those it applies on day now (a policy not valid then asks
// nothing of the trips).
func readWorld(ctx context.Context, tx pgx.Tx, now time.Time) (*world, error) {
	w := &world{networks: map[string]int64{}, modes: map[string]bool{}}
	rows, err := tx.Query(ctx, `
		SELECT m.id, m.slug, m.code, m.name, m.country, m.currency, c.minor_units,
		       coalesce(m.languages[1], 'en'), coalesce(m.population, 1),
		       coalesce(m.latitude, 0)::float8, coalesce(m.longitude, 0)::float8
		FROM municipality m JOIN currency c ON c.code = m.currency
		ORDER BY m.id`)
	if err != nil {
		return nil, fmt.Errorf("read municipalities: %w", err)
	}
	byID := map[int64]*municipality{}
	for rows.Next() {
		m := &municipality{rules: map[string]bool{}, lastNumber: map[int]int{}, budgetCodes: map[int]map[string]bool{}}
		if err := rows.Scan(&m.id, &m.slug, &m.code, &m.name, &m.country, &m.currency, &m.minorUnits,
			&m.lang, &m.population, &m.lat, &m.lon); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read municipalities: %w", err)
		}
		w.municipalities = append(w.municipalities, m)
		byID[m.id] = m
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read municipalities: %w", err)
	}
	if len(w.municipalities) == 0 {
		return nil, fmt.Errorf("no municipalities: run portal migrate up first")
	}

	steps := []struct {
		what string
		sql  string
		scan func(pgx.Rows) error
	}{
		{"partnerships", `
			SELECT ps.municipality_id, ps.id, pc.id, pc.name, pc.name_en, coalesce(pc.country, ''),
			       pc.latitude IS NOT NULL, coalesce(pc.latitude, 0)::float8, coalesce(pc.longitude, 0)::float8,
			       ps.kind, ps.status
			FROM partnership ps JOIN partner_city pc ON pc.id = ps.partner_city_id
			WHERE ps.archived_at IS NULL
			ORDER BY ps.municipality_id, ps.id`,
			func(r pgx.Rows) error {
				var mid int64
				var p partner
				if err := r.Scan(&mid, &p.partnershipID, &p.cityID, &p.name, &p.nameEN, &p.country,
					&p.hasCoords, &p.lat, &p.lon, &p.kind, &p.status); err != nil {
					return err
				}
				if m := byID[mid]; m != nil {
					m.partners = append(m.partners, p)
				}
				return nil
			}},
		{"priorities", `
			SELECT po.municipality_id, p.id, p.code, p.offered_for_trips
			FROM priority p JOIN policy po ON po.id = p.policy_id
			WHERE po.archived_at IS NULL AND p.archived_at IS NULL
			ORDER BY po.municipality_id, p.id`,
			func(r pgx.Rows) error {
				var mid int64
				var p priority
				if err := r.Scan(&mid, &p.id, &p.code, &p.forTrips); err != nil {
					return err
				}
				if m := byID[mid]; m != nil {
					m.priorities = append(m.priorities, p)
				}
				return nil
			}},
		{"policy rules", `
			SELECT po.municipality_id, r.kind
			FROM policy_rule r JOIN policy po ON po.id = r.policy_id
			WHERE po.archived_at IS NULL AND r.archived_at IS NULL`,
			func(r pgx.Rows) error {
				var mid int64
				var kind string
				if err := r.Scan(&mid, &kind); err != nil {
					return err
				}
				if m := byID[mid]; m != nil {
					m.rules[kind] = true
				}
				return nil
			}},
		{"seeded budget lines", `
			SELECT b.municipality_id, b.code, b.name, b.owner_kind, b.owner_name, b.amount_minor, b.carries_over,
			       coalesce(b.body_id, 0)
			FROM budget_line b
			WHERE NOT b.is_demo AND b.archived_at IS NULL AND b.fiscal_year =
			      (SELECT max(fiscal_year) FROM budget_line x WHERE x.municipality_id = b.municipality_id AND NOT x.is_demo)
			ORDER BY b.municipality_id, b.id`,
			func(r pgx.Rows) error {
				var mid int64
				var l seededLine
				if err := r.Scan(&mid, &l.code, &l.name, &l.ownerKind, &l.ownerName, &l.amountMinor, &l.carriesOver, &l.bodyID); err != nil {
					return err
				}
				if m := byID[mid]; m != nil {
					m.seededBudget = append(m.seededBudget, l)
				}
				return nil
			}},
		{"budget line codes", `SELECT municipality_id, fiscal_year, code FROM budget_line`,
			func(r pgx.Rows) error {
				var mid int64
				var year int
				var code string
				if err := r.Scan(&mid, &year, &code); err != nil {
					return err
				}
				if m := byID[mid]; m != nil {
					if m.budgetCodes[year] == nil {
						m.budgetCodes[year] = map[string]bool{}
					}
					m.budgetCodes[year][code] = true
				}
				return nil
			}},
		{"reference counters", `
			SELECT municipality_id, year, last_number FROM trip_reference_counter FOR UPDATE`,
			func(r pgx.Rows) error {
				var mid int64
				var year, n int
				if err := r.Scan(&mid, &year, &n); err != nil {
					return err
				}
				if m := byID[mid]; m != nil && n > m.lastNumber[year] {
					m.lastNumber[year] = n
				}
				return nil
			}},
		{"trip references", `
			SELECT municipality_id, split_part(reference, '-', 2)::int, max(split_part(reference, '-', 3)::int)
			FROM trip WHERE reference IS NOT NULL GROUP BY 1, 2`,
			func(r pgx.Rows) error {
				var mid int64
				var year, n int
				if err := r.Scan(&mid, &year, &n); err != nil {
					return err
				}
				if m := byID[mid]; m != nil && n > m.lastNumber[year] {
					m.lastNumber[year] = n
				}
				return nil
			}},
		{"networks", `SELECT name, id FROM network WHERE archived_at IS NULL`,
			func(r pgx.Rows) error {
				var name string
				var id int64
				if err := r.Scan(&name, &id); err != nil {
					return err
				}
				w.networks[name] = id
				return nil
			}},
		{"emission factors", `SELECT mode FROM emission_factor`,
			func(r pgx.Rows) error {
				var mode string
				if err := r.Scan(&mode); err != nil {
					return err
				}
				w.modes[mode] = true
				return nil
			}},
	}
	for _, s := range steps {
		rows, err := tx.Query(ctx, s.sql)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", s.what, err)
		}
		for rows.Next() {
			if err := s.scan(rows); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read %s: %w", s.what, err)
			}
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read %s: %w", s.what, err)
		}
	}
	// The bodies and the lifecycle's rules, through their areas' stores: the demo
	// applies the rules as the lifecycle does, to the bodies as they are recorded.
	bodies, trips := body.NewStore(tx), tripkind.NewStore(tx)
	for _, m := range w.municipalities {
		var err error
		if m.bodies, err = bodies.List(ctx, m.id); err != nil {
			return nil, err
		}
		if m.tripRules, err = trips.TripRules(ctx, m.id, now); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// bodyByID returns the municipality's body id, if it has it.
func (m *municipality) bodyByID(id int64) (body.Body, bool) {
	for _, b := range m.bodies {
		if b.ID == id {
			return b, true
		}
	}
	return body.Body{}, false
}

// bodyNamed returns the id of the municipality's active body called name (in
// any case), or 0.
func (m *municipality) bodyNamed(name string) int64 {
	for _, b := range m.bodies {
		if b.ArchivedAt == nil && strings.EqualFold(b.Name, name) {
			return b.ID
		}
	}
	return 0
}

// priorityIDs returns the ids of the priorities with the given codes, in order.
// tripPriorityIDs is priorityIDs of the priorities offered for trips only.
func (m *municipality) tripPriorityIDs(codes []string) []int64 {
	var ids []int64
	for _, c := range codes {
		for _, p := range m.priorities {
			if p.code == c && p.forTrips {
				ids = append(ids, p.id)
			}
		}
	}
	return ids
}

// tripPriorities are the priorities offered for trips.
func (m *municipality) tripPriorities() []priority {
	var out []priority
	for _, p := range m.priorities {
		if p.forTrips {
			out = append(out, p)
		}
	}
	return out
}

func (m *municipality) priorityIDs(codes []string) []int64 {
	var ids []int64
	for _, c := range codes {
		for _, p := range m.priorities {
			if p.code == c {
				ids = append(ids, p.id)
			}
		}
	}
	return ids
}

// partnerByName finds an active partnership by the partner city's English name.
func (m *municipality) partnerByName(nameEN string) *partner {
	for i := range m.partners {
		if m.partners[i].nameEN == nameEN {
			return &m.partners[i]
		}
	}
	return nil
}
