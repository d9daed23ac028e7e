package tripweb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// maxReportText bounds each part of the report.
const maxReportText = 20000

// reportForm is GET /staff/trips/{id}/report.
func (h *Handlers) reportForm(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.trip(r)
	if err != nil {
		return err
	}
	if !trip.ReportEditable(rec.Status) {
		return h.locked(w, r, rec)
	}
	ctx := r.Context()
	store := h.store()
	rep, err := store.Report(ctx, rec.ID)
	if err != nil {
		return err
	}
	files, err := store.Files(ctx, rec.ID)
	if err != nil {
		return err
	}
	v := StaffTripReportView{TripID: rec.ID, Version: rep.Version, Goal: rep.Goal, Programme: rep.Programme,
		Outcome: rep.Outcome, FollowUp: rep.FollowUp, Attachments: files}
	return h.renderReport(w, r, http.StatusOK, rec, v)
}

func (h *Handlers) renderReport(w http.ResponseWriter, r *http.Request, status int, rec trip.Record, v StaffTripReportView) error {
	l := web.L(r)
	v.TripTitle = title(l, rec)
	heading := l.T("tripedit.report.heading")
	p := h.Page(w, r, templates.ErrorTitle(templates.Page{L: l}, heading+": "+v.TripTitle, v.Errors),
		crumbs(l, rec, templates.Crumb{Label: heading})...)
	return web.Render(w, r, status, StaffTripReportPage(p, v))
}

// saveReport is POST /staff/trips/{id}/report. Each uploaded file that is
// accepted is stored at once, so that it is not lost when the form comes back
// with a problem; it is linked to the trip when the report is saved.
func (h *Handlers) saveReport(w http.ResponseWriter, r *http.Request) error {
	rec, err := h.trip(r)
	if err != nil {
		return err
	}
	if !trip.ReportEditable(rec.Status) {
		return h.locked(w, r, rec)
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	store := h.store()
	me := workspaceweb.Me(r)
	l := web.L(r)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	v := StaffTripReportView{TripID: rec.ID, Version: version,
		Goal: r.PostFormValue("goal"), Programme: r.PostFormValue("programme"),
		Outcome: r.PostFormValue("outcome"), FollowUp: r.PostFormValue("follow_up")}
	for _, part := range []struct{ field, value string }{{"goal", v.Goal}, {"programme", v.Programme}, {"outcome", v.Outcome}, {"follow_up", v.FollowUp}} {
		if len([]rune(part.value)) > maxReportText {
			v.Errors.Add(part.field, "tripedit.error.too_long", maxReportText)
		}
	}
	if v.Attachments, err = store.Files(ctx, rec.ID); err != nil {
		return err
	}
	for _, s := range r.PostForm["remove_attachment"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err == nil && slices.ContainsFunc(v.Attachments, func(a StaffTripAttachment) bool { return a.ID == id }) {
			v.Remove = append(v.Remove, id)
		}
	}
	if v.Pending, err = store.PendingFiles(ctx, rec.ID, me.MunicipalityID, me.ID, ids(r.PostForm["pending_attachment"])); err != nil {
		return err
	}
	accepted, refused, err := storeUploads(ctx, store, r, l, me.MunicipalityID, me.ID)
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

	next := trip.ReportRecord{Version: version, Goal: strings.TrimSpace(v.Goal), Programme: strings.TrimSpace(v.Programme),
		Outcome: strings.TrimSpace(v.Outcome), FollowUp: strings.TrimSpace(v.FollowUp)}
	cur, err := store.SaveReport(ctx, editorOf(r), rec.ID, next, v.Pending, v.Remove)
	switch {
	case errors.Is(err, trip.ErrNotFound):
		return web.NotFound(err)
	case errors.Is(err, trip.ErrLocked):
		return h.locked(w, r, rec)
	case errors.Is(err, trip.ErrConflict):
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

// ids reads the distinct ids among raw, skipping what is no number.
func ids(raw []string) []int64 {
	var out []int64
	for _, s := range raw {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// storeUploads validates and stores each uploaded file, each in its own
// transaction. It returns the files accepted and, for the others, their names
// with the reason in the reader's language.
func storeUploads(ctx context.Context, store *trip.Store, r *http.Request, l *i18n.Localizer, m, uploader int64) ([]trip.FileRow, []string, error) {
	if r.MultipartForm == nil {
		return nil, nil, nil
	}
	var accepted []trip.FileRow
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
		a, err := store.StoreUpload(ctx, m, uploader, fh.Filename, content)
		if err != nil {
			return nil, nil, err
		}
		accepted = append(accepted, a)
	}
	return accepted, refused, nil
}
