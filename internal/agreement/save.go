package agreement

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
)

// errUnchanged: the save would change nothing; the transaction is rolled back.
var errUnchanged = errors.New("agreement unchanged")

// Actor is who saves, for which municipality: every save is scoped to
// MunicipalityID and logged in the audit log under AccountID and RequestID.
type Actor struct {
	AccountID      int64
	MunicipalityID int64
	RequestID      string
}

// Values are the fields of an agreement as the form sets them, validated.
type Values struct {
	Type, Title, Summary, Status, Source string
	PartnershipID, NetworkID             *int64
	SignedOn, ValidFrom, ValidUntil      *time.Time
	Parties                              []Party
	PriorityIDs                          []int64
}

// File is a new signed document, already validated.
type File struct {
	Name    string
	Content []byte
}

// DocumentChange is what a save does with the signed document: store a new
// file, take one kept by an earlier try of the form (Pending), or keep the
// current one unless Remove is set.
type DocumentChange struct {
	New     *File
	Pending *Document
	Remove  bool
}

// documentID gives the document id to save with the agreement: a new file
// stored in tx, the pending one, or the current one unless removed.
func (c DocumentChange) documentID(ctx context.Context, tx pgx.Tx, a Actor, current *Document) (*int64, error) {
	switch {
	case c.New != nil:
		id, err := attachment.Store(ctx, tx, a.MunicipalityID, &a.AccountID, c.New.Name, c.New.Content)
		if err != nil {
			return nil, err
		}
		return &id, nil
	case c.Pending != nil:
		return &c.Pending.ID, nil
	case current != nil && !c.Remove:
		return &current.ID, nil
	}
	return nil, nil
}

func nullText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Create records a new agreement with its parties, priorities and document,
// and logs it, in one transaction. It returns the agreement's id.
func (s *Store) Create(ctx context.Context, a Actor, v Values, doc DocumentChange) (int64, error) {
	var id int64
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		docID, err := doc.documentID(ctx, tx, a, nil)
		if err != nil {
			return err
		}
		err = tx.QueryRow(ctx, `
INSERT INTO agreement (municipality_id, type, title, summary, partnership_id, network_id,
                       signed_on, valid_from, valid_until, status, document_id, source)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
RETURNING id`,
			a.MunicipalityID, v.Type, v.Title, v.Summary, v.PartnershipID, v.NetworkID,
			v.SignedOn, v.ValidFrom, v.ValidUntil, v.Status, docID, nullText(v.Source)).Scan(&id)
		if err != nil {
			return fmt.Errorf("insert agreement: %w", err)
		}
		if err := writeRows(ctx, tx, id, v); err != nil {
			return err
		}
		after, err := load(ctx, tx, a.MunicipalityID, id, false)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, Entity: "agreement", EntityID: id,
			Action: audit.ActionCreate, Changes: createChanges(after), RequestID: a.RequestID})
	})
	if err != nil {
		return 0, fmt.Errorf("create agreement: %w", err)
	}
	return id, nil
}

// Update saves v over agreement id if it still has version, with the document
// as doc says, and logs the change, in one transaction. It reports whether
// anything changed: a save that changes nothing writes nothing. ErrNotFound
// for an agreement of another municipality or an archived one, ErrConflict when
// the version is stale.
func (s *Store) Update(ctx context.Context, a Actor, id int64, version int, v Values, doc DocumentChange) (bool, error) {
	mid := a.MunicipalityID
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		before, err := load(ctx, tx, mid, id, true)
		if err != nil {
			return err
		}
		if before.Version != version {
			return ErrConflict
		}
		docID, err := doc.documentID(ctx, tx, a, before.Document)
		if err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `
UPDATE agreement
SET type = $4, title = $5, summary = $6, partnership_id = $7, network_id = $8,
    signed_on = $9, valid_from = $10, valid_until = $11, status = $12, document_id = $13, source = $14,
    version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND version = $3 AND archived_at IS NULL`,
			id, mid, version, v.Type, v.Title, v.Summary, v.PartnershipID, v.NetworkID,
			v.SignedOn, v.ValidFrom, v.ValidUntil, v.Status, docID, nullText(v.Source))
		if err != nil {
			return fmt.Errorf("update agreement %d: %w", id, err)
		}
		if tag.RowsAffected() == 0 {
			return ErrConflict
		}
		if err := writeRows(ctx, tx, id, v); err != nil {
			return err
		}
		after, err := load(ctx, tx, mid, id, false)
		if err != nil {
			return err
		}
		changes := audit.Diff(snapshot(before), snapshot(after))
		if len(changes) == 0 {
			return errUnchanged
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: &a.AccountID, MunicipalityID: &mid, Entity: "agreement", EntityID: id,
			Action: audit.ActionUpdate, Changes: changes, RequestID: a.RequestID})
	})
	switch {
	case errors.Is(err, errUnchanged):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("update agreement %d: %w", id, err)
	}
	return true, nil
}

// writeRows replaces the parties and priorities of agreement id.
func writeRows(ctx context.Context, tx pgx.Tx, id int64, v Values) error {
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

// Archive hides agreement id from the register and the public pages if it
// still has version, and logs it; the audit log keeps it. ErrConflict when the
// version is stale or the agreement is gone meanwhile.
func (s *Store) Archive(ctx context.Context, a Actor, id int64, version int) error {
	mid := a.MunicipalityID
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		var at time.Time
		err := tx.QueryRow(ctx, `
UPDATE agreement SET archived_at = now(), version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND version = $3 AND archived_at IS NULL
RETURNING archived_at`, id, mid, version).Scan(&at)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrConflict
		}
		if err != nil {
			return fmt.Errorf("archive agreement %d: %w", id, err)
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: &a.AccountID, MunicipalityID: &mid, Entity: "agreement", EntityID: id,
			Action:    audit.ActionArchive,
			Changes:   audit.Diff(map[string]any{"archived_at": nil}, map[string]any{"archived_at": at}),
			RequestID: a.RequestID})
	})
	if err != nil {
		return fmt.Errorf("archive agreement %d: %w", id, err)
	}
	return nil
}

// snapshot is what the audit log records of an agreement: every field, the
// parties and priorities as lists, and the document by name and SHA-256 (never
// its content).
func snapshot(r Record) map[string]any {
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
func createChanges(r Record) map[string]audit.Change {
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
