// Package agreementweb serves the agreement register: the public register of a
// municipality's agreements, and the workspace where staff keep it with the
// signed documents. Staff and administrators create, edit and archive
// agreements of their municipality; politicians read them. Every workspace
// query is scoped to the signed-in person's municipality, and an agreement of
// another municipality is not found.
package agreementweb

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
)

// Handlers serves /m/{slug}/agreements and /staff/agreements.
type Handlers struct {
	workspaceweb.Base
	// Standby, when set, answers anonymous public reads while it is usable.
	Standby *database.Replica
}

// Public registers the public register under /m/{slug}/agreements.
func (h *Handlers) Public(r chi.Router) {
	rd := &web.Reader{Site: h.Site, Primary: h.Pool, Standby: h.Standby}
	r.Get("/", rd.Read(h.agreements))
}

// Staff registers the pages under /staff/agreements.
func (h *Handlers) Staff(r chi.Router) {
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.AgreementView))
		r.Get("/", h.Site.Handle(h.list))
		r.Get("/{id}", h.Site.Handle(h.show))
		r.Get("/{id}/document", h.Site.Handle(h.document))
	})
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.AgreementEdit))
		r.Get("/new", h.Site.Handle(h.newForm))
		r.Post("/", h.Site.Handle(h.create))
		r.Get("/{id}/edit", h.Site.Handle(h.editForm))
		r.Post("/{id}", h.Site.Handle(h.update))
		r.Get("/{id}/archive", h.Site.Handle(h.archiveForm))
		r.Post("/{id}/archive", h.Site.Handle(h.archive))
	})
}

func (h *Handlers) store() *agreement.Store { return agreement.NewStore(h.Pool) }

// actor is the signed-in person saving for their municipality.
func actor(r *http.Request) agreement.Actor {
	me := workspaceweb.Me(r)
	return agreement.Actor{AccountID: me.ID, MunicipalityID: me.MunicipalityID, RequestID: web.RequestID(r.Context())}
}
