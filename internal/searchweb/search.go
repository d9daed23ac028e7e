// Package searchweb serves /search: the search form and the results of a search
// text in every municipality's content, in its own language.
package searchweb

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/search"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// Handlers serves /search.
type Handlers struct {
	// Reader chooses the database the page reads.
	Reader *web.Reader
}

// Public registers the search page, /search.
func (h *Handlers) Public(r chi.Router) {
	r.Get("/", h.Reader.Read(h.search))
}

// search serves /search?q=…[&m=slug][&kind=…][&page=n]: the form, and the results
// of a search text in every municipality's content in its own language.
func (h *Handlers) search(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	q, err := search.Parse(r.URL.RawQuery)
	if err != nil {
		return web.BadRequest(searchErrorKey(err), err)
	}
	list, err := municipality.NewStore(pool).List(r.Context())
	if err != nil {
		return err
	}
	v := SearchView{Query: q, Municipalities: list}
	var municipalityID int64
	if q.Municipality != "" {
		for i := range list {
			if list[i].Slug == q.Municipality {
				v.Municipality, municipalityID = &list[i], list[i].ID
			}
		}
		if v.Municipality == nil {
			return web.BadRequest("search.error.municipality", fmt.Errorf("search in %q: %w", q.Municipality, search.ErrMunicipality))
		}
	}
	if q.Text != "" {
		res, err := search.NewStore(pool).Search(r.Context(), q, municipalityID)
		if err != nil {
			return err
		}
		v.Results = &res
	}

	l := web.L(r)
	title := l.T("search.title")
	if q.Text != "" {
		title = l.T("search.title_query", q.Text)
	}
	p := h.Reader.Site.Page(r, title, l.T("search.description"),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"}, templates.Crumb{Label: l.T("nav.search")})
	return web.Render(w, r, http.StatusOK, SearchPage(p, v))
}

// searchErrorKey is the message that explains a search.Parse error.
func searchErrorKey(err error) string {
	switch {
	case errors.Is(err, search.ErrTooLong):
		return "search.error.too_long"
	case errors.Is(err, search.ErrInvalidText):
		return "search.error.text"
	case errors.Is(err, search.ErrMunicipality):
		return "search.error.municipality"
	case errors.Is(err, search.ErrKind):
		return "search.error.kind"
	case errors.Is(err, search.ErrPage):
		return "search.error.page"
	}
	return "search.error.malformed"
}
