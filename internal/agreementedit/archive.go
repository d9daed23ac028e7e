package agreementedit

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
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

func (h *Handlers) renderArchive(w http.ResponseWriter, r *http.Request, status int, cur record, conflict bool) error {
	l := web.L(r)
	me := workspaceweb.Me(r)
	lang, err := contentLanguage(r.Context(), h.Pool, me.MunicipalityID)
	if err != nil {
		return err
	}
	p := h.Page(w, r, l.T("agreementedit.archive.page_title", cur.Title), h.listCrumb(r),
		templates.Crumb{Label: cur.Title, Href: recordPath(cur.ID)}, templates.Crumb{Label: l.T("agreementedit.archive")})
	v := templates.StaffAgreementArchiveView{A: detail(l, cur, me.MunicipalityID), Lang: lang, Conflict: conflict}
	return web.Render(w, r, status, templates.StaffAgreementArchivePage(p, v))
}

// archive hides an agreement from the register and the public pages; the audit
// log keeps it. The confirmation carries the version it was given for, so an
// agreement changed meanwhile is shown again before it is archived.
func (h *Handlers) archive(w http.ResponseWriter, r *http.Request) error {
	cur, err := h.current(r)
	if err != nil {
		return err
	}
	ctx, me := r.Context(), workspaceweb.Me(r)
	mid := me.MunicipalityID
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	err = database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		at, ok, err := archive(ctx, tx, mid, cur.ID, version)
		if err != nil {
			return err
		}
		if !ok {
			return errConflict
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: &me.ID, MunicipalityID: &mid, Entity: "agreement", EntityID: cur.ID,
			Action:    audit.ActionArchive,
			Changes:   audit.Diff(map[string]any{"archived_at": nil}, map[string]any{"archived_at": at}),
			RequestID: web.RequestID(ctx)})
	})
	if errors.Is(err, errConflict) {
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
