package policyweb

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// by is the signed-in administrator as the audit entries of their changes name them.
func by(r *http.Request) audit.Entry {
	me := workspaceweb.Me(r)
	actor, municipality := me.ID, me.MunicipalityID
	return audit.Entry{AccountID: &actor, MunicipalityID: &municipality, RequestID: web.RequestID(r.Context())}
}

// entry is the audit entry of a change the signed-in administrator makes.
func entry(r *http.Request, entity string, id int64, action string, changes map[string]audit.Change) audit.Entry {
	e := by(r)
	e.Entity, e.EntityID, e.Action, e.Changes = entity, id, action, changes
	return e
}

// optionalDate parses an optional date field: empty is nil.
func optionalDate(errs *form.Errors, field, raw string) *time.Time {
	if strings.TrimSpace(raw) == "" {
		return nil
	}
	t, err := form.ParseDate(raw)
	if err != nil {
		errs.AddErr(field, err)
		return nil
	}
	return &t
}

func dateInput(t *time.Time) string {
	if t == nil {
		return ""
	}
	return form.FormatDateInput(*t)
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

// page is the layout data of one of the area's pages; its title says when the
// form on it has errors.
func (h *Handlers) page(w http.ResponseWriter, r *http.Request, errs form.Errors, title string, crumbs ...templates.Crumb) templates.Page {
	p := h.Page(w, r, title, crumbs...)
	p.Title = templates.ErrorTitle(p, title, errs)
	return p
}

// requirePolicy returns the current policy, or a 404 page saying there is none
// to add priorities or rules to.
func requirePolicy(r *http.Request, st *policy.Store, lock bool) (policy.Record, error) {
	pol, ok, err := st.CurrentRecord(r.Context(), workspaceweb.Me(r).MunicipalityID, lock)
	if err != nil {
		return pol, err
	}
	if !ok {
		return pol, &web.Error{Status: http.StatusNotFound, Key: "adminedit.policy.none"}
	}
	return pol, nil
}
