package agreementweb

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// agreements is the agreement register, filtered by type and status.
func (h *Handlers) agreements(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	m, err := municipality.NewStore(pool).BySlug(r.Context(), chi.URLParam(r, "slug"))
	if errors.Is(err, municipality.ErrNotFound) {
		return web.NotFound(err)
	}
	if err != nil {
		return err
	}
	f, err := agreement.ParseFilter(r.URL.Query())
	switch {
	case errors.Is(err, agreement.ErrUnknownType):
		return web.BadRequest("agreements.error.type", err)
	case errors.Is(err, agreement.ErrUnknownStatus):
		return web.BadRequest("agreements.error.status", err)
	case err != nil:
		return web.BadRequest("", err)
	}
	now := h.Now()
	v := AgreementsView{Municipality: m, Filter: f, Today: now}
	if v.Agreements, err = agreement.NewStore(pool).List(r.Context(), m.ID, f, now); err != nil {
		return err
	}
	l := web.L(r)
	p := h.Site.Page(r, l.T("agreements.title", m.Name), l.T("agreements.description", m.Name),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: m.Name, Href: "/m/" + m.Slug},
		templates.Crumb{Label: l.T("nav.agreements")})
	return web.Render(w, r, http.StatusOK, AgreementsPage(p, v))
}
