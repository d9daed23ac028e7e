// Package accountweb serves the accounts of the workspace: the administration
// of a municipality's accounts and their open sessions, and the page where
// everyone changes their own password.
//
// Every query is scoped to the signed-in person's municipality; an account of
// another municipality is not found (404), so its existence is not revealed.
package accountweb

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/auth"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
)

// Handlers serves /staff/accounts and /staff/password.
type Handlers struct {
	workspaceweb.Base
	Accounts *account.Store
}

// Staff registers the administration of accounts under /staff/accounts.
func (h *Handlers) Staff(r chi.Router) {
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.AccountManage))
		r.Get("/", h.Site.Handle(h.accounts))
		r.Get("/new", h.Site.Handle(h.newAccount))
		r.Post("/", h.Site.Handle(h.createAccount))
		r.Get("/{id}", h.Site.Handle(h.editAccount))
		r.Post("/{id}", h.Site.Handle(h.updateAccount))
	})
	r.With(h.Auth.Require(access.AccountSessionsEnd)).Post("/{id}/sessions/end", h.Site.Handle(h.endSessions))
}

// Password registers /staff/password: everyone may change their own password.
func (h *Handlers) Password(r chi.Router) {
	r.Use(h.Auth.Require(access.PasswordChange))
	r.Get("/", h.Site.Handle(h.passwordForm))
	r.Post("/", h.Site.Handle(h.changePassword))
}

// busy is the error for a password check that found no free slot: 503.
func busy(err error) error {
	if errors.Is(err, auth.ErrBusy) {
		return &web.Error{Status: http.StatusServiceUnavailable, Key: "security.error.busy", Err: err}
	}
	return err
}
