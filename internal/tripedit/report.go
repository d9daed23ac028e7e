package tripedit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// maxReportText bounds each part of the report.
const maxReportText = 20000

// report is the trip report as stored; Version 0 when none is.
type report struct {
	Version   int
	Goal      string
	Programme string
	Outcome   string
	FollowUp  string
}

func (r report) auditFields(files []templates.StaffTripAttachment) map[string]any {
	names := make([]map[string]any, 0, len(files))
	for _, f := range files {
		names = append(names, map[string]any{"id": f.ID, "filename": f.Filename})
	}
	return map[string]any{"goal": r.Goal, "programme_carried_out": r.Programme, "outcome": r.Outcome,
		"follow_up": r.FollowUp, "attachments": names}
}

func loadReport(ctx context.Context, db querier, tripID int64, forUpdate bool) (report, error) {
	lock := ""
	if forUpdate {
		lock = " FOR UPDATE"
	}
	var r report
	err := db.QueryRow(ctx, `
SELECT version, goal, programme_carried_out, outcome, follow_up FROM trip_report WHERE trip_id = $1`+lock, tripID).Scan(
		&r.Version, &r.Goal, &r.Programme, &r.Outcome, &r.FollowUp)
	if errors.Is(err, pgx.ErrNoRows) {
		return report{}, nil
	}
	if err != nil {
		return report{}, fmt.Errorf("load report of trip %d: %w", tripID, err)
	}
	return r, nil
}

func linkedFiles(ctx context.Context, db querier, tripID int64) ([]templates.StaffTripAttachment, error) {
	rows, err := db.Query(ctx, `
SELECT a.id, a.filename, a.size_bytes FROM trip_attachment ta JOIN attachment a ON a.id = ta.attachment_id
WHERE ta.trip_id = $1 ORDER BY a.id`, tripID)
	if err != nil {
		return nil, fmt.Errorf("attachments of trip %d: %w", tripID, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[templates.StaffTripAttachment])
	if err != nil {
		return nil, fmt.Errorf("attachments of trip %d: %w", tripID, err)
	}
	return list, nil
}

// reportForm is GET /staff/trips/{id}/report.
func (h *Handlers) reportForm(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.trip(r)
	if err != nil {
		return err
	}
	if !reportEditable(rec.Status) {
		return h.locked(w, r, rec)
	}
	ctx := r.Context()
	rep, err := loadReport(ctx, h.Pool, rec.ID, false)
	if err != nil {
		return err
	}
	files, err := linkedFiles(ctx, h.Pool, rec.ID)
	if err != nil {
		return err
	}
	v := templates.StaffTripReportView{TripID: rec.ID, Version: rep.Version, Goal: rep.Goal, Programme: rep.Programme,
		Outcome: rep.Outcome, FollowUp: rep.FollowUp, Attachments: files}
	return h.renderReport(w, r, http.StatusOK, rec, v)
}

func (h *Handlers) renderReport(w http.ResponseWriter, r *http.Request, status int, rec Record, v templates.StaffTripReportView) error {
	l := web.L(r)
	v.TripTitle = title(l, rec)
	heading := l.T("tripedit.report.heading")
	p := h.Page(w, r, templates.ErrorTitle(templates.Page{L: l}, heading+": "+v.TripTitle, v.Errors),
		crumbs(l, rec, templates.Crumb{Label: heading})...)
	return web.Render(w, r, status, templates.StaffTripReportPage(p, v))
}

// saveReport is POST /staff/trips/{id}/report. Each uploaded file that is
// accepted is stored at once, so that it is not lost when the form comes back
// with a problem; it is linked to the trip when the report is saved.
func (h *Handlers) saveReport(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.trip(r)
	if err != nil {
		return err
	}
	if !reportEditable(rec.Status) {
		return h.locked(w, r, rec)
	}
	ctx := r.Context()
	me := workspaceweb.Me(r)
	l := web.L(r)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	v := templates.StaffTripReportView{TripID: rec.ID, Version: version,
		Goal: r.PostFormValue("goal"), Programme: r.PostFormValue("programme"),
		Outcome: r.PostFormValue("outcome"), FollowUp: r.PostFormValue("follow_up")}
	for _, part := range []struct{ field, value string }{{"goal", v.Goal}, {"programme", v.Programme}, {"outcome", v.Outcome}, {"follow_up", v.FollowUp}} {
		if len([]rune(part.value)) > maxReportText {
			v.Errors.Add(part.field, "tripedit.error.too_long", maxReportText)
		}
	}
	if v.Attachments, err = linkedFiles(ctx, h.Pool, rec.ID); err != nil {
		return err
	}
	for _, s := range r.PostForm["remove_attachment"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err == nil && slices.ContainsFunc(v.Attachments, func(a templates.StaffTripAttachment) bool { return a.ID == id }) {
			v.Remove = append(v.Remove, id)
		}
	}
	if v.Pending, err = h.pendingFiles(ctx, rec.ID, me.MunicipalityID, me.ID, r.PostForm["pending_attachment"]); err != nil {
		return err
	}
	accepted, refused, err := h.storeUploads(ctx, r, l, me.MunicipalityID, me.ID)
	if err != nil {
		return err
	}
	v.Pending = append(v.Pending, accepted...)
	if len(refused) > 0 {
		v.Errors.Add("files", "tripedit.error.files", strings.Join(refused, "; "))
	}
	if v.Errors.Any() {
		return h.renderReport(w, r, http.StatusUnprocessableEntity, rec, v)
	}

	next := report{Version: version, Goal: strings.TrimSpace(v.Goal), Programme: strings.TrimSpace(v.Programme),
		Outcome: strings.TrimSpace(v.Outcome), FollowUp: strings.TrimSpace(v.FollowUp)}
	cur, err := h.writeReport(ctx, actorOf(r), rec.ID, next, v.Pending, v.Remove)
	switch {
	case errors.Is(err, errNotFound):
		return web.NotFound(err)
	case errors.Is(err, errLocked):
		return h.locked(w, r, rec)
	case errors.Is(err, errConflict):
		v.Conflict = []templates.ConflictRow{
			{Label: l.T("trip.report.goal"), Yours: next.Goal, Current: cur.Goal},
			{Label: l.T("trip.report.programme"), Yours: next.Programme, Current: cur.Programme},
			{Label: l.T("trip.report.outcome"), Yours: next.Outcome, Current: cur.Outcome},
			{Label: l.T("trip.report.follow_up"), Yours: next.FollowUp, Current: cur.FollowUp},
		}
		v.Version = cur.Version
		return h.renderReport(w, r, http.StatusConflict, rec, v)
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/trips/"+strconv.FormatInt(rec.ID, 10), "tripedit.flash.report_saved")
}

// pendingFiles reads the files accepted by an earlier submission of the form:
// only files of the municipality that this person uploaded and that no other
// record holds (one upload belongs to one record).
func (h *Handlers) pendingFiles(ctx context.Context, tripID, m, uploader int64, raw []string) ([]templates.StaffTripAttachment, error) {
	var ids []int64
	for _, s := range raw {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := h.Pool.Query(ctx, `
SELECT id, filename, size_bytes FROM attachment
WHERE id = ANY($1) AND municipality_id = $2 AND uploaded_by = $3
  AND NOT EXISTS (SELECT 1 FROM attachment_use u WHERE u.attachment_id = attachment.id
                  AND NOT (u.entity = 'trip' AND u.entity_id = $4))
ORDER BY id`, ids, m, uploader, tripID)
	if err != nil {
		return nil, fmt.Errorf("pending attachments: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[templates.StaffTripAttachment])
	if err != nil {
		return nil, fmt.Errorf("pending attachments: %w", err)
	}
	return list, nil
}

// storeUploads validates and stores each uploaded file, each in its own
// transaction. It returns the files accepted and, for the others, their names
// with the reason in the reader's language.
func (h *Handlers) storeUploads(ctx context.Context, r *http.Request, l *i18n.Localizer, m, uploader int64) ([]templates.StaffTripAttachment, []string, error) {
	if r.MultipartForm == nil {
		return nil, nil, nil
	}
	var accepted []templates.StaffTripAttachment
	var refused []string
	for _, fh := range r.MultipartForm.File["files"] {
		if fh.Filename == "" && fh.Size == 0 {
			continue // the empty part a browser sends when no file was chosen
		}
		name := attachment.SanitizeFilename(fh.Filename)
		f, err := fh.Open()
		if err != nil {
			return nil, nil, fmt.Errorf("open upload %q: %w", name, err)
		}
		content, err := io.ReadAll(io.LimitReader(f, attachment.MaxSize+1))
		f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("read upload %q: %w", name, err)
		}
		if _, err := attachment.Validate(fh.Filename, content); err != nil {
			var fe *form.Error
			reason := l.T(form.KeyInvalid)
			if errors.As(err, &fe) {
				reason = l.T(fe.Key, fe.Args...)
			}
			refused = append(refused, name+": "+reason)
			continue
		}
		var id int64
		err = database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
			var err error
			id, err = attachment.Store(ctx, tx, m, &uploader, fh.Filename, content)
			return err
		})
		if err != nil {
			return nil, nil, err
		}
		var a templates.StaffTripAttachment
		if err := h.Pool.QueryRow(ctx, `SELECT id, filename, size_bytes FROM attachment WHERE id = $1`, id).Scan(&a.ID, &a.Filename, &a.Size); err != nil {
			return nil, nil, fmt.Errorf("read stored upload %d: %w", id, err)
		}
		accepted = append(accepted, a)
	}
	return accepted, refused, nil
}

// writeReport saves the report in one transaction when it still has version
// next.Version (0: none yet) and the trip's status allows it, links the pending
// files and unlinks those to remove. On errConflict it returns the current report.
func (h *Handlers) writeReport(ctx context.Context, a actor, tripID int64, next report, pending []templates.StaffTripAttachment, remove []int64) (report, error) {
	var cur report
	err := database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		rec, err := load(ctx, tx, a.MunicipalityID, tripID, true)
		if err != nil {
			return err
		}
		if !reportEditable(rec.Status) {
			return errLocked
		}
		if cur, err = loadReport(ctx, tx, tripID, true); err != nil {
			return err
		}
		if cur.Version != next.Version {
			return errConflict
		}
		before, err := linkedFiles(ctx, tx, tripID)
		if err != nil {
			return err
		}
		action := audit.ActionUpdate
		if cur.Version == 0 {
			action = audit.ActionCreate
			_, err = tx.Exec(ctx, `
INSERT INTO trip_report (trip_id, goal, programme_carried_out, outcome, follow_up) VALUES ($1, $2, $3, $4, $5)`,
				tripID, next.Goal, next.Programme, next.Outcome, next.FollowUp)
		} else {
			var tag pgconn.CommandTag
			tag, err = tx.Exec(ctx, `
UPDATE trip_report SET goal = $3, programme_carried_out = $4, outcome = $5, follow_up = $6,
       version = version + 1, updated_at = now()
WHERE trip_id = $1 AND version = $2`, tripID, next.Version, next.Goal, next.Programme, next.Outcome, next.FollowUp)
			if err == nil && tag.RowsAffected() == 0 {
				return errConflict
			}
		}
		if err != nil {
			return fmt.Errorf("save report of trip %d: %w", tripID, err)
		}
		ids := make([]int64, 0, len(pending))
		for _, p := range pending {
			ids = append(ids, p.ID)
		}
		if _, err := tx.Exec(ctx, `
INSERT INTO trip_attachment (trip_id, attachment_id)
SELECT $1, a.id FROM attachment a WHERE a.id = ANY($2) AND a.municipality_id = $3
ON CONFLICT DO NOTHING`, tripID, ids, a.MunicipalityID); err != nil {
			return fmt.Errorf("link attachments of trip %d: %w", tripID, err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM trip_attachment WHERE trip_id = $1 AND attachment_id = ANY($2)`, tripID, remove); err != nil {
			return fmt.Errorf("unlink attachments of trip %d: %w", tripID, err)
		}
		after, err := linkedFiles(ctx, tx, tripID)
		if err != nil {
			return err
		}
		changes := audit.Diff(cur.auditFields(before), next.auditFields(after))
		if action == audit.ActionCreate {
			changes = audit.Diff(map[string]any{}, next.auditFields(after))
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID,
			Entity: "trip_report", EntityID: tripID, Action: action, Changes: changes, RequestID: a.RequestID})
	})
	return cur, err
}
