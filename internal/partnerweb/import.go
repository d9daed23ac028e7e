package partnerweb

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/opendata"
	"github.com/municipal-intl/portal/internal/partner"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// ImportView is the import form, with what went wrong with the last file: a
// problem of the file as a whole (FileError, a catalogue key with FileArgs),
// or its rows' problems.
type ImportView struct {
	FileError string
	FileArgs  []any
	Rows      []partner.RowError
}

func (h *Handlers) importForm(w http.ResponseWriter, r *http.Request) error {
	return h.renderImport(w, r, http.StatusOK, ImportView{})
}

func (h *Handlers) renderImport(w http.ResponseWriter, r *http.Request, status int, v ImportView) error {
	l := web.L(r)
	title := l.T("import.title")
	if v.FileError != "" || len(v.Rows) > 0 {
		title = l.T("form.title_error", title)
	}
	p := h.Page(w, r, title, templates.Crumb{Label: l.T("partneredit.partners.title"), Href: "/staff/partners"},
		templates.Crumb{Label: l.T("import.title")})
	return web.Render(w, r, status, ImportPage(p, v))
}

// importPartnerships reads the uploaded partnerships.csv and saves all its rows
// or, if any is wrong, none, listing every problem by line.
func (h *Handlers) importPartnerships(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) == 0 {
		return h.renderImport(w, r, http.StatusUnprocessableEntity, ImportView{FileError: "import.error.no_file"})
	}
	f, err := r.MultipartForm.File["file"][0].Open()
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := opendata.ReadPartnershipCSV(f)
	var header *opendata.ErrCSVHeader
	switch {
	case errors.As(err, &header):
		return h.renderImport(w, r, http.StatusUnprocessableEntity, ImportView{FileError: "import.error.header", FileArgs: []any{header.Missing}})
	case errors.Is(err, opendata.ErrCSVUnreadable):
		return h.renderImport(w, r, http.StatusUnprocessableEntity, ImportView{FileError: "import.error.unreadable"})
	case err != nil:
		return err
	case len(rows) == 0:
		return h.renderImport(w, r, http.StatusUnprocessableEntity, ImportView{FileError: "import.error.empty"})
	}
	n, err := h.store().ImportPartnerships(r.Context(), h.actor(r), rows)
	var refused *partner.ImportRefused
	if errors.As(err, &refused) {
		return h.renderImport(w, r, http.StatusUnprocessableEntity, ImportView{Rows: refused.Rows})
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, "/staff/partners", "import.flash.done", strconv.Itoa(n))
}

// partnershipsCSV is the open-data download of the municipality's partnerships,
// in the format the import reads.
func (h *Handlers) partnershipsCSV(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	m, err := municipalityFor(pool, r)
	if err != nil {
		return err
	}
	base := h.Site.BaseURL + "/m/" + m.Slug + "/partners/"
	rows, err := partner.NewStore(pool).CSVRows(r.Context(), m.ID, func(id int64) string { return base + strconv.FormatInt(id, 10) })
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+m.Slug+`-partnerships.csv"`)
	return opendata.PartnershipCSV(w, rows)
}
