package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/sessions"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/server"
)

// shutdownGrace is how long in-flight requests may run after SIGINT/SIGTERM.
const shutdownGrace = 10 * time.Second

func serveCmd(ctx context.Context, args []string, e env) error {
	var c config
	if err := newFlagSet("serve", e, &c, true).Parse(args); err != nil {
		return err
	}
	if err := c.check(); err != nil {
		return err
	}
	log := c.logger(e.stderr)

	if c.Migrate {
		if err := migrateUp(ctx, c.DatabaseURL, e); err != nil {
			return err
		}
	}
	pool, err := database.Open(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()

	cur, latest, err := database.SchemaState(ctx, pool)
	if err != nil {
		return err
	}
	if cur < latest {
		return fmt.Errorf("the database schema is at version %d, but this portal needs version %d.\n"+
			"Run \"portal migrate up\" (or \"make run\", which migrates first), then start the portal again", cur, latest)
	}
	if cur > latest {
		log.Warn("the database schema is newer than this portal", "schema", cur, "portal", latest)
	}

	authKey, encKey, idKey, err := c.sessionKeys(log)
	if err != nil {
		return err
	}
	store := sessions.NewCookieStore(authKey, encKey)
	// NewCookieStore defaults to Secure and SameSite=None; set what the portal needs.
	store.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   365 * 24 * 3600,
		HttpOnly: true,
		Secure:   strings.HasPrefix(c.BaseURL, "https://"),
		SameSite: http.SameSiteLaxMode,
	}
	cat, err := i18n.Load()
	if err != nil {
		return err
	}
	h, err := server.New(server.Config{Log: log, Pool: pool, Catalogue: cat, Sessions: store, BaseURL: c.BaseURL,
		SessionIdle: c.SessionIdle, SessionMax: c.SessionMax, SessionSigningKey: idKey, TrustedProxies: c.Proxies})
	if err != nil {
		return err
	}
	go cleanupLoop(ctx, pool, log, c.SessionIdle, cleanupEvery)

	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          nil,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	url := "http://" + ln.Addr().String() + "/"
	log.Info("portal is serving", "url", url, "base_url", c.BaseURL, "env", c.Env, "schema", cur)
	fmt.Fprintf(e.stdout, "Portal running at %s (stop with Ctrl-C)\n", url)

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight", "grace", shutdownGrace)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
