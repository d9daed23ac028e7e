package agreement

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/database"
)

// Keep stores a new file on its own, for a form that comes back without being
// saved (errors, a version conflict, a row added): the form then carries its
// id, so the person does not have to choose the file again. agreementID is the
// agreement being edited, 0 for a new one.
func (s *Store) Keep(ctx context.Context, a Actor, agreementID int64, f File) (Document, error) {
	var id int64
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		var err error
		id, err = attachment.Store(ctx, tx, a.MunicipalityID, &a.AccountID, f.Name, f.Content)
		return err
	})
	if err != nil {
		return Document{}, err
	}
	return s.Pending(ctx, a, agreementID, id)
}

// Pending reads attachment id if this person uploaded it in their municipality
// and it is not in use elsewhere (another agreement's document, a trip's or a
// meeting's file: view attachment_use), so that it cannot be used to attach
// someone else's file; attachment.ErrNotFound otherwise. It does not read the
// content.
func (s *Store) Pending(ctx context.Context, a Actor, agreementID, id int64) (Document, error) {
	var d Document
	err := s.db.QueryRow(ctx, `
SELECT a.id, a.filename, a.content_type, a.size_bytes, a.sha256
FROM attachment a
WHERE a.id = $1 AND a.municipality_id = $2 AND a.uploaded_by = $3
  AND NOT EXISTS (SELECT 1 FROM attachment_use u WHERE u.attachment_id = a.id
                  AND NOT (u.entity = 'agreement' AND u.entity_id = $4))`,
		id, a.MunicipalityID, a.AccountID, agreementID).Scan(&d.ID, &d.Filename, &d.ContentType, &d.Size, &d.SHA256)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, attachment.ErrNotFound
	}
	if err != nil {
		return d, fmt.Errorf("read pending document %d: %w", id, err)
	}
	return d, nil
}

// SignedDocument reads the signed document of r, with its content, for the
// signed-in people of the municipality: ErrNotFound when r has none or is a
// draft.
func (s *Store) SignedDocument(ctx context.Context, municipalityID int64, r Record) (attachment.Attachment, error) {
	if r.Document == nil || r.Status == StatusDraft {
		return attachment.Attachment{}, ErrNotFound
	}
	return attachment.Get(ctx, s.db, municipalityID, r.Document.ID)
}
