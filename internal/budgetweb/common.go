package budgetweb

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// Sentinels that end a save's transaction without writing anything.
var (
	// errInvalid: the input has field errors (some are only found in the transaction).
	errInvalid = errors.New("budgetweb: invalid input")
	// errUnchanged: the input equals the record; nothing to save or log.
	errUnchanged = errors.New("budgetweb: nothing changed")
)

// entry is the audit entry of a change the signed-in administrator makes.
func entry(r *http.Request, entity string, id int64, action string, changes map[string]audit.Change) audit.Entry {
	me := workspaceweb.Me(r)
	actor, municipality := me.ID, me.MunicipalityID
	return audit.Entry{
		AccountID: &actor, MunicipalityID: &municipality, Entity: entity, EntityID: id,
		Action: action, Changes: changes, RequestID: web.RequestID(r.Context()),
	}
}

// version reads the hidden version field; a missing or garbled one is 0, which
// no stored record has, so it meets the conflict page rather than overwriting.
func version(r *http.Request) int {
	v, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || v < 0 {
		return 0
	}
	return v
}

// history loads a record's audit entries for its page.
func (h *Handlers) history(r *http.Request, entity string, id int64) ([]audit.Row, error) {
	return audit.NewStore(h.Pool).History(r.Context(), workspaceweb.Me(r).MunicipalityID, entity, id)
}

// conflictRow is one row of the conflict table.
func conflictRow(label, yours, current string) templates.ConflictRow {
	return templates.ConflictRow{Label: label, Yours: yours, Current: current}
}

// page is the layout data of one of the editor's pages; its title says when the
// form on it has errors.
func (h *Handlers) page(w http.ResponseWriter, r *http.Request, errs form.Errors, title string, crumbs ...templates.Crumb) templates.Page {
	p := h.Page(w, r, title, crumbs...)
	p.Title = templates.ErrorTitle(p, title, errs)
	return p
}

// municipalityFor loads the municipality named by the {slug} route parameter,
// reading through pool; an unknown slug is a 404.
func municipalityFor(r *http.Request, pool *pgxpool.Pool) (municipality.Municipality, error) {
	m, err := municipality.NewStore(pool).BySlug(r.Context(), chi.URLParam(r, "slug"))
	if errors.Is(err, municipality.ErrNotFound) {
		return m, web.NotFound(err)
	}
	return m, err
}
