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
	"net/netip"
	"strings"
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
	// keyFlashArgs holds the values filled into the message, joined by flashSep.
	keyFlashArgs = "flash_args"
)

// flashSep separates the values of a one-time message: a control character no
// name or address contains.
const flashSep = "\x1f"

// Manager holds what signing in needs.
type Manager struct {
	// Sessions is the cookie store of what an anonymous visitor needs: the
	// language, the sign-in form's token and a one-time message. No sign-in is
	// ever kept there.
	Sessions sessions.Store
	// Server keeps the signed-in sessions in PostgreSQL.
	Server   *PGStore
	Accounts *account.Store
	Pool     *pgxpool.Pool
	Site     *web.Site
	Log      *slog.Logger
	// Idle is the idle timeout; zero means DefaultIdle.
	Idle time.Duration
	// Max is the absolute lifetime of a session; zero means DefaultMax.
	Max time.Duration
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix
	// Hashing bounds the password checks that run at once (see NewHashing).
	Hashing *Hashing
	Now     func() time.Time
}

func (m *Manager) idle() time.Duration {
	if m.Idle <= 0 {
		return DefaultIdle
	}
	return m.Idle
}

func (m *Manager) max() time.Duration {
	if m.Max <= 0 {
		return DefaultMax
	}
	return m.Max
}

// Person returns the signed-in person, or nil for an anonymous request.
func Person(ctx context.Context) *account.Person { return web.Person(ctx) }

// session is the anonymous visitor's cookie session.
func (m *Manager) session(r *http.Request) *sessions.Session {
	s, err := m.Sessions.Get(r, web.SessionName)
	if err != nil {
		// A cookie from an old key: Get still returns a fresh session.
		m.Log.Debug("session cookie ignored", "err", err)
	}
	return s
}

// signedIn is the request's server-side session when it has one with an
// account, else nil. Without the cookie no query is made.
func (m *Manager) signedIn(r *http.Request) *sessions.Session {
	if _, err := r.Cookie(SignedInCookie); err != nil {
		return nil
	}
	s, err := m.Server.Get(r, SignedInCookie)
	if err != nil || s == nil {
		return nil
	}
	if _, ok := s.Values[keyAccount].(int64); !ok {
		return nil
	}
	return s
}

// state is where the form token and the one-time message live: the signed-in
// session, or else the visitor's cookie.
func (m *Manager) state(r *http.Request) *sessions.Session {
	if s := m.signedIn(r); s != nil {
		return s
	}
	return m.session(r)
}

// CurrentToken is the token of the request's signed-in session ("" if none),
// for the store's List and End.
func (m *Manager) CurrentToken(r *http.Request) string {
	if s := m.signedIn(r); s != nil {
		return s.ID
	}
	return ""
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// CSRFToken returns the session's form token, creating one (and saving the
// session) when the session has none yet.
func (m *Manager) CSRFToken(w http.ResponseWriter, r *http.Request) string {
	s := m.state(r)
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
	tok, _ := m.state(r).Values[keyCSRF].(string)
	got := r.PostFormValue("csrf")
	return tok != "" && subtle.ConstantTimeCompare([]byte(tok), []byte(got)) == 1
}

// SetFlash stores a one-time message key shown on the next page, with the values
// its message is filled with (a name, an address).
func (m *Manager) SetFlash(w http.ResponseWriter, r *http.Request, key string, args ...string) {
	s := m.state(r)
	s.Values[keyFlash] = key
	delete(s.Values, keyFlashArgs)
	if len(args) > 0 {
		s.Values[keyFlashArgs] = strings.Join(args, flashSep)
	}
	if err := s.Save(r, w); err != nil {
		m.Log.Warn("save session", "err", err)
	}
}

// TakeFlash returns and clears the one-time message key, if any, with its values.
func (m *Manager) TakeFlash(w http.ResponseWriter, r *http.Request) (string, []string) {
	s := m.state(r)
	key, _ := s.Values[keyFlash].(string)
	var args []string
	if joined, ok := s.Values[keyFlashArgs].(string); ok {
		args = strings.Split(joined, flashSep)
	}
	if key != "" {
		delete(s.Values, keyFlash)
		delete(s.Values, keyFlashArgs)
		if err := s.Save(r, w); err != nil {
			m.Log.Warn("save session", "err", err)
		}
	}
	return key, args
}
