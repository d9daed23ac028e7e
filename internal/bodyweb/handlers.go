// Package bodyweb serves the municipal bodies in the workspace: the list, the
// form to record or edit a body, and who belongs to it. Administrators only;
// every query is scoped to the administrator's municipality.
package bodyweb

import (
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/body"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// Handlers serves /staff/bodies.
type Handlers struct{ workspaceweb.Base }

// Staff registers the pages under /staff/bodies.
func (h *Handlers) Staff(r chi.Router) {
	r.Use(h.Auth.Require(access.BodyEdit))
	r.Get("/", h.Site.Handle(h.list))
	r.Get("/new", h.Site.Handle(h.newForm))
	r.Post("/", h.Site.Handle(h.save))
	r.Get("/{id}", h.Site.Handle(h.editForm))
	r.Post("/{id}", h.Site.Handle(h.save))
	r.Post("/{id}/members", h.Site.Handle(h.members))
}

func (h *Handlers) store() *body.Store { return body.NewStore(h.Pool) }

func (h *Handlers) list(w http.ResponseWriter, r *http.Request) error {
	list, err := h.store().List(r.Context(), workspaceweb.Me(r).MunicipalityID)
	if err != nil {
		return err
	}
	l := web.L(r)
	p := h.Page(w, r, l.T("body.title"), templates.Crumb{Label: l.T("body.title")})
	return web.Render(w, r, http.StatusOK, BodiesPage(p, list))
}

// languages are the languages a municipality's bodies are named in, by country.
var languages = map[string]string{"DK": "da", "SE": "sv", "DE": "de"}

func (h *Handlers) newForm(w http.ResponseWriter, r *http.Request) error {
	lang := languages[workspaceweb.Me(r).Country]
	if lang == "" {
		lang = "en"
	}
	return h.render(w, r, http.StatusOK, FormView{Kind: body.KindStandingCommittee, Language: lang})
}

func (h *Handlers) body(r *http.Request) (body.Body, error) {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return body.Body{}, err
	}
	b, err := h.store().Get(r.Context(), workspaceweb.Me(r).MunicipalityID, id)
	if errors.Is(err, body.ErrNotFound) {
		return b, web.NotFound(err)
	}
	return b, err
}

func (h *Handlers) editForm(w http.ResponseWriter, r *http.Request) error {
	b, err := h.body(r)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, FormView{ID: b.ID, Kind: b.Kind, Name: b.Name, Language: b.Language,
		Version: b.Version, SourceSentence: b.SourceSentence})
}

func (h *Handlers) render(w http.ResponseWriter, r *http.Request, status int, v FormView) error {
	l := web.L(r)
	title := l.T("body.new")
	if v.ID != 0 {
		title = v.Name
		members, err := h.store().Members(r.Context(), workspaceweb.Me(r).MunicipalityID, v.ID, access.RolePolitician)
		if err != nil {
			return err
		}
		v.Members = members
	}
	p := h.Page(w, r, title, templates.Crumb{Label: l.T("body.title"), Href: "/staff/bodies"}, templates.Crumb{Label: title})
	p.Title = templates.ErrorTitle(p, title, v.Errors)
	return web.Render(w, r, status, BodyFormPage(p, v))
}

var langRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]+)*$`)

// save records a new body or saves the changes of one.
func (h *Handlers) save(w http.ResponseWriter, r *http.Request) error {
	var old body.Body
	editing := chi.URLParam(r, "id") != ""
	if editing {
		var err error
		if old, err = h.body(r); err != nil {
			return err
		}
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	me := workspaceweb.Me(r)
	v := FormView{ID: old.ID, Kind: r.PostFormValue("kind"), Name: strings.TrimSpace(r.PostFormValue("name")),
		Language: strings.TrimSpace(r.PostFormValue("language")), SourceSentence: old.SourceSentence}
	v.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	if !body.ValidKind(v.Kind) {
		v.Errors.Add("kind", "body.error.kind")
	}
	if v.Name == "" || len(v.Name) > 200 {
		v.Errors.Add("name", "body.error.name")
	}
	if !langRE.MatchString(v.Language) {
		v.Errors.Add("language", "body.error.language")
	}
	if v.Errors.Any() {
		return h.render(w, r, http.StatusUnprocessableEntity, v)
	}
	a := body.Actor{AccountID: me.ID, MunicipalityID: me.MunicipalityID, RequestID: web.RequestID(r.Context())}
	b := body.Body{Kind: v.Kind, Name: v.Name, Language: v.Language}
	var err error
	if editing {
		if v.Version != old.Version {
			err = body.ErrConflict
		} else {
			err = h.store().Update(r.Context(), a, old, b)
		}
	} else {
		_, err = h.store().Create(r.Context(), a, b, h.Now().Year())
	}
	switch {
	case errors.Is(err, body.ErrNameTaken):
		v.Errors.Add("name", "body.error.name_taken")
		return h.render(w, r, http.StatusUnprocessableEntity, v)
	case errors.Is(err, body.ErrConflict):
		cur, err := h.body(r)
		if err != nil {
			return err
		}
		l := web.L(r)
		v.Conflict = []templates.ConflictRow{
			{Label: l.T("body.kind"), Yours: l.T("body.kind." + v.Kind), Current: l.T("body.kind." + cur.Kind)},
			{Label: l.T("body.name"), Yours: v.Name, Current: cur.Name},
			{Label: l.T("body.language"), Yours: v.Language, Current: cur.Language},
		}
		v.Version = cur.Version
		return h.render(w, r, http.StatusConflict, v)
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/bodies", "body.flash.saved", v.Name)
}

// members saves who belongs to the body: the politicians ticked.
func (h *Handlers) members(w http.ResponseWriter, r *http.Request) error {
	b, err := h.body(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ids := []int64{}
	for _, s := range r.PostForm["member"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return web.BadRequest("body.error.member", err)
		}
		ids = append(ids, id)
	}
	me := workspaceweb.Me(r)
	a := body.Actor{AccountID: me.ID, MunicipalityID: me.MunicipalityID, RequestID: web.RequestID(r.Context())}
	if _, err := h.store().SetMembers(r.Context(), a, b.ID, ids, access.RolePolitician); err != nil {
		return err
	}
	return h.Done(w, r, "/staff/bodies/"+strconv.FormatInt(b.ID, 10), "body.flash.members", b.Name)
}
