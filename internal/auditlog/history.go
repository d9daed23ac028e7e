package auditlog

import (
	"context"
	"fmt"

	"github.com/municipal-intl/portal/internal/audit"
)

// HistoryLimit is how many entries For returns at most: the newest; the audit
// log page has the rest.
const HistoryLimit = 500

// For returns the audit entries of one record of the municipality, newest
// first, for templates.History on the record's page. Entries of another
// municipality are never included, whatever the id.
func For(ctx context.Context, q audit.Querier, municipalityID int64, entity string, id int64) ([]audit.Row, error) {
	if entity == "" || id <= 0 {
		// Zero values would not filter: a record's history is never the whole log.
		return nil, nil
	}
	rows, _, err := audit.List(ctx, q, audit.Filter{
		MunicipalityID: municipalityID, Entity: entity, EntityID: id, PerPage: HistoryLimit,
	})
	if err != nil {
		return nil, fmt.Errorf("history of %s %d: %w", entity, id, err)
	}
	return rows, nil
}
