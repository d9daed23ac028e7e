package public

import (
	"errors"
	"net/http"

	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

func (h *Handlers) policy(w http.ResponseWriter, r *http.Request) error {
	m, err := h.municipalityFor(r)
	if err != nil {
		return err
	}
	v := templates.PolicyView{Municipality: m}
	pol, err := h.Policies.Current(r.Context(), m.ID)
	switch {
	case err == nil:
		v.Policy = &pol
		v.Expired = pol.Expired(h.Now())
	case !errors.Is(err, policy.ErrNotFound):
		return err
	}
	l := web.L(r)
	p := h.Site.Page(r, l.T("policy.title", m.Name), l.T("policy.page_description", m.Name),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: m.Name, Href: "/m/" + m.Slug},
		templates.Crumb{Label: l.T("nav.policy")})
	return web.Render(w, r, http.StatusOK, templates.PolicyPage(p, v))
}
