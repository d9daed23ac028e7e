package auth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/gob"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// SignedInCookie is the cookie that carries the signed id of a signed-in session.
const SignedInCookie = "portal_sid"

// DefaultMax is the absolute lifetime of a session: it ends this long after
// sign-in however active it is.
const DefaultMax = 12 * time.Hour

// PGStore is a gorilla/sessions Store that keeps signed-in sessions in
// PostgreSQL. The cookie holds only a random 256-bit token, signed (HMAC) so
// that a forged cookie is refused before any query; the table keeps the token's
// SHA-256, the values, and when the session began, was last used and ends.
//
// Only sessions with an account are stored: Save refuses a session without
// one. What an anonymous visitor needs (language, the sign-in form's token) stays
// in the cookie store, so an anonymous request costs no query.
type PGStore struct {
	Pool    *pgxpool.Pool
	Codec   securecookie.Codec
	Options *sessions.Options
	// Max is the absolute lifetime (DefaultMax when zero).
	Max time.Duration
	Now func() time.Time
}

// NewPGStore returns a store whose cookies are signed with hashKey (at least 32 bytes).
func NewPGStore(pool *pgxpool.Pool, hashKey []byte, opts sessions.Options, maxLifetime time.Duration, now func() time.Time) *PGStore {
	codec := securecookie.New(hashKey, nil)
	codec.MaxAge(0) // the table decides when a session ends
	codec.SetSerializer(securecookie.JSONEncoder{})
	if maxLifetime <= 0 {
		maxLifetime = DefaultMax
	}
	opts.MaxAge = int(maxLifetime / time.Second)
	return &PGStore{Pool: pool, Codec: codec, Options: &opts, Max: maxLifetime, Now: now}
}

// Values the store keeps in columns rather than in the encoded data.
const (
	keyClient    = "client"
	keyUserAgent = "user_agent"
)

// Get returns the request's session, cached for the request by the registry.
func (s *PGStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// New loads the session the cookie names, or returns a new, empty session when
// there is no cookie, its signature is wrong, or no row has its token (ended,
// cleaned up, or never existed). A session past its lifetime is still loaded:
// Manager.Load ends it and tells the person why.
func (s *PGStore) New(r *http.Request, name string) (*sessions.Session, error) {
	sess := sessions.NewSession(s, name)
	opts := *s.Options
	sess.Options = &opts
	sess.IsNew = true
	c, err := r.Cookie(name)
	if err != nil {
		return sess, nil
	}
	var token string
	if err := s.Codec.Decode(name, c.Value, &token); err != nil {
		return sess, err
	}
	var (
		account       int64
		data          []byte
		created, seen time.Time
	)
	err = s.Pool.QueryRow(r.Context(), `
SELECT account_id, data, created_at, seen_at FROM http_session
WHERE token_hash = $1`, hashToken(token)).Scan(&account, &data, &created, &seen)
	if errors.Is(err, pgx.ErrNoRows) {
		return sess, nil
	}
	if err != nil {
		return sess, fmt.Errorf("load session: %w", err)
	}
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&sess.Values); err != nil {
		return sess, fmt.Errorf("decode session: %w", err)
	}
	sess.ID = token
	sess.IsNew = false
	sess.Values[keyAccount] = account
	sess.Values[keySignIn] = created.Unix()
	sess.Values[keySeen] = seen.Unix()
	return sess, nil
}

// Save writes the session: a session with MaxAge < 0 or without an account is
// deleted with its cookie; a new one gets a fresh token and a row; an existing
// one has its values and last use updated.
func (s *PGStore) Save(r *http.Request, w http.ResponseWriter, sess *sessions.Session) error {
	ctx := r.Context()
	account, _ := sess.Values[keyAccount].(int64)
	if sess.Options.MaxAge < 0 || account == 0 {
		if sess.ID != "" {
			if _, err := s.Pool.Exec(ctx, `DELETE FROM http_session WHERE token_hash = $1`, hashToken(sess.ID)); err != nil {
				return fmt.Errorf("end session: %w", err)
			}
		}
		sess.ID = ""
		http.SetCookie(w, sessions.NewCookie(sess.Name(), "", &sessions.Options{Path: sess.Options.Path, MaxAge: -1,
			HttpOnly: sess.Options.HttpOnly, Secure: sess.Options.Secure, SameSite: sess.Options.SameSite}))
		return nil
	}
	now := s.Now()
	seen := now
	if v, ok := sess.Values[keySeen].(int64); ok {
		seen = time.Unix(v, 0)
	}
	data, err := encodeValues(sess.Values)
	if err != nil {
		return err
	}
	if sess.ID == "" {
		created := now
		if v, ok := sess.Values[keySignIn].(int64); ok {
			created = time.Unix(v, 0)
		}
		client, _ := sess.Values[keyClient].(string)
		agent, _ := sess.Values[keyUserAgent].(string)
		token := base64.RawURLEncoding.EncodeToString(securecookie.GenerateRandomKey(32))
		if seen.Before(created) {
			seen = created
		}
		if _, err := s.Pool.Exec(ctx, `
INSERT INTO http_session (token_hash, account_id, data, created_at, seen_at, expires_at, client, user_agent)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			hashToken(token), account, data, created, seen, created.Add(s.Max), truncate(client, 64), truncate(agent, 300)); err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		sess.ID = token
	} else {
		tag, err := s.Pool.Exec(ctx, `UPDATE http_session SET data = $2, seen_at = greatest(seen_at, $3) WHERE token_hash = $1`,
			hashToken(sess.ID), data, seen)
		if err != nil {
			return fmt.Errorf("save session: %w", err)
		}
		if tag.RowsAffected() == 0 {
			// Ended meanwhile (signed out elsewhere): do not bring it back.
			return nil
		}
	}
	encoded, err := s.Codec.Encode(sess.Name(), sess.ID)
	if err != nil {
		return fmt.Errorf("sign session id: %w", err)
	}
	http.SetCookie(w, sessions.NewCookie(sess.Name(), encoded, sess.Options))
	return nil
}

// encodeValues gob-encodes the values that are not kept in columns.
func encodeValues(values map[any]any) ([]byte, error) {
	rest := make(map[any]any, len(values))
	for k, v := range values {
		switch k {
		case keyAccount, keySignIn, keySeen, keyClient, keyUserAgent:
			continue
		}
		rest[k] = v
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(rest); err != nil {
		return nil, fmt.Errorf("encode session: %w", err)
	}
	return buf.Bytes(), nil
}

// TokenHash is what the table keeps of a session token.
func TokenHash(token string) []byte {
	if token == "" {
		return nil
	}
	return hashToken(token)
}

func hashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

// SessionInfo is a signed-in session as an administrator sees it.
type SessionInfo struct {
	ID        int64
	CreatedAt time.Time
	SeenAt    time.Time
	ExpiresAt time.Time
	Client    string
	UserAgent string
	Current   bool
}

// List returns the open sessions of an account, the latest used first;
// current (a token, may be empty) marks the one of the request.
func (s *PGStore) List(ctx context.Context, accountID int64, current string) ([]SessionInfo, error) {
	rows, err := s.Pool.Query(ctx, `
SELECT id, created_at, seen_at, expires_at, client, user_agent, token_hash = $3 FROM http_session
WHERE account_id = $1 AND expires_at > $2 ORDER BY seen_at DESC, id DESC`, accountID, s.Now(), hashToken(current))
	if err != nil {
		return nil, fmt.Errorf("list sessions of account %d: %w", accountID, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[SessionInfo])
	if err != nil {
		return nil, fmt.Errorf("list sessions of account %d: %w", accountID, err)
	}
	return list, nil
}

// End ends one session of an account (id 0: all of them) except the one whose
// token is keep (may be empty), and returns how many ended.
func (s *PGStore) End(ctx context.Context, accountID, id int64, keep string) (int64, error) {
	tag, err := s.Pool.Exec(ctx, `
DELETE FROM http_session WHERE account_id = $1 AND ($2 = 0 OR id = $2) AND token_hash <> $3`,
		accountID, id, hashToken(keep))
	if err != nil {
		return 0, fmt.Errorf("end sessions of account %d: %w", accountID, err)
	}
	return tag.RowsAffected(), nil
}

// Cleanup deletes the sessions that have passed their absolute lifetime or
// been idle longer than idle.
func (s *PGStore) Cleanup(ctx context.Context, idle time.Duration) (int64, error) {
	now := s.Now()
	tag, err := s.Pool.Exec(ctx, `DELETE FROM http_session WHERE expires_at <= $1 OR seen_at < $2`, now, now.Add(-idle))
	if err != nil {
		return 0, fmt.Errorf("clean up sessions: %w", err)
	}
	return tag.RowsAffected(), nil
}
