// Package meetingweb serves the twin-city meetings: the workspace's pages and the
// meetings in the public calendar.
package meetingweb

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/meeting"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// Handlers serves /staff/meetings.
type Handlers struct{ workspaceweb.Base }

// Staff registers the pages under /staff/meetings.
func (h *Handlers) Staff(r chi.Router) {
	r.Get("/", h.Site.Handle(h.list))
	r.Get("/notices", h.Site.Handle(h.notices))
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.MeetingEdit))
		r.Post("/notices", h.Site.Handle(h.createNotice))
		r.Post("/notices/{id}/noted", h.Site.Handle(h.noteNotice))
	})
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.MeetingEdit))
		r.Get("/new", h.Site.Handle(h.newForm))
		r.Post("/", h.Site.Handle(h.save))
		r.Get("/{id}", h.Site.Handle(h.editForm))
		r.Post("/{id}", h.Site.Handle(h.save))
	})
}

func (h *Handlers) rotation(r *http.Request) (meeting.Rotation, error) {
	rot, ok, err := meeting.NewStore(h.Pool).Rotation(r.Context(), workspaceweb.Me(r).MunicipalityID)
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
	list, err := meeting.NewStore(h.Pool).List(r.Context(), workspaceweb.Me(r).MunicipalityID)
	if err != nil {
		return err
	}
	l := web.L(r)
	p := h.Page(w, r, l.T("meeting.title"), templates.Crumb{Label: l.T("meeting.title")})
	return web.Render(w, r, http.StatusOK, MeetingsPage(p, View(rot, list, h.Now()), workspaceweb.Me(r).Can(access.MeetingEdit)))
}

// View is the page data of the outlook and the meetings.
func View(rot meeting.Rotation, list []meeting.Meeting, today time.Time) templates.MeetingsView {
	o := meeting.Plan(rot, list, today)
	v := templates.MeetingsView{NextYear: o.NextYear, NextHost: o.NextHost, Known: o.Known, HomeHostsNext: o.HomeHostsNext,
		Home: rot.Home, Interval: rot.IntervalYears, Cities: rot.Cities, SourceSentence: rot.SourceSentence, Language: rot.Language,
		Order: o.Order, Need: o.Need, HostingOverdue: o.HostingOverdue, LastHomeYear: o.LastHomeYear, EveryYears: rot.EveryYears}
	if o.EvaluationDue != nil {
		v.EvaluationDueYear = o.EvaluationDue.Year
		v.EvaluationDueOn, v.EvaluationLate = o.EvaluationDueOn, o.EvaluationLate
	}
	for _, m := range list {
		v.Meetings = append(v.Meetings, templates.MeetingRow{ID: m.ID, Year: m.Year, Host: m.Host, Place: m.Place,
			HasReport: m.HasReport, HasEvaluation: m.HasEvaluation, IsDemo: m.IsDemo, Lang: m.Lang})
	}
	return v
}

func (h *Handlers) newForm(w http.ResponseWriter, r *http.Request) error {
	rot, err := h.rotation(r)
	if err != nil {
		return err
	}
	v := MeetingFormView{Hosts: rot.Cities, Year: strconv.Itoa(h.Now().Year()), Lang: workspaceweb.Me(r).ContentLang}
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
	v := MeetingFormView{ID: m.ID, Hosts: rot.Cities, Year: strconv.Itoa(m.Year), Host: m.Host, Place: m.Place,
		Participants: m.Participants, Version: m.Version, HasReport: m.HasReport, HasEvaluation: m.HasEvaluation, Lang: m.Lang}
	return h.render(w, r, http.StatusOK, v)
}

func (h *Handlers) meeting(r *http.Request) (meeting.Meeting, error) {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return meeting.Meeting{}, err
	}
	m, err := meeting.NewStore(h.Pool).Get(r.Context(), workspaceweb.Me(r).MunicipalityID, id)
	if errors.Is(err, meeting.ErrNotFound) {
		return m, web.NotFound(err)
	}
	return m, err
}

func (h *Handlers) render(w http.ResponseWriter, r *http.Request, status int, v MeetingFormView) error {
	l := web.L(r)
	title := l.T("meeting.new")
	if v.ID != 0 {
		title = l.T("meeting.edit", v.Year)
	}
	p := h.Page(w, r, title, templates.Crumb{Label: l.T("meeting.title"), Href: "/staff/meetings"}, templates.Crumb{Label: title})
	p.Title = templates.ErrorTitle(p, title, v.Errors)
	return web.Render(w, r, status, MeetingFormPage(p, v))
}

// save creates or updates a meeting with its report and evaluation files.
func (h *Handlers) save(w http.ResponseWriter, r *http.Request) error {
	rot, err := h.rotation(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	me := workspaceweb.Me(r)
	var old meeting.Meeting
	editing := chi.URLParam(r, "id") != ""
	if editing {
		if old, err = h.meeting(r); err != nil {
			return err
		}
	}
	v := MeetingFormView{ID: old.ID, Hosts: rot.Cities, Year: strings.TrimSpace(r.PostFormValue("year")),
		Host: r.PostFormValue("host"), Place: strings.TrimSpace(r.PostFormValue("place")),
		Participants: strings.TrimSpace(r.PostFormValue("participants")), HasReport: old.HasReport, HasEvaluation: old.HasEvaluation,
		Lang: workspaceweb.Me(r).ContentLang}
	v.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	year, yerr := strconv.Atoi(v.Year)
	if yerr != nil || year < 1946 || year > h.Now().Year()+10 {
		v.Errors.Add("year", "meeting.error.year")
	}
	if !contains(rot.Cities, v.Host) {
		v.Errors.Add("host", "meeting.error.host")
	}
	files := map[string]meeting.File{}
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
		files[field] = meeting.File{Name: fh[0].Filename, Content: b}
	}
	if v.Errors.Any() {
		return h.render(w, r, http.StatusUnprocessableEntity, v)
	}
	_, err = meeting.NewStore(h.Pool).Save(r.Context(), meeting.Actor{AccountID: me.ID, MunicipalityID: me.MunicipalityID}, old,
		meeting.Input{Year: year, Host: v.Host, Place: v.Place, Participants: v.Participants, Version: v.Version}, files)
	switch {
	case errors.Is(err, meeting.ErrConflict):
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
	case errors.Is(err, meeting.ErrDuplicate):
		v.Errors.Add("year", "meeting.error.duplicate")
		return h.render(w, r, http.StatusUnprocessableEntity, v)
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/meetings", "meeting.flash.saved")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
