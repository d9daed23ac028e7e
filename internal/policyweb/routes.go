// Package policyweb serves a municipality's policy: the public policy page, and
// the pages where administrators keep the policy text, its priorities and rules
// and the trip report deadline.
//
// Every workspace page is for administrators only and every query is scoped to
// the administrator's municipality: a record of another municipality is not
// found. Each change is written in one transaction together with its audit
// entry, with the old and new value of every changed field.
package policyweb

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
)

// Handlers serves /m/{slug}/policy and /staff/policy.
type Handlers struct {
	workspaceweb.Base
	// Reader chooses the database the public page reads.
	Reader *web.Reader
}

// Public registers the public policy page under /m/{slug}.
func (h *Handlers) Public(r chi.Router) {
	r.Get("/policy", h.Reader.Read(h.policyPage))
	r.Get("/policy/versions/{id}", h.Reader.Read(h.publicVersion))
}

// Staff registers the editors under /staff/policy.
func (h *Handlers) Staff(r chi.Router) {
	// Everything under /policy is the policy's; priorities and rules are
	// parts of it with their own rows in the table.
	r.Use(h.Auth.Require(access.PolicyEdit))
	r.Get("/", h.Site.Handle(h.editPolicy))
	r.Post("/", h.Site.Handle(h.savePolicy))
	r.Post("/report-deadline", h.Site.Handle(h.saveDeadline))
	r.Route("/versions", func(r chi.Router) {
		// A new version replaces the priorities and rules too.
		r.Use(h.Auth.Require(access.PriorityEdit), h.Auth.Require(access.RuleEdit))
		r.Get("/", h.Site.Handle(h.versions))
		r.Get("/new", h.Site.Handle(h.newVersion))
		r.Post("/", h.Site.Handle(h.createVersion))
		r.Get("/{id}", h.Site.Handle(h.staffVersion))
	})
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
}

// store is the policy store on the primary database.
func (h *Handlers) store() *policy.Store { return policy.NewStore(h.Pool) }

// municipalityFor loads the municipality named by the {slug} route parameter,
// reading through pool; an unknown slug is a 404.
func municipalityFor(r *http.Request, pool *pgxpool.Pool) (municipality.Municipality, error) {
	m, err := municipality.NewStore(pool).BySlug(r.Context(), chi.URLParam(r, "slug"))
	if errors.Is(err, municipality.ErrNotFound) {
		return m, web.NotFound(err)
	}
	return m, err
}
