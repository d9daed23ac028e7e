package main

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/municipal-intl/portal/internal/auth"
)

const defaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/portal?sslmode=disable"

// config holds every setting; each comes from an environment variable with a flag twin.
type config struct {
	DatabaseURL string
	Addr        string
	BaseURL     string
	SessionKey  string
	Env         string
	LogFormat   string
	Migrate     bool
	SessionIdle time.Duration
	SessionMax  time.Duration
	// TrustedProxies is the raw TRUSTED_PROXIES list; check parses it into Proxies.
	TrustedProxies string
	Proxies        []netip.Prefix
	opsConfig      // deadlines, pool, read replica, metrics (opsconfig.go)
	mailConfig     // SMTP_URL, MAIL_FROM (mail.go)
}

// newFlagSet returns a flag set whose defaults come from the environment.
func newFlagSet(name string, e env, c *config, serve bool) *flag.FlagSet {
	fs := flag.NewFlagSet("portal "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	get := func(key, def string) string {
		if v := e.getenv(key); v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&c.DatabaseURL, "database-url", get("DATABASE_URL", defaultDatabaseURL), "PostgreSQL URL (env DATABASE_URL)")
	fs.StringVar(&c.LogFormat, "log-format", get("LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if serve {
		fs.StringVar(&c.Addr, "addr", get("ADDR", "127.0.0.1:8080"), "address to listen on (env ADDR)")
		fs.StringVar(&c.BaseURL, "base-url", get("BASE_URL", ""), "public URL of the portal, e.g. https://portal.example.org (env BASE_URL; default http://ADDR)")
		fs.StringVar(&c.SessionKey, "session-key", get("SESSION_KEY", ""), "secret of at least 32 characters that signs and encrypts sessions (env SESSION_KEY; required in production)")
		fs.StringVar(&c.Env, "env", get("PORTAL_ENV", "development"), "development or production (env PORTAL_ENV)")
		idle, err := time.ParseDuration(get("SESSION_IDLE", "8h"))
		if err != nil || idle <= 0 {
			idle = -1 // reported by check
		}
		fs.DurationVar(&c.SessionIdle, "session-idle", idle, "how long a signed-in session may stay unused, e.g. 8h or 30m (env SESSION_IDLE)")
		maxLife, err := time.ParseDuration(get("SESSION_MAX", "12h"))
		if err != nil || maxLife <= 0 {
			maxLife = -1 // reported by check
		}
		fs.DurationVar(&c.SessionMax, "session-max", maxLife, "absolute lifetime of a signed-in session however active, e.g. 12h (env SESSION_MAX)")
		fs.StringVar(&c.TrustedProxies, "trusted-proxies", get("TRUSTED_PROXIES", ""), "comma-separated CIDRs of reverse proxies whose X-Forwarded-For is believed, e.g. 10.0.0.0/8 (env TRUSTED_PROXIES)")
		fs.BoolVar(&c.Migrate, "migrate", false, "create the database if missing and apply pending migrations before serving")
		c.addOpsFlags(fs, get)
		c.addMailFlags(fs, get)
	}
	return fs
}

func (c *config) logger(w io.Writer) *slog.Logger {
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// check validates the serve settings and fills in derived defaults.
func (c *config) check() error {
	if c.SessionIdle <= 0 {
		return errors.New("SESSION_IDLE must be a positive duration such as 8h or 30m")
	}
	if c.SessionMax <= 0 {
		return errors.New("SESSION_MAX must be a positive duration such as 12h")
	}
	if c.SessionMax < c.SessionIdle {
		return errors.New("SESSION_MAX must not be shorter than SESSION_IDLE")
	}
	proxies, err := auth.ParseTrustedProxies(c.TrustedProxies)
	if err != nil {
		return err
	}
	c.Proxies = proxies
	if c.Env != "development" && c.Env != "production" {
		return fmt.Errorf("PORTAL_ENV must be development or production, not %q", c.Env)
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("BASE_URL must be an absolute http(s) URL, not %q", c.BaseURL)
	}
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	if c.SessionKey != "" && len(c.SessionKey) < 32 {
		return errors.New("SESSION_KEY must have at least 32 characters")
	}
	if c.SessionKey == "" && c.Env == "production" {
		return errors.New("SESSION_KEY is required in production: set it to a random secret of at least 32 characters (e.g. openssl rand -hex 32)")
	}
	if err := c.checkMail(); err != nil {
		return err
	}
	return c.checkOps(c.Addr)
}

// sessionKeys derives the signing and encryption keys from SESSION_KEY, or makes
// random ones in development (sessions then end when the portal restarts).
func (c *config) sessionKeys(log *slog.Logger) (auth, enc, id []byte, err error) {
	secret := []byte(c.SessionKey)
	if len(secret) == 0 {
		log.Warn("SESSION_KEY is not set: using a random key, so sessions end when the portal restarts (set SESSION_KEY in production)")
		secret = make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return nil, nil, nil, err
		}
	}
	if auth, err = hkdf.Key(sha256.New, secret, nil, "portal session signing", 32); err != nil {
		return nil, nil, nil, err
	}
	if enc, err = hkdf.Key(sha256.New, secret, nil, "portal session encryption", 32); err != nil {
		return nil, nil, nil, err
	}
	if id, err = hkdf.Key(sha256.New, secret, nil, "portal session id signing", 32); err != nil {
		return nil, nil, nil, err
	}
	return auth, enc, id, nil
}
