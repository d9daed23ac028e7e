package auth

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/web"
)

// Load reads the signed-in session: a person who is signed in, active, not idle
// for longer than the idle timeout and within the absolute lifetime is put in
// the request context; an expired session is ended. A request without the
// session cookie costs no query. The account is read from the database on
// every signed-in request, so a deactivation or a role change takes effect at
// once; the session row is read too, so a sign-out anywhere ends it everywhere.
func (m *Manager) Load(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie(SignedInCookie); err != nil {
			next.ServeHTTP(w, r)
			return
		}
		s, err := m.Server.Get(r, SignedInCookie)
		var cookieErr securecookie.Error
		if err != nil && !errors.As(err, &cookieErr) {
			m.Site.ServeError(w, r, err)
			return
		}
		id, ok := s.Values[keyAccount].(int64)
		if !ok {
			// Ended elsewhere, expired or forged: forget the cookie.
			m.dropCookie(w, r)
			next.ServeHTTP(w, r)
			return
		}
		now := m.Now()
		seen, _ := s.Values[keySeen].(int64)
		began, _ := s.Values[keySignIn].(int64)
		if now.Sub(time.Unix(began, 0)) >= m.max() {
			m.end(w, r)
			m.SetFlash(w, r, "security.flash.session_max")
			next.ServeHTTP(w, r)
			return
		}
		if now.Sub(time.Unix(seen, 0)) > m.idle() {
			m.end(w, r)
			m.SetFlash(w, r, "auth.flash.expired")
			next.ServeHTTP(w, r)
			return
		}
		p, err := m.Accounts.Get(r.Context(), id)
		if errors.Is(err, account.ErrNotFound) || (err == nil && !p.Active) {
			m.end(w, r)
			next.ServeHTTP(w, r)
			return
		}
		if err != nil {
			m.Site.ServeError(w, r, err)
			return
		}
		// Refresh the idle clock, at most once a minute to spare writes.
		if now.Sub(time.Unix(seen, 0)) > time.Minute {
			s.Values[keySeen] = now.Unix()
			if err := s.Save(r, w); err != nil {
				m.Log.Warn("save session", "err", err)
			}
		}
		next.ServeHTTP(web.Private(w), r.WithContext(web.WithPerson(r.Context(), &p)))
	})
}

// end ends the signed-in session: its row is deleted (on every instance at
// once) and its cookie cleared; the visitor's language choice stays.
func (m *Manager) end(w http.ResponseWriter, r *http.Request) {
	s := m.signedIn(r)
	if s == nil {
		m.dropCookie(w, r)
		return
	}
	s.Options.MaxAge = -1
	delete(s.Values, keyAccount)
	if err := s.Save(r, w); err != nil {
		m.Log.Warn("end session", "err", err)
	}
}

// dropCookie clears a session cookie that opens nothing.
func (m *Manager) dropCookie(w http.ResponseWriter, r *http.Request) {
	o := m.Server.Options
	http.SetCookie(w, sessions.NewCookie(SignedInCookie, "", &sessions.Options{Path: o.Path, MaxAge: -1, HttpOnly: o.HttpOnly, Secure: o.Secure, SameSite: o.SameSite}))
}

// ChangePasswordPath is the page a person who must change their password is sent to.
const ChangePasswordPath = "/staff/password"

// RequireSignIn sends anonymous visitors to the sign-in page (303), with the page
// they wanted to come back to, and a person who must change their password to
// the page where they do.
func (m *Manager) RequireSignIn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := Person(r.Context())
		if p == nil {
			target := "/staff/sign-in"
			if r.Method == http.MethodGet {
				target += "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		if p.MustChangePassword && r.URL.Path != ChangePasswordPath && r.URL.Path != "/staff/sign-out" {
			// A password someone else chose opens nothing but the page to replace it.
			http.Redirect(w, r, ChangePasswordPath, http.StatusSeeOther)
			return
		}
		if p.Archived && r.Method != http.MethodGet && r.Method != http.MethodHead &&
			r.URL.Path != ChangePasswordPath && r.URL.Path != "/staff/sign-out" {
			// An archived municipality's records are read-only, whatever the route.
			m.Site.ServeError(w, r, &web.Error{Status: http.StatusForbidden, Key: "municipality.archived.refused"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Require answers 403 to a signed-in person whose role may not take action
// (see the permissions table in package access).
func (m *Manager) Require(action access.Action) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !Person(r.Context()).Can(action) {
				m.Site.ServeError(w, r, &web.Error{Status: http.StatusForbidden})
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// CheckCSRF refuses a state-changing request whose form lacks the session's
// token (403). It complements net/http's CrossOriginProtection, which trusts
// requests without Origin or Sec-Fetch-Site headers.
func (m *Manager) CheckCSRF(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxFormBytes)
		if err := parseForm(r); err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				m.Site.ServeError(w, r, &web.Error{Status: http.StatusRequestEntityTooLarge, Key: "auth.error.too_large", Err: err})
				return
			}
			// A body that is not a form at all (bad escapes, a broken multipart).
			m.Site.ServeError(w, r, &web.Error{Status: http.StatusBadRequest, Key: "auth.error.bad_form", Err: err})
			return
		}
		if !m.validCSRF(r) {
			m.Site.ServeError(w, r, &web.Error{Status: http.StatusForbidden, Key: "auth.error.csrf"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// MaxFormBytes bounds a form post: the largest upload (10 MiB) and its fields.
const MaxFormBytes = 11 << 20

func parseForm(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if len(ct) >= 19 && ct[:19] == "multipart/form-data" {
		return r.ParseMultipartForm(1 << 20)
	}
	return r.ParseForm()
}
