package apiweb

import (
	"github.com/go-chi/chi/v5"
)

// The query parameters each collection takes (besides lang).
var (
	listParams  = []string{"limit", "cursor"}
	tripParams  = []string{"year", "traveller", "country", "priority", "organiser", "min", "max", "line", "partner", "sort", "limit", "cursor"}
	agreeParams = []string{"type", "status", "limit", "cursor"}
)

// API mounts the endpoints of /api/v1.
func (h *Handlers) API(r chi.Router) {
	r.Get("/", h.serve(nil, false, h.index))
	r.Get("/openapi.json", h.openapi)
	r.Get("/municipalities", h.serve(listParams, false, h.municipalities))
	r.Route("/municipalities/{slug}", func(r chi.Router) {
		r.Get("/", h.serve(nil, true, h.municipality))
		r.Get("/policy", h.serve(nil, true, h.policy))
		r.Get("/partnerships", h.serve(listParams, true, h.partnerships))
		r.Get("/partnerships/{id}", h.serve(nil, true, h.partnership))
		r.Get("/networks", h.serve(listParams, true, h.networks))
		r.Get("/projects", h.serve(listParams, true, h.projects))
		r.Get("/agreements", h.serve(agreeParams, true, h.agreements))
		r.Get("/trips", h.serve(tripParams, true, h.trips))
		r.Get("/trips/upcoming", h.serve(nil, true, h.upcoming))
		r.Get("/trips/{ref}", h.serve(nil, true, h.trip))
		r.Get("/budget", h.serve(nil, true, h.budgetYears))
		r.Get("/budget/{year}", h.serve(nil, true, h.budget))
		r.Get("/overdue", h.serve(listParams, true, h.overdue))
		r.Get("/quarters", h.serve(nil, true, h.quarters))
	})
	r.NotFound(h.NotFound)
	r.MethodNotAllowed(h.MethodNotAllowed)
}
