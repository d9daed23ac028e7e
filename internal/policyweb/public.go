package policyweb

import (
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// policyPage is /m/{slug}/policy: the policy in full, its priorities and rules.
func (h *Handlers) policyPage(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	m, err := municipalityFor(r, pool)
	if err != nil {
		return err
	}
	v := PolicyView{Municipality: m}
	pol, err := policy.NewStore(pool).Current(r.Context(), m.ID)
	switch {
	case err == nil:
		v.Policy = &pol
		v.Expired = pol.Expired(h.Now())
		if v.Versions, err = policy.NewStore(pool).Versions(r.Context(), m.ID); err != nil {
			return err
		}
	case !errors.Is(err, policy.ErrNotFound):
		return err
	}
	l := web.L(r)
	p := h.Site.Page(r, l.T("policy.title", m.Name), l.T("policy.page_description", m.Name),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: m.Name, Href: "/m/" + m.Slug},
		templates.Crumb{Label: l.T("nav.policy")})
	return web.Render(w, r, http.StatusOK, PolicyPage(p, v))
}
