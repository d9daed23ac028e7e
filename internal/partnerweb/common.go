package partnerweb

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// Lengths beyond which a text input is refused: names and references are one
// line, descriptions and notes a few paragraphs.
const (
	maxLine = 300
	maxText = 10000
)

// Years a since-year or until-year may have.
const (
	minYear      = 1800
	maxUntilYear = 2200
)

// post returns the posted value of name with the whitespace around it removed.
func post(r *http.Request, name string) string { return strings.TrimSpace(r.PostFormValue(name)) }

// checkLength adds partneredit.error.too_long for a value longer than limit.
func checkLength(errs *form.Errors, field, value string, limit int) {
	if utf8.RuneCountInString(value) > limit {
		errs.Add(field, "partneredit.error.too_long", limit)
	}
}

// parseYear reads an optional year between lo and hi; "" is nil.
func parseYear(errs *form.Errors, field, raw string, lo, hi int) *int {
	if raw == "" {
		return nil
	}
	y, err := strconv.Atoi(raw)
	if err != nil || y < lo || y > hi {
		errs.Add(field, "partneredit.error.year", lo, hi)
		return nil
	}
	return &y
}

// parseChoice reads an optional id that must be one of opts' values; "" is nil.
func parseChoice(errs *form.Errors, field, raw string, opts []templates.Option) *int64 {
	if raw == "" {
		return nil
	}
	if !slices.ContainsFunc(opts, func(o templates.Option) bool { return o.Value == raw }) {
		errs.Add(field, "partneredit.error.choice")
		return nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		errs.Add(field, "partneredit.error.choice")
		return nil
	}
	return &id
}

// validWebsite reports whether s is an absolute http(s) address.
func validWebsite(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t\n")
}

func yearString(y *int) string {
	if y == nil {
		return ""
	}
	return strconv.Itoa(*y)
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

// optionLabel is the label of the option with value, or value itself.
func optionLabel(opts []templates.Option, value string) string {
	for _, o := range opts {
		if o.Value == value {
			return o.Label
		}
	}
	return value
}

// formPage is the layout data of a form page: its title starts with "Error:"
// when the form came back with problems.
func (h *Handlers) formPage(w http.ResponseWriter, r *http.Request, title string, errs form.Errors, crumbs ...templates.Crumb) templates.Page {
	p := h.Page(w, r, title, crumbs...)
	p.Title = templates.ErrorTitle(p, title, errs)
	return p
}

// history is a record's audit entries, for its page.
func (h *Handlers) history(r *http.Request, entity string, id int64) ([]audit.Row, error) {
	return audit.NewStore(h.Pool).History(r.Context(), workspaceweb.Me(r).MunicipalityID, entity, id)
}

// listCrumb is the breadcrumb of one of the three lists.
func listCrumb(r *http.Request, section string) templates.Crumb {
	l := web.L(r)
	switch section {
	case PartnerEditNetworks:
		return templates.Crumb{Label: l.T("partneredit.networks.title"), Href: "/staff/networks"}
	case PartnerEditProjects:
		return templates.Crumb{Label: l.T("partneredit.projects.title"), Href: "/staff/projects"}
	}
	return templates.Crumb{Label: l.T("partneredit.partners.title"), Href: "/staff/partners"}
}
