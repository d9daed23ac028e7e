package meetingweb

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/meeting"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// The notices of cooperation a policy asks departments to give its office
// (rule inform_office_of_cooperation): /staff/meetings/notices lists them with
// the form to give one; the office takes note of each, and until then it waits
// on the dashboard.

// office returns the office the policy names, or a 404 when the policy asks
// for no notices.
func (h *Handlers) office(r *http.Request) (NoticesView, error) {
	office, sentence, lang, ok, err := meeting.NewStore(h.Pool).Office(r.Context(), workspaceweb.Me(r).MunicipalityID)
	if err != nil {
		return NoticesView{}, err
	}
	if !ok {
		return NoticesView{}, web.NotFound(nil)
	}
	return NoticesView{Office: office, Sentence: sentence, Language: lang}, nil
}

func (h *Handlers) notices(w http.ResponseWriter, r *http.Request) error {
	v, err := h.office(r)
	if err != nil {
		return err
	}
	return h.renderNotices(w, r, http.StatusOK, v)
}

func (h *Handlers) renderNotices(w http.ResponseWriter, r *http.Request, status int, v NoticesView) error {
	me := workspaceweb.Me(r)
	var err error
	if v.Notices, err = meeting.NewStore(h.Pool).Notices(r.Context(), me.MunicipalityID, false); err != nil {
		return err
	}
	if rot, ok, err := meeting.NewStore(h.Pool).Rotation(r.Context(), me.MunicipalityID); err != nil {
		return err
	} else if ok {
		v.Partners = rot.Cities
	}
	v.CanEdit = me.Can(access.MeetingEdit)
	l := web.L(r)
	title := l.T("notice.title", v.Office)
	p := h.Page(w, r, title, templates.Crumb{Label: title, Shown: templates.T(l, "notice.title", templates.InLang(v.Office, v.Language))})
	p.Title = templates.ErrorTitle(p, title, v.Errors)
	return web.Render(w, r, status, NoticesPage(p, v))
}

func (h *Handlers) createNotice(w http.ResponseWriter, r *http.Request) error {
	v, err := h.office(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	v.Form = NoticeForm{Department: r.PostFormValue("department"), Partner: r.PostFormValue("partner"),
		Summary: r.PostFormValue("summary"), StartsOn: r.PostFormValue("starts_on")}
	in := meeting.NoticeInput{Department: strings.TrimSpace(v.Form.Department), Partner: strings.TrimSpace(v.Form.Partner),
		Summary: strings.TrimSpace(v.Form.Summary)}
	if in.Department == "" || len(in.Department) > 200 {
		v.Errors.Add("department", "notice.error.department")
	}
	if in.Partner == "" || len(in.Partner) > 200 {
		v.Errors.Add("partner", "notice.error.partner")
	}
	if in.Summary == "" || len(in.Summary) > 4000 {
		v.Errors.Add("summary", "notice.error.summary")
	}
	if s := strings.TrimSpace(v.Form.StartsOn); s != "" {
		d, err := form.ParseDate(s)
		if err != nil {
			v.Errors.AddErr("starts_on", err)
		} else {
			in.StartsOn = &d
		}
	}
	if v.Errors.Any() {
		return h.renderNotices(w, r, http.StatusUnprocessableEntity, v)
	}
	me := workspaceweb.Me(r)
	if _, err := meeting.NewStore(h.Pool).CreateNotice(r.Context(), meeting.Actor{AccountID: me.ID, MunicipalityID: me.MunicipalityID}, in); err != nil {
		return err
	}
	return h.Done(w, r, "/staff/meetings/notices", "notice.flash.created", v.Office)
}

func (h *Handlers) noteNotice(w http.ResponseWriter, r *http.Request) error {
	if _, err := h.office(r); err != nil {
		return err
	}
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return err
	}
	me := workspaceweb.Me(r)
	err = meeting.NewStore(h.Pool).NoteNotice(r.Context(), meeting.Actor{AccountID: me.ID, MunicipalityID: me.MunicipalityID}, id)
	if errors.Is(err, meeting.ErrNoticeNotFound) {
		return web.NotFound(err)
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, "/staff/meetings/notices", "notice.flash.noted")
}

// dateOf formats an optional date for the list.
func dateOf(p templates.Page, d *time.Time) string {
	if d == nil {
		return ""
	}
	return p.L.Date(*d)
}
