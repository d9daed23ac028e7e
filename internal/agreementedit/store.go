package agreementedit

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
)

// querier is what the store reads with: the pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

var (
	// errNotFound: no agreement of the municipality with that id, or it is archived.
	errNotFound = errors.New("agreement not found")
	// errConflict: the agreement was saved by someone else since the form was opened.
	errConflict = errors.New("agreement changed meanwhile")
	// errUnchanged: the save would change nothing; the transaction is rolled back.
	errUnchanged = errors.New("agreement unchanged")
)

// party is one party of an agreement: a body named in words, optionally linked
// to a municipality of the portal or to a partner city.
type party struct {
	Name           string
	MunicipalityID *int64
	PartnerCityID  *int64
}

// link is the value of the party's select in the form.
func (p party) link() string {
	switch {
	case p.MunicipalityID != nil:
		return "m" + strconv.FormatInt(*p.MunicipalityID, 10)
	case p.PartnerCityID != nil:
		return "c" + strconv.FormatInt(*p.PartnerCityID, 10)
	}
	return ""
}

// priorityRef is a policy priority, of the current policy or an earlier one.
type priorityRef struct {
	ID          int64
	Code, Title string
	Kind        string
	Lang        string
	Current     bool
}

// document is a stored file without its content.
type document struct {
	ID          int64
	Filename    string
	ContentType string
	Size        int64
	SHA256      []byte
}

// record is an agreement as stored, with the names of what it links to.
type record struct {
	ID                              int64
	Version                         int
	Type, Title, Summary            string
	Status, Source                  string
	PartnershipID, NetworkID        *int64
	PartnershipCity                 string
	PartnershipKind                 string
	Network                         string
	SignedOn, ValidFrom, ValidUntil *time.Time
	Parties                         []party
	Priorities                      []priorityRef
	Document                        *document
	IsDemo                          bool
	CreatedAt, UpdatedAt            time.Time
}

// load reads agreement id of the municipality with its parties, priorities and
// document; lock takes a row lock for the transaction that will change it.
func load(ctx context.Context, q querier, municipalityID, id int64, lock bool) (record, error) {
	sql := `
SELECT a.id, a.version, a.type, a.title, a.summary, a.status, coalesce(a.source, ''),
       a.partnership_id, a.network_id, coalesce(pc.name, ''), coalesce(p.kind, ''), coalesce(n.name, ''),
       a.signed_on, a.valid_from, a.valid_until, a.is_demo, a.created_at, a.updated_at,
       d.id, coalesce(d.filename, ''), coalesce(d.content_type, ''), coalesce(d.size_bytes, 0), d.sha256
FROM agreement a
LEFT JOIN partnership p ON p.id = a.partnership_id AND p.municipality_id = a.municipality_id
LEFT JOIN partner_city pc ON pc.id = p.partner_city_id
LEFT JOIN network n ON n.id = a.network_id
LEFT JOIN attachment d ON d.id = a.document_id AND d.municipality_id = a.municipality_id
WHERE a.id = $1 AND a.municipality_id = $2 AND a.archived_at IS NULL`
	if lock {
		sql += ` FOR UPDATE OF a`
	}
	var r record
	var docID *int64
	var doc document
	err := q.QueryRow(ctx, sql, id, municipalityID).Scan(&r.ID, &r.Version, &r.Type, &r.Title, &r.Summary, &r.Status, &r.Source,
		&r.PartnershipID, &r.NetworkID, &r.PartnershipCity, &r.PartnershipKind, &r.Network,
		&r.SignedOn, &r.ValidFrom, &r.ValidUntil, &r.IsDemo, &r.CreatedAt, &r.UpdatedAt,
		&docID, &doc.Filename, &doc.ContentType, &doc.Size, &doc.SHA256)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, errNotFound
	}
	if err != nil {
		return r, fmt.Errorf("load agreement %d: %w", id, err)
	}
	if docID != nil {
		doc.ID = *docID
		r.Document = &doc
	}
	rows, err := q.Query(ctx, `
SELECT name, municipality_id, partner_city_id FROM agreement_party WHERE agreement_id = $1 ORDER BY position`, id)
	if err != nil {
		return r, fmt.Errorf("load parties of agreement %d: %w", id, err)
	}
	r.Parties, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (party, error) {
		var p party
		err := row.Scan(&p.Name, &p.MunicipalityID, &p.PartnerCityID)
		return p, err
	})
	if err != nil {
		return r, fmt.Errorf("load parties of agreement %d: %w", id, err)
	}
	rows, err = q.Query(ctx, `
SELECT pr.id, pr.code, pr.title, pr.kind, pol.language, pol.archived_at IS NULL AND pr.archived_at IS NULL
FROM agreement_priority x
JOIN priority pr ON pr.id = x.priority_id
JOIN policy pol ON pol.id = pr.policy_id
WHERE x.agreement_id = $1 AND pol.municipality_id = $2
ORDER BY pol.archived_at IS NULL DESC, pr.policy_id, pr.id`, id, municipalityID)
	if err != nil {
		return r, fmt.Errorf("load priorities of agreement %d: %w", id, err)
	}
	r.Priorities, err = pgx.CollectRows(rows, scanPriority)
	if err != nil {
		return r, fmt.Errorf("load priorities of agreement %d: %w", id, err)
	}
	return r, nil
}

func scanPriority(row pgx.CollectableRow) (priorityRef, error) {
	var p priorityRef
	err := row.Scan(&p.ID, &p.Code, &p.Title, &p.Kind, &p.Lang, &p.Current)
	return p, err
}

// listRow is one agreement of the register.
type listRow struct {
	ID         int64
	Type       string
	Title      string
	Status     string
	SignedOn   *time.Time
	ValidUntil *time.Time
	Parties    []string
	IsDemo     bool
}

// list returns the municipality's agreements that are not archived, drafts
// first, then by signature, newest first.
func list(ctx context.Context, q querier, municipalityID int64) ([]listRow, error) {
	rows, err := q.Query(ctx, `
SELECT a.id, a.type, a.title, a.status, a.signed_on, a.valid_until,
       coalesce((SELECT array_agg(ap.name ORDER BY ap.position) FROM agreement_party ap WHERE ap.agreement_id = a.id), '{}'),
       a.is_demo
FROM agreement a
WHERE a.municipality_id = $1 AND a.archived_at IS NULL
ORDER BY a.status = 'draft' DESC, a.signed_on DESC NULLS FIRST, a.title, a.id`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("list agreements of municipality %d: %w", municipalityID, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (listRow, error) {
		var l listRow
		err := row.Scan(&l.ID, &l.Type, &l.Title, &l.Status, &l.SignedOn, &l.ValidUntil, &l.Parties, &l.IsDemo)
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("list agreements of municipality %d: %w", municipalityID, err)
	}
	return out, nil
}

// contentLanguage is the language the municipality writes its records in.
func contentLanguage(ctx context.Context, q querier, municipalityID int64) (string, error) {
	var lang string
	if err := q.QueryRow(ctx, `SELECT languages[1] FROM municipality WHERE id = $1`, municipalityID).Scan(&lang); err != nil {
		return "", fmt.Errorf("language of municipality %d: %w", municipalityID, err)
	}
	return lang, nil
}

// values are the fields of an agreement as the form sets them.
type values struct {
	Type, Title, Summary, Status, Source string
	PartnershipID, NetworkID             *int64
	SignedOn, ValidFrom, ValidUntil      *time.Time
	Parties                              []party
	PriorityIDs                          []int64
}

func nullText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// insert creates an agreement with its rows inside tx and returns its id.
func insert(ctx context.Context, tx pgx.Tx, municipalityID int64, v values, documentID *int64) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `
INSERT INTO agreement (municipality_id, type, title, summary, partnership_id, network_id,
                       signed_on, valid_from, valid_until, status, document_id, source)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
RETURNING id`,
		municipalityID, v.Type, v.Title, v.Summary, v.PartnershipID, v.NetworkID,
		v.SignedOn, v.ValidFrom, v.ValidUntil, v.Status, documentID, nullText(v.Source)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert agreement: %w", err)
	}
	return id, writeRows(ctx, tx, id, v)
}

// update saves v over agreement id if it still has version, and reports whether
// it did.
func update(ctx context.Context, tx pgx.Tx, municipalityID, id int64, version int, v values, documentID *int64) (bool, error) {
	tag, err := tx.Exec(ctx, `
UPDATE agreement
SET type = $4, title = $5, summary = $6, partnership_id = $7, network_id = $8,
    signed_on = $9, valid_from = $10, valid_until = $11, status = $12, document_id = $13, source = $14,
    version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND version = $3 AND archived_at IS NULL`,
		id, municipalityID, version, v.Type, v.Title, v.Summary, v.PartnershipID, v.NetworkID,
		v.SignedOn, v.ValidFrom, v.ValidUntil, v.Status, documentID, nullText(v.Source))
	if err != nil {
		return false, fmt.Errorf("update agreement %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return false, nil
	}
	return true, writeRows(ctx, tx, id, v)
}

// writeRows replaces the parties and priorities of agreement id.
func writeRows(ctx context.Context, tx pgx.Tx, id int64, v values) error {
	if _, err := tx.Exec(ctx, `DELETE FROM agreement_party WHERE agreement_id = $1`, id); err != nil {
		return fmt.Errorf("replace parties of agreement %d: %w", id, err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM agreement_priority WHERE agreement_id = $1`, id); err != nil {
		return fmt.Errorf("replace priorities of agreement %d: %w", id, err)
	}
	b := &pgx.Batch{}
	for i, p := range v.Parties {
		b.Queue(`INSERT INTO agreement_party (agreement_id, position, municipality_id, partner_city_id, name) VALUES ($1, $2, $3, $4, $5)`,
			id, i+1, p.MunicipalityID, p.PartnerCityID, p.Name)
	}
	for _, pid := range v.PriorityIDs {
		b.Queue(`INSERT INTO agreement_priority (agreement_id, priority_id) VALUES ($1, $2)`, id, pid)
	}
	if b.Len() == 0 {
		return nil
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("write rows of agreement %d: %w", id, err)
	}
	return nil
}

// archive hides agreement id if it still has version, and returns when.
func archive(ctx context.Context, tx pgx.Tx, municipalityID, id int64, version int) (time.Time, bool, error) {
	var at time.Time
	err := tx.QueryRow(ctx, `
UPDATE agreement SET archived_at = now(), version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND version = $3 AND archived_at IS NULL
RETURNING archived_at`, id, municipalityID, version).Scan(&at)
	if errors.Is(err, pgx.ErrNoRows) {
		return at, false, nil
	}
	if err != nil {
		return at, false, fmt.Errorf("archive agreement %d: %w", id, err)
	}
	return at, true, nil
}

// snapshot is what the audit log records of an agreement: every field, the
// parties and priorities as lists, and the document by name and SHA-256 (never
// its content).
func snapshot(r record) map[string]any {
	parties := make([]map[string]any, 0, len(r.Parties))
	for _, p := range r.Parties {
		m := map[string]any{"name": p.Name}
		if p.MunicipalityID != nil {
			m["municipality_id"] = *p.MunicipalityID
		}
		if p.PartnerCityID != nil {
			m["partner_city_id"] = *p.PartnerCityID
		}
		parties = append(parties, m)
	}
	priorities := make([]string, 0, len(r.Priorities))
	for _, p := range r.Priorities {
		priorities = append(priorities, p.Code)
	}
	var doc any
	if r.Document != nil {
		doc = map[string]any{"filename": r.Document.Filename, "sha256": hex.EncodeToString(r.Document.SHA256)}
	}
	return map[string]any{
		"type":           r.Type,
		"title":          r.Title,
		"summary":        r.Summary,
		"status":         r.Status,
		"source":         r.Source,
		"partnership_id": idValue(r.PartnershipID),
		"network_id":     idValue(r.NetworkID),
		"signed_on":      dateValue(r.SignedOn),
		"valid_from":     dateValue(r.ValidFrom),
		"valid_until":    dateValue(r.ValidUntil),
		"parties":        parties,
		"priorities":     priorities,
		"document":       doc,
	}
}

// createChanges is the audit record of a new agreement: every field it was
// created with, leaving out those left empty.
func createChanges(r record) map[string]audit.Change {
	after := snapshot(r)
	for k, v := range after {
		if v == "" {
			delete(after, k)
		}
	}
	return audit.Diff(map[string]any{}, after)
}

func idValue(id *int64) any {
	if id == nil {
		return nil
	}
	return *id
}

func dateValue(d *time.Time) any {
	if d == nil {
		return nil
	}
	return d.Format(time.DateOnly)
}
