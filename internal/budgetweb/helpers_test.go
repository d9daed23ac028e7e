package budgetweb_test

import (
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/servertest"
)

// fixture is a portal on a fresh database with Ballerup's administrator signed in.
type fixture = servertest.Admin

func setup(t *testing.T) fixture { return servertest.NewAdmin(t, "ballerup") }

// withoutRecurringLines leaves municipality slug with its 2015 lines only, none
// recurring, so that a test's own lines of later years are the only ones there
// (Ballerup's seeded lines otherwise recur in every year up to this one).
func withoutRecurringLines(t *testing.T, pool *pgxpool.Pool, slug string) {
	t.Helper()
	for _, sql := range []string{
		`DELETE FROM budget_line WHERE municipality_id = (SELECT id FROM municipality WHERE slug = $1) AND fiscal_year > 2015`,
		`UPDATE budget_line SET adopted_minor = NULL WHERE municipality_id = (SELECT id FROM municipality WHERE slug = $1)`,
	} {
		if _, err := pool.Exec(t.Context(), sql, slug); err != nil {
			t.Fatal(err)
		}
	}
}
