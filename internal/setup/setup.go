// Package setup is the portal's first run. While no account exists (demo accounts,
// which cannot sign in, do not count), `portal serve` issues a one-time link: a
// random token, valid for an hour and usable once, that opens a page creating the
// first administrator. Once an account exists every link is dead and the page
// answers 404; `portal user add` stays the command-line way.
//
// The package also answers whether the installation is still fresh (no trips at
// all, neither real nor demo), for the hint the home page gives an administrator.
package setup

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// Validity is how long a setup link can be used.
const Validity = time.Hour

// ErrInvalid reports a setup token that is unknown, used or expired, or that
// came after an account was created.
var ErrInvalid = errors.New("the setup link is unknown, used or expired")

// Store keeps the setup tokens in PostgreSQL, so a link works whichever portal
// instance serves it.
type Store struct {
	q   database.Querier
	now func() time.Time
}

// NewStore returns a Store on q with the clock now (nil: time.Now).
func NewStore(q database.Querier, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{q: q, now: now}
}

// NeedsAdmin reports whether no one can sign in yet: no account exists but demo ones.
func (s *Store) NeedsAdmin(ctx context.Context) (bool, error) {
	var none bool
	if err := s.q.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM account WHERE NOT is_demo)`).Scan(&none); err != nil {
		return false, fmt.Errorf("any account: %w", err)
	}
	return none, nil
}

// Issue makes a new token valid for Validity and returns it with its expiry. Only
// its hash is stored.
func (s *Store) Issue(ctx context.Context) (string, time.Time, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", time.Time{}, fmt.Errorf("setup token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	now := s.now()
	expires := now.Add(Validity)
	if _, err := s.q.Exec(ctx, `
INSERT INTO setup_token (token_hash, created_at, expires_at) VALUES ($1, $2, $3)`, hash(token), now, expires); err != nil {
		return "", time.Time{}, fmt.Errorf("issue setup token: %w", err)
	}
	return token, expires, nil
}

func hash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// validSQL is true when the token $1 is unused and unexpired at $2 and no account
// exists yet.
const validSQL = `
SELECT EXISTS (SELECT 1 FROM setup_token WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2)
   AND NOT EXISTS (SELECT 1 FROM account WHERE NOT is_demo)`

// Check returns nil when token opens the setup page now: it is known, unused and
// unexpired, and no account exists yet; else ErrInvalid.
func (s *Store) Check(ctx context.Context, token string) error {
	if token == "" {
		return ErrInvalid
	}
	var ok bool
	if err := s.q.QueryRow(ctx, validSQL, hash(token), s.now()).Scan(&ok); err != nil {
		return fmt.Errorf("check setup token: %w", err)
	}
	if !ok {
		return ErrInvalid
	}
	return nil
}

// Claim uses token up, if it is valid (see Check), together with every other
// unused token: two people holding two links cannot both create a first
// administrator. Release gives token back when creating the account fails.
func (s *Store) Claim(ctx context.Context, token string) error {
	if token == "" {
		return ErrInvalid
	}
	return database.TransactOn(ctx, s.q, func(tx pgx.Tx) error {
		// Lock every unused token, so two claims run one after the other.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM setup_token WHERE used_at IS NULL FOR UPDATE`); err != nil {
			return fmt.Errorf("claim setup token: %w", err)
		}
		var ok bool
		if err := tx.QueryRow(ctx, validSQL, hash(token), s.now()).Scan(&ok); err != nil {
			return fmt.Errorf("claim setup token: %w", err)
		}
		if !ok {
			return ErrInvalid
		}
		if _, err := tx.Exec(ctx, `UPDATE setup_token SET used_at = $1 WHERE used_at IS NULL`, s.now()); err != nil {
			return fmt.Errorf("claim setup token: %w", err)
		}
		return nil
	})
}

// Release makes a claimed token usable again (creating the account failed).
func (s *Store) Release(ctx context.Context, token string) error {
	if _, err := s.q.Exec(ctx, `UPDATE setup_token SET used_at = NULL WHERE token_hash = $1`, hash(token)); err != nil {
		return fmt.Errorf("release setup token: %w", err)
	}
	return nil
}

// Fresh reports whether the installation holds no trips at all, real or demo:
// all there is to see are the seeded policies and partnerships.
func (s *Store) Fresh(ctx context.Context) (bool, error) {
	var fresh bool
	if err := s.q.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM trip)`).Scan(&fresh); err != nil {
		return false, fmt.Errorf("any trip: %w", err)
	}
	return fresh, nil
}
