package partner

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Membership is a municipality's membership of a network of cities.
type Membership struct {
	NetworkID   int64
	Name        string
	Description string
	Website     string
	Role        string // member or coordinator
	SinceYear   *int64
	UntilYear   *int64
	IsDemo      bool
	// Language is the language the description is written in.
	Language string
	// Cities are the partner cities taking part in the network, by name.
	Cities []NetworkCity
}

// NetworkCity is a partner city in a network; PartnershipID is set when the
// municipality also has a partnership with it.
type NetworkCity struct {
	Name          string
	PartnershipID *int64
}

// Networks returns the networks a municipality belongs to: current memberships
// first, then by name.
func (s *Store) Networks(ctx context.Context, municipalityID int64) ([]Membership, error) {
	rows, err := s.db.Query(ctx, `
SELECT n.id, n.name, n.description, coalesce(n.website, ''), nm.role, nm.since_year, nm.until_year,
       nm.is_demo OR n.is_demo, coalesce(n.language, m.languages[1])
FROM network_membership nm JOIN network n ON n.id = nm.network_id JOIN municipality m ON m.id = nm.municipality_id
WHERE nm.municipality_id = $1 AND nm.archived_at IS NULL AND n.archived_at IS NULL
ORDER BY nm.until_year IS NOT NULL, n.name`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("networks of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Membership, error) {
		var m Membership
		err := r.Scan(&m.NetworkID, &m.Name, &m.Description, &m.Website, &m.Role, &m.SinceYear, &m.UntilYear, &m.IsDemo, &m.Language)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("networks of municipality %d: %w", municipalityID, err)
	}
	if len(list) == 0 {
		return list, nil
	}
	rows, err = s.db.Query(ctx, `
SELECT npc.network_id, c.name, p.id
FROM network_partner_city npc
JOIN network_membership nm ON nm.network_id = npc.network_id AND nm.municipality_id = $1 AND nm.archived_at IS NULL
JOIN partner_city c ON c.id = npc.partner_city_id
LEFT JOIN partnership p ON p.partner_city_id = c.id AND p.municipality_id = $1 AND p.archived_at IS NULL
ORDER BY c.name`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("network cities of municipality %d: %w", municipalityID, err)
	}
	type cityRow struct {
		NetworkID int64
		NetworkCity
	}
	cities, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (cityRow, error) {
		var c cityRow
		err := r.Scan(&c.NetworkID, &c.Name, &c.PartnershipID)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("network cities of municipality %d: %w", municipalityID, err)
	}
	byNetwork := map[int64][]NetworkCity{}
	for _, c := range cities {
		byNetwork[c.NetworkID] = append(byNetwork[c.NetworkID], c.NetworkCity)
	}
	for i := range list {
		list[i].Cities = byNetwork[list[i].NetworkID]
	}
	return list, nil
}
