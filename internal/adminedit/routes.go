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

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/staffweb"
)

// Handlers serves /staff/policy and /staff/budget-lines.
type Handlers struct{ staffweb.Base }

// Routes registers the pages under /staff.
func (h *Handlers) Routes(r chi.Router) {
	r.Route("/policy", func(r chi.Router) {
		// Everything under /policy is the policy's; priorities and rules are
		// parts of it with their own rows in the table.
		r.Use(h.Auth.Require(access.PolicyEdit))
		r.Get("/", h.Site.Handle(h.policyPage))
		r.Post("/", h.Site.Handle(h.savePolicy))
		r.Post("/report-deadline", h.Site.Handle(h.saveDeadline))
		r.Route("/priorities", func(r chi.Router) {
			r.Use(h.Auth.Require(access.PriorityEdit))
			r.Get("/", h.Site.Handle(h.priorities))
			r.Get("/new", h.Site.Handle(h.newPriority))
			r.Post("/", h.Site.Handle(h.createPriority))
			r.Get("/{id}", h.Site.Handle(h.editPriority))
			r.Post("/{id}", h.Site.Handle(h.updatePriority))
			r.Post("/{id}/move", h.Site.Handle(h.movePriority))
			r.Post("/{id}/archive", h.Site.Handle(h.archivePriority))
			r.Post("/{id}/restore", h.Site.Handle(h.restorePriority))
		})
		r.Route("/rules", func(r chi.Router) {
			r.Use(h.Auth.Require(access.RuleEdit))
			r.Get("/", h.Site.Handle(h.rules))
			r.Get("/new", h.Site.Handle(h.newRule))
			r.Post("/", h.Site.Handle(h.createRule))
			r.Get("/{id}", h.Site.Handle(h.editRule))
			r.Post("/{id}", h.Site.Handle(h.updateRule))
			r.Post("/{id}/archive", h.Site.Handle(h.archiveRule))
			r.Post("/{id}/restore", h.Site.Handle(h.restoreRule))
		})
	})
	r.Route("/budget-lines", func(r chi.Router) {
		r.Use(h.Auth.Require(access.BudgetLineEdit))
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
