package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/sessions"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/content"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/metrics"
	"github.com/municipal-intl/portal/internal/server"
	"github.com/municipal-intl/portal/internal/setup"
)

// shutdownGrace is how long in-flight requests may run after SIGINT/SIGTERM.
const shutdownGrace = 10 * time.Second

func serveCmd(ctx context.Context, args []string, e env) error {
	var c config
	if err := newFlagSet("serve", e, &c, true).Parse(args); err != nil {
		return err
	}
	explicitBase := c.BaseURL != ""
	if err := c.check(); err != nil {
		return err
	}
	log := c.logger(e.stderr)

	if c.Migrate {
		if err := migrateUp(ctx, c.DatabaseURL, e); err != nil {
			return err
		}
	}
	pool, err := database.OpenPool(ctx, c.DatabaseURL, c.Pool)
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
	standby, closeStandby, err := openStandby(ctx, &c, pool, log)
	if err != nil {
		return err
	}
	defer closeStandby()
	m := metrics.New(version)
	if err := registerMetrics(m, pool, standby); err != nil {
		return err
	}
	stopMetrics, err := startMetrics(&c, m, log)
	if err != nil {
		return err
	}
	defer stopMetrics()
	// Public pages are kept per content version; the listener learns of every new
	// version at commit, from whichever instance made the change.
	versions := content.New(pool, log)
	lctx, stopListening := context.WithCancel(context.Background())
	defer stopListening()
	go versions.Listen(lctx)
	h, err := server.New(server.Config{Log: log, Pool: pool, Catalogue: cat, Sessions: store, BaseURL: c.BaseURL, SessionIdle: c.SessionIdle,
		RequestTimeout: c.RequestTimeout, Standby: standby, Metrics: m, Content: versions,
		SessionMax: c.SessionMax, SessionSigningKey: idKey, TrustedProxies: c.Proxies})
	if err != nil {
		return err
	}
	go cleanupLoop(ctx, pool, log, c.SessionIdle, cleanupEvery)
	// Notifications: sent from the outbox with retries; the one being sent when
	// the portal stops stays pending for the next start (or another instance).
	nctx, stopNotifier := context.WithCancel(ctx)
	notifier := c.notifier(pool, cat, log)
	if err := registerNotifierMetrics(m, notifier); err != nil {
		stopNotifier()
		return err
	}
	notifierDone := runNotifier(nctx, notifier)
	defer func() { stopNotifier(); <-notifierDone }()

	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	linkBase := c.BaseURL
	if !explicitBase {
		linkBase = "http://" + browsable(ln.Addr())
	}
	setupLink, setupUntil, err := issueSetupLink(ctx, pool, linkBase)
	if err != nil {
		ln.Close()
		return err
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
	if setupLink != "" {
		log.Info("no account exists yet: open the one-time setup link to create the first administrator",
			"url", setupLink, "valid_until", setupUntil.UTC().Format(time.RFC3339))
		fmt.Fprintf(e.stdout, "\nNo one can sign in yet. Create the first administrator in the browser:\n\n    %s\n\n"+
			"The link works once, until %s; restart the portal for a new one.\n"+
			"Or on the command line: portal user add --role admin --municipality SLUG --email E --name N\n\n",
			setupLink, setupUntil.Format("15:04 MST"))
	}

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight", "grace", shutdownGrace)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	// Answers still being written tell the proxy to close their connection.
	srv.SetKeepAlivesEnabled(false)
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// issueSetupLink returns a one-time link to the first-run page, and until when it
// works, while no account exists; "" once one does.
func issueSetupLink(ctx context.Context, pool *pgxpool.Pool, baseURL string) (string, time.Time, error) {
	st := setup.NewStore(pool, nil)
	need, err := st.NeedsAdmin(ctx)
	if err != nil || !need {
		return "", time.Time{}, err
	}
	token, until, err := st.Issue(ctx)
	if err != nil {
		return "", time.Time{}, err
	}
	return baseURL + "/setup?token=" + token, until, nil
}

// browsable is the listen address as a browser on this machine reaches it: a
// wildcard address (":8080") becomes localhost.
func browsable(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("localhost", strconv.Itoa(tcp.Port))
}
