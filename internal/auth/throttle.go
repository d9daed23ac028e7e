package auth

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// Throttling limits: failures within Window per account (e-mail) and per client
// address. The address limit is higher because offices share an address.
const (
	Window          = 15 * time.Minute
	MaxPerAccount   = 5
	MaxPerClient    = 20
	failureRetained = 24 * time.Hour
)

// clientAddress is the address of the client, without its port.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// throttledUntil returns when the account or the client may try again, or the
// zero time when they may try now.
func (m *Manager) throttledUntil(ctx context.Context, email, client string) (time.Time, error) {
	since := m.Now().Add(-Window)
	var byAccount, byClient int
	var oldestAccount, oldestClient *time.Time
	err := m.Pool.QueryRow(ctx, `
SELECT (SELECT count(*) FROM signin_failure WHERE lower(email) = lower($1) AND at > $3),
       (SELECT min(at) FROM (SELECT at FROM signin_failure WHERE lower(email) = lower($1) AND at > $3 ORDER BY at DESC LIMIT $4) x),
       (SELECT count(*) FROM signin_failure WHERE client = $2 AND at > $3),
       (SELECT min(at) FROM (SELECT at FROM signin_failure WHERE client = $2 AND at > $3 ORDER BY at DESC LIMIT $5) y)`,
		strings.TrimSpace(email), client, since, MaxPerAccount, MaxPerClient).Scan(&byAccount, &oldestAccount, &byClient, &oldestClient)
	if err != nil {
		return time.Time{}, fmt.Errorf("count failed sign-ins: %w", err)
	}
	var until time.Time
	if byAccount >= MaxPerAccount && oldestAccount != nil {
		until = oldestAccount.Add(Window)
	}
	if byClient >= MaxPerClient && oldestClient != nil && oldestClient.Add(Window).After(until) {
		until = oldestClient.Add(Window)
	}
	return until, nil
}

// recordFailure counts a failed sign-in and forgets failures older than a day.
func (m *Manager) recordFailure(ctx context.Context, email, client string) error {
	_, err := m.Pool.Exec(ctx, `
WITH gone AS (DELETE FROM signin_failure WHERE at < $4)
INSERT INTO signin_failure (email, client, at) VALUES ($1, $2, $3)`,
		strings.TrimSpace(email), client, m.Now(), m.Now().Add(-failureRetained))
	if err != nil {
		return fmt.Errorf("record failed sign-in: %w", err)
	}
	return nil
}

// clearFailures forgets an account's failures after it signs in.
func (m *Manager) clearFailures(ctx context.Context, email string) error {
	_, err := m.Pool.Exec(ctx, `DELETE FROM signin_failure WHERE lower(email) = lower($1)`, strings.TrimSpace(email))
	return err
}
