package policyweb

import (
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// versions is /staff/policy/versions: every version of the policy, the current
// first.
func (h *Handlers) versions(w http.ResponseWriter, r *http.Request) error {
	list, err := h.store().Versions(r.Context(), workspaceweb.Me(r).MunicipalityID)
	if err != nil {
		return err
	}
	l := web.L(r)
	p := h.page(w, r, nil, l.T("policyversion.list.title"),
		templates.Crumb{Label: l.T("adminedit.policy.title"), Href: "/staff/policy"},
		templates.Crumb{Label: l.T("policyversion.list.title")})
	return web.Render(w, r, http.StatusOK, VersionsPage(p, list, "/staff/policy/versions/"))
}

// staffVersion is /staff/policy/versions/{id}: one version in full.
func (h *Handlers) staffVersion(w http.ResponseWriter, r *http.Request) error {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return err
	}
	pol, err := h.store().Version(r.Context(), workspaceweb.Me(r).MunicipalityID, id)
	if errors.Is(err, policy.ErrNotFound) {
		return web.NotFound(err)
	}
	if err != nil {
		return err
	}
	l := web.L(r)
	p := h.page(w, r, nil, pol.Title,
		templates.Crumb{Label: l.T("adminedit.policy.title"), Href: "/staff/policy"},
		templates.Crumb{Label: l.T("policyversion.list.title"), Href: "/staff/policy/versions"},
		templates.Crumb{Label: pol.Title})
	return web.Render(w, r, http.StatusOK, StaffVersionPage(p, pol, pol.Expired(h.Now())))
}

// publicVersion is /m/{slug}/policy/versions/{id}: a version of the policy,
// current or earlier, as citizens see it.
func (h *Handlers) publicVersion(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	m, err := municipalityFor(r, pool)
	if err != nil {
		return err
	}
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return err
	}
	pol, err := policy.NewStore(pool).Version(r.Context(), m.ID, id)
	if errors.Is(err, policy.ErrNotFound) {
		return web.NotFound(err)
	}
	if err != nil {
		return err
	}
	l := web.L(r)
	p := h.Site.Page(r, l.T("policy.title", m.Name), l.T("policy.page_description", m.Name),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: m.Name, Href: "/m/" + m.Slug},
		templates.Crumb{Label: l.T("nav.policy"), Href: "/m/" + m.Slug + "/policy"},
		templates.Crumb{Label: pol.Title})
	return web.Render(w, r, http.StatusOK, PolicyPage(p, PolicyView{Municipality: m, Policy: &pol, Expired: pol.Expired(h.Now())}))
}
