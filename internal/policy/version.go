package policy

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
)

// Draft is a new version of a municipality's policy as an administrator enters
// it from its document: the text with its headings marked, the priorities in
// order and the rules chosen from the catalogue, each quoting its sentence.
type Draft struct {
	Record
	SourcePublisher string
	SourceDate      *time.Time
	Headings        []string
	Priorities      []Priority
	Rules           []RuleRecord
}

// Values are the version's fields as the audit log records them.
func (d Draft) Values() map[string]any {
	v := d.Record.Values()
	v["source_publisher"], v["source_date"], v["headings"] = d.SourcePublisher, audit.DateValue(d.SourceDate), d.Headings
	var prs, rules []string
	for _, p := range d.Priorities {
		prs = append(prs, p.Code+" "+p.Title+" ("+p.Kind+")")
	}
	for _, r := range d.Rules {
		rules = append(rules, r.Kind+" ("+r.Enforcement+")")
	}
	v["priorities"], v["rules"] = prs, rules
	return v
}

// CreateVersion saves d as the municipality's current policy. previousID is the
// current version the administrator started from (0 when there is none): it is
// archived, and stays viewable with its priorities and rules, as history.
// ErrConflict when the current version is no longer previousID.
func (s *Store) CreateVersion(ctx context.Context, municipalityID, previousID int64, d Draft) (int64, error) {
	var cur int64
	err := s.q.QueryRow(ctx, `SELECT coalesce((SELECT id FROM policy WHERE municipality_id = $1 AND archived_at IS NULL FOR UPDATE), 0)`,
		municipalityID).Scan(&cur)
	if err != nil {
		return 0, fmt.Errorf("current policy: %w", err)
	}
	if cur != previousID {
		return 0, ErrConflict
	}
	var prev *int64
	if cur != 0 {
		prev = &cur
		if _, err := s.q.Exec(ctx, `UPDATE policy SET archived_at = now(), updated_at = now() WHERE id = $1`, cur); err != nil {
			return 0, fmt.Errorf("archive policy %d: %w", cur, err)
		}
	}
	headings := d.Headings
	if headings == nil {
		headings = []string{}
	}
	var id int64
	err = s.q.QueryRow(ctx, `
INSERT INTO policy (municipality_id, title, language, summary, full_text, adopted_on, adopted_by,
                    valid_from, valid_until, source, source_publisher, source_date, headings, previous_id)
VALUES ($1, $2, $3, $4, $5, $6, nullif($7, ''), $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
		municipalityID, d.Title, d.Language, d.Summary, d.FullText, d.AdoptedOn, d.AdoptedBy,
		d.ValidFrom, d.ValidUntil, d.Source, d.SourcePublisher, d.SourceDate, headings, prev).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create policy version: %w", err)
	}
	positions := map[string]int{}
	for _, p := range d.Priorities {
		positions[p.Kind]++
		if _, err := s.q.Exec(ctx, `
INSERT INTO priority (policy_id, kind, position, code, title, description, source_sentence)
VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, p.Kind, positions[p.Kind], p.Code, p.Title, p.Description, p.SourceSentence); err != nil {
			return 0, fmt.Errorf("create priority %s: %w", p.Code, err)
		}
	}
	for _, r := range d.Rules {
		if _, err := s.CreateRule(ctx, id, r); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// VersionItem is one version of a municipality's policy in the list of versions.
type VersionItem struct {
	ID                               int64
	Title, Language                  string
	AdoptedOn, ValidFrom, ValidUntil *time.Time
	CreatedAt                        time.Time
	ArchivedAt                       *time.Time
}

// Versions lists the municipality's policy versions, the current first, then
// the earlier ones newest first.
func (s *Store) Versions(ctx context.Context, municipalityID int64) ([]VersionItem, error) {
	rows, err := s.q.Query(ctx, `
SELECT id, title, language, adopted_on, valid_from, valid_until, created_at, archived_at
FROM policy WHERE municipality_id = $1
ORDER BY archived_at IS NOT NULL, archived_at DESC, id DESC`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("policy versions: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[VersionItem])
	if err != nil {
		return nil, fmt.Errorf("policy versions: %w", err)
	}
	return list, nil
}

// Block is one piece of a policy's text: a heading, a paragraph or a list.
type Block struct {
	// Heading is set for a line marked as a heading; Anchor is its fragment id.
	Heading bool
	Anchor  string
	Text    string
	Items   []string
}

// Blocks cuts the policy's text into headings, paragraphs and lists: blank
// lines end a paragraph, lines starting with "- " are list items, and a line
// equal (white space aside) to one of the marked headings is a heading.
func (p Policy) Blocks() []Block { return TextBlocks(p.FullText, p.Headings) }

// TextBlocks is Blocks of text with headings marked.
func TextBlocks(text string, headings []string) []Block {
	marked := map[string]bool{}
	for _, h := range headings {
		if h = NormalizeSpace(h); h != "" {
			marked[h] = true
		}
	}
	var out []Block
	var para, items []string
	n := 0
	flush := func() {
		if len(para) > 0 {
			out = append(out, Block{Text: strings.Join(para, " ")})
			para = nil
		}
		if len(items) > 0 {
			out = append(out, Block{Items: items})
			items = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			flush()
		case marked[NormalizeSpace(line)]:
			flush()
			n++
			out = append(out, Block{Heading: true, Anchor: "section-" + strconv.Itoa(n), Text: line})
		case strings.HasPrefix(line, "- "):
			if len(para) > 0 {
				out = append(out, Block{Text: strings.Join(para, " ")})
				para = nil
			}
			items = append(items, strings.TrimSpace(line[2:]))
		default:
			if len(items) > 0 {
				out = append(out, Block{Items: items})
				items = nil
			}
			para = append(para, line)
		}
	}
	flush()
	return out
}

// HeadingsNotInText returns the headings that are not a line of text.
func HeadingsNotInText(text string, headings []string) []string {
	lines := map[string]bool{}
	for _, l := range strings.Split(text, "\n") {
		lines[NormalizeSpace(l)] = true
	}
	var missing []string
	for _, h := range headings {
		if !lines[NormalizeSpace(h)] {
			missing = append(missing, h)
		}
	}
	return missing
}

// AppliesOn says how the rule's policy stands on day: in force, not yet valid,
// or expired (its validity ended before day).
func (r Rule) AppliesOn(day time.Time) (inForce, expired bool) {
	d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	if r.ValidUntil != nil && r.ValidUntil.Before(d) {
		return false, true
	}
	if r.ValidFrom != nil && d.Before(*r.ValidFrom) {
		return false, false
	}
	return true, false
}
