package auth

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// Throttling limits: failures within Window per account (e-mail) and per client
// address. The address limit is higher because offices share an address.
const (
	Window          = 15 * time.Minute
	MaxPerAccount   = 5
	MaxPerClient    = 20
	failureRetained = 24 * time.Hour
)

// ClientAddress is the address of the client without its port. Behind a
// trusted reverse proxy (RemoteAddr in trusted) it is the right-most address
// of X-Forwarded-For that is not itself a trusted proxy: the addresses to its
// left were written by the client and prove nothing.
func ClientAddress(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap()
	if !inPrefixes(ip, trusted) {
		return ip.String()
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		for _, part := range strings.Split(h, ",") {
			hops = append(hops, strings.TrimSpace(part))
		}
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(hops[i])
		if err != nil {
			break // a malformed hop: trust nothing beyond it
		}
		a = a.Unmap()
		if !inPrefixes(a, trusted) {
			return a.String()
		}
		ip = a
	}
	return ip.String()
}

func inPrefixes(ip netip.Addr, list []netip.Prefix) bool {
	for _, p := range list {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// ParseTrustedProxies reads a comma-separated list of CIDRs or single addresses.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			a, err := netip.ParseAddr(part)
			if err != nil {
				return nil, fmt.Errorf("TRUSTED_PROXIES: %q is neither an address nor a CIDR", part)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(part)
		if err != nil {
			return nil, fmt.Errorf("TRUSTED_PROXIES: %q is not a CIDR such as 10.0.0.0/8", part)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func (m *Manager) clientAddress(r *http.Request) string {
	return ClientAddress(r, m.TrustedProxies)
}

// reserve decides atomically whether the account and the client may try a
// password now. Under transaction-scoped advisory locks on the e-mail address
// and the client, it counts the failures in the window and, when a try is
// allowed, records it as a failure at once (id returned): of N parallel tries
// exactly the limit are let through, on one instance or many. A try that
// succeeds clears the account's failures; one that cannot run is released.
// It returns when they may try again when they may not.
func (m *Manager) reserve(ctx context.Context, email, client string) (until time.Time, id int64, err error) {
	email = strings.TrimSpace(email)
	err = database.Transact(ctx, m.Pool, func(tx pgx.Tx) error {
		// Always the e-mail first, then the client: no two tries wait on each other in a cycle.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('signin email ' || lower($1), 0))`, email); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('signin client ' || $1, 0))`, client); err != nil {
			return err
		}
		now := m.Now()
		since := now.Add(-Window)
		var byAccount, byClient int
		var oldestAccount, oldestClient *time.Time
		err := tx.QueryRow(ctx, `
SELECT (SELECT count(*) FROM signin_failure WHERE lower(email) = lower($1) AND at > $3),
       (SELECT min(at) FROM (SELECT at FROM signin_failure WHERE lower(email) = lower($1) AND at > $3 ORDER BY at DESC LIMIT $4) x),
       (SELECT count(*) FROM signin_failure WHERE client = $2 AND at > $3),
       (SELECT min(at) FROM (SELECT at FROM signin_failure WHERE client = $2 AND at > $3 ORDER BY at DESC LIMIT $5) y)`,
			email, client, since, MaxPerAccount, MaxPerClient).Scan(&byAccount, &oldestAccount, &byClient, &oldestClient)
		if err != nil {
			return fmt.Errorf("count failed sign-ins: %w", err)
		}
		if byAccount >= MaxPerAccount && oldestAccount != nil {
			until = oldestAccount.Add(Window)
		}
		if byClient >= MaxPerClient && oldestClient != nil && oldestClient.Add(Window).After(until) {
			until = oldestClient.Add(Window)
		}
		if !until.IsZero() {
			return nil
		}
		err = tx.QueryRow(ctx, `
WITH gone AS (DELETE FROM signin_failure WHERE at < $4)
INSERT INTO signin_failure (email, client, at) VALUES ($1, $2, $3) RETURNING id`,
			email, client, now, now.Add(-failureRetained)).Scan(&id)
		if err != nil {
			return fmt.Errorf("record sign-in try: %w", err)
		}
		return nil
	})
	if err != nil {
		return time.Time{}, 0, fmt.Errorf("throttle sign-in: %w", err)
	}
	return until, id, nil
}

// release forgets a reserved try that did not run (no slot to check the password).
func (m *Manager) release(ctx context.Context, id int64) error {
	if _, err := m.Pool.Exec(ctx, `DELETE FROM signin_failure WHERE id = $1`, id); err != nil {
		return fmt.Errorf("release sign-in try: %w", err)
	}
	return nil
}

// clearFailures forgets an account's failures after it signs in.
func (m *Manager) clearFailures(ctx context.Context, email string) error {
	_, err := m.Pool.Exec(ctx, `DELETE FROM signin_failure WHERE lower(email) = lower($1)`, strings.TrimSpace(email))
	return err
}
