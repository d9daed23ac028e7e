package meeting

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/staffweb"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// Handlers serves /staff/meetings.
type Handlers struct{ staffweb.Base }

// Routes registers the pages under /staff/meetings.
func (h *Handlers) Routes(r chi.Router) {
	r.With(h.Auth.Require(access.MeetingView)).Get("/", h.Site.Handle(h.list))
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.MeetingEdit))
		r.Get("/new", h.Site.Handle(h.newForm))
		r.Post("/", h.Site.Handle(h.save))
		r.Get("/{id}", h.Site.Handle(h.editForm))
		r.Post("/{id}", h.Site.Handle(h.save))
	})
}

func (h *Handlers) rotation(r *http.Request) (Rotation, error) {
	rot, ok, err := RotationOf(r.Context(), h.Pool, staffweb.Me(r).MunicipalityID)
	if err != nil {
		return rot, err
	}
	if !ok {
		// A municipality whose policy has no meeting rotation has no meetings to keep.
		return rot, web.NotFound(nil)
	}
	return rot, nil
}

func (h *Handlers) list(w http.ResponseWriter, r *http.Request) error {
	rot, err := h.rotation(r)
	if err != nil {
		return err
	}
	list, err := NewStore(h.Pool).List(r.Context(), staffweb.Me(r).MunicipalityID)
	if err != nil {
		return err
	}
	l := web.L(r)
	p := h.Page(w, r, l.T("meeting.title"), templates.Crumb{Label: l.T("meeting.title")})
	return web.Render(w, r, http.StatusOK, templates.MeetingsPage(p, View(rot, list), staffweb.Me(r).Can(access.MeetingEdit)))
}

// View is the page data of the outlook and the meetings.
func View(rot Rotation, list []Meeting) templates.MeetingsView {
	o := Plan(rot, list)
	v := templates.MeetingsView{NextYear: o.NextYear, NextHost: o.NextHost, Known: o.Known, HomeHostsNext: o.HomeHostsNext,
		Home: rot.Home, Interval: rot.IntervalYears, Cities: rot.Cities, SourceSentence: rot.SourceSentence, Language: rot.Language}
	if o.EvaluationDue != nil {
		v.EvaluationDueYear = o.EvaluationDue.Year
	}
	for _, m := range list {
		v.Meetings = append(v.Meetings, templates.MeetingRow{ID: m.ID, Year: m.Year, Host: m.Host, Place: m.Place,
			HasReport: m.HasReport, HasEvaluation: m.HasEvaluation, IsDemo: m.IsDemo})
	}
	return v
}

func (h *Handlers) newForm(w http.ResponseWriter, r *http.Request) error {
	rot, err := h.rotation(r)
	if err != nil {
		return err
	}
	v := templates.MeetingFormView{Hosts: rot.Cities, Year: strconv.Itoa(h.Now().Year())}
	return h.render(w, r, http.StatusOK, v)
}

func (h *Handlers) editForm(w http.ResponseWriter, r *http.Request) error {
	rot, err := h.rotation(r)
	if err != nil {
		return err
	}
	m, err := h.meeting(r)
	if err != nil {
		return err
	}
	v := templates.MeetingFormView{ID: m.ID, Hosts: rot.Cities, Year: strconv.Itoa(m.Year), Host: m.Host, Place: m.Place,
		Participants: m.Participants, Version: m.Version, HasReport: m.HasReport, HasEvaluation: m.HasEvaluation}
	return h.render(w, r, http.StatusOK, v)
}

func (h *Handlers) meeting(r *http.Request) (Meeting, error) {
	id, err := staffweb.ID(r, "id")
	if err != nil {
		return Meeting{}, err
	}
	m, err := NewStore(h.Pool).Get(r.Context(), staffweb.Me(r).MunicipalityID, id)
	if errors.Is(err, ErrNotFound) {
		return m, web.NotFound(err)
	}
	return m, err
}

func (h *Handlers) render(w http.ResponseWriter, r *http.Request, status int, v templates.MeetingFormView) error {
	l := web.L(r)
	title := l.T("meeting.new")
	if v.ID != 0 {
		title = l.T("meeting.edit", v.Year)
	}
	p := h.Page(w, r, title, templates.Crumb{Label: l.T("meeting.title"), Href: "/staff/meetings"}, templates.Crumb{Label: title})
	p.Title = templates.ErrorTitle(p, title, v.Errors)
	return web.Render(w, r, status, templates.MeetingFormPage(p, v))
}

// save creates or updates a meeting with its report and evaluation files.
func (h *Handlers) save(w http.ResponseWriter, r *http.Request) error {
	rot, err := h.rotation(r)
	if err != nil {
		return err
	}
	me := staffweb.Me(r)
	var old Meeting
	editing := chi.URLParam(r, "id") != ""
	if editing {
		if old, err = h.meeting(r); err != nil {
			return err
		}
	}
	v := templates.MeetingFormView{ID: old.ID, Hosts: rot.Cities, Year: strings.TrimSpace(r.PostFormValue("year")),
		Host: r.PostFormValue("host"), Place: strings.TrimSpace(r.PostFormValue("place")),
		Participants: strings.TrimSpace(r.PostFormValue("participants")), HasReport: old.HasReport, HasEvaluation: old.HasEvaluation}
	v.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	year, yerr := strconv.Atoi(v.Year)
	if yerr != nil || year < 1946 || year > h.Now().Year()+10 {
		v.Errors.Add("year", "meeting.error.year")
	}
	if !contains(rot.Cities, v.Host) {
		v.Errors.Add("host", "meeting.error.host")
	}
	files := map[string][]byte{}
	names := map[string]string{}
	for _, field := range []string{"report", "evaluation"} {
		if r.MultipartForm == nil {
			break
		}
		fh := r.MultipartForm.File[field]
		if len(fh) == 0 || fh[0].Size == 0 {
			continue
		}
		f, err := fh[0].Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(io.LimitReader(f, attachment.MaxSize+1))
		f.Close()
		if err != nil {
			return err
		}
		if _, err := attachment.Validate(fh[0].Filename, b); err != nil {
			v.Errors.AddErr(field, err)
			continue
		}
		files[field], names[field] = b, fh[0].Filename
	}
	if v.Errors.Any() {
		return h.render(w, r, http.StatusUnprocessableEntity, v)
	}
	err = database.Transact(r.Context(), h.Pool, func(tx pgx.Tx) error {
		ids := map[string]*int64{"report": old.ReportID, "evaluation": old.EvaluationID}
		for field, b := range files {
			id, err := attachment.Store(r.Context(), tx, me.MunicipalityID, &me.ID, names[field], b)
			if err != nil {
				return err
			}
			ids[field] = &id
		}
		var id int64
		var q string
		args := []any{me.MunicipalityID, year, v.Host, v.Place, v.Participants, ids["report"], ids["evaluation"], time.Now()}
		if editing {
			q = `UPDATE twin_city_meeting SET year = $2, host = $3, place = $4, participants = $5, report_id = $6,
			     evaluation_id = $7, updated_at = $8, version = version + 1
			     WHERE municipality_id = $1 AND id = $9 AND version = $10 RETURNING id`
			args = append(args, old.ID, v.Version)
		} else {
			q = `INSERT INTO twin_city_meeting (municipality_id, year, host, place, participants, report_id, evaluation_id, updated_at)
			     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`
		}
		if err := tx.QueryRow(r.Context(), q, args...).Scan(&id); errors.Is(err, pgx.ErrNoRows) {
			return errConflict
		} else if err != nil {
			return err
		}
		action := audit.ActionCreate
		before := map[string]any{}
		if editing {
			action = audit.ActionUpdate
			before = map[string]any{"year": old.Year, "host": old.Host, "place": old.Place, "participants": old.Participants,
				"report": old.HasReport, "evaluation": old.HasEvaluation}
		}
		after := map[string]any{"year": year, "host": v.Host, "place": v.Place, "participants": v.Participants,
			"report": ids["report"] != nil, "evaluation": ids["evaluation"] != nil}
		return audit.Record(r.Context(), tx, audit.Entry{AccountID: &me.ID, MunicipalityID: &me.MunicipalityID,
			Entity: "twin_city_meeting", EntityID: id, Action: action, Changes: audit.Diff(before, after)})
	})
	switch {
	case errors.Is(err, errConflict):
		cur, err := h.meeting(r)
		if err != nil {
			return err
		}
		l := web.L(r)
		v.Conflict = []templates.ConflictRow{
			{Label: l.T("meeting.year"), Yours: v.Year, Current: strconv.Itoa(cur.Year)},
			{Label: l.T("meeting.host"), Yours: v.Host, Current: cur.Host},
			{Label: l.T("meeting.place"), Yours: v.Place, Current: cur.Place},
			{Label: l.T("meeting.participants"), Yours: v.Participants, Current: cur.Participants},
		}
		v.Version = cur.Version
		return h.render(w, r, http.StatusConflict, v)
	case isUnique(err):
		v.Errors.Add("year", "meeting.error.duplicate")
		return h.render(w, r, http.StatusUnprocessableEntity, v)
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/meetings", "meeting.flash.saved")
}

var errConflict = errors.New("meeting changed meanwhile")

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isUnique reports a unique violation: a meeting of that year exists already.
func isUnique(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}
