package agreement

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// Errors of the workspace's reads and saves.
var (
	// ErrNotFound reports no agreement of the municipality with that id, or an
	// archived one.
	ErrNotFound = errors.New("agreement not found")
	// ErrConflict reports a save from a form whose version is no longer the
	// agreement's: someone else saved meanwhile, and nothing was written.
	ErrConflict = errors.New("agreement changed meanwhile")
)

// Party is one party of an agreement: a body named in words, optionally linked
// to a municipality of the portal or to a partner city.
type Party struct {
	Name           string
	MunicipalityID *int64
	PartnerCityID  *int64
}

// PriorityRef is a policy priority an agreement serves, of the current policy
// or an earlier one.
type PriorityRef struct {
	ID          int64
	Code, Title string
	Kind        string
	Lang        string
	// Current is set for a priority of the municipality's current policy.
	Current bool
}

// Document is a stored file without its content.
type Document struct {
	ID          int64
	Filename    string
	ContentType string
	Size        int64
	SHA256      []byte
}

// Record is an agreement as the workspace keeps it, drafts included, with the
// names of what it links to.
type Record struct {
	ID                              int64
	Version                         int
	Type, Title, Summary            string
	Status, Source                  string
	PartnershipID, NetworkID        *int64
	PartnershipCity                 string
	PartnershipKind                 string
	Network                         string
	SignedOn, ValidFrom, ValidUntil *time.Time
	Parties                         []Party
	Priorities                      []PriorityRef
	Document                        *Document
	IsDemo                          bool
	CreatedAt, UpdatedAt            time.Time
}

// Record reads agreement id of the municipality with its parties, priorities
// and document; ErrNotFound for one of another municipality or an archived one.
func (s *Store) Record(ctx context.Context, municipalityID, id int64) (Record, error) {
	return load(ctx, s.db, municipalityID, id, false)
}

// load reads agreement id of the municipality with its parties, priorities and
// document; lock takes a row lock for the transaction that will change it.
func load(ctx context.Context, q database.Querier, municipalityID, id int64, lock bool) (Record, error) {
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
	var r Record
	var docID *int64
	var doc Document
	err := q.QueryRow(ctx, sql, id, municipalityID).Scan(&r.ID, &r.Version, &r.Type, &r.Title, &r.Summary, &r.Status, &r.Source,
		&r.PartnershipID, &r.NetworkID, &r.PartnershipCity, &r.PartnershipKind, &r.Network,
		&r.SignedOn, &r.ValidFrom, &r.ValidUntil, &r.IsDemo, &r.CreatedAt, &r.UpdatedAt,
		&docID, &doc.Filename, &doc.ContentType, &doc.Size, &doc.SHA256)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, ErrNotFound
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
	r.Parties, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (Party, error) {
		var p Party
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

func scanPriority(row pgx.CollectableRow) (PriorityRef, error) {
	var p PriorityRef
	err := row.Scan(&p.ID, &p.Code, &p.Title, &p.Kind, &p.Lang, &p.Current)
	return p, err
}

// Row is one agreement of the workspace's register.
type Row struct {
	ID         int64
	Type       string
	Title      string
	Status     string
	SignedOn   *time.Time
	ValidUntil *time.Time
	Parties    []string
	IsDemo     bool
}

// Rows returns the municipality's agreements that are not archived, drafts
// first, then by signature, newest first.
func (s *Store) Rows(ctx context.Context, municipalityID int64) ([]Row, error) {
	rows, err := s.db.Query(ctx, `
SELECT a.id, a.type, a.title, a.status, a.signed_on, a.valid_until,
       coalesce((SELECT array_agg(ap.name ORDER BY ap.position) FROM agreement_party ap WHERE ap.agreement_id = a.id), '{}'),
       a.is_demo
FROM agreement a
WHERE a.municipality_id = $1 AND a.archived_at IS NULL
ORDER BY a.status = 'draft' DESC, a.signed_on DESC NULLS FIRST, a.title, a.id`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("list agreements of municipality %d: %w", municipalityID, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Row, error) {
		var l Row
		err := row.Scan(&l.ID, &l.Type, &l.Title, &l.Status, &l.SignedOn, &l.ValidUntil, &l.Parties, &l.IsDemo)
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("list agreements of municipality %d: %w", municipalityID, err)
	}
	return out, nil
}

// Language is the language the municipality writes its records in.
func (s *Store) Language(ctx context.Context, municipalityID int64) (string, error) {
	return contentLanguage(ctx, s.db, municipalityID)
}

func contentLanguage(ctx context.Context, q database.Querier, municipalityID int64) (string, error) {
	var lang string
	if err := q.QueryRow(ctx, `SELECT languages[1] FROM municipality WHERE id = $1`, municipalityID).Scan(&lang); err != nil {
		return "", fmt.Errorf("language of municipality %d: %w", municipalityID, err)
	}
	return lang, nil
}

// Link is the party's link as the form's select names it: "m" and the id of a
// municipality, "c" and the id of a partner city, "" for none.
func (p Party) Link() string {
	switch {
	case p.MunicipalityID != nil:
		return "m" + strconv.FormatInt(*p.MunicipalityID, 10)
	case p.PartnerCityID != nil:
		return "c" + strconv.FormatInt(*p.PartnerCityID, 10)
	}
	return ""
}
