package accountweb

import (
	"errors"
	"net/http"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// passwordForm is GET /staff/password: everyone may change their own password.
func (h *Handlers) passwordForm(w http.ResponseWriter, r *http.Request) error {
	return h.renderPassword(w, r, http.StatusOK, PasswordView{})
}

func (h *Handlers) renderPassword(w http.ResponseWriter, r *http.Request, status int, v PasswordView) error {
	l := web.L(r)
	v.Required = workspaceweb.Me(r).MustChangePassword
	p := h.Page(w, r, l.T("security.password.title"), templates.Crumb{Label: l.T("security.password.title")})
	if v.Required {
		// Nothing else opens until the password is replaced.
		p.Workspace = nil
	}
	return web.Render(w, r, status, PasswordPage(p, v))
}

// changePassword is POST /staff/password: the current password is required
// (a session left open on a shared computer is not enough to take the account);
// the new one must be strong and typed twice. It ends every other session of
// the account.
func (h *Handlers) changePassword(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	who := workspaceweb.Me(r)
	current, next, confirm := r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("confirm")
	errs := map[string]string{}
	if current == "" {
		errs["current"] = "security.password.error.current_missing"
	}
	switch err := account.CheckStrength(next, who.Email, who.Name, who.MunicipalitySlug, who.MunicipalityName); {
	case errors.Is(err, account.ErrPasswordTooShort):
		errs["new"] = "security.password.error.short"
	case errors.Is(err, account.ErrPasswordWeak):
		errs["new"] = "security.password.error.weak"
	case next == current && current != "":
		errs["new"] = "security.password.error.same"
	}
	if next != confirm {
		errs["confirm"] = "security.password.error.confirm"
	}
	if len(errs) == 0 {
		hash, err := h.Accounts.PasswordHash(ctx, who.ID)
		if err != nil {
			return err
		}
		ok := false
		if herr := h.Auth.Hashing.Do(ctx, func() { ok, _ = account.CheckPassword(hash, current) }); herr != nil {
			return busy(herr)
		}
		if !ok {
			errs["current"] = "security.password.error.current_wrong"
		}
	}
	if len(errs) > 0 {
		return h.renderPassword(w, r, http.StatusUnprocessableEntity, PasswordView{Errors: errs})
	}
	var hash string
	var herr error
	if err := h.Auth.Hashing.Do(ctx, func() { hash, herr = account.HashPassword(next) }); err != nil {
		return busy(err)
	}
	if herr != nil {
		return herr
	}
	// Every session ends, this one too (its cookie may have been copied); the
	// person goes on in a new one.
	if err := h.Accounts.SetPassword(ctx, who.ID, who.MunicipalityID, hash, nil); err != nil {
		return err
	}
	who.MustChangePassword = false
	if err := h.Auth.Start(w, r, who, "security.password.flash.changed"); err != nil {
		return err
	}
	http.Redirect(w, r, "/staff", http.StatusSeeOther)
	return nil
}
