package municipality

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Coverage is the time a municipality's published data spans, per dataset, for
// its open-data catalogue; a nil bound means the dataset is empty.
type Coverage struct {
	MunicipalityID int64
	// Modified is when the municipality's public content last changed
	// (content_version, migration 00030).
	Modified time.Time
	// TripsFrom and TripsTo are the first and last start dates of its published trips.
	TripsFrom, TripsTo *time.Time
	// PartnershipsFrom is the earliest year a current partnership began.
	PartnershipsFrom *int
	// AgreementsFrom and AgreementsTo bound the signature dates of its public agreements.
	AgreementsFrom, AgreementsTo *time.Time
	// BudgetFrom and BudgetTo are the first and last fiscal years with budget lines.
	BudgetFrom, BudgetTo *int
}

// Coverages returns the coverage of every municipality's datasets, by id. Each
// bound is read from an index (register_entry's date index for the trips), so the
// catalogue costs the same at 100,000 trips as at ten.
func (s *Store) Coverages(ctx context.Context) (map[int64]Coverage, error) {
	rows, err := s.q.Query(ctx, `
SELECT m.id, coalesce(cv.changed_at, m.created_at),
       (SELECT e.starts_on FROM register_entry e WHERE e.municipality_id = m.id AND e.starts_on IS NOT NULL
        ORDER BY e.starts_on LIMIT 1),
       (SELECT e.starts_on FROM register_entry e WHERE e.municipality_id = m.id AND e.starts_on IS NOT NULL
        ORDER BY e.starts_on DESC LIMIT 1),
       (SELECT min(p.since_year)::int FROM partnership p WHERE p.municipality_id = m.id AND p.archived_at IS NULL),
       (SELECT min(a.signed_on) FROM agreement a WHERE a.municipality_id = m.id AND a.archived_at IS NULL
          AND a.status IN ('in_force', 'expired', 'terminated')),
       (SELECT max(a.signed_on) FROM agreement a WHERE a.municipality_id = m.id AND a.archived_at IS NULL
          AND a.status IN ('in_force', 'expired', 'terminated')),
       (SELECT min(b.fiscal_year)::int FROM budget_line b WHERE b.municipality_id = m.id AND b.archived_at IS NULL),
       (SELECT max(b.fiscal_year)::int FROM budget_line b WHERE b.municipality_id = m.id AND b.archived_at IS NULL)
FROM municipality m LEFT JOIN content_version cv ON cv.municipality_id = m.id`)
	if err != nil {
		return nil, fmt.Errorf("catalogue coverage: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Coverage, error) {
		var c Coverage
		err := r.Scan(&c.MunicipalityID, &c.Modified, &c.TripsFrom, &c.TripsTo, &c.PartnershipsFrom,
			&c.AgreementsFrom, &c.AgreementsTo, &c.BudgetFrom, &c.BudgetTo)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("catalogue coverage: %w", err)
	}
	out := make(map[int64]Coverage, len(list))
	for _, c := range list {
		out[c.MunicipalityID] = c
	}
	return out, nil
}
