package agreementweb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/form"
)

// upload is the signed document a form brings: a new file that passed
// attachment.Validate, or one accepted by an earlier try of the same form and
// kept as a stored attachment (hidden field document_id), or neither.
type upload struct {
	filename string
	content  []byte
	pending  *agreement.Document
}

func (u upload) fresh() bool { return u.content != nil }

// change is what saving the form does with the document.
func (u upload) change(remove bool) agreement.DocumentChange {
	c := agreement.DocumentChange{Pending: u.pending, Remove: remove}
	if u.fresh() {
		c.New = &agreement.File{Name: u.filename, Content: u.content}
	}
	return c
}

// readUpload reads the file input "document" and the hidden document_id. A file
// that is refused adds its error to errs; a document_id that is not an unused
// upload of this person in their municipality is ignored, so it cannot be used
// to attach someone else's file. agreementID is the agreement being edited, 0
// for a new one.
func (h *Handlers) readUpload(r *http.Request, agreementID int64, in input, errs *form.Errors) (upload, error) {
	var u upload
	if id, err := strconv.ParseInt(in.DocumentID, 10, 64); err == nil && id > 0 {
		d, err := h.store().Pending(r.Context(), actor(r), agreementID, id)
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
func (h *Handlers) keep(ctx context.Context, a agreement.Actor, agreementID int64, u upload) (upload, error) {
	if !u.fresh() {
		return u, nil
	}
	d, err := h.store().Keep(ctx, a, agreementID, agreement.File{Name: u.filename, Content: u.content})
	if err != nil {
		return u, err
	}
	return upload{pending: &d}, nil
}
