// Package workspace serves the signed-in part of the portal: the dashboard and the
// administration of accounts. Every query is scoped to the signed-in person's
// municipality; a record of another municipality is not found (404), so its
// existence is not revealed.
package workspace

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/auth"
	"github.com/municipal-intl/portal/internal/staffweb"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// Handlers serves the workspace.
type Handlers struct {
	Site     *web.Site
	Auth     *auth.Manager
	Pool     *pgxpool.Pool
	Accounts *account.Store
	Now      func() time.Time
}

// Routes registers the workspace pages; the caller has required a sign-in.
func (h *Handlers) Routes(r chi.Router) {
	r.With(h.Auth.Require(access.WorkspaceView)).Get("/", h.Site.Handle(h.dashboard))
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.PasswordChange))
		r.Get("/password", h.Site.Handle(h.passwordForm))
		r.Post("/password", h.Site.Handle(h.changePassword))
	})
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.AccountManage))
		r.Get("/accounts", h.Site.Handle(h.accounts))
		r.Get("/accounts/new", h.Site.Handle(h.newAccount))
		r.Post("/accounts", h.Site.Handle(h.createAccount))
		r.Get("/accounts/{id}", h.Site.Handle(h.editAccount))
		r.Post("/accounts/{id}", h.Site.Handle(h.updateAccount))
	})
	r.With(h.Auth.Require(access.AccountSessionsEnd)).Post("/accounts/{id}/sessions/end", h.Site.Handle(h.endSessions))
}

// page returns the layout data of a workspace page, as every workspace area has it.
func (h *Handlers) page(w http.ResponseWriter, r *http.Request, title string, crumbs ...templates.Crumb) templates.Page {
	b := staffweb.Base{Site: h.Site, Auth: h.Auth, Pool: h.Pool, Now: h.Now}
	return b.Page(w, r, title, crumbs...)
}

// me is the signed-in person; the routes are only reachable signed in.
func me(r *http.Request) *account.Person { return web.Person(r.Context()) }
