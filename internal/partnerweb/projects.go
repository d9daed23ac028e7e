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

func (h *Handlers) projects(w http.ResponseWriter, r *http.Request) error {
	v := ProjectsView{Archived: showArchived(r), CanEdit: canEdit(r, access.ProjectEdit)}
	var err error
	if v.List, err = h.store().ProjectRecords(r.Context(), workspaceweb.Me(r).MunicipalityID, v.Archived); err != nil {
		return err
	}
	l := web.L(r)
	p := h.Page(w, r, l.T("partneredit.projects.title"), templates.Crumb{Label: l.T("partneredit.projects.title")})
	return web.Render(w, r, http.StatusOK, ProjectsPage(p, v))
}

// project reads {id}: a project of another municipality is not found.
func (h *Handlers) project(r *http.Request) (partner.ProjectRecord, error) {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return partner.ProjectRecord{}, err
	}
	rec, err := h.store().ProjectRecord(r.Context(), workspaceweb.Me(r).MunicipalityID, id)
	if errors.Is(err, partner.ErrNotFound) {
		return rec, web.NotFound(err)
	}
	return rec, err
}

func (h *Handlers) projectForm(w http.ResponseWriter, r *http.Request, status int, v ProjectForm) error {
	l := web.L(r)
	title := l.T("partneredit.projects.new")
	if !v.IsNew() {
		title = v.Record.Title
		var err error
		if v.History, err = h.history(r, "project", v.Record.ID); err != nil {
			return err
		}
	}
	p := h.formPage(w, r, title, v.Errors, listCrumb(r, PartnerEditProjects), templates.Crumb{Label: title})
	return web.Render(w, r, status, ProjectFormPage(p, v))
}

func (h *Handlers) newProject(w http.ResponseWriter, r *http.Request) error {
	v := ProjectForm{Currency: workspaceweb.Me(r).Currency, Status: "planned"}
	if _, err := h.projectOptions(r, &v); err != nil {
		return err
	}
	return h.projectForm(w, r, http.StatusOK, v)
}

func (h *Handlers) createProject(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	var v ProjectForm
	minor, err := h.projectOptions(r, &v)
	if err != nil {
		return err
	}
	in := projectInput(r, &v, minor)
	if v.Errors.Any() {
		return h.projectForm(w, r, http.StatusUnprocessableEntity, v)
	}
	id, err := h.store().CreateProject(r.Context(), h.actor(r), in)
	if err != nil {
		return err
	}
	return h.Done(w, r, "/staff/projects/"+idString(id), "partneredit.flash.project_created")
}

func (h *Handlers) editProject(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.project(r)
	if err != nil {
		return err
	}
	v := projectFromRecord(rec, web.L(r).Lang)
	if _, err := h.projectOptions(r, &v); err != nil {
		return err
	}
	var selected []string
	for _, id := range rec.PriorityIDs() {
		selected = append(selected, idString(id))
	}
	markPriorities(&v, selected)
	return h.projectForm(w, r, http.StatusOK, v)
}

func (h *Handlers) updateProject(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	rec, err := h.project(r)
	if err != nil {
		return err
	}
	v := ProjectForm{Record: rec}
	v.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	minor, err := h.projectOptions(r, &v)
	if err != nil {
		return err
	}
	in := projectInput(r, &v, minor)
	if v.Errors.Any() {
		return h.projectForm(w, r, http.StatusUnprocessableEntity, v)
	}
	err = h.store().UpdateProject(r.Context(), h.actor(r), rec.ID, v.Version, in)
	switch {
	case errors.Is(err, partner.ErrConflict):
		cur, err := h.project(r)
		if err != nil {
			return err
		}
		v.Record, v.Version = cur, cur.Version
		v.Conflict = projectConflict(web.L(r), v, in, minor, cur)
		return h.projectForm(w, r, http.StatusConflict, v)
	case errors.Is(err, partner.ErrNotFound):
		return web.NotFound(err)
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/projects/"+idString(rec.ID), "partneredit.flash.project_saved")
}

func (h *Handlers) confirmArchiveProject(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.project(r)
	if err != nil {
		return err
	}
	edit := "/staff/projects/" + idString(rec.ID)
	if rec.ArchivedAt != nil {
		http.Redirect(w, r, edit, http.StatusSeeOther)
		return nil
	}
	l := web.L(r)
	heading := l.T("partneredit.projects.archive_heading", rec.Title)
	p := h.Page(w, r, heading, listCrumb(r, PartnerEditProjects),
		templates.Crumb{Label: rec.Title, Href: edit}, templates.Crumb{Label: l.T("partneredit.archive")})
	return web.Render(w, r, http.StatusOK, PartnerArchivePage(p, PartnerArchiveView{
		Heading: heading, Question: l.T("partneredit.projects.archive_question", rec.Title),
		Action: templ.SafeURL(edit + "/archive"), Cancel: templ.SafeURL(edit),
	}))
}

func (h *Handlers) archiveProject(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return err
	}
	err = h.store().ArchiveProject(r.Context(), h.actor(r), id)
	if errors.Is(err, partner.ErrNotFound) {
		return web.NotFound(err)
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, "/staff/projects", "partneredit.flash.project_archived")
}
