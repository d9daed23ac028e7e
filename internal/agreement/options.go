package agreement

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// Choice is one entry of a select of the agreement form.
type Choice struct {
	ID    int64
	Name  string
	Kind  string // a partnership's kind
	Value string // a party link's form value: "m" or "c" and the id
}

// Options is what the agreement form offers, all of one municipality: its
// partnerships and networks, the partner cities a party may be linked to, and
// the priorities of its current policy.
type Options struct {
	Lang         string
	Partnerships []Choice
	Networks     []Choice
	// Links are the values a party's select may take besides "": the
	// municipality itself first, then its partner cities.
	Links      []Choice
	Priorities []PriorityRef
}

// Options reads the form's choices for the municipality (named name). What the
// agreement being edited (cur, nil for a new one) links to already stays a
// choice even when it would not be offered for a new agreement (an archived
// partnership, a network left), so that saving it does not drop the link unasked.
func (s *Store) Options(ctx context.Context, municipalityID int64, name string, cur *Record) (Options, error) {
	var o Options
	var err error
	q, mid := s.db, municipalityID
	if o.Lang, err = contentLanguage(ctx, q, mid); err != nil {
		return o, err
	}
	if o.Partnerships, err = s.choices(ctx, `
SELECT p.id, pc.name, p.kind FROM partnership p JOIN partner_city pc ON pc.id = p.partner_city_id
WHERE p.municipality_id = $1 AND (p.archived_at IS NULL OR p.id = $2)
ORDER BY pc.name, p.id`, mid, curPartnership(cur)); err != nil {
		return o, fmt.Errorf("partnerships for the agreement form: %w", err)
	}
	if o.Networks, err = s.choices(ctx, `
SELECT n.id, n.name, '' FROM network n
WHERE n.id = $2 OR (n.archived_at IS NULL AND EXISTS (
    SELECT 1 FROM network_membership nm WHERE nm.network_id = n.id AND nm.municipality_id = $1 AND nm.archived_at IS NULL))
ORDER BY n.name, n.id`, mid, curNetwork(cur)); err != nil {
		return o, fmt.Errorf("networks for the agreement form: %w", err)
	}
	o.Links = []Choice{{ID: mid, Name: name, Value: "m" + strconv.FormatInt(mid, 10)}}
	var linkedCities, linkedMunicipalities []int64
	if cur != nil {
		for _, p := range cur.Parties {
			if p.PartnerCityID != nil {
				linkedCities = append(linkedCities, *p.PartnerCityID)
			}
			if p.MunicipalityID != nil && *p.MunicipalityID != mid {
				linkedMunicipalities = append(linkedMunicipalities, *p.MunicipalityID)
			}
		}
	}
	others, err := s.choices(ctx, `
SELECT id, name, '' FROM municipality WHERE id = ANY($2::bigint[]) AND id <> $1 ORDER BY name`, mid, linkedMunicipalities)
	if err != nil {
		return o, fmt.Errorf("municipalities for the agreement form: %w", err)
	}
	for _, c := range others {
		c.Value = "m" + strconv.FormatInt(c.ID, 10)
		o.Links = append(o.Links, c)
	}
	cities, err := s.choices(ctx, `
SELECT pc.id, pc.name, '' FROM partner_city pc
WHERE pc.id = ANY($2::bigint[])
   OR EXISTS (SELECT 1 FROM partnership p WHERE p.partner_city_id = pc.id AND p.municipality_id = $1 AND p.archived_at IS NULL)
ORDER BY pc.name, pc.id`, mid, linkedCities)
	if err != nil {
		return o, fmt.Errorf("partner cities for the agreement form: %w", err)
	}
	for _, c := range cities {
		c.Value = "c" + strconv.FormatInt(c.ID, 10)
		o.Links = append(o.Links, c)
	}
	rows, err := q.Query(ctx, `
SELECT pr.id, pr.code, pr.title, pr.kind, pol.language, true
FROM priority pr JOIN policy pol ON pol.id = pr.policy_id
WHERE pol.municipality_id = $1 AND pol.archived_at IS NULL AND pr.archived_at IS NULL
ORDER BY pr.id`, mid)
	if err != nil {
		return o, fmt.Errorf("priorities for the agreement form: %w", err)
	}
	if o.Priorities, err = pgx.CollectRows(rows, scanPriority); err != nil {
		return o, fmt.Errorf("priorities for the agreement form: %w", err)
	}
	return o, nil
}

func curPartnership(cur *Record) *int64 {
	if cur == nil {
		return nil
	}
	return cur.PartnershipID
}

func curNetwork(cur *Record) *int64 {
	if cur == nil {
		return nil
	}
	return cur.NetworkID
}

func (s *Store) choices(ctx context.Context, sql string, args ...any) ([]Choice, error) {
	rows, err := s.db.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (Choice, error) {
		var c Choice
		err := row.Scan(&c.ID, &c.Name, &c.Kind)
		return c, err
	})
}

// Link finds the party link of form value v.
func (o Options) Link(v string) (Choice, bool) {
	i := slices.IndexFunc(o.Links, func(c Choice) bool { return c.Value == v })
	if i < 0 {
		return Choice{}, false
	}
	return o.Links[i], true
}

// FindChoice finds the choice of list with id.
func FindChoice(list []Choice, id int64) (Choice, bool) {
	i := slices.IndexFunc(list, func(c Choice) bool { return c.ID == id })
	if i < 0 {
		return Choice{}, false
	}
	return list[i], true
}

// HasPriority reports whether the form offers priority id.
func (o Options) HasPriority(id int64) bool {
	return slices.ContainsFunc(o.Priorities, func(p PriorityRef) bool { return p.ID == id })
}
