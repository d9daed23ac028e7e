// Package agreementedit is where staff keep the agreement register, with the
// signed document: staff and administrators create, edit and archive agreements of
// their municipality; politicians read them. Every query is scoped to the signed-in
// person's municipality, and an agreement of another municipality is not found.
package agreementedit

import (
	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/staffweb"
)

// Handlers serves /staff/agreements.
type Handlers struct{ staffweb.Base }

// Routes registers the pages under /staff/agreements.
func (h *Handlers) Routes(r chi.Router) {
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
