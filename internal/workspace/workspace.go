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

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/auth"
	"github.com/municipal-intl/portal/internal/staffweb"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// Handlers serves the workspace.
type Handlers struct {
	Site *web.Site
	Auth *auth.Manager
	Pool *pgxpool.Pool
	Now  func() time.Time
}

// Routes registers the dashboard; the caller has required a sign-in.
func (h *Handlers) Routes(r chi.Router) {
	r.Get("/", h.Site.Handle(h.dashboard))
}

// page returns the layout data of a workspace page, as every workspace area has it.
func (h *Handlers) page(w http.ResponseWriter, r *http.Request, title string, crumbs ...templates.Crumb) templates.Page {
	b := staffweb.Base{Site: h.Site, Auth: h.Auth, Pool: h.Pool, Now: h.Now}
	return b.Page(w, r, title, crumbs...)
}

// me is the signed-in person; the routes are only reachable signed in.
func me(r *http.Request) *account.Person { return web.Person(r.Context()) }
