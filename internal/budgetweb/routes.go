// Package budgetweb serves the budget: the public budget of a municipality and
// the comparison of all municipalities, and the page where administrators keep
// their municipality's budget lines.
//
// Every workspace page is for administrators only and every query is scoped to
// the administrator's municipality: a record of another municipality is not
// found. Each change is written in one transaction together with its audit
// entry, with the old and new value of every changed field.
package budgetweb

import (
	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
)

// Handlers serves /compare, /m/{slug}/budget and /staff/budget-lines.
type Handlers struct {
	workspaceweb.Base
	// Reader chooses the database the public pages read.
	Reader *web.Reader
}

// Compare registers the comparison of the municipalities, /compare.
func (h *Handlers) Compare(r chi.Router) {
	r.Get("/", h.Reader.Read(h.compare))
}

// Public registers a municipality's budget under /m/{slug}.
func (h *Handlers) Public(r chi.Router) {
	r.Get("/budget", h.Reader.Read(h.budgetCurrent))
	r.Get("/budget/{year}", h.Reader.Read(h.budget))
}

// Staff registers the budget line editor under /staff/budget-lines.
func (h *Handlers) Staff(r chi.Router) {
	r.Use(h.Auth.Require(access.BudgetLineEdit))
	r.Get("/", h.Site.Handle(h.budgetLines))
	r.Get("/new", h.Site.Handle(h.newBudgetLine))
	r.Post("/", h.Site.Handle(h.createBudgetLine))
	r.Post("/copy", h.Site.Handle(h.copyBudgetLines))
	r.Get("/{id}", h.Site.Handle(h.editBudgetLine))
	r.Post("/{id}", h.Site.Handle(h.updateBudgetLine))
	r.Post("/{id}/archive", h.Site.Handle(h.archiveBudgetLine))
	r.Post("/{id}/restore", h.Site.Handle(h.restoreBudgetLine))
}
