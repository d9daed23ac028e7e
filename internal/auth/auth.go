// Package auth signs staff, politicians and administrators in and out, keeps their
// session (idle sessions expire), throttles failed sign-ins in PostgreSQL so the
// limit holds across portal instances, protects forms against cross-site request
// forgery, and checks roles on the server for every workspace route.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/sessions"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/web"
)

// DefaultIdle is how long a session may stay unused before it expires.
const DefaultIdle = 8 * time.Hour

// Session keys.
const (
	keyAccount = "account_id"
	keySignIn  = "signed_in_at"
	keySeen    = "seen_at"
	keyCSRF    = "csrf"
	keyFlash   = "flash"
)

// Manager holds what signing in needs.
type Manager struct {
	Sessions sessions.Store
	Accounts *account.Store
	Pool     *pgxpool.Pool
	Site     *web.Site
	Log      *slog.Logger
	// Idle is the idle timeout; zero means DefaultIdle.
	Idle time.Duration
	Now  func() time.Time
}

func (m *Manager) idle() time.Duration {
	if m.Idle <= 0 {
		return DefaultIdle
	}
	return m.Idle
}

// Person returns the signed-in person, or nil for an anonymous request.
func Person(ctx context.Context) *account.Person { return web.Person(ctx) }

func (m *Manager) session(r *http.Request) *sessions.Session {
	s, err := m.Sessions.Get(r, web.SessionName)
	if err != nil {
		// A cookie from an old key: Get still returns a fresh session.
		m.Log.Debug("session cookie ignored", "err", err)
	}
	return s
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// CSRFToken returns the session's form token, creating one (and saving the
// session) when the session has none yet.
func (m *Manager) CSRFToken(w http.ResponseWriter, r *http.Request) string {
	s := m.session(r)
	if tok, ok := s.Values[keyCSRF].(string); ok && tok != "" {
		return tok
	}
	tok := randomToken()
	s.Values[keyCSRF] = tok
	if err := s.Save(r, w); err != nil {
		m.Log.Warn("save session", "err", err)
	}
	return tok
}

// validCSRF reports whether the form's token is the session's.
func (m *Manager) validCSRF(r *http.Request) bool {
	tok, _ := m.session(r).Values[keyCSRF].(string)
	got := r.PostFormValue("csrf")
	return tok != "" && subtle.ConstantTimeCompare([]byte(tok), []byte(got)) == 1
}

// SetFlash stores a one-time message key shown on the next page.
func (m *Manager) SetFlash(w http.ResponseWriter, r *http.Request, key string) {
	s := m.session(r)
	s.Values[keyFlash] = key
	if err := s.Save(r, w); err != nil {
		m.Log.Warn("save session", "err", err)
	}
}

// TakeFlash returns and clears the one-time message key, if any.
func (m *Manager) TakeFlash(w http.ResponseWriter, r *http.Request) string {
	s := m.session(r)
	key, _ := s.Values[keyFlash].(string)
	if key != "" {
		delete(s.Values, keyFlash)
		if err := s.Save(r, w); err != nil {
			m.Log.Warn("save session", "err", err)
		}
	}
	return key
}
