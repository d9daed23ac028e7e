// Package notifyweb serves /staff/notifications, where every signed-in person
// turns their e-mail notifications on or off and chooses their language.
package notifyweb

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/notify"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
)

// Handlers serves the notification settings.
type Handlers struct {
	workspaceweb.Base
}

// Staff registers /staff/notifications: everyone may set their own.
func (h *Handlers) Staff(r chi.Router) {
	r.Use(h.Auth.Require(access.NotificationsEdit))
	r.Get("/", h.Site.Handle(h.settings))
	r.Post("/", h.Site.Handle(h.save))
}

// settings is GET /staff/notifications.
func (h *Handlers) settings(w http.ResponseWriter, r *http.Request) error {
	st, err := notify.NewStore(h.Pool).Settings(r.Context(), workspaceweb.Me(r).ID)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, SettingsView{Settings: st})
}

// save is POST /staff/notifications: the checkbox "on" and the language ("" for
// the municipality's).
func (h *Handlers) save(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	me := workspaceweb.Me(r)
	store := notify.NewStore(h.Pool)
	st, err := store.Settings(r.Context(), me.ID)
	if err != nil {
		return err
	}
	st.On = r.PostFormValue("on") == "on"
	st.Language = r.PostFormValue("language")
	var errs form.Errors
	if st.Language != "" && !i18n.IsSupported(st.Language) {
		errs.Add("language", "notify.settings.error.language")
	}
	if errs.Any() {
		return h.render(w, r, http.StatusUnprocessableEntity, SettingsView{Settings: st, Errors: errs})
	}
	if err := store.SaveSettings(r.Context(), me.ID, me.MunicipalityID, st.On, st.Language); err != nil {
		return err
	}
	return h.Done(w, r, notify.SettingsPath, "notify.settings.saved")
}

func (h *Handlers) render(w http.ResponseWriter, r *http.Request, status int, v SettingsView) error {
	l := web.L(r)
	v.Email = workspaceweb.Me(r).Email
	p := h.Page(w, r, l.T("notify.settings.title"))
	p.Title = templatesTitle(p, v)
	return web.Render(w, r, status, SettingsPage(p, v))
}
