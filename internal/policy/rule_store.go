package policy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// RuleRecord is one stored rule of the current policy.
type RuleRecord struct {
	ID, PolicyID                int64
	Kind, Enforcement           string
	Parameters                  map[string]any
	SourceSentence, Description string
	ArchivedAt                  *time.Time
	PolicyLang, PolicyText      string
	// DescriptionLang is the language the description is written in: the
	// seeded descriptions' English, else the municipality's.
	DescriptionLang string
}

// Values are the rule's fields as the audit log records them.
func (p RuleRecord) Values() map[string]any {
	return map[string]any{"kind": p.Kind, "enforcement": p.Enforcement, "parameters": p.Parameters,
		"source_sentence": p.SourceSentence, "description": p.Description}
}

// State is the rule's fingerprint (the table has no version column).
func (p RuleRecord) State() string {
	v := p.Values()
	v["archived"] = p.ArchivedAt != nil
	return fingerprint(v)
}

// ParseObject reads a JSON object, numbers kept exact.
func ParseObject(s string) (map[string]any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errors.New("not an object")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("data after the object")
	}
	return m, nil
}

func encodeParams(m map[string]any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return "", fmt.Errorf("encode rule parameters: %w", err)
	}
	return buf.String(), nil
}

const selectRule = `
SELECT r.id, r.policy_id, r.kind, r.enforcement, r.parameters, r.source_sentence, r.description, r.archived_at,
       pol.language, pol.full_text, coalesce(r.description_lang, m.languages[1])
FROM policy_rule r JOIN policy pol ON pol.id = r.policy_id JOIN municipality m ON m.id = pol.municipality_id
WHERE pol.municipality_id = $1 AND pol.archived_at IS NULL`

func scanRule(row pgx.Row) (RuleRecord, error) {
	var p RuleRecord
	var params []byte
	err := row.Scan(&p.ID, &p.PolicyID, &p.Kind, &p.Enforcement, &params, &p.SourceSentence, &p.Description,
		&p.ArchivedAt, &p.PolicyLang, &p.PolicyText, &p.DescriptionLang)
	if err != nil {
		return p, err
	}
	if p.Parameters, err = ParseObject(string(params)); err != nil {
		return p, fmt.Errorf("parameters of rule %d: %w", p.ID, err)
	}
	return p, nil
}

// RuleRecord returns rule id of the municipality's current policy, locked when
// lock is set; any other is ErrRuleNotFound.
func (s *Store) RuleRecord(ctx context.Context, municipalityID, id int64, lock bool) (RuleRecord, error) {
	sql := selectRule + ` AND r.id = $2`
	if lock {
		sql += ` FOR UPDATE OF r`
	}
	p, err := scanRule(s.q.QueryRow(ctx, sql, municipalityID, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return p, fmt.Errorf("policy rule %d: %w", id, ErrRuleNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("policy rule %d: %w", id, err)
	}
	return p, nil
}

// RuleRecords lists the rules of the municipality's current policy, the
// archived last.
func (s *Store) RuleRecords(ctx context.Context, municipalityID int64) ([]RuleRecord, error) {
	rows, err := s.q.Query(ctx, selectRule+` ORDER BY r.archived_at IS NOT NULL, r.id`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("list policy rules: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (RuleRecord, error) { return scanRule(row) })
	if err != nil {
		return nil, fmt.Errorf("list policy rules: %w", err)
	}
	return list, nil
}

// KindTaken reports whether the policy has a rule of kind other than id, and
// whether that one is archived: a policy has one rule of each kind.
func (s *Store) KindTaken(ctx context.Context, policyID int64, kind string, id int64) (taken, archived bool, err error) {
	var at *time.Time
	err = s.q.QueryRow(ctx, `SELECT archived_at FROM policy_rule WHERE policy_id = $1 AND kind = $2 AND id <> $3`,
		policyID, kind, id).Scan(&at)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return false, false, nil
	case err != nil:
		return false, false, fmt.Errorf("rule of kind %s: %w", kind, err)
	}
	return true, at != nil, nil
}

// CreateRule adds p to the policy and returns its id. A description taken over
// unchanged from an earlier version of the rule keeps the language it was
// written in; any other is in the municipality's (description_lang NULL).
func (s *Store) CreateRule(ctx context.Context, policyID int64, p RuleRecord) (int64, error) {
	params, err := encodeParams(p.Parameters)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.q.QueryRow(ctx, `
INSERT INTO policy_rule (policy_id, kind, enforcement, parameters, source_sentence, description, description_lang)
VALUES ($1, $2, $3, $4::jsonb, $5, $6,
        (SELECT r.description_lang FROM policy_rule r JOIN policy old ON old.id = r.policy_id
         JOIN policy new ON new.id = $1 AND new.municipality_id = old.municipality_id
         WHERE r.kind = $2 AND r.description = $6 AND r.description_lang IS NOT NULL
         ORDER BY r.id DESC LIMIT 1)) RETURNING id`,
		policyID, p.Kind, p.Enforcement, params, p.SourceSentence, p.Description).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create policy rule: %w", err)
	}
	return id, nil
}

// UpdateRule saves p over rule id. A description rewritten in the workspace is
// in the municipality's language.
func (s *Store) UpdateRule(ctx context.Context, id int64, p RuleRecord) error {
	params, err := encodeParams(p.Parameters)
	if err != nil {
		return err
	}
	if _, err := s.q.Exec(ctx, `
UPDATE policy_rule SET kind = $2, enforcement = $3, parameters = $4::jsonb, source_sentence = $5, description = $6,
       description_lang = CASE WHEN description = $6 THEN description_lang END
WHERE id = $1`, id, p.Kind, p.Enforcement, params, p.SourceSentence, p.Description); err != nil {
		return fmt.Errorf("update policy rule %d: %w", id, err)
	}
	return nil
}
