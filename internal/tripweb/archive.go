package tripweb

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
)

// archive is POST /staff/trips/{id}/archive: staff withdraw a trip that was never
// approved. It is archived, not deleted: the row keeps its reference (a returned
// trip has one), so a reference is never given twice, and the audit log keeps
// what happened. From then on the workspace does not find it.
func (h *Handlers) archive(w http.ResponseWriter, r *http.Request) error {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	// Refused, the trip page shows the trip as it is now with why.
	cur, err := h.store().Archive(r.Context(), editorOf(r), id, version)
	switch {
	case errors.Is(err, trip.ErrNotFound):
		return web.NotFound(err)
	case errors.Is(err, trip.ErrLocked):
		return h.renderPage(w, r, http.StatusUnprocessableEntity, cur, nil, "tripedit.withdraw.refused")
	case errors.Is(err, trip.ErrConflict):
		return h.renderPage(w, r, http.StatusConflict, cur, nil, "tripedit.withdraw.conflict")
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/trips", "tripedit.flash.withdrawn")
}
