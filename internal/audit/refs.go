package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// Refs names what the entries of a list refer to by id, so that a history reads
// "SU Skole- og Uddannelsesudvalget (2026)" instead of budget_line_id 9, and says
// how many decimals each currency's amounts have. One Refs is shared by every Row
// of a list.
type Refs struct {
	// Names by kind of record ("budget_line", "partnership", "network",
	// "partner_city", "priority", "municipality", "account"), then by id.
	Names map[string]map[int64]string
	// MinorUnits of every currency, by ISO 4217 code.
	MinorUnits map[string]int
	// Currency is the municipality's, for amounts whose entry names none.
	Currency string
}

// Name is the name of record id of kind, "" when unknown (deleted since).
func (r *Refs) Name(kind string, id int64) string {
	if r == nil {
		return ""
	}
	return r.Names[kind][id]
}

// RefKinds says which kind of record a logged field holds the id (or ids) of.
var RefKinds = map[string]string{
	"budget_line_id":              "budget_line",
	"partnership_id":              "partnership",
	"network_id":                  "network",
	"partner_city_id":             "partner_city",
	"priority_id":                 "priority",
	"priorities":                  "priority",
	"coordinator_municipality_id": "municipality",
	"municipality_id":             "municipality",
	"account_id":                  "account",
	"author_id":                   "account",
	"actor_id":                    "account",
	"body_id":                     "body",
	"previous_version":            "policy",
	"members":                     "account",
	"meeting_id":                  "twin_city_meeting",
}

// refNames are the statements naming records of each kind, given their ids ($1).
var refNames = map[string]string{
	"budget_line":  `SELECT id, code || ' ' || name || ' (' || fiscal_year || ')' FROM budget_line WHERE id = ANY($1)`,
	"partnership":  `SELECT p.id, c.name FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id WHERE p.id = ANY($1)`,
	"network":      `SELECT id, name FROM network WHERE id = ANY($1)`,
	"partner_city": `SELECT id, name FROM partner_city WHERE id = ANY($1)`,
	"priority":     `SELECT id, code || ' ' || title FROM priority WHERE id = ANY($1)`,
	"municipality": `SELECT id, name FROM municipality WHERE id = ANY($1)`,
	"account":      `SELECT id, name FROM account WHERE id = ANY($1)`,
	"body":         `SELECT id, name FROM body WHERE id = ANY($1)`,
	"policy":       `SELECT id, title || ' (' || to_char(created_at, 'YYYY-MM-DD') || ')' FROM policy WHERE id = ANY($1)`,
	// A meeting as the trip form names it: its year and host.
	"twin_city_meeting": `SELECT id, year || ', ' || host FROM twin_city_meeting WHERE id = ANY($1)`,
}

// describe fills the Refs of rows: the names of every record their changes
// refer to (also inside lists: a destination's partner city, a traveller's
// account), the currencies' decimals and the municipality's currency.
func (s *Store) describe(ctx context.Context, municipalityID int64, rows []Row) error {
	if len(rows) == 0 {
		return nil
	}
	ids := map[string][]int64{}
	var collect func(field string, v any)
	collect = func(field string, v any) {
		switch x := v.(type) {
		case json.Number:
			if kind, ok := RefKinds[field]; ok {
				if id, err := strconv.ParseInt(x.String(), 10, 64); err == nil {
					ids[kind] = append(ids[kind], id)
				}
			}
		case []any:
			for _, e := range x {
				collect(field, e)
			}
		case map[string]any:
			for k, e := range x {
				collect(k, e)
			}
		}
	}
	for _, r := range rows {
		for field, c := range r.Changes {
			collect(field, c.Old)
			collect(field, c.New)
		}
	}
	refs := &Refs{Names: map[string]map[int64]string{}, MinorUnits: map[string]int{}}
	b := &pgx.Batch{}
	for kind, list := range ids {
		names := map[int64]string{}
		refs.Names[kind] = names
		b.Queue(refNames[kind], list).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var id int64
				var name string
				if err := rows.Scan(&id, &name); err != nil {
					return err
				}
				names[id] = name
			}
			return rows.Err()
		})
	}
	b.Queue(`SELECT code, minor_units::int FROM currency`).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var code string
			var units int
			if err := rows.Scan(&code, &units); err != nil {
				return err
			}
			refs.MinorUnits[code] = units
		}
		return rows.Err()
	})
	b.Queue(`SELECT currency FROM municipality WHERE id = $1`, municipalityID).QueryRow(func(row pgx.Row) error {
		err := row.Scan(&refs.Currency)
		if err == pgx.ErrNoRows {
			return nil
		}
		return err
	})
	if err := s.db.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("name the records of audit entries: %w", err)
	}
	for i := range rows {
		rows[i].Refs = refs
	}
	return nil
}
