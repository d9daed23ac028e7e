// Package reportweb serves the yearly report of a municipality,
// /m/{slug}/report/{year}: one page a council secretariat can print to a clean A4
// document and attach to an agenda, and the list of the years it covers,
// /m/{slug}/report.
package reportweb

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/report"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// Handlers serves the yearly report.
type Handlers struct {
	// Reader chooses the database the pages read.
	Reader *web.Reader
	// Now is the clock, replaceable in tests.
	Now func() time.Time
}

// Public registers the report under /m/{slug}.
func (h *Handlers) Public(r chi.Router) {
	r.Get("/report", h.Reader.Read(h.years))
	r.Get("/report/{year}", h.Reader.Read(h.report))
	r.Get("/report/{year}/print.css", h.Reader.Read(h.printCSS))
}

var yearRE = regexp.MustCompile(`^[0-9]{4}$`)

// parseYear reads a four-digit year within the range the schema allows; any other
// is a page that does not exist.
func parseYear(s string) (int, error) {
	if !yearRE.MatchString(s) {
		return 0, web.NotFound(fmt.Errorf("year %q is not a four-digit number", s))
	}
	y, _ := strconv.Atoi(s)
	if y < budget.MinYear || y > budget.MaxYear {
		return 0, web.NotFound(fmt.Errorf("year %d is outside %d–%d", y, budget.MinYear, budget.MaxYear))
	}
	return y, nil
}

func municipalityFor(r *http.Request, pool *pgxpool.Pool) (municipality.Municipality, error) {
	m, err := municipality.NewStore(pool).BySlug(r.Context(), chi.URLParam(r, "slug"))
	if errors.Is(err, municipality.ErrNotFound) {
		return m, web.NotFound(err)
	}
	return m, err
}

// years lists the years a report can be read for.
func (h *Handlers) years(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	m, err := municipalityFor(r, pool)
	if err != nil {
		return err
	}
	years, err := report.NewStore(pool).Years(r.Context(), m.ID)
	if err != nil {
		return err
	}
	l := web.L(r)
	p := h.Reader.Site.Page(r, l.T("report.index_title", m.Name), l.T("report.index_description", m.Name),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: m.Name, Href: "/m/" + m.Slug},
		templates.Crumb{Label: l.T("report.nav")})
	return web.Render(w, r, http.StatusOK, YearsPage(p, m, years))
}

// report shows the yearly report.
func (h *Handlers) report(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	m, err := municipalityFor(r, pool)
	if err != nil {
		return err
	}
	year, err := parseYear(chi.URLParam(r, "year"))
	if err != nil {
		return err
	}
	store := report.NewStore(pool)
	rep, err := store.Load(r.Context(), m, year, h.Now())
	if err != nil {
		return err
	}
	years, err := store.Years(r.Context(), m.ID)
	if err != nil {
		return err
	}
	l := web.L(r)
	y := strconv.Itoa(year)
	p := h.Reader.Site.Page(r, l.T("report.title", y, m.Name), l.T("report.description", m.Name, y),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: m.Name, Href: "/m/" + m.Slug},
		templates.Crumb{Label: l.T("report.nav"), Href: "/m/" + m.Slug + "/report"},
		templates.Crumb{Label: y})
	p.PrintCSS = "/m/" + m.Slug + "/report/" + y + "/print.css?lang=" + l.Lang
	v := View{Municipality: m, Report: rep, Years: years, Today: h.Now()}
	return web.Render(w, r, http.StatusOK, ReportPage(p, v))
}

// printCSS is the report's running header on paper: CSS paged-media margin boxes
// (Chromium prints them) with the municipality and the year, and the page number.
// It is a stylesheet of its own because the header's words differ per report and
// the pages allow no inline styles.
func (h *Handlers) printCSS(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	m, err := municipalityFor(r, pool)
	if err != nil {
		return err
	}
	year, err := parseYear(chi.URLParam(r, "year"))
	if err != nil {
		return err
	}
	l := web.L(r)
	head := l.T("report.running_header", m.Name, strconv.Itoa(year))
	css := `@media print {
  @page {
    @top-left { content: ` + cssString(head) + `; font: 9pt system-ui, sans-serif; color: #333; }
    @top-right { content: counter(page) " / " counter(pages); font: 9pt system-ui, sans-serif; color: #333; }
  }
}
`
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	_, err = w.Write([]byte(css))
	return err
}

// cssString quotes s as a CSS string.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, "\\%x ", c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
