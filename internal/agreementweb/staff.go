package agreementweb

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

const listPath = "/staff/agreements"

func recordPath(id int64) string { return listPath + "/" + strconv.FormatInt(id, 10) }

func (h *Handlers) listCrumb(r *http.Request) templates.Crumb {
	return templates.Crumb{Label: web.L(r).T("agreementedit.list.title"), Href: listPath}
}

// current reads the agreement named by {id}; one of another municipality, an
// archived one or a missing one is a 404.
func (h *Handlers) current(r *http.Request) (agreement.Record, error) {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return agreement.Record{}, err
	}
	rec, err := h.store().Record(r.Context(), workspaceweb.Me(r).MunicipalityID, id)
	if errors.Is(err, agreement.ErrNotFound) {
		return rec, web.NotFound(err)
	}
	return rec, err
}

func (h *Handlers) list(w http.ResponseWriter, r *http.Request) error {
	me := workspaceweb.Me(r)
	rows, err := h.store().Rows(r.Context(), me.MunicipalityID)
	if err != nil {
		return err
	}
	lang, err := h.store().Language(r.Context(), me.MunicipalityID)
	if err != nil {
		return err
	}
	v := StaffAgreementsView{CanEdit: me.Can(access.AgreementEdit), Lang: lang}
	for _, a := range rows {
		v.Rows = append(v.Rows, StaffAgreementRow{ID: a.ID, Type: a.Type, Title: a.Title, Status: a.Status,
			SignedOn: a.SignedOn, ValidUntil: a.ValidUntil, Parties: a.Parties, IsDemo: a.IsDemo})
	}
	l := web.L(r)
	p := h.Page(w, r, l.T("agreementedit.list.title"), templates.Crumb{Label: l.T("agreementedit.list.title")})
	return web.Render(w, r, http.StatusOK, StaffAgreementsPage(p, v))
}

func (h *Handlers) show(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.current(r)
	if err != nil {
		return err
	}
	me := workspaceweb.Me(r)
	lang, err := h.store().Language(r.Context(), me.MunicipalityID)
	if err != nil {
		return err
	}
	l := web.L(r)
	p := h.Page(w, r, rec.Title, h.listCrumb(r), templates.Crumb{Label: rec.Title})
	v := StaffAgreementView{A: detail(l, rec, me.MunicipalityID), CanEdit: me.Can(access.AgreementEdit), Lang: lang}
	if v.History, err = audit.NewStore(h.Pool).History(r.Context(), me.MunicipalityID, "agreement", rec.ID); err != nil {
		return err
	}
	return web.Render(w, r, http.StatusOK, StaffAgreementPage(p, v))
}

// document sends the signed document of an agreement that is no longer a draft.
// It is for the signed-in people of the municipality only; whether and where the
// public may download it is decided with the public register.
func (h *Handlers) document(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.current(r)
	if err != nil {
		return err
	}
	a, err := h.store().SignedDocument(r.Context(), workspaceweb.Me(r).MunicipalityID, rec)
	if errors.Is(err, agreement.ErrNotFound) || errors.Is(err, attachment.ErrNotFound) {
		return web.NotFound(err)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-store")
	attachment.Serve(w, a)
	return nil
}
