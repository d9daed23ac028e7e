// Package tripweb serves the trip area's pages.
//
// In the workspace (Staff, Review, Lifecycle): staff plan trips and write trip
// reports — travellers, destinations, day-by-day programme, planned and actual
// costs, priorities, partnership and budget line, with the policy warnings a
// reviewer also sees — and politicians decide on plans and reports. Everyone of
// the municipality may list and read its trips; staff and administrators create
// and edit them. A trip can be changed in full while it is a draft or returned to
// its author; once approved only its actual costs and its report; after that, not
// here at all. A trip never approved (a draft, or returned) may be withdrawn: it
// is archived. The moves between statuses are the lifecycle's (internal/trip).
//
// In public (Public, under /m/{slug}): the register of published trips with its
// filters, each trip's page and files, and the open data downloads (CSV, JSON,
// Atom feed, iCalendar).
package tripweb

import (
	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/workspaceweb"
)

// Handlers serves the trip area's pages.
type Handlers struct {
	workspaceweb.Base
	// Standby, when set, answers anonymous reads of the public pages while it is
	// usable (web.Reader).
	Standby *database.Replica
}

// store is the trip store on the handlers' pool.
func (h *Handlers) store() *trip.Store { return trip.NewStore(h.Pool) }

// Staff registers the workspace's trip pages, mounted at /staff/trips; the
// caller has required a sign-in.
func (h *Handlers) Staff(r chi.Router) {
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

// Review registers the review queue and page, mounted at /staff/review; the
// caller has required a sign-in.
func (h *Handlers) Review(r chi.Router) {
	r.Use(h.Auth.Require(access.ReviewView))
	r.Get("/", h.Site.Handle(h.reviewQueue))
	r.Get("/{id}", h.Site.Handle(h.reviewPage))
}

// Lifecycle registers the endpoint every lifecycle step is posted to, mounted at
// /staff/lifecycle; the caller has required a sign-in, the lifecycle says who may
// take which step.
func (h *Handlers) Lifecycle(r chi.Router) {
	r.Post("/{id}", h.Site.Handle(h.act))
}

// Public registers the public trip pages and downloads of a municipality,
// mounted at /m/{slug}. These URLs are a promise to citizens who bookmark and
// link them: change them only with a redirect.
func (h *Handlers) Public(r chi.Router) {
	r.Get("/trips", h.read((*Handlers).register))
	r.Get("/trips/late", h.read((*Handlers).late))
	r.Get("/trips/upcoming", h.read((*Handlers).upcoming))
	r.Get("/trips/{ref}", h.read((*Handlers).publicTrip))
	r.Get("/trips/{ref}/files/{id}", h.read((*Handlers).publicFile))
	r.Get("/trips.csv", h.read((*Handlers).tripsCSV))
	r.Get("/trips.json", h.read((*Handlers).tripsJSON))
	r.Get("/feed.atom", h.read((*Handlers).feed))
	r.Get("/calendar.ics", h.read((*Handlers).calendar))
}
