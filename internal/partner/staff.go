package partner

import (
	"errors"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/policy"
)

// Errors of the workspace's saves, besides ErrNotFound.
var (
	// ErrConflict reports a save from a form whose version is no longer the
	// record's: someone else saved meanwhile, and nothing was written.
	ErrConflict = errors.New("record changed meanwhile")
	// ErrDuplicate reports a partnership with a city the municipality has one
	// with already, a network name that exists, or a network joined twice.
	ErrDuplicate = errors.New("record exists already")
)

// Refusal is a save refused by an enforced rule of the municipality's policy.
type Refusal struct{ Violation policy.Violation }

func (r *Refusal) Error() string { return "refused by policy rule " + r.Violation.Rule.Kind }

// Actor is who saves, for whom and when: every save is scoped to MunicipalityID
// and logged in the audit log under AccountID and RequestID.
type Actor struct {
	AccountID      int64
	MunicipalityID int64
	RequestID      string
	Now            time.Time
}

// created is the audit entry's changes of a new record: its fields with a
// value, from nothing.
func created(fields map[string]any) map[string]audit.Change {
	for k, v := range fields {
		switch v := v.(type) {
		case string:
			if v == "" {
				delete(fields, k)
			}
		case []string:
			if len(v) == 0 {
				delete(fields, k)
			}
		}
	}
	return audit.Diff(nil, fields)
}

func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

// nullIfEmpty stores "" as NULL in the nullable text columns.
func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// intOrNil is an optional year as the audit log shows it.
func intOrNil(v *int) any {
	if v == nil {
		return nil
	}
	return *v
}

func timeOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

func dateOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Format("2006-01-02")
}
