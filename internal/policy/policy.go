// Package policy is a municipality's policy for its international work: its text,
// its ordered priorities and the rules the portal enforces or warns about.
package policy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// ErrNotFound reports that a municipality has no current policy.
var ErrNotFound = errors.New("policy not found")

// Policy is the current policy of one municipality, in its own language.
type Policy struct {
	ID         int64
	Title      string
	Language   string
	Summary    string
	FullText   string
	AdoptedOn  *time.Time
	AdoptedBy  string
	ValidFrom  *time.Time
	ValidUntil *time.Time
	Source     string
	Priorities []Priority
	Rules      []Rule
}

// Rule is a policy rule the portal enforces, warns about or informs of, with the
// sentence of the policy it comes from. Parameters and Language (the policy's,
// for the quoted sentence) are set where a check reads the rule (RuleFor).
type Rule struct {
	Kind           string
	Enforcement    string
	SourceSentence string
	Description    string
	Parameters     map[string]any
	Language       string
}

// Expired reports whether the policy's validity ended before the day of now.
func (p Policy) Expired(now time.Time) bool {
	if p.ValidUntil == nil {
		return false
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return p.ValidUntil.Before(today)
}

// Priority is one ordered, coded item of a policy. Kind says what the document
// calls it (priority, strategy, focus area, …).
type Priority struct {
	ID          int64
	Kind        string
	Position    int
	Code        string
	Title       string
	Description string
}

// Group is the priorities of one kind, in the document's order.
type Group struct {
	Kind       string
	Priorities []Priority
}

// Groups returns the policy's priorities grouped by kind, kinds in order of first
// appearance.
func (p Policy) Groups() []Group {
	var groups []Group
	index := map[string]int{}
	for _, pr := range p.Priorities {
		i, ok := index[pr.Kind]
		if !ok {
			i = len(groups)
			index[pr.Kind] = i
			groups = append(groups, Group{Kind: pr.Kind})
		}
		groups[i].Priorities = append(groups[i].Priorities, pr)
	}
	return groups
}

// Store reads and writes policies, their priorities and rules, and the
// municipality's trip report deadline.
type Store struct{ q database.Querier }

// NewStore returns a Store on q, a pool or a transaction.
func NewStore(q database.Querier) *Store { return &Store{q: q} }

// Current returns the municipality's current policy with its priorities, or ErrNotFound.
func (s *Store) Current(ctx context.Context, municipalityID int64) (Policy, error) {
	var p Policy
	err := s.q.QueryRow(ctx, `
SELECT id, title, language, summary, full_text, adopted_on, coalesce(adopted_by, ''),
       valid_from, valid_until, source
FROM policy WHERE municipality_id = $1 AND archived_at IS NULL`, municipalityID).Scan(
		&p.ID, &p.Title, &p.Language, &p.Summary, &p.FullText, &p.AdoptedOn, &p.AdoptedBy,
		&p.ValidFrom, &p.ValidUntil, &p.Source)
	if errors.Is(err, pgx.ErrNoRows) {
		return Policy{}, fmt.Errorf("policy of municipality %d: %w", municipalityID, ErrNotFound)
	}
	if err != nil {
		return Policy{}, fmt.Errorf("get policy of municipality %d: %w", municipalityID, err)
	}
	rows, err := s.q.Query(ctx, `
SELECT id, kind, position, code, title, description FROM priority
WHERE policy_id = $1 AND archived_at IS NULL
ORDER BY min(id) OVER (PARTITION BY kind), position`, p.ID)
	if err != nil {
		return Policy{}, fmt.Errorf("list priorities of policy %d: %w", p.ID, err)
	}
	p.Priorities, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Priority])
	if err != nil {
		return Policy{}, fmt.Errorf("list priorities of policy %d: %w", p.ID, err)
	}
	rows, err = s.q.Query(ctx, `
SELECT kind, enforcement, source_sentence, description FROM policy_rule
WHERE policy_id = $1 AND archived_at IS NULL ORDER BY id`, p.ID)
	if err != nil {
		return Policy{}, fmt.Errorf("list rules of policy %d: %w", p.ID, err)
	}
	p.Rules, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (Rule, error) {
		var r Rule
		err := row.Scan(&r.Kind, &r.Enforcement, &r.SourceSentence, &r.Description)
		return r, err
	})
	if err != nil {
		return Policy{}, fmt.Errorf("list rules of policy %d: %w", p.ID, err)
	}
	return p, nil
}
