// Package server wires the portal's HTTP handler: middleware, routes, health checks.
package server

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/accountweb"
	"github.com/municipal-intl/portal/internal/agreementweb"
	"github.com/municipal-intl/portal/internal/apiweb"
	"github.com/municipal-intl/portal/internal/auditweb"
	"github.com/municipal-intl/portal/internal/auth"
	"github.com/municipal-intl/portal/internal/bodyweb"
	"github.com/municipal-intl/portal/internal/budgetweb"
	"github.com/municipal-intl/portal/internal/content"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/meetingweb"
	"github.com/municipal-intl/portal/internal/metrics"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/municipalityweb"
	"github.com/municipal-intl/portal/internal/notifyweb"
	"github.com/municipal-intl/portal/internal/operatorweb"
	"github.com/municipal-intl/portal/internal/partnerweb"
	"github.com/municipal-intl/portal/internal/placeweb"
	"github.com/municipal-intl/portal/internal/policyweb"
	"github.com/municipal-intl/portal/internal/reportweb"
	"github.com/municipal-intl/portal/internal/searchweb"
	"github.com/municipal-intl/portal/internal/setup"
	"github.com/municipal-intl/portal/internal/setupweb"
	"github.com/municipal-intl/portal/internal/tripweb"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	assets "github.com/municipal-intl/portal/web"
)

// Config is what the handler is built from.
type Config struct {
	Log       *slog.Logger
	Pool      *pgxpool.Pool
	Catalogue *i18n.Catalogue
	Sessions  sessions.Store
	BaseURL   string
	// SessionIdle is how long a signed-in session may stay unused; 0 means 8 hours.
	SessionIdle time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Content tells the current content versions of the public pages; nil reads
	// them from the database per request (a server started with content.Versions
	// listening keeps them in memory instead).
	Content *content.Versions
	// CacheBytes bounds the memory of kept public pages; 0 means web.DefaultCacheBytes.
	CacheBytes int64
	// RequestTimeout bounds every request (web.Deadline); 0 means 5 s.
	RequestTimeout time.Duration
	// Standby, when set, answers anonymous public reads (DATABASE_READ_URL).
	Standby *database.Replica
	// Metrics, when set, counts requests; it is served elsewhere (METRICS_ADDR).
	Metrics *metrics.Metrics
	// SessionSigningKey signs the id in the signed-in session's cookie (≥ 32
	// bytes); every instance of one installation must share it. Nil: a random
	// key, so sessions do not survive a restart.
	SessionSigningKey []byte
	// SessionMax is the absolute lifetime of a signed-in session; 0 means 12 hours.
	SessionMax time.Duration
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names the client.
	TrustedProxies []netip.Prefix
	// Hashing bounds concurrent password checks; nil means one at a time.
	Hashing *auth.Hashing
}

// New returns the portal's HTTP handler.
func New(cfg Config) (http.Handler, error) {
	h, _, err := NewWithRouter(cfg)
	return h, err
}

// NewWithRouter is New that also returns the router inside the handler, so
// that tests can walk the routes the handler serves.
func NewWithRouter(cfg Config) (http.Handler, *chi.Mux, error) {
	r, _, err := router(cfg)
	if err != nil {
		return nil, nil, err
	}
	return r, r, nil
}

// router builds the routes, and the site whose error pages they serve.
func router(cfg Config) (*chi.Mux, *web.Site, error) {
	st, err := web.NewAssets(assets.Static, "static")
	if err != nil {
		return nil, nil, err
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if len(cfg.SessionSigningKey) == 0 {
		cfg.SessionSigningKey = securecookie.GenerateRandomKey(32)
	}
	site := &web.Site{BaseURL: cfg.BaseURL, Assets: st, Log: cfg.Log}

	if cfg.Content == nil {
		cfg.Content = content.New(cfg.Pool, cfg.Log)
	}
	cache := &web.PageCache{Versions: cfg.Content.Current, Now: cfg.Now, MaxBytes: cfg.CacheBytes, Started: time.Now()}
	if cfg.Metrics != nil {
		err := cfg.Metrics.RegisterCache("pages", func() metrics.CacheStats {
			st := cache.Stats()
			return metrics.CacheStats{Hits: uint64(st.Hits), Misses: uint64(st.Misses), Entries: st.Entries, Bytes: st.Bytes}
		})
		if err != nil {
			return nil, nil, err
		}
	}

	r := chi.NewRouter()
	var observe []func(*http.Request, int, time.Duration)
	if cfg.Metrics != nil {
		r.Use(cfg.Metrics.InFlight)
		observe = append(observe, cfg.Metrics.Observe)
	}
	// The security headers come first, so that every answer carries them: error
	// pages, the cross-origin refusal and the page of a panic included.
	r.Use(web.RequestIDMiddleware, web.SecurityHeaders)
	if strings.HasPrefix(cfg.BaseURL, "https://") {
		r.Use(web.HSTS)
	}
	r.Use(web.AccessLog(cfg.Log, observe...), recoverer(site))
	// Every request has a deadline that reaches every database call it makes.
	r.Use(web.Deadline(cfg.RequestTimeout))
	// Browsers' cross-site POSTs are refused before any handler runs; forms also
	// carry a session-bound token (auth.CheckCSRF) for clients without the headers.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		site.ServeError(w, r, &web.Error{Status: http.StatusForbidden, Key: "auth.error.csrf"})
	}))
	r.Use(cop.Handler)
	// HEAD is answered wherever GET is (monitors, link checkers, feed readers).
	r.Use(headAsGet)
	// Text of every kind goes out compressed (kept public pages are compressed
	// once, when kept, and pass through untouched).
	r.Use(web.Compress)

	r.Get("/healthz", healthz)
	r.Get("/readyz", readyz(cfg.Pool))
	r.Handle("/static/*", st)

	accounts := account.NewStore(cfg.Pool)
	am := &auth.Manager{Sessions: cfg.Sessions, Accounts: accounts, Pool: cfg.Pool, Site: site, Log: cfg.Log,
		Idle: cfg.SessionIdle, Max: cfg.SessionMax, TrustedProxies: cfg.TrustedProxies, Hashing: cfg.Hashing, Now: cfg.Now}
	am.Server = auth.NewPGStore(cfg.Pool, cfg.SessionSigningKey, sessions.Options{Path: "/", HttpOnly: true,
		Secure: strings.HasPrefix(cfg.BaseURL, "https://"), SameSite: http.SameSiteLaxMode}, cfg.SessionMax, cfg.Now)
	if am.Hashing == nil {
		am.Hashing = auth.NewHashing(0, 0)
	}
	base := workspaceweb.Base{Site: site, Auth: am, Pool: cfg.Pool, Now: cfg.Now}
	people := &accountweb.Handlers{Base: base, Accounts: accounts}
	partners := &partnerweb.Handlers{Base: base, Standby: cfg.Standby}
	reader := &web.Reader{Site: site, Primary: cfg.Pool, Standby: cfg.Standby}
	policies := &policyweb.Handlers{Base: base, Reader: reader}
	budgets := &budgetweb.Handlers{Base: base, Reader: reader}
	trips := &tripweb.Handlers{Base: base, Standby: cfg.Standby}
	agreements := &agreementweb.Handlers{Base: base, Standby: cfg.Standby}
	// Error pages in the workspace keep the person's way around it.
	site.DecorateError = base.DecorateError

	r.Group(func(r chi.Router) {
		r.Use(web.Language(cfg.Catalogue, cfg.Sessions, cfg.Log), am.Load)
		r.Route("/staff", func(r chi.Router) {
			r.Use(am.CheckCSRF)
			r.Get("/sign-in", site.Handle(am.SignInForm))
			r.Post("/sign-in", site.Handle(am.SignIn))
			r.Group(func(r chi.Router) {
				r.Use(am.RequireSignIn)
				r.Post("/sign-out", site.Handle(am.SignOut))
				// The dashboard is /staff itself.
				(&workspaceweb.Handlers{Base: base}).Staff(r)
				r.Route("/password", people.Password)
				r.Route("/notifications", (&notifyweb.Handlers{Base: base}).Staff)
				r.Route("/accounts", people.Staff)
				r.Route("/trips", trips.Staff)
				r.Route("/review", trips.Review)
				r.Route("/lifecycle", trips.Lifecycle)
				r.Route("/agreements", agreements.Staff)
				r.Route("/audit", (&auditweb.Handlers{Base: base}).Staff)
				r.Route("/partners", partners.StaffPartnerships)
				r.Route("/networks", partners.StaffNetworks)
				r.Route("/projects", partners.StaffProjects)
				r.Route("/policy", policies.Staff)
				r.Route("/budget-lines", budgets.Staff)
				r.Route("/meetings", (&meetingweb.Handlers{Base: base}).Staff)
				r.Route("/municipalities", (&operatorweb.Handlers{Base: base}).Staff)
				r.Route("/places", (&placeweb.Handlers{Base: base}).Staff)
				r.Route("/bodies", (&bodyweb.Handlers{Base: base}).Staff)
			})
		})
		firstRun := setup.NewStore(cfg.Pool, cfg.Now)
		r.Route("/setup", func(r chi.Router) {
			r.Use(am.CheckCSRF)
			(&setupweb.Handlers{Site: site, Auth: am, Store: firstRun, Accounts: accounts,
				Municipalities: municipality.NewStore(cfg.Pool), Log: cfg.Log}).Public(r)
		})
		// Public pages are kept in the page cache.
		pages := r.With(cache.Middleware)
		municipalities := &municipalityweb.Handlers{Reader: reader, FirstRun: firstRun, Now: cfg.Now}
		// The start page is / itself.
		municipalities.Home(pages)
		pages.Route("/search", (&searchweb.Handlers{Reader: reader}).Public)
		pages.Route("/compare", budgets.Compare)
		// The open-data API, its page and the DCAT-AP catalogue: kept in the page
		// cache like the pages. CORS comes first, so that kept answers and 304s
		// carry it too; the API answers its own errors as problem documents.
		openData := &apiweb.Handlers{Site: site, Reader: reader, Now: cfg.Now, Catalogue: cfg.Catalogue}
		r.With(apiweb.CORS, cache.Middleware).Route("/api/v1", openData.API)
		openData.Public(pages)
		pages.Route("/m/{slug}", func(r chi.Router) {
			r.Use(municipalities.ArchivedNotice)
			municipalities.Public(r)
			policies.Public(r)
			budgets.Public(r)
			r.Route("/partners", partners.Public)
			r.Route("/agreements", agreements.Public)
			trips.Public(r)
			(&reportweb.Handlers{Reader: reader, Now: cfg.Now}).Public(r)
		})
		r.NotFound(func(w http.ResponseWriter, r *http.Request) {
			site.ServeError(w, r, web.NotFound(nil))
		})
		r.MethodNotAllowed(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Set("Allow", allowed(r, req.URL.Path))
			site.ServeError(w, req, &web.Error{Status: http.StatusMethodNotAllowed})
		})
	})
	return r, site, nil
}

// recoverer turns a panic into the 500 page and logs its stack.
func recoverer(site *web.Site) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if v := recover(); v != nil {
					if v == http.ErrAbortHandler {
						panic(v)
					}
					site.ServeError(w, r, fmt.Errorf("panic: %v\n%s", v, debug.Stack()))
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}

func healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
}

// readyz answers 200 when the database answers and its schema is current, 503 otherwise.
func readyz(pool *pgxpool.Pool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		body := map[string]any{"status": "ok"}
		status := http.StatusOK
		if err := pool.Ping(ctx); err != nil {
			status, body["status"], body["database"] = http.StatusServiceUnavailable, "unavailable", "unreachable"
		} else if cur, latest, err := database.SchemaState(ctx, pool); err != nil {
			status, body["status"], body["schema"] = http.StatusServiceUnavailable, "unavailable", "unknown"
		} else {
			body["schema_version"], body["schema_latest"] = cur, latest
			if cur != latest {
				status, body["status"] = http.StatusServiceUnavailable, "unavailable"
				body["schema"] = "behind: run portal migrate up"
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	}
}

// headAsGet routes a HEAD request as its GET: every page and download answers
// HEAD with GET's status and headers (net/http sends no body). chi's GetHead
// does not reach routes inside mounted routers, which match HEAD on the mount.
func headAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			if rctx := chi.RouteContext(r.Context()); rctx != nil {
				rctx.RouteMethod = http.MethodGet
			}
		}
		next.ServeHTTP(w, r)
	})
}

// allowed lists the methods path takes, for a 405's Allow header.
func allowed(routes chi.Routes, path string) string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if routes.Match(chi.NewRouteContext(), m, path) {
			out = append(out, m)
			if m == http.MethodGet {
				out = append(out, http.MethodHead)
			}
		}
	}
	return strings.Join(out, ", ")
}
