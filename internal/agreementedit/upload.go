package agreementedit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/form"
)

// upload is the signed document a form brings: a new file that passed
// attachment.Validate, or one accepted by an earlier try of the same form and
// kept as a stored attachment (hidden field document_id), or neither.
type upload struct {
	filename string
	content  []byte
	pending  *document
}

func (u upload) fresh() bool { return u.content != nil }

// readUpload reads the file input "document" and the hidden document_id. A file
// that is refused adds its error to errs; a document_id that is not an unused
// upload of this person in their municipality is ignored, so it cannot be used
// to attach someone else's file. agreementID is the agreement being edited, 0
// for a new one.
func (h *Handlers) readUpload(r *http.Request, me *account.Person, agreementID int64, in input, errs *form.Errors) (upload, error) {
	var u upload
	if id, err := strconv.ParseInt(in.DocumentID, 10, 64); err == nil && id > 0 {
		d, err := pendingDocument(r.Context(), h.Pool, me, agreementID, id)
		switch {
		case err == nil:
			u.pending = &d
		case !errors.Is(err, attachment.ErrNotFound):
			return u, err
		}
	}
	if r.MultipartForm == nil {
		return u, nil
	}
	files := r.MultipartForm.File["document"]
	if len(files) == 0 || (files[0].Filename == "" && files[0].Size == 0) {
		return u, nil
	}
	fh := files[0]
	if fh.Size > attachment.MaxSize {
		errs.AddErr("document", attachment.ErrTooLarge)
		return u, nil
	}
	f, err := fh.Open()
	if err != nil {
		return u, fmt.Errorf("open uploaded document: %w", err)
	}
	defer f.Close()
	content, err := io.ReadAll(io.LimitReader(f, attachment.MaxSize+1))
	if err != nil {
		return u, fmt.Errorf("read uploaded document: %w", err)
	}
	if _, err := attachment.Validate(fh.Filename, content); err != nil {
		errs.AddErr("document", err)
		return u, nil
	}
	u.filename, u.content = fh.Filename, content
	return u, nil
}

// keep stores a new file on its own, for a form that comes back without being
// saved (errors, a version conflict, a row added): the form then carries its id,
// so the person does not have to choose the file again.
func (h *Handlers) keep(ctx context.Context, me *account.Person, agreementID int64, u upload) (upload, error) {
	if !u.fresh() {
		return u, nil
	}
	var id int64
	err := database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		var err error
		id, err = attachment.Store(ctx, tx, me.MunicipalityID, &me.ID, u.filename, u.content)
		return err
	})
	if err != nil {
		return u, err
	}
	d, err := pendingDocument(ctx, h.Pool, me, agreementID, id)
	if err != nil {
		return u, err
	}
	return upload{pending: &d}, nil
}

// store gives the document id to save with the agreement: a new file stored in
// tx, the pending one, or the current one unless removed.
func (u upload) store(ctx context.Context, tx pgx.Tx, me *account.Person, current *document, remove bool) (*int64, error) {
	switch {
	case u.fresh():
		id, err := attachment.Store(ctx, tx, me.MunicipalityID, &me.ID, u.filename, u.content)
		if err != nil {
			return nil, err
		}
		return &id, nil
	case u.pending != nil:
		return &u.pending.ID, nil
	case current != nil && !remove:
		return &current.ID, nil
	}
	return nil, nil
}

// pendingDocument reads attachment id if this person uploaded it in their
// municipality and it is not in use elsewhere (another agreement's document, a
// trip's or a meeting's file: view attachment_use). It does not read the content.
func pendingDocument(ctx context.Context, q querier, me *account.Person, agreementID, id int64) (document, error) {
	var d document
	err := q.QueryRow(ctx, `
SELECT a.id, a.filename, a.content_type, a.size_bytes, a.sha256
FROM attachment a
WHERE a.id = $1 AND a.municipality_id = $2 AND a.uploaded_by = $3
  AND NOT EXISTS (SELECT 1 FROM attachment_use u WHERE u.attachment_id = a.id
                  AND NOT (u.entity = 'agreement' AND u.entity_id = $4))`,
		id, me.MunicipalityID, me.ID, agreementID).Scan(&d.ID, &d.Filename, &d.ContentType, &d.Size, &d.SHA256)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, attachment.ErrNotFound
	}
	if err != nil {
		return d, fmt.Errorf("read pending document %d: %w", id, err)
	}
	return d, nil
}
