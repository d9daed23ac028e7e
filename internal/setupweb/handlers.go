// Package setupweb serves the first-run page, /setup, that creates the first
// administrator from the one-time link `portal serve` issues.
package setupweb

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/auth"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/setup"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// Handlers serve the first-run page.
type Handlers struct {
	Site           *web.Site
	Auth           *auth.Manager
	Store          *setup.Store
	Accounts       *account.Store
	Municipalities *municipality.Store
	Log            *slog.Logger
}

// Public registers GET and POST /setup on r. The token travels in the query and
// in the form, never in the path, so the access log does not record it.
func (h *Handlers) Public(r chi.Router) {
	r.Get("/", h.Site.Handle(h.form))
	r.Post("/", h.Site.Handle(h.create))
}

// valid answers 404, like any unknown page, for a token that is unknown, used or
// expired, or once an account exists.
func (h *Handlers) valid(r *http.Request, token string) error {
	err := h.Store.Check(r.Context(), token)
	if errors.Is(err, setup.ErrInvalid) {
		return web.NotFound(err)
	}
	return err
}

func (h *Handlers) form(w http.ResponseWriter, r *http.Request) error {
	token := r.URL.Query().Get("token")
	if err := h.valid(r, token); err != nil {
		return err
	}
	return h.page(w, r, http.StatusOK, SetupView{Token: token})
}

func (h *Handlers) page(w http.ResponseWriter, r *http.Request, status int, v SetupView) error {
	list, err := h.Municipalities.List(r.Context())
	if err != nil {
		return err
	}
	v.Municipalities = list
	l := web.L(r)
	p := h.Site.Page(r, "", l.T("setup.description"))
	p.Title = templates.ErrorTitle(p, l.T("setup.title"), v.Errors)
	p.Canonical = ""
	p.CSRF = h.Auth.CSRFToken(w, r)
	// The page's address holds the token: it goes to no other site, and no cache keeps the page.
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("Cache-Control", "no-store")
	return web.Render(w, r, status, SetupPage(p, v))
}

// create makes the first administrator. The token is used up only when the
// account is made: a form with mistakes comes back with the link still valid.
func (h *Handlers) create(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	token := r.PostFormValue("token")
	if err := h.valid(r, token); err != nil {
		return err
	}
	v := SetupView{Token: token, Name: r.PostFormValue("name"), Email: r.PostFormValue("email"),
		Municipality: r.PostFormValue("municipality")}
	n := account.New{MunicipalitySlug: v.Municipality, Role: access.RoleAdmin, Email: v.Email, Name: v.Name,
		Password: r.PostFormValue("password")}
	// The same rules as every account (account.New.Validate).
	var fe account.FieldErrors
	if err := n.Validate(); errors.As(err, &fe) {
		v.Errors = fieldErrors(fe)
		return h.page(w, r, http.StatusUnprocessableEntity, v)
	} else if err != nil {
		return err
	}
	if err := h.Store.Claim(ctx, token); errors.Is(err, setup.ErrInvalid) {
		// Someone else finished the setup meanwhile.
		return web.NotFound(err)
	} else if err != nil {
		return err
	}
	a, err := h.Accounts.Create(ctx, n, nil)
	if err != nil {
		if rerr := h.Store.Release(ctx, token); rerr != nil {
			h.Log.ErrorContext(ctx, "release setup token", "err", rerr, "request_id", web.RequestID(ctx))
		}
	}
	switch {
	case errors.As(err, &fe):
		v.Errors = fieldErrors(fe)
		return h.page(w, r, http.StatusUnprocessableEntity, v)
	case errors.Is(err, account.ErrUnknownMunicipality):
		v.Errors.Add("municipality", "setup.error.municipality")
		return h.page(w, r, http.StatusUnprocessableEntity, v)
	case errors.Is(err, account.ErrDuplicate):
		// Only a demo account can hold the address before the first real one.
		v.Errors.Add("email", "ws.accounts.error.duplicate")
		return h.page(w, r, http.StatusUnprocessableEntity, v)
	case err != nil:
		return err
	}
	h.Log.InfoContext(ctx, "first administrator created on the setup page", "account_id", a.ID,
		"municipality", n.MunicipalitySlug, "request_id", web.RequestID(ctx))
	h.Auth.SetFlash(w, r, "setup.flash.created")
	http.Redirect(w, r, "/staff/sign-in", http.StatusSeeOther)
	return nil
}

// fieldErrors turns the account package's field errors into the form's, in the
// order of the page's fields.
func fieldErrors(fe account.FieldErrors) form.Errors {
	var errs form.Errors
	keys := map[string]string{
		"name":         "ws.accounts.error.name",
		"email":        "ws.accounts.error.email",
		"municipality": "setup.error.municipality",
		"password":     "ws.accounts.error.password",
	}
	// A password long enough but easy to guess says so, as the workspace does.
	if fe["password"] == account.ErrPasswordWeak.Error() {
		keys["password"] = "security.password.error.weak"
	}
	for _, f := range []string{"name", "email", "municipality", "password"} {
		if _, ok := fe[f]; ok {
			errs.Add(f, keys[f])
		}
	}
	return errs
}
