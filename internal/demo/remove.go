package demo

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/database"
)

// Remove deletes every demo row, in one transaction, and returns the rows deleted
// per table. The reference counters stay, so a real trip never gets a number a
// demo trip had. Where a real row points at a demo row (a real trip paid from a
// demo budget line, say) the link is cleared; the summary counts those under
// "unlinked". Audit entries made by demo accounts go with the accounts.
func Remove(ctx context.Context, pool *pgxpool.Pool) (Summary, error) {
	sum := Summary{}
	err := database.Transact(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, lockSQL); err != nil {
			return fmt.Errorf("lock demo data: %w", err)
		}
		// Rows that go with their parent by ON DELETE CASCADE, counted first.
		counts := []struct{ table, sql string }{
			{"trip_destination", `SELECT count(*) FROM trip_destination WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"trip_traveller", `SELECT count(*) FROM trip_traveller WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"trip_programme_item", `SELECT count(*) FROM trip_programme_item WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"trip_cost", `SELECT count(*) FROM trip_cost WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"trip_priority", `SELECT count(*) FROM trip_priority WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"trip_report", `SELECT count(*) FROM trip_report WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"trip_transition", `SELECT count(*) FROM trip_transition WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"agreement_party", `SELECT count(*) FROM agreement_party WHERE agreement_id IN (SELECT id FROM agreement WHERE is_demo)`},
			{"agreement_priority", `SELECT count(*) FROM agreement_priority WHERE agreement_id IN (SELECT id FROM agreement WHERE is_demo)`},
			{"project_priority", `SELECT count(*) FROM project_priority WHERE project_id IN (SELECT id FROM project WHERE is_demo)`},
			{"body_member", `SELECT count(*) FROM body_member WHERE account_id IN (SELECT id FROM account WHERE is_demo)`},
		}
		for _, c := range counts {
			var n int64
			if err := tx.QueryRow(ctx, c.sql).Scan(&n); err != nil {
				return fmt.Errorf("count demo %s: %w", c.table, err)
			}
			sum[c.table] = n
		}
		// Real rows that point at demo rows lose the link.
		unlink := []string{
			`UPDATE trip SET budget_line_id = NULL WHERE NOT is_demo AND budget_line_id IN (SELECT id FROM budget_line WHERE is_demo)`,
			`UPDATE trip SET author_id = NULL WHERE NOT is_demo AND author_id IN (SELECT id FROM account WHERE is_demo)`,
			`UPDATE trip SET partnership_id = NULL WHERE NOT is_demo AND partnership_id IN (SELECT id FROM partnership WHERE is_demo)`,
			`UPDATE trip_transition SET actor_id = NULL WHERE actor_id IN (SELECT id FROM account WHERE is_demo)
				AND trip_id IN (SELECT id FROM trip WHERE NOT is_demo)`,
			`UPDATE trip_destination SET partner_city_id = NULL WHERE partner_city_id IN (SELECT id FROM partner_city WHERE is_demo)
				AND trip_id IN (SELECT id FROM trip WHERE NOT is_demo)`,
			`UPDATE attachment SET uploaded_by = NULL WHERE NOT is_demo AND uploaded_by IN (SELECT id FROM account WHERE is_demo)`,
			`UPDATE agreement SET document_id = NULL WHERE NOT is_demo AND document_id IN (SELECT id FROM attachment WHERE is_demo)`,
			`UPDATE agreement SET partnership_id = NULL WHERE NOT is_demo AND partnership_id IN (SELECT id FROM partnership WHERE is_demo)`,
			`UPDATE agreement SET network_id = NULL WHERE NOT is_demo AND network_id IN (SELECT id FROM network WHERE is_demo)`,
			`UPDATE agreement_party SET partner_city_id = NULL WHERE partner_city_id IN (SELECT id FROM partner_city WHERE is_demo)
				AND agreement_id IN (SELECT id FROM agreement WHERE NOT is_demo)`,
			`UPDATE project SET partnership_id = NULL WHERE NOT is_demo AND partnership_id IN (SELECT id FROM partnership WHERE is_demo)`,
			`UPDATE project SET network_id = NULL WHERE NOT is_demo AND network_id IN (SELECT id FROM network WHERE is_demo)`,
			`DELETE FROM trip_attachment WHERE attachment_id IN (SELECT id FROM attachment WHERE is_demo)
				AND trip_id IN (SELECT id FROM trip WHERE NOT is_demo)`,
		}
		for _, q := range unlink {
			tag, err := tx.Exec(ctx, q)
			if err != nil {
				return fmt.Errorf("unlink demo rows: %w", err)
			}
			sum["unlinked"] += tag.RowsAffected()
		}
		// The figure, summary and content triggers are off for the deletes: a trip's
		// child rows go by one statement per table rather than by ON DELETE CASCADE,
		// which runs every child table's statement triggers once per trip (hours at a
		// million trips). The summaries are brought up to date once, below.
		if _, err := tx.Exec(ctx, `SET LOCAL portal.bulk_load = 'on'`); err != nil {
			return err
		}
		// Parents after children, accounts last.
		deletes := []struct{ table, sql string }{
			{"", `DELETE FROM register_entry WHERE is_demo`},
			{"", `DELETE FROM trip_figures WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"", `DELETE FROM trip_destination WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"", `DELETE FROM trip_traveller WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"", `DELETE FROM trip_programme_item WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"", `DELETE FROM trip_cost WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"", `DELETE FROM trip_priority WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"", `DELETE FROM trip_attachment WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"", `DELETE FROM trip_report WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"", `DELETE FROM trip_transition WHERE trip_id IN (SELECT id FROM trip WHERE is_demo)`},
			{"trip", `DELETE FROM trip WHERE is_demo`},
			{"agreement", `DELETE FROM agreement WHERE is_demo`},
			{"project", `DELETE FROM project WHERE is_demo`},
			{"network_membership", `DELETE FROM network_membership WHERE is_demo`},
			{"network", `DELETE FROM network WHERE is_demo`},
			{"partnership", `DELETE FROM partnership WHERE is_demo`},
			{"partner_city", `DELETE FROM partner_city WHERE is_demo`},
			{"budget_line", `DELETE FROM budget_line WHERE is_demo`},
			{"attachment", `DELETE FROM attachment WHERE is_demo`},
			{"audit_log", `DELETE FROM audit_log WHERE account_id IN (SELECT id FROM account WHERE is_demo)`},
			{"account", `DELETE FROM account WHERE is_demo`},
		}
		for _, d := range deletes {
			tag, err := tx.Exec(ctx, d.sql)
			if err != nil {
				return fmt.Errorf("delete demo %s: %w", d.table, err)
			}
			if d.table != "" {
				sum[d.table] += tag.RowsAffected()
			}
		}
		if _, err := tx.Exec(ctx, `SET LOCAL portal.bulk_load = 'off'`); err != nil {
			return err
		}
		// What the triggers would have done: the register's filter counts and the
		// budget lines' figures from what is left, and every public page changes.
		summaries := []string{
			`DELETE FROM register_facet`,
			`INSERT INTO register_facet (municipality_id, kind, value, trips, total_minor, co2e_kg, co2e_trips)
			 SELECT e.municipality_id, f.kind, f.value, count(*), sum(e.total_minor), coalesce(sum(e.co2e_kg::numeric), 0),
			        count(e.co2e_kg)
			 FROM register_entry e CROSS JOIN LATERAL register_facets(e.starts_on, e.countries, e.organiser) f
			 GROUP BY 1, 2, 3`,
			`SELECT refresh_budget_line_figures(ARRAY(SELECT id FROM budget_line))`,
			`SELECT bump_content(NULL)`,
		}
		for _, q := range summaries {
			if _, err := tx.Exec(ctx, q); err != nil {
				return fmt.Errorf("update the summaries: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for t, n := range sum {
		if n == 0 {
			delete(sum, t)
		}
	}
	return sum, nil
}
