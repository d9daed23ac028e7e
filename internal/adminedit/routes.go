// Package adminedit is where administrators keep their municipality's policy
// text, priorities, policy rules, trip report deadline and budget lines.
//
// Every page is for administrators only and every query is scoped to the
// administrator's municipality: a record of another municipality is not found.
// Each change is written in one transaction together with its audit entry, with
// the old and new value of every changed field.
package adminedit

import (
	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/staffweb"
)

// Handlers serves /staff/policy and /staff/budget-lines.
type Handlers struct{ staffweb.Base }

// Routes registers the pages under /staff.
func (h *Handlers) Routes(r chi.Router) {
	r.Use(h.Auth.RequireRole(account.RoleAdmin))
	r.Route("/budget-lines", func(r chi.Router) {
		r.Get("/", h.Site.Handle(h.budgetLines))
		r.Get("/new", h.Site.Handle(h.newBudgetLine))
		r.Post("/", h.Site.Handle(h.createBudgetLine))
		r.Post("/copy", h.Site.Handle(h.copyBudgetLines))
		r.Get("/{id}", h.Site.Handle(h.editBudgetLine))
		r.Post("/{id}", h.Site.Handle(h.updateBudgetLine))
		r.Post("/{id}/archive", h.Site.Handle(h.archiveBudgetLine))
		r.Post("/{id}/restore", h.Site.Handle(h.restoreBudgetLine))
	})
}
