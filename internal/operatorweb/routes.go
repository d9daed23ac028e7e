// Package operatorweb is the platform operator's workspace: the municipalities
// of the installation, adding one with its first administrator, archiving one
// that has records and removing one that has none.
package operatorweb

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// Handlers serves /staff/municipalities.
type Handlers struct {
	workspaceweb.Base
}

// Staff registers the operator's routes; the caller has required a sign-in.
func (h *Handlers) Staff(r chi.Router) {
	r.Use(h.Auth.Require(access.MunicipalityManage))
	r.Get("/", h.Site.Handle(h.list))
	r.Get("/new", h.Site.Handle(h.newForm))
	r.Post("/", h.Site.Handle(h.create))
	r.Get("/{slug}", h.Site.Handle(h.show))
	r.Post("/{slug}/archive", h.Site.Handle(h.archive(true)))
	r.Post("/{slug}/restore", h.Site.Handle(h.archive(false)))
	r.Post("/{slug}/remove", h.Site.Handle(h.remove))
}

func (h *Handlers) store() *municipality.Store { return municipality.NewStore(h.Pool) }

func (h *Handlers) list(w http.ResponseWriter, r *http.Request) error {
	list, err := h.store().Overview(r.Context())
	if err != nil {
		return err
	}
	l := web.L(r)
	p := h.Page(w, r, l.T("operator.title"), templates.Crumb{Label: l.T("operator.title")})
	return web.Render(w, r, http.StatusOK, ListPage(p, list))
}

func (h *Handlers) newForm(w http.ResponseWriter, r *http.Request) error {
	return h.form(w, r, http.StatusOK, FormView{Values: map[string]string{"languages": "", "population_year": ""}})
}

func (h *Handlers) form(w http.ResponseWriter, r *http.Request, status int, v FormView) error {
	l := web.L(r)
	title := l.T("operator.new")
	pageTitle := title
	if v.Errors.Any() {
		pageTitle = l.T("form.title_error", title)
	}
	p := h.Page(w, r, pageTitle,
		templates.Crumb{Label: l.T("operator.title"), Href: "/staff/municipalities"}, templates.Crumb{Label: title})
	return web.Render(w, r, status, FormPage(p, v))
}

func (h *Handlers) create(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	v := FormView{Values: map[string]string{}}
	for _, f := range municipality.Fields {
		if f != "admin_password" {
			v.Values[f] = r.PostFormValue(f)
		}
	}
	me := workspaceweb.Me(r).ID
	m, err := h.store().Create(r.Context(), municipality.FromValues(r.PostFormValue), &me)
	var invalid *municipality.Invalid
	if errors.As(err, &invalid) {
		v.Errors = invalid.Errors
		return h.form(w, r, http.StatusUnprocessableEntity, v)
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, "/staff/municipalities/"+m.Slug, "operator.flash.created", m.Name)
}

func (h *Handlers) municipality(r *http.Request) (municipality.Listed, error) {
	slug := chi.URLParam(r, "slug")
	list, err := h.store().Overview(r.Context())
	if err != nil {
		return municipality.Listed{}, err
	}
	for _, m := range list {
		if m.Slug == slug {
			return m, nil
		}
	}
	return municipality.Listed{}, web.NotFound(municipality.ErrNotFound)
}

func (h *Handlers) show(w http.ResponseWriter, r *http.Request) error {
	m, err := h.municipality(r)
	if err != nil {
		return err
	}
	return h.detail(w, r, http.StatusOK, DetailView{Municipality: m})
}

func (h *Handlers) detail(w http.ResponseWriter, r *http.Request, status int, v DetailView) error {
	l := web.L(r)
	p := h.Page(w, r, v.Municipality.Name,
		templates.Crumb{Label: l.T("operator.title"), Href: "/staff/municipalities"}, templates.Crumb{Label: v.Municipality.Name})
	return web.Render(w, r, status, DetailPage(p, v))
}

// confirmed reports whether the form repeats the municipality's slug, the
// confirmation of archiving and removing; else the page comes back saying so.
func (h *Handlers) confirmed(w http.ResponseWriter, r *http.Request, m municipality.Listed, field string) (bool, error) {
	if err := web.ParseForm(r); err != nil {
		return false, err
	}
	if r.PostFormValue(field) == m.Slug {
		return true, nil
	}
	v := DetailView{Municipality: m}
	v.Errors.Add(field, "operator.error.confirm", m.Slug)
	return false, h.detail(w, r, http.StatusUnprocessableEntity, v)
}

func (h *Handlers) archive(archived bool) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		m, err := h.municipality(r)
		if err != nil {
			return err
		}
		flash := "operator.flash.restored"
		if archived {
			flash = "operator.flash.archived"
			if ok, err := h.confirmed(w, r, m, "confirm_archive"); !ok || err != nil {
				return err
			}
		} else if err := web.ParseForm(r); err != nil {
			return err
		}
		me := workspaceweb.Me(r).ID
		if err := h.store().SetArchived(r.Context(), m.Slug, archived, &me); err != nil {
			return err
		}
		return h.Done(w, r, "/staff/municipalities/"+m.Slug, flash, m.Name)
	}
}

func (h *Handlers) remove(w http.ResponseWriter, r *http.Request) error {
	m, err := h.municipality(r)
	if err != nil {
		return err
	}
	if ok, err := h.confirmed(w, r, m, "confirm_remove"); !ok || err != nil {
		return err
	}
	me := workspaceweb.Me(r).ID
	err = h.store().Remove(r.Context(), m.Slug, &me)
	if errors.Is(err, municipality.ErrHasRecords) {
		v := DetailView{Municipality: m}
		v.Errors.Add("confirm_remove", "operator.error.has_records")
		return h.detail(w, r, http.StatusConflict, v)
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, "/staff/municipalities", "operator.flash.removed", m.Name)
}
