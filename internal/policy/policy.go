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
	// SourcePublisher and SourceDate name the source document with Source (its title).
	SourcePublisher string
	SourceDate      *time.Time
	// Headings are the lines of FullText marked as headings.
	Headings []string
	// ArchivedAt is set on an earlier version, replaced by a successor.
	ArchivedAt *time.Time
	PreviousID *int64
	Priorities []Priority
	Rules      []Rule
}

// Rule is a policy rule the portal enforces, warns about or informs of, with the
// sentence of the policy it comes from. Parameters and Language (the policy's,
// for the quoted sentence) are set where a check reads the rule (RuleFor).
type Rule struct {
	ID             int64
	Kind           string
	Enforcement    string
	SourceSentence string
	Description    string
	Parameters     map[string]any
	Language       string
	// The validity of the rule's policy, and when it was adopted.
	AdoptedOn, ValidFrom, ValidUntil *time.Time
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
	// SourceSentence is the sentence of the policy the priority comes from; "" for
	// priorities entered before versions quoted them.
	SourceSentence string
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
	return s.load(ctx, `municipality_id = $1 AND archived_at IS NULL`, municipalityID)
}

// Version returns version id of the municipality's policy, current or earlier,
// or ErrNotFound.
func (s *Store) Version(ctx context.Context, municipalityID, id int64) (Policy, error) {
	return s.load(ctx, `municipality_id = $1 AND id = $2`, municipalityID, id)
}

func (s *Store) load(ctx context.Context, where string, args ...any) (Policy, error) {
	var p Policy
	err := s.q.QueryRow(ctx, `
SELECT id, title, language, summary, full_text, adopted_on, coalesce(adopted_by, ''),
       valid_from, valid_until, source, source_publisher, source_date, headings, archived_at, previous_id
FROM policy WHERE `+where, args...).Scan(
		&p.ID, &p.Title, &p.Language, &p.Summary, &p.FullText, &p.AdoptedOn, &p.AdoptedBy,
		&p.ValidFrom, &p.ValidUntil, &p.Source, &p.SourcePublisher, &p.SourceDate, &p.Headings, &p.ArchivedAt, &p.PreviousID)
	if errors.Is(err, pgx.ErrNoRows) {
		return Policy{}, fmt.Errorf("policy %v: %w", args, ErrNotFound)
	}
	if err != nil {
		return Policy{}, fmt.Errorf("get policy %v: %w", args, err)
	}
	rows, err := s.q.Query(ctx, `
SELECT id, kind, position, code, title, description, source_sentence FROM priority
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
SELECT id, kind, enforcement, source_sentence, description, parameters FROM policy_rule
WHERE policy_id = $1 AND archived_at IS NULL ORDER BY id`, p.ID)
	if err != nil {
		return Policy{}, fmt.Errorf("list rules of policy %d: %w", p.ID, err)
	}
	p.Rules, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (Rule, error) {
		var r Rule
		var params []byte
		if err := row.Scan(&r.ID, &r.Kind, &r.Enforcement, &r.SourceSentence, &r.Description, &params); err != nil {
			return r, err
		}
		r.Language, r.AdoptedOn, r.ValidFrom, r.ValidUntil = p.Language, p.AdoptedOn, p.ValidFrom, p.ValidUntil
		var err error
		r.Parameters, err = ParseObject(string(params))
		return r, err
	})
	if err != nil {
		return Policy{}, fmt.Errorf("list rules of policy %d: %w", p.ID, err)
	}
	return p, nil
}
