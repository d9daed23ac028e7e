// Package partnerweb serves the partner area: the public pages of a
// municipality's partnerships, networks and map, and the workspace where staff
// keep partner cities and partnerships, networks and memberships, and projects
// with external funding.
//
// Staff and administrators create, edit and archive; politicians see the lists
// only. Every query is scoped to the signed-in person's municipality: a record
// of another municipality is not found (404), so its existence is not revealed.
package partnerweb

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/partner"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
)

// Handlers serves /m/{slug}/partners, and /staff/partners, /staff/networks and
// /staff/projects.
type Handlers struct {
	workspaceweb.Base
	// Standby, when set, answers anonymous public reads while it is usable.
	Standby *database.Replica
}

// Public registers the public partner pages under /m/{slug}/partners.
func (h *Handlers) Public(r chi.Router) {
	rd := &web.Reader{Site: h.Site, Primary: h.Pool, Standby: h.Standby}
	r.Get("/", rd.Read(h.partners))
	r.Get("/partnerships.csv", rd.Read(h.partnershipsCSV))
	r.Get("/{id}", rd.Read(h.partner))
}

// StaffPartnerships registers the pages under /staff/partners.
func (h *Handlers) StaffPartnerships(r chi.Router) {
	r.With(h.Auth.Require(access.PartnershipView)).Get("/", h.Site.Handle(h.partnerships))
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.PartnershipEdit))
		r.Get("/new", h.Site.Handle(h.newPartnership))
		r.Post("/", h.Site.Handle(h.createPartnership))
		r.Get("/import", h.Site.Handle(h.importForm))
		r.Post("/import", h.Site.Handle(h.importPartnerships))
		r.Get("/{id}", h.Site.Handle(h.editPartnership))
		r.Post("/{id}", h.Site.Handle(h.updatePartnership))
		r.Get("/{id}/archive", h.Site.Handle(h.confirmArchivePartnership))
		r.Post("/{id}/archive", h.Site.Handle(h.archivePartnership))
	})
}

// StaffNetworks registers the pages under /staff/networks.
func (h *Handlers) StaffNetworks(r chi.Router) {
	r.With(h.Auth.Require(access.NetworkView)).Get("/", h.Site.Handle(h.networks))
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.NetworkEdit))
		r.Get("/join", h.Site.Handle(h.newMembership))
		r.Post("/join", h.Site.Handle(h.joinNetwork))
		r.Get("/new", h.Site.Handle(h.newNetwork))
		r.Post("/", h.Site.Handle(h.createNetwork))
		r.Get("/memberships/{id}", h.Site.Handle(h.editMembership))
		r.Post("/memberships/{id}", h.Site.Handle(h.updateMembership))
		r.Get("/memberships/{id}/archive", h.Site.Handle(h.confirmArchiveMembership))
		r.Post("/memberships/{id}/archive", h.Site.Handle(h.archiveMembership))
	})
}

// StaffProjects registers the pages under /staff/projects.
func (h *Handlers) StaffProjects(r chi.Router) {
	r.With(h.Auth.Require(access.ProjectView)).Get("/", h.Site.Handle(h.projects))
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.ProjectEdit))
		r.Get("/new", h.Site.Handle(h.newProject))
		r.Post("/", h.Site.Handle(h.createProject))
		r.Get("/{id}", h.Site.Handle(h.editProject))
		r.Post("/{id}", h.Site.Handle(h.updateProject))
		r.Get("/{id}/archive", h.Site.Handle(h.confirmArchiveProject))
		r.Post("/{id}/archive", h.Site.Handle(h.archiveProject))
	})
}

func (h *Handlers) store() *partner.Store { return partner.NewStore(h.Pool) }

// actor is the signed-in person saving for their municipality, now.
func (h *Handlers) actor(r *http.Request) partner.Actor {
	me := workspaceweb.Me(r)
	return partner.Actor{AccountID: me.ID, MunicipalityID: me.MunicipalityID, RequestID: web.RequestID(r.Context()), Now: h.Now()}
}

// canEdit reports whether the signed-in person may take action (an area's edit).
func canEdit(r *http.Request, action access.Action) bool { return workspaceweb.Me(r).Can(action) }

// showArchived reads the list pages' toggle.
func showArchived(r *http.Request) bool { return r.URL.Query().Get("archived") == "1" }
