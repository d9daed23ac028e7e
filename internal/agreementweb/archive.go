package agreementweb

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

func (h *Handlers) archiveForm(w http.ResponseWriter, r *http.Request) error {
	cur, err := h.current(r)
	if err != nil {
		return err
	}
	return h.renderArchive(w, r, http.StatusOK, cur, false)
}

func (h *Handlers) renderArchive(w http.ResponseWriter, r *http.Request, status int, cur agreement.Record, conflict bool) error {
	l := web.L(r)
	me := workspaceweb.Me(r)
	lang, err := h.store().Language(r.Context(), me.MunicipalityID)
	if err != nil {
		return err
	}
	p := h.Page(w, r, l.T("agreementedit.archive.page_title", cur.Title), h.listCrumb(r),
		templates.Crumb{Label: cur.Title, Href: recordPath(cur.ID)}, templates.Crumb{Label: l.T("agreementedit.archive")})
	v := StaffAgreementArchiveView{A: detail(l, cur, me.MunicipalityID), Lang: lang, Conflict: conflict}
	return web.Render(w, r, status, StaffAgreementArchivePage(p, v))
}

// archive hides an agreement from the register and the public pages; the audit
// log keeps it. The confirmation carries the version it was given for, so an
// agreement changed meanwhile is shown again before it is archived.
func (h *Handlers) archive(w http.ResponseWriter, r *http.Request) error {
	cur, err := h.current(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	err = h.store().Archive(r.Context(), actor(r), cur.ID, version)
	if errors.Is(err, agreement.ErrConflict) {
		now, err := h.current(r)
		if err != nil {
			return err
		}
		return h.renderArchive(w, r, http.StatusConflict, now, true)
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, listPath, "agreementedit.flash.archived")
}
