package adminedit

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/staffweb"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// The days after a trip's return within which its report is due, as an
// administrator may set them. The schema only asks for more than zero; a year
// is the longest deadline that still makes a report timely.
const (
	minDeadlineDays = 1
	maxDeadlineDays = 365
)

// deadlineRecord is the municipality's stored trip report deadline
// (municipality.report_deadline_days), which the overdue lists of the workspace
// and the public trip register read.
type deadlineRecord struct{ Days int }

func (d deadlineRecord) values() map[string]any {
	return map[string]any{"report_deadline_days": d.Days}
}

// state is the deadline's fingerprint: municipality has no version column.
func (d deadlineRecord) state() string { return fingerprint(d.values()) }

func (d deadlineRecord) form() templates.AdminDeadlineForm {
	return templates.AdminDeadlineForm{State: d.state(), Days: strconv.Itoa(d.Days)}
}

// currentDeadline returns the municipality's deadline, locked for the rest of
// the transaction when lock is set.
func currentDeadline(ctx context.Context, q querier, municipalityID int64, lock bool) (deadlineRecord, error) {
	sql := `SELECT report_deadline_days FROM municipality WHERE id = $1`
	if lock {
		sql += ` FOR UPDATE`
	}
	var d deadlineRecord
	if err := q.QueryRow(ctx, sql, municipalityID).Scan(&d.Days); err != nil {
		return deadlineRecord{}, fmt.Errorf("report deadline of municipality %d: %w", municipalityID, err)
	}
	return d, nil
}

// parseDeadline reads the typed number of days.
func parseDeadline(raw string) (deadlineRecord, form.Errors) {
	var errs form.Errors
	s := strings.TrimSpace(raw)
	if s == "" {
		errs.Add("report_deadline_days", "adminedit.deadline.error.required")
		return deadlineRecord{}, errs
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < minDeadlineDays || n > maxDeadlineDays {
		errs.Add("report_deadline_days", "adminedit.deadline.error.range", minDeadlineDays, maxDeadlineDays)
	}
	return deadlineRecord{Days: n}, errs
}

func (h *Handlers) saveDeadline(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	me := staffweb.Me(r)
	f := templates.AdminDeadlineForm{State: r.PostFormValue("state"), Days: r.PostFormValue("report_deadline_days")}
	rec, errs := parseDeadline(f.Days)
	var cur deadlineRecord
	err := database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		var err error
		if cur, err = currentDeadline(ctx, tx, me.MunicipalityID, true); err != nil {
			return err
		}
		if cur.state() != f.State {
			return errConflict
		}
		if errs.Any() {
			return errInvalid
		}
		changes := audit.Diff(cur.values(), rec.values())
		if len(changes) == 0 {
			return errUnchanged
		}
		if _, err := tx.Exec(ctx, `UPDATE municipality SET report_deadline_days = $2 WHERE id = $1`,
			me.MunicipalityID, rec.Days); err != nil {
			return fmt.Errorf("update report deadline of municipality %d: %w", me.MunicipalityID, err)
		}
		return audit.Record(ctx, tx, entry(r, "municipality", me.MunicipalityID, audit.ActionUpdate, changes))
	})
	switch {
	case errors.Is(err, errConflict):
		// The form keeps the person's input with the current state, so saving
		// again is a deliberate choice.
		v := templates.AdminDeadlineView{Form: f, Errors: errs, Conflict: deadlineConflict(r, f, cur.form())}
		v.Form.State = cur.state()
		return h.renderDeadline(w, r, http.StatusConflict, v)
	case errors.Is(err, errInvalid):
		return h.renderDeadline(w, r, http.StatusUnprocessableEntity, templates.AdminDeadlineView{Form: f, Errors: errs})
	case errors.Is(err, errUnchanged):
		return h.Done(w, r, "/staff/policy", "adminedit.flash.unchanged")
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/policy", "adminedit.deadline.flash.saved")
}

// renderDeadline shows the policy page with the deadline form as typed and the
// policy form as stored.
func (h *Handlers) renderDeadline(w http.ResponseWriter, r *http.Request, status int, d templates.AdminDeadlineView) error {
	v, err := h.storedPolicyView(r)
	if err != nil {
		return err
	}
	v.Deadline = d
	return h.renderPolicy(w, r, status, v)
}

func deadlineConflict(r *http.Request, yours, cur templates.AdminDeadlineForm) []templates.ConflictRow {
	return []templates.ConflictRow{conflictRow(web.L(r).T("adminedit.deadline.field.days"), yours.Days, cur.Days)}
}
