package public

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/municipal-intl/portal/internal/search"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// search serves /search?q=…[&m=slug][&kind=…][&page=n]: the form, and the results
// of a search text in every municipality's content in its own language.
func (h *Handlers) search(w http.ResponseWriter, r *http.Request) error {
	q, err := search.Parse(r.URL.RawQuery)
	if err != nil {
		return web.BadRequest(searchErrorKey(err), err)
	}
	list, err := h.Municipalities.List(r.Context())
	if err != nil {
		return err
	}
	v := templates.SearchView{Query: q, Municipalities: list}
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
		res, err := search.NewStore(h.Pool).Search(r.Context(), q, municipalityID)
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
	p := h.Site.Page(r, title, l.T("search.description"),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"}, templates.Crumb{Label: l.T("nav.search")})
	return web.Render(w, r, http.StatusOK, templates.SearchPage(p, v))
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
