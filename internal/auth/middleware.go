package auth

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/web"
)

// Load reads the session: a person who is signed in, active and not idle for
// longer than the timeout is put in the request context; an expired session is
// ended. The account is read from the database on every request, so a
// deactivation or a role change takes effect at once.
func (m *Manager) Load(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := m.session(r)
		id, ok := s.Values[keyAccount].(int64)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		now := m.Now()
		seen, _ := s.Values[keySeen].(int64)
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
		// Refresh the idle clock, at most once a minute to spare cookie writes.
		if now.Sub(time.Unix(seen, 0)) > time.Minute {
			s.Values[keySeen] = now.Unix()
			if err := s.Save(r, w); err != nil {
				m.Log.Warn("save session", "err", err)
			}
		}
		next.ServeHTTP(w, r.WithContext(web.WithPerson(r.Context(), &p)))
	})
}

// end removes the sign-in from the session; the language choice stays.
func (m *Manager) end(w http.ResponseWriter, r *http.Request) {
	s := m.session(r)
	for _, k := range []string{keyAccount, keySignIn, keySeen, keyCSRF} {
		delete(s.Values, k)
	}
	if err := s.Save(r, w); err != nil {
		m.Log.Warn("save session", "err", err)
	}
}

// RequireSignIn sends anonymous visitors to the sign-in page (303), with the page
// they wanted to come back to.
func (m *Manager) RequireSignIn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if Person(r.Context()) == nil {
			target := "/staff/sign-in"
			if r.Method == http.MethodGet {
				target += "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// RequireRole answers 403 to a signed-in person whose role is not among roles.
func (m *Manager) RequireRole(roles ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p := Person(r.Context())
			if p == nil || !slices.Contains(roles, p.Role) {
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
