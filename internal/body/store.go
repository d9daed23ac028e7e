package body

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/policy"
)

const columns = `b.id, b.municipality_id, b.kind, b.name, b.language, b.source_sentence, b.version, b.archived_at,
       (SELECT count(*) FROM body_member m WHERE m.body_id = b.id)`

func scan(row pgx.Row) (Body, error) {
	var b Body
	err := row.Scan(&b.ID, &b.MunicipalityID, &b.Kind, &b.Name, &b.Language, &b.SourceSentence, &b.Version, &b.ArchivedAt, &b.Members)
	return b, err
}

// List returns the municipality's bodies in the order of Kinds, then by name.
func (s *Store) List(ctx context.Context, municipalityID int64) ([]Body, error) {
	rows, err := s.q.Query(ctx, `SELECT `+columns+` FROM body b WHERE b.municipality_id = $1
ORDER BY array_position($2::text[], b.kind), b.name`, municipalityID, Kinds)
	if err != nil {
		return nil, fmt.Errorf("list bodies: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Body, error) { return scan(row) })
	if err != nil {
		return nil, fmt.Errorf("list bodies: %w", err)
	}
	return list, nil
}

// Get returns body id of the municipality; ErrNotFound for any other.
func (s *Store) Get(ctx context.Context, municipalityID, id int64) (Body, error) {
	b, err := scan(s.q.QueryRow(ctx, `SELECT `+columns+` FROM body b WHERE b.id = $1 AND b.municipality_id = $2`, id, municipalityID))
	if errors.Is(err, pgx.ErrNoRows) {
		return b, fmt.Errorf("body %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return b, fmt.Errorf("body %d: %w", id, err)
	}
	return b, nil
}

// CountKind counts the municipality's active bodies of kind.
func (s *Store) CountKind(ctx context.Context, municipalityID int64, kind string) (int, error) {
	var n int
	err := s.q.QueryRow(ctx, `SELECT count(*) FROM body WHERE municipality_id = $1 AND kind = $2 AND archived_at IS NULL`,
		municipalityID, kind).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count bodies: %w", err)
	}
	return n, nil
}

// Actor is who changes a body, for the audit log.
type Actor struct {
	AccountID      int64
	MunicipalityID int64
	RequestID      string
}

func (a Actor) entry(id int64, action string, changes map[string]audit.Change) audit.Entry {
	return audit.Entry{AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, Entity: "body", EntityID: id,
		Action: action, Changes: changes, RequestID: a.RequestID}
}

// Create records body b of the actor's municipality in one transaction with its
// audit entry. When the municipality's policy gives bodies of its kind their own
// annual allocation (rule allocation_per_body), the body's budget line of year is
// created with it, recurring at the adopted amount. It returns the body's id.
func (s *Store) Create(ctx context.Context, a Actor, b Body, year int) (int64, error) {
	var id int64
	err := database.TransactOn(ctx, s.q, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO body (municipality_id, kind, name, language) VALUES ($1, $2, $3, $4) RETURNING id`,
			a.MunicipalityID, b.Kind, b.Name, b.Language).Scan(&id)
		if isNameTaken(err) {
			return ErrNameTaken
		}
		if err != nil {
			return fmt.Errorf("create body: %w", err)
		}
		if err := audit.Record(ctx, tx, a.entry(id, audit.ActionCreate, audit.Diff(map[string]any{}, b.Values()))); err != nil {
			return err
		}
		return allocate(ctx, tx, a, id, b, year)
	})
	return id, err
}

// allocate creates the budget line the policy's allocation_per_body rule gives a
// new body of its kind, if the rule exists and names that kind.
func allocate(ctx context.Context, tx pgx.Tx, a Actor, id int64, b Body, year int) error {
	rule, ok, err := policy.NewStore(tx).RuleFor(ctx, a.MunicipalityID, policy.KindAllocationPerBody)
	if err != nil || !ok {
		return err
	}
	if kind, _ := rule.Parameters["body_kind"].(string); kind != b.Kind {
		return nil
	}
	amount, _ := rule.Parameters["amount_minor"].(float64)
	currency, _ := rule.Parameters["currency"].(string)
	carries, _ := rule.Parameters["carries_over"].(bool)
	lineName, _ := rule.Parameters["line_name"].(string)
	prefix, _ := rule.Parameters["code_prefix"].(string)
	if prefix == "" {
		prefix = "B"
	}
	name := b.Name
	if lineName != "" {
		name += ": " + lineName
	}
	line := budget.LineRecord{Year: year, Code: fmt.Sprintf("%s-%d", strings.ToUpper(prefix), id), Name: name,
		OwnerKind: budget.OwnerCommittee, OwnerName: b.Name, AmountMinor: int64(amount), Currency: currency,
		CarriesOver: carries, Note: rule.SourceSentence}
	if b.Kind == KindCouncil {
		line.OwnerKind = budget.OwnerCouncil
	}
	bs := budget.NewStore(tx)
	lineID, err := bs.CreateRecurringLine(ctx, a.MunicipalityID, id, line)
	if err != nil {
		return err
	}
	line.ID = lineID
	return audit.Record(ctx, tx, audit.Entry{AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID,
		Entity: "budget_line", EntityID: lineID, Action: audit.ActionCreate, Changes: audit.Diff(map[string]any{}, line.Values()), RequestID: a.RequestID})
}

// Update saves kind, name and language over body old (of version old.Version),
// renaming the budget lines it holds and the policy rules that name it, in one
// transaction with the audit entries.
func (s *Store) Update(ctx context.Context, a Actor, old Body, b Body) error {
	return database.TransactOn(ctx, s.q, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE body SET kind = $4, name = $5, language = $6, version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND version = $3`, old.ID, a.MunicipalityID, old.Version, b.Kind, b.Name, b.Language)
		if isNameTaken(err) {
			return ErrNameTaken
		}
		if err != nil {
			return fmt.Errorf("update body %d: %w", old.ID, err)
		}
		if tag.RowsAffected() != 1 {
			return ErrConflict
		}
		if old.Name != b.Name {
			if err := budget.NewStore(tx).RenameHolder(ctx, a.MunicipalityID, old.ID, old.Name, b.Name); err != nil {
				return err
			}
			// The rules that name the body (who approves plans) follow it.
			by := audit.Entry{AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, RequestID: a.RequestID}
			if err := policy.NewStore(tx).RenameBody(ctx, by, a.MunicipalityID, old.Name, b.Name); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, a.entry(old.ID, audit.ActionUpdate, audit.Diff(old.Values(), b.Values())))
	})
}

func isNameTaken(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == "body_municipality_id_name_key"
}

// Members lists the municipality's active politicians and whether each belongs to
// body id (a member who is no longer a politician is listed too, to be removed).
func (s *Store) Members(ctx context.Context, municipalityID, id int64, politician string) ([]Member, error) {
	rows, err := s.q.Query(ctx, `
SELECT a.id, a.name, a.email, a.role, EXISTS (SELECT 1 FROM body_member m WHERE m.body_id = $2 AND m.account_id = a.id)
FROM account a
WHERE a.municipality_id = $1 AND a.active
  AND (a.role = $3 OR EXISTS (SELECT 1 FROM body_member m WHERE m.body_id = $2 AND m.account_id = a.id))
ORDER BY a.name, a.id`, municipalityID, id, politician)
	if err != nil {
		return nil, fmt.Errorf("members of body %d: %w", id, err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Member, error) {
		var m Member
		err := row.Scan(&m.AccountID, &m.Name, &m.Email, &m.Role, &m.Member)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("members of body %d: %w", id, err)
	}
	return list, nil
}

// SetMembers makes accounts (of the municipality, politicians) the members of
// body id, in one transaction with its audit entry; accounts of another
// municipality or role are ignored. It returns whether anything changed.
func (s *Store) SetMembers(ctx context.Context, a Actor, id int64, accounts []int64, politician string) (bool, error) {
	changed := false
	err := database.TransactOn(ctx, s.q, func(tx pgx.Tx) error {
		var before []int64
		if err := tx.QueryRow(ctx, `SELECT coalesce(array_agg(account_id ORDER BY account_id), '{}') FROM body_member WHERE body_id = $1`, id).Scan(&before); err != nil {
			return fmt.Errorf("members of body %d: %w", id, err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM body_member WHERE body_id = $1 AND NOT account_id = ANY($2)`, id, accounts); err != nil {
			return fmt.Errorf("set members of body %d: %w", id, err)
		}
		if _, err := tx.Exec(ctx, `
INSERT INTO body_member (body_id, account_id)
SELECT $1, a.id FROM account a WHERE a.id = ANY($2) AND a.municipality_id = $3 AND a.role = $4 AND a.active
ON CONFLICT DO NOTHING`, id, accounts, a.MunicipalityID, politician); err != nil {
			return fmt.Errorf("set members of body %d: %w", id, err)
		}
		var after []int64
		if err := tx.QueryRow(ctx, `SELECT coalesce(array_agg(account_id ORDER BY account_id), '{}') FROM body_member WHERE body_id = $1`, id).Scan(&after); err != nil {
			return fmt.Errorf("members of body %d: %w", id, err)
		}
		if fmt.Sprint(before) == fmt.Sprint(after) {
			return nil
		}
		changed = true
		return audit.Record(ctx, tx, a.entry(id, audit.ActionUpdate, map[string]audit.Change{"members": {Old: before, New: after}}))
	})
	return changed, err
}

// Names returns the names of bodies by id, for pages that show a decision.
func (s *Store) Names(ctx context.Context, municipalityID int64) (map[int64]string, error) {
	list, err := s.List(ctx, municipalityID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(list))
	for _, b := range list {
		out[b.ID] = b.Name
	}
	return out, nil
}
