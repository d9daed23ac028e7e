package policyweb

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// deadlineForm is the form of the stored deadline.
func deadlineForm(d policy.Deadline) AdminDeadlineForm {
	return AdminDeadlineForm{State: d.State(), Days: strconv.Itoa(d.Days)}
}

// parseDeadline reads the typed number of days.
func parseDeadline(raw string) (policy.Deadline, form.Errors) {
	var errs form.Errors
	s := strings.TrimSpace(raw)
	if s == "" {
		errs.Add("report_deadline_days", "adminedit.deadline.error.required")
		return policy.Deadline{}, errs
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < policy.MinDeadlineDays || n > policy.MaxDeadlineDays {
		errs.Add("report_deadline_days", "adminedit.deadline.error.range", policy.MinDeadlineDays, policy.MaxDeadlineDays)
	}
	return policy.Deadline{Days: n}, errs
}

func (h *Handlers) saveDeadline(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	me := workspaceweb.Me(r)
	f := AdminDeadlineForm{State: r.PostFormValue("state"), Days: r.PostFormValue("report_deadline_days")}
	rec, errs := parseDeadline(f.Days)
	var cur policy.Deadline
	err := h.store().Transact(ctx, func(st *policy.Store) error {
		var err error
		if cur, err = st.Deadline(ctx, me.MunicipalityID, true); err != nil {
			return err
		}
		if cur.State() != f.State {
			return policy.ErrConflict
		}
		if errs.Any() {
			return policy.ErrInvalid
		}
		changes := audit.Diff(cur.Values(), rec.Values())
		if len(changes) == 0 {
			return policy.ErrUnchanged
		}
		if err := st.SetDeadline(ctx, me.MunicipalityID, rec); err != nil {
			return err
		}
		return st.Record(ctx, entry(r, "municipality", me.MunicipalityID, audit.ActionUpdate, changes))
	})
	switch {
	case errors.Is(err, policy.ErrConflict):
		// The form keeps the person's input with the current state, so saving
		// again is a deliberate choice.
		v := AdminDeadlineView{Form: f, Errors: errs, Conflict: deadlineConflict(r, f, deadlineForm(cur))}
		v.Form.State = cur.State()
		return h.renderDeadline(w, r, http.StatusConflict, v)
	case errors.Is(err, policy.ErrInvalid):
		return h.renderDeadline(w, r, http.StatusUnprocessableEntity, AdminDeadlineView{Form: f, Errors: errs})
	case errors.Is(err, policy.ErrUnchanged):
		return h.Done(w, r, "/staff/policy", "adminedit.flash.unchanged")
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/policy", "adminedit.deadline.flash.saved")
}

// renderDeadline shows the policy page with the deadline form as typed and the
// policy form as stored.
func (h *Handlers) renderDeadline(w http.ResponseWriter, r *http.Request, status int, d AdminDeadlineView) error {
	v, err := h.storedPolicyView(r)
	if err != nil {
		return err
	}
	v.Deadline = d
	return h.renderPolicy(w, r, status, v)
}

func deadlineConflict(r *http.Request, yours, cur AdminDeadlineForm) []templates.ConflictRow {
	return []templates.ConflictRow{conflictRow(web.L(r).T("adminedit.deadline.field.days"), yours.Days, cur.Days)}
}
