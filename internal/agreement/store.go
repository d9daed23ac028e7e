package agreement

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// Store keeps the agreement register in PostgreSQL: every read and write of the
// agreement area, the public register's and the workspace's.
type Store struct{ db database.Querier }

// NewStore returns a Store reading and writing with db, a pool or a transaction.
func NewStore(db database.Querier) *Store { return &Store{db: db} }

// selectAgreement reads an Agreement from agreement a. The partnership is linked
// only when it belongs to the same municipality and is not archived.
const selectAgreement = `
SELECT a.id, a.type, a.title, a.summary, a.status, a.signed_on, a.valid_from, a.valid_until,
       coalesce((SELECT array_agg(ap.name ORDER BY ap.position) FROM agreement_party ap WHERE ap.agreement_id = a.id), '{}'),
       coalesce((SELECT array_agg(pr.code ORDER BY pr.policy_id, pr.id) FROM agreement_priority x JOIN priority pr ON pr.id = x.priority_id WHERE x.agreement_id = a.id), '{}'),
       coalesce((SELECT array_agg(pr.title ORDER BY pr.policy_id, pr.id) FROM agreement_priority x JOIN priority pr ON pr.id = x.priority_id WHERE x.agreement_id = a.id), '{}'),
       coalesce((SELECT array_agg(pol.language ORDER BY pr.policy_id, pr.id) FROM agreement_priority x JOIN priority pr ON pr.id = x.priority_id JOIN policy pol ON pol.id = pr.policy_id WHERE x.agreement_id = a.id), '{}'),
       p.id, coalesce(c.name, ''), coalesce(n.name, ''), coalesce(a.source, ''), a.is_demo
FROM agreement a
LEFT JOIN partnership p ON p.id = a.partnership_id AND p.municipality_id = a.municipality_id AND p.archived_at IS NULL
LEFT JOIN partner_city c ON c.id = p.partner_city_id
LEFT JOIN network n ON n.id = a.network_id AND n.archived_at IS NULL`

func scan(r pgx.CollectableRow) (Agreement, error) {
	var a Agreement
	var codes, titles, langs []string
	err := r.Scan(&a.ID, &a.Type, &a.Title, &a.Summary, &a.Status, &a.SignedOn, &a.ValidFrom, &a.ValidUntil,
		&a.Parties, &codes, &titles, &langs, &a.PartnershipID, &a.PartnershipCity, &a.Network, &a.Source, &a.IsDemo)
	if err != nil {
		return a, err
	}
	for i := range codes {
		a.Priorities = append(a.Priorities, Priority{Code: codes[i], Title: titles[i], Language: langs[i]})
	}
	return a, nil
}

// List returns the public agreements of a municipality that f selects, judged on
// today (an agreement in force whose validity has ended counts as expired), newest
// signature first. Drafts are never listed.
func (s *Store) List(ctx context.Context, municipalityID int64, f Filter, today time.Time) ([]Agreement, error) {
	conds := []string{"a.municipality_id = $1", "a.archived_at IS NULL", "a.status IN ('in_force', 'expired', 'terminated')"}
	args := []any{municipalityID}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Type != "" {
		conds = append(conds, "a.type = "+arg(f.Type))
	}
	switch f.Status {
	case StatusInForce:
		conds = append(conds, "a.status = 'in_force' AND (a.valid_until IS NULL OR a.valid_until >= "+arg(dayOf(today))+")")
	case StatusExpired:
		conds = append(conds, "(a.status = 'expired' OR (a.status = 'in_force' AND a.valid_until < "+arg(dayOf(today))+"))")
	case StatusTerminated:
		conds = append(conds, "a.status = 'terminated'")
	}
	return s.list(ctx, strings.Join(conds, " AND "), args, fmt.Sprintf("agreements of municipality %d", municipalityID))
}

// ByPartnership returns the public agreements of one partnership of a
// municipality, newest signature first.
func (s *Store) ByPartnership(ctx context.Context, municipalityID, partnershipID int64) ([]Agreement, error) {
	return s.list(ctx,
		"a.municipality_id = $1 AND a.partnership_id = $2 AND a.archived_at IS NULL AND a.status IN ('in_force', 'expired', 'terminated')",
		[]any{municipalityID, partnershipID}, fmt.Sprintf("agreements of partnership %d", partnershipID))
}

func (s *Store) list(ctx context.Context, cond string, args []any, what string) ([]Agreement, error) {
	rows, err := s.db.Query(ctx, selectAgreement+` WHERE `+cond+` ORDER BY a.signed_on DESC NULLS LAST, a.title, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	list, err := pgx.CollectRows(rows, scan)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	return list, nil
}
