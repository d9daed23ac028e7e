package agreementedit

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/auditlog"
	"github.com/municipal-intl/portal/internal/staffweb"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

const listPath = "/staff/agreements"

func recordPath(id int64) string { return listPath + "/" + strconv.FormatInt(id, 10) }

func (h *Handlers) listCrumb(r *http.Request) templates.Crumb {
	return templates.Crumb{Label: web.L(r).T("agreementedit.list.title"), Href: listPath}
}

// current reads the agreement named by {id}; one of another municipality, an
// archived one or a missing one is a 404.
func (h *Handlers) current(r *http.Request) (record, error) {
	id, err := staffweb.ID(r, "id")
	if err != nil {
		return record{}, err
	}
	rec, err := load(r.Context(), h.Pool, staffweb.Me(r).MunicipalityID, id, false)
	if errors.Is(err, errNotFound) {
		return rec, web.NotFound(err)
	}
	return rec, err
}

func (h *Handlers) list(w http.ResponseWriter, r *http.Request) error {
	me := staffweb.Me(r)
	rows, err := list(r.Context(), h.Pool, me.MunicipalityID)
	if err != nil {
		return err
	}
	lang, err := contentLanguage(r.Context(), h.Pool, me.MunicipalityID)
	if err != nil {
		return err
	}
	v := templates.StaffAgreementsView{CanEdit: me.Can(access.AgreementEdit), Lang: lang}
	for _, a := range rows {
		v.Rows = append(v.Rows, templates.StaffAgreementRow{ID: a.ID, Type: a.Type, Title: a.Title, Status: a.Status,
			SignedOn: a.SignedOn, ValidUntil: a.ValidUntil, Parties: a.Parties, IsDemo: a.IsDemo})
	}
	l := web.L(r)
	p := h.Page(w, r, l.T("agreementedit.list.title"), templates.Crumb{Label: l.T("agreementedit.list.title")})
	return web.Render(w, r, http.StatusOK, templates.StaffAgreementsPage(p, v))
}

func (h *Handlers) show(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.current(r)
	if err != nil {
		return err
	}
	me := staffweb.Me(r)
	lang, err := contentLanguage(r.Context(), h.Pool, me.MunicipalityID)
	if err != nil {
		return err
	}
	l := web.L(r)
	p := h.Page(w, r, rec.Title, h.listCrumb(r), templates.Crumb{Label: rec.Title})
	v := templates.StaffAgreementView{A: detail(l, rec, me.MunicipalityID), CanEdit: me.Can(access.AgreementEdit), Lang: lang}
	if v.History, err = auditlog.For(r.Context(), h.Pool, me.MunicipalityID, "agreement", rec.ID); err != nil {
		return err
	}
	return web.Render(w, r, http.StatusOK, templates.StaffAgreementPage(p, v))
}

// document sends the signed document of an agreement that is no longer a draft.
// It is for the signed-in people of the municipality only; whether and where the
// public may download it is decided with the public register.
func (h *Handlers) document(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.current(r)
	if err != nil {
		return err
	}
	if rec.Document == nil || rec.Status == agreement.StatusDraft {
		return web.NotFound(nil)
	}
	a, err := attachment.Get(r.Context(), h.Pool, staffweb.Me(r).MunicipalityID, rec.Document.ID)
	if errors.Is(err, attachment.ErrNotFound) {
		return web.NotFound(err)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-store")
	attachment.Serve(w, a)
	return nil
}
