package partnerweb

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/a-h/templ"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/partner"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

func (h *Handlers) partnerships(w http.ResponseWriter, r *http.Request) error {
	v := PartnershipsView{Archived: showArchived(r), CanEdit: canEdit(r, access.PartnershipEdit)}
	var err error
	if v.List, err = h.store().Records(r.Context(), workspaceweb.Me(r).MunicipalityID, v.Archived); err != nil {
		return err
	}
	l := web.L(r)
	p := h.Page(w, r, l.T("partneredit.partners.title"), templates.Crumb{Label: l.T("partneredit.partners.title")})
	return web.Render(w, r, http.StatusOK, PartnershipsPage(p, v))
}

// partnership reads {id}: a partnership of another municipality is not found.
func (h *Handlers) partnership(r *http.Request) (partner.Record, error) {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return partner.Record{}, err
	}
	rec, err := h.store().Record(r.Context(), workspaceweb.Me(r).MunicipalityID, id)
	if errors.Is(err, partner.ErrNotFound) {
		return rec, web.NotFound(err)
	}
	return rec, err
}

func (h *Handlers) partnershipForm(w http.ResponseWriter, r *http.Request, status int, v PartnershipForm) error {
	l := web.L(r)
	title := l.T("partneredit.partners.new")
	if !v.IsNew() {
		title = v.Record.City
		var err error
		if v.History, err = h.history(r, "partnership", v.Record.ID); err != nil {
			return err
		}
	}
	p := h.formPage(w, r, title, v.Errors, listCrumb(r, PartnerEditPartners), templates.Crumb{Label: title})
	return web.Render(w, r, status, PartnershipFormPage(p, v))
}

func (h *Handlers) newPartnership(w http.ResponseWriter, r *http.Request) error {
	v := PartnershipForm{Status: partner.StatusActive}
	if err := h.partnershipOptions(r, &v); err != nil {
		return err
	}
	return h.partnershipForm(w, r, http.StatusOK, v)
}

func (h *Handlers) createPartnership(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	var v PartnershipForm
	if err := h.partnershipOptions(r, &v); err != nil {
		return err
	}
	in := h.partnershipInput(r, &v)
	if v.Errors.Any() {
		if err := h.policyCheck(r.Context(), r, &v, in); err != nil {
			return err
		}
		return h.partnershipForm(w, r, http.StatusUnprocessableEntity, v)
	}
	warning, err := h.policyWarning(r.Context(), r, "", in)
	if err != nil {
		return err
	}
	id, err := h.store().CreatePartnership(r.Context(), h.actor(r), in)
	var refusal *partner.Refusal
	switch {
	case errors.As(err, &refusal):
		refuse(&v, refusal.Violation)
		return h.partnershipForm(w, r, http.StatusUnprocessableEntity, v)
	case errors.Is(err, partner.ErrDuplicate):
		v.Errors.Add("city", "partneredit.error.city_duplicate")
		return h.partnershipForm(w, r, http.StatusUnprocessableEntity, v)
	case err != nil:
		return err
	}
	if warning != "" {
		return h.Done(w, r, "/staff/partners/"+idString(id), warning)
	}
	return h.Done(w, r, "/staff/partners/"+idString(id), "partneredit.flash.partnership_created")
}

func (h *Handlers) editPartnership(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.partnership(r)
	if err != nil {
		return err
	}
	v := partnershipFromRecord(rec)
	if err := h.partnershipOptions(r, &v); err != nil {
		return err
	}
	return h.partnershipForm(w, r, http.StatusOK, v)
}

func (h *Handlers) updatePartnership(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	rec, err := h.partnership(r)
	if err != nil {
		return err
	}
	v := PartnershipForm{Record: rec}
	v.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	if err := h.partnershipOptions(r, &v); err != nil {
		return err
	}
	in := h.partnershipInput(r, &v)
	if v.Errors.Any() {
		if err := h.policyCheck(r.Context(), r, &v, in); err != nil {
			return err
		}
		return h.partnershipForm(w, r, http.StatusUnprocessableEntity, v)
	}
	warning, err := h.policyWarning(r.Context(), r, rec.Kind, in)
	if err != nil {
		return err
	}
	err = h.store().UpdatePartnership(r.Context(), h.actor(r), rec.ID, v.Version, in)
	var refusal *partner.Refusal
	switch {
	case errors.Is(err, partner.ErrConflict):
		// Nothing was saved: show the current record beside the input, and let a
		// new save start from the current version.
		cur, err := h.partnership(r)
		if err != nil {
			return err
		}
		v.Record, v.Version = cur, cur.Version
		v.Conflict = partnershipConflict(web.L(r), v, cur)
		return h.partnershipForm(w, r, http.StatusConflict, v)
	case errors.Is(err, partner.ErrNotFound):
		return web.NotFound(err)
	case errors.As(err, &refusal):
		refuse(&v, refusal.Violation)
		return h.partnershipForm(w, r, http.StatusUnprocessableEntity, v)
	case err != nil:
		return err
	}
	if warning != "" {
		return h.Done(w, r, "/staff/partners/"+idString(rec.ID), warning)
	}
	return h.Done(w, r, "/staff/partners/"+idString(rec.ID), "partneredit.flash.partnership_saved")
}

func (h *Handlers) confirmArchivePartnership(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.partnership(r)
	if err != nil {
		return err
	}
	edit := "/staff/partners/" + idString(rec.ID)
	if rec.ArchivedAt != nil {
		http.Redirect(w, r, edit, http.StatusSeeOther)
		return nil
	}
	l := web.L(r)
	heading := l.T("partneredit.partners.archive_heading", rec.City)
	p := h.Page(w, r, heading, listCrumb(r, PartnerEditPartners),
		templates.Crumb{Label: rec.City, Href: edit}, templates.Crumb{Label: l.T("partneredit.archive")})
	return web.Render(w, r, http.StatusOK, PartnerArchivePage(p, PartnerArchiveView{
		Heading: heading, Question: l.T("partneredit.partners.archive_question", rec.City),
		Action: templ.SafeURL(edit + "/archive"), Cancel: templ.SafeURL(edit),
	}))
}

func (h *Handlers) archivePartnership(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return err
	}
	err = h.store().ArchivePartnership(r.Context(), h.actor(r), id)
	if errors.Is(err, partner.ErrNotFound) {
		return web.NotFound(err)
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, "/staff/partners", "partneredit.flash.partnership_archived")
}
