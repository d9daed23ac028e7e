package accountweb

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

func (h *Handlers) accounts(w http.ResponseWriter, r *http.Request) error {
	list, err := h.Accounts.List(r.Context(), workspaceweb.Me(r).MunicipalityID)
	if err != nil {
		return err
	}
	l := web.L(r)
	p := h.Page(w, r, l.T("ws.accounts.title"), templates.Crumb{Label: l.T("ws.accounts.title")})
	return web.Render(w, r, http.StatusOK, AccountsPage(p, list))
}

func (h *Handlers) newAccount(w http.ResponseWriter, r *http.Request) error {
	return h.accountForm(w, r, http.StatusOK, AccountFormView{Role: access.RoleStaff})
}

func (h *Handlers) accountForm(w http.ResponseWriter, r *http.Request, status int, v AccountFormView) error {
	l := web.L(r)
	p := h.Page(w, r, l.T("ws.accounts.new"),
		templates.Crumb{Label: l.T("ws.accounts.title"), Href: "/staff/accounts"}, templates.Crumb{Label: l.T("ws.accounts.new")})
	return web.Render(w, r, status, AccountFormPage(p, v))
}

// createAccount adds an account to the administrator's own municipality.
func (h *Handlers) createAccount(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	v := AccountFormView{
		Name: r.PostFormValue("name"), Email: r.PostFormValue("email"), Role: r.PostFormValue("role"),
	}
	// The administrator chose the password: its owner must replace it at the first sign-in.
	n := account.New{MunicipalitySlug: workspaceweb.Me(r).MunicipalitySlug, Role: v.Role, Email: v.Email, Name: v.Name,
		Password: r.PostFormValue("password"), MustChangePassword: true}
	actor := workspaceweb.Me(r).ID
	_, err := h.Accounts.Create(r.Context(), n, &actor)
	var fe account.FieldErrors
	switch {
	case errors.As(err, &fe):
		v.Errors = accountErrors(fe)
		return h.accountForm(w, r, http.StatusUnprocessableEntity, v)
	case errors.Is(err, account.ErrDuplicate):
		v.Errors = map[string]string{"email": "ws.accounts.error.duplicate"}
		return h.accountForm(w, r, http.StatusUnprocessableEntity, v)
	case err != nil:
		return err
	}
	h.Auth.SetFlash(w, r, "ws.accounts.flash.created")
	http.Redirect(w, r, "/staff/accounts", http.StatusSeeOther)
	return nil
}

// accountErrors maps the account package's field errors to message keys.
func accountErrors(fe account.FieldErrors) map[string]string {
	out := map[string]string{}
	for field := range fe {
		switch field {
		case "email":
			out["email"] = "ws.accounts.error.email"
		case "name":
			out["name"] = "ws.accounts.error.name"
		case "role":
			out["role"] = "ws.accounts.error.role"
		case "password":
			out["password"] = "ws.accounts.error.password"
			if fe["password"] == account.ErrPasswordWeak.Error() {
				out["password"] = "security.password.error.weak"
			}
		}
	}
	return out
}

// accountID reads {id}; an account of another municipality is not found.
func (h *Handlers) accountID(r *http.Request) (account.Listed, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		return account.Listed{}, web.NotFound(err)
	}
	a, err := h.Accounts.InMunicipality(r.Context(), id, workspaceweb.Me(r).MunicipalityID)
	if errors.Is(err, account.ErrNotFound) {
		return a, web.NotFound(err)
	}
	return a, err
}

func (h *Handlers) editAccount(w http.ResponseWriter, r *http.Request) error {
	a, err := h.accountID(r)
	if err != nil {
		return err
	}
	return h.editForm(w, r, http.StatusOK, AccountEditView{Account: a, Role: a.Role, Active: a.Active, MustChange: a.MustChangePassword})
}

func (h *Handlers) editForm(w http.ResponseWriter, r *http.Request, status int, v AccountEditView) error {
	l := web.L(r)
	var err error
	if v.Sessions, err = h.sessionRows(r, v.Account.ID); err != nil {
		return err
	}
	p := h.Page(w, r, v.Account.Name,
		templates.Crumb{Label: l.T("ws.accounts.title"), Href: "/staff/accounts"}, templates.Crumb{Label: v.Account.Name})
	return web.Render(w, r, status, AccountEditPage(p, v))
}

func (h *Handlers) updateAccount(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	a, err := h.accountID(r)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	v := AccountEditView{Account: a, Role: r.PostFormValue("role"), Active: r.PostFormValue("active") == "on",
		MustChange: r.PostFormValue("must_change") == "on"}
	if a.ID == workspaceweb.Me(r).ID && (!v.Active || !access.Allowed(v.Role, access.AccountManage)) {
		// An administrator cannot lock themselves out of managing accounts;
		// another administrator must do it.
		v.Errors = map[string]string{"role": "ws.accounts.error.self"}
		return h.editForm(w, r, http.StatusUnprocessableEntity, v)
	}
	err = h.Accounts.SetRoleAndActive(r.Context(), a.ID, a.MunicipalityID, version, v.Role, v.Active, workspaceweb.Me(r).ID)
	var fe account.FieldErrors
	switch {
	case errors.As(err, &fe):
		v.Errors = accountErrors(fe)
		return h.editForm(w, r, http.StatusUnprocessableEntity, v)
	case errors.Is(err, account.ErrConflict):
		// Show the current record beside what this person chose; nothing is saved.
		cur, err := h.accountID(r)
		if err != nil {
			return err
		}
		v.Account, v.Conflict = cur, true
		return h.editForm(w, r, http.StatusConflict, v)
	case err != nil:
		return err
	}
	if err := h.Accounts.RequirePasswordChange(r.Context(), a.ID, a.MunicipalityID, v.MustChange, workspaceweb.Me(r).ID); err != nil {
		return err
	}
	h.Auth.SetFlash(w, r, "ws.accounts.flash.updated")
	http.Redirect(w, r, "/staff/accounts", http.StatusSeeOther)
	return nil
}
