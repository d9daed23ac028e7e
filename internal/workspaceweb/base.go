package workspaceweb

// What every workspace area shares: the layout data of a workspace page, the
// signed-in person, redirects with a one-time message, and the 404 for records
// of another municipality.

import (
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/auth"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// Base is embedded by the handlers of every workspace area.
type Base struct {
	Site *web.Site
	Auth *auth.Manager
	Pool *pgxpool.Pool
	Now  func() time.Time
}

// Page returns the layout data of a workspace page titled title, below the
// workspace in the breadcrumbs, with the session's form token, any one-time
// message and the workspace navigation. Workspace pages are never cached and have no canonical URL.
func (b *Base) Page(w http.ResponseWriter, r *http.Request, title string, crumbs ...templates.Crumb) templates.Page {
	l := web.L(r)
	p := b.Site.Page(r, title, "", append([]templates.Crumb{{Label: l.T("auth.workspace"), Href: "/staff"}}, crumbs...)...)
	p.Canonical = ""
	p.CSRF = b.Auth.CSRFToken(w, r)
	p.Flash, p.FlashArgs = b.Auth.TakeFlash(w, r)
	p.Workspace = b.nav(r)
	w.Header().Set("Cache-Control", "no-store")
	return p
}

// Me is the signed-in person; workspace routes are only reachable signed in.
func Me(r *http.Request) *account.Person { return web.Person(r.Context()) }

// Done answers a successful form with 303 See Other to target and a one-time
// message (a catalogue key, filled with args) shown there.
func (b *Base) Done(w http.ResponseWriter, r *http.Request, target, flashKey string, args ...string) error {
	if flashKey != "" {
		b.Auth.SetFlash(w, r, flashKey, args...)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
	return nil
}

// ID reads the route parameter name as a positive id; anything else is a 404.
func ID(r *http.Request, name string) (int64, error) {
	raw := chi.URLParam(r, name)
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != raw {
		return 0, web.NotFound(err)
	}
	return id, nil
}
