// Package tripedit is where staff plan trips and write trip reports: travellers,
// destinations, day-by-day programme, planned and actual costs, priorities,
// partnership and budget line, with the policy warnings a reviewer also sees.
//
// Everyone of the municipality may list and read its trips; staff and
// administrators create and edit them. A trip can be changed in full while it is
// a draft or returned to its author; once approved only its actual costs and its
// report; after that, not here at all. Submission and review are the lifecycle's.
// A trip never approved (a draft, or returned) may be withdrawn: it is archived.
package tripedit

import (
	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/staffweb"
)

// Handlers serves /staff/trips.
type Handlers struct{ staffweb.Base }

// Routes registers the trip pages under /staff/trips; the caller has required a
// sign-in.
func (h *Handlers) Routes(r chi.Router) {
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.TripView))
		r.Get("/", h.Site.Handle(h.list))
		r.Get("/{id}", h.Site.Handle(h.view))
		r.Get("/{id}/attachments/{attachment}", h.Site.Handle(h.download))
	})
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.TripEdit))
		r.Get("/new", h.Site.Handle(h.newTrip))
		r.Post("/", h.Site.Handle(h.create))
		r.Get("/{id}/edit", h.Site.Handle(h.edit))
		r.Post("/{id}", h.Site.Handle(h.update))
		r.Get("/{id}/report", h.Site.Handle(h.reportForm))
		r.Post("/{id}/report", h.Site.Handle(h.saveReport))
		r.Post("/{id}/step", h.Site.Handle(h.step))
		r.Post("/{id}/archive", h.Site.Handle(h.archive))
	})
}
