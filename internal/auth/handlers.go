package auth

import (
	"errors"
	"net/http"
	"strings"
	"sync"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// safeNext keeps a post-sign-in target on this site: a local path, never "//host".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/staff"
	}
	return next
}

func (m *Manager) signInPage(w http.ResponseWriter, r *http.Request, status int, v templates.SignInView) error {
	l := web.L(r)
	p := m.Site.Page(r, l.T("auth.sign_in.title"), l.T("auth.sign_in.intro"),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"}, templates.Crumb{Label: l.T("auth.sign_in.title")})
	p.CSRF = m.CSRFToken(w, r)
	p.Flash = m.TakeFlash(w, r)
	w.Header().Set("Cache-Control", "no-store")
	return web.Render(w, r, status, templates.SignInPage(p, v))
}

// SignInForm shows the sign-in form; a signed-in person goes to the workspace.
func (m *Manager) SignInForm(w http.ResponseWriter, r *http.Request) error {
	if Person(r.Context()) != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return nil
	}
	return m.signInPage(w, r, http.StatusOK, templates.SignInView{Next: safeNext(r.URL.Query().Get("next"))})
}

// SignIn checks the e-mail and password. Wrong or unknown gives one generic
// answer, so the form cannot be used to find out who has an account; repeated
// failures are throttled per account and per client address.
func (m *Manager) SignIn(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	email := strings.TrimSpace(r.PostFormValue("email"))
	password := r.PostFormValue("password")
	v := templates.SignInView{Email: email, Next: safeNext(r.PostFormValue("next"))}
	if email == "" || password == "" {
		v.Error = "auth.error.missing"
		return m.signInPage(w, r, http.StatusUnprocessableEntity, v)
	}
	client := clientAddress(r)
	until, err := m.throttledUntil(ctx, email, client)
	if err != nil {
		return err
	}
	if !until.IsZero() {
		v.Error, v.RetryAt = "auth.error.throttled", web.L(r).Time(until)
		w.Header().Set("Retry-After", until.Sub(m.Now()).Round(1e9).String())
		return m.signInPage(w, r, http.StatusTooManyRequests, v)
	}
	p, hash, err := m.Accounts.ForSignIn(ctx, email)
	ok := false
	switch {
	case errors.Is(err, account.ErrNotFound):
		// Spend the time a real check takes, so timing does not tell either.
		_, _ = account.CheckPassword(dummyHash(), password)
	case err != nil:
		return err
	default:
		// An unusable hash (demo accounts) is an error: a wrong password all the same.
		ok, _ = account.CheckPassword(hash, password)
		ok = ok && p.Active
	}
	if !ok {
		if err := m.recordFailure(ctx, email, client); err != nil {
			return err
		}
		v.Error = "auth.error.wrong"
		return m.signInPage(w, r, http.StatusUnprocessableEntity, v)
	}
	if err := m.clearFailures(ctx, email); err != nil {
		return err
	}
	// A new session: new form token, nothing carried over from before sign-in but
	// the language.
	s := m.session(r)
	lang := s.Values["lang"]
	for k := range s.Values {
		delete(s.Values, k)
	}
	if lang != nil {
		s.Values["lang"] = lang
	}
	now := m.Now().Unix()
	s.Values[keyAccount], s.Values[keySignIn], s.Values[keySeen] = p.ID, now, now
	s.Values[keyCSRF] = randomToken()
	s.Values[keyFlash] = "auth.flash.signed_in"
	if err := s.Save(r, w); err != nil {
		return err
	}
	m.Log.Info("signed in", "account_id", p.ID, "request_id", web.RequestID(ctx))
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
	return nil
}

// SignOut ends the session.
func (m *Manager) SignOut(w http.ResponseWriter, r *http.Request) error {
	m.end(w, r)
	m.SetFlash(w, r, "auth.flash.signed_out")
	http.Redirect(w, r, "/staff/sign-in", http.StatusSeeOther)
	return nil
}

// dummyHash is checked against when no account has the e-mail address.
var dummyHash = sync.OnceValue(func() string {
	h, _ := account.HashPassword("no account has this password")
	return h
})
