package auth

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/sessions"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

func (m *Manager) signInPage(w http.ResponseWriter, r *http.Request, status int, v templates.SignInView) error {
	l := web.L(r)
	p := m.Site.Page(r, l.T("auth.sign_in.title"), l.T("auth.sign_in.intro"),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"}, templates.Crumb{Label: l.T("auth.sign_in.title")})
	p.CSRF = m.CSRFToken(w, r)
	p.Flash, p.FlashArgs = m.TakeFlash(w, r)
	w.Header().Set("Cache-Control", "no-store")
	return web.Render(w, r, status, templates.SignInPage(p, v))
}

// SignInForm shows the sign-in form; a signed-in person goes to the workspace.
func (m *Manager) SignInForm(w http.ResponseWriter, r *http.Request) error {
	if Person(r.Context()) != nil {
		http.Redirect(w, r, SafeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return nil
	}
	return m.signInPage(w, r, http.StatusOK, templates.SignInView{Next: SafeNext(r.URL.Query().Get("next"))})
}

// SignIn checks the e-mail and password. Wrong or unknown gives one generic
// answer, so the form cannot be used to find out who has an account; repeated
// failures are throttled per account and per client address.
func (m *Manager) SignIn(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	email := strings.TrimSpace(r.PostFormValue("email"))
	password := r.PostFormValue("password")
	v := templates.SignInView{Email: email, Next: SafeNext(r.PostFormValue("next"))}
	if email == "" || password == "" {
		v.Error = "auth.error.missing"
		return m.signInPage(w, r, http.StatusUnprocessableEntity, v)
	}
	client := m.clientAddress(r)
	until, try, err := m.reserve(ctx, email, client)
	if err != nil {
		return err
	}
	if !until.IsZero() {
		v.Error, v.RetryAt = "auth.error.throttled", web.L(r).Time(until)
		w.Header().Set("Retry-After", retryAfter(until.Sub(m.Now())))
		return m.signInPage(w, r, http.StatusTooManyRequests, v)
	}
	p, hash, err := m.Accounts.ForSignIn(ctx, email)
	if err != nil && !errors.Is(err, account.ErrNotFound) {
		return err
	}
	ok := false
	herr := m.Hashing.Do(ctx, func() {
		if errors.Is(err, account.ErrNotFound) {
			// Spend the time a real check takes, so timing does not tell either.
			_, _ = account.CheckPassword(dummyHash(), password)
			return
		}
		// An unusable hash (demo accounts) is an error: a wrong password all the same.
		ok, _ = account.CheckPassword(hash, password)
		ok = ok && p.Active
	})
	if herr != nil {
		// Not checked: the try does not count against the account.
		if rerr := m.release(context.WithoutCancel(ctx), try); rerr != nil {
			return rerr
		}
		if errors.Is(herr, ErrBusy) {
			w.Header().Set("Retry-After", retryAfter(DefaultHashingWait))
			v.Error = "security.error.busy"
			return m.signInPage(w, r, http.StatusServiceUnavailable, v)
		}
		return herr
	}
	if !ok {
		v.Error = "auth.error.wrong"
		return m.signInPage(w, r, http.StatusUnprocessableEntity, v)
	}
	if err := m.clearFailures(ctx, email); err != nil {
		return err
	}
	if err := m.Start(w, r, &p, "auth.flash.signed_in"); err != nil {
		return err
	}
	m.Log.Info("signed in", "account_id", p.ID, "request_id", web.RequestID(ctx))
	next := v.Next
	if p.MustChangePassword {
		next = ChangePasswordPath
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// Start begins a new server-side session for p, with a new token and a new
// form token, and ends any session the request had (its token may have been
// copied): at sign-in and after a password change. The visitor's cookie keeps
// only the language. flash, if not empty, is shown on the next page.
func (m *Manager) Start(w http.ResponseWriter, r *http.Request, p *account.Person, flash string) error {
	anon := m.session(r)
	delete(anon.Values, keyCSRF)
	delete(anon.Values, keyFlash)
	if err := anon.Save(r, w); err != nil {
		m.Log.Warn("save session", "err", err)
	}
	m.end(w, r)
	s := sessions.NewSession(m.Server, SignedInCookie)
	opts := *m.Server.Options
	s.Options, s.IsNew = &opts, true
	now := m.Now().Unix()
	s.Values[keyAccount], s.Values[keySignIn], s.Values[keySeen] = p.ID, now, now
	s.Values[keyClient], s.Values[keyUserAgent] = m.clientAddress(r), r.UserAgent()
	s.Values[keyCSRF] = randomToken()
	if flash != "" {
		s.Values[keyFlash] = flash
	}
	return s.Save(r, w)
}

// SignOut ends the session.
func (m *Manager) SignOut(w http.ResponseWriter, r *http.Request) error {
	m.end(w, r)
	m.SetFlash(w, r, "auth.flash.signed_out")
	http.Redirect(w, r, "/staff/sign-in", http.StatusSeeOther)
	return nil
}

// dummyHash is checked against when no account has the e-mail address: a hash
// with the parameters of real ones (so the check costs the same) made of random
// bytes rather than computed, which would cost a second 64 MiB on first use.
var dummyHash = sync.OnceValue(account.UnmatchableHash)

// retryAfter is a Retry-After value: whole seconds, rounded up, at least one.
func retryAfter(d time.Duration) string {
	secs := int64((d + time.Second - 1) / time.Second)
	return strconv.FormatInt(max(secs, 1), 10)
}
