// Package devdb finds a PostgreSQL server for `make run` and `make test` on a
// developer's machine: an explicit DATABASE_URL as given, else the server on the
// default address when one answers there, else a private cluster of the checkout
// (initdb under a git-ignored folder, started with pg_ctl on a free loopback port).
//
// It is development tooling, run by the Makefile through cmd/devdb; the portal
// itself never starts a database.
package devdb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Options say where to look and where to keep the private cluster.
type Options struct {
	// Explicit is DATABASE_URL as the person set it; when not empty it is used as
	// given, whether or not anything answers there.
	Explicit string
	// DefaultURL is the address tried next (the shared server of a machine where
	// PostgreSQL runs as a service).
	DefaultURL string
	// Dir is the private cluster's data directory, e.g. .data/postgres.
	Dir string
	// Database is the database name put in the private cluster's URL.
	Database string
	// Log gets what devdb does, for the person at the terminal.
	Log io.Writer
	// Install, when set, is asked to install the server programs if none are
	// found; it returns false when it did not (see AptInstall).
	Install func(ctx context.Context, log io.Writer) (bool, error)
	// Hint is the install command for this system shown when none are found.
	Hint string
	// BinDirs overrides where the server programs are looked for (tests).
	BinDirs []string
}

// Resolve returns the URL of the database to use, starting the private cluster
// when that is the one.
func Resolve(ctx context.Context, o Options) (string, error) {
	if o.Explicit != "" {
		return o.Explicit, nil
	}
	if Answers(o.DefaultURL) {
		return o.DefaultURL, nil
	}
	c, err := o.cluster(ctx)
	if err != nil {
		return "", err
	}
	// Installing PostgreSQL from a distribution may have started its own server on
	// the default address: use it then, as on any machine where one runs.
	if c == nil {
		return o.DefaultURL, nil
	}
	port, err := c.Ensure(ctx)
	if err != nil {
		return "", err
	}
	return c.URL(port, o.Database), nil
}

// cluster finds the server programs (installing them where allowed) and returns the
// private cluster, or nil when an installation started a server on the default address.
func (o Options) cluster(ctx context.Context) (*Cluster, error) {
	want := ""
	if b, err := os.ReadFile(filepath.Join(o.Dir, "PG_VERSION")); err == nil {
		want = strings.TrimSpace(string(b))
	}
	dirs := o.BinDirs
	if dirs == nil {
		dirs = CandidateBinDirs()
	}
	bin, err := FindBin(ctx, dirs, want)
	if errors.Is(err, ErrNoBinaries) && o.Install != nil {
		installed, ierr := o.Install(ctx, o.Log)
		if ierr != nil {
			return nil, ierr
		}
		if installed {
			if Answers(o.DefaultURL) {
				fmt.Fprintf(o.Log, "devdb: PostgreSQL now answers on %s: using it\n", hostPort(o.DefaultURL))
				return nil, nil
			}
			if o.BinDirs == nil {
				dirs = CandidateBinDirs()
			}
			bin, err = FindBin(ctx, dirs, want)
		}
	}
	if errors.Is(err, ErrNoBinaries) {
		if want != "" {
			return nil, fmt.Errorf("the project's database in %s was made by PostgreSQL %s, whose server programs are not installed.\n"+
				"Install them (%s), or remove %s (its data is lost), or set DATABASE_URL to a server you have", o.Dir, want, o.Hint, o.Dir)
		}
		return nil, fmt.Errorf("no PostgreSQL server answers on %s, and PostgreSQL's server programs (initdb, pg_ctl) are not installed.\n"+
			"Install them with:\n\n    %s\n\nthen run the command again; or set DATABASE_URL to a PostgreSQL server you have", hostPort(o.DefaultURL), o.Hint)
	}
	if err != nil {
		return nil, err
	}
	return &Cluster{Dir: o.Dir, Bin: bin, Log: o.Log}, nil
}

// Answers reports whether something accepts connections at the URL's host and
// port within a second.
func Answers(dsn string) bool {
	hp := hostPort(dsn)
	if hp == "" {
		return false
	}
	conn, err := net.DialTimeout("tcp", hp, time.Second)
	if err != nil {
		return false
	}
	_ = conn.Close()
	return true
}

func hostPort(dsn string) string {
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil || strings.HasPrefix(cfg.Host, "/") {
		return ""
	}
	return net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
}

// Cluster is the project's private PostgreSQL cluster.
type Cluster struct {
	Dir string
	Bin Bin
	Log io.Writer
}

// URL is the cluster's URL for database name on port.
func (c *Cluster) URL(port int, name string) string {
	u := url.URL{Scheme: "postgres", User: url.User("postgres"), Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), Path: "/" + name, RawQuery: "sslmode=disable"}
	return u.String()
}

// Initialized reports whether initdb has made the cluster.
func (c *Cluster) Initialized() bool {
	_, err := os.Stat(filepath.Join(c.Dir, "PG_VERSION"))
	return err == nil
}

// Ensure creates the cluster if it does not exist yet and starts it if it is not
// running; it returns the port it listens on.
func (c *Cluster) Ensure(ctx context.Context) (int, error) {
	if err := os.MkdirAll(filepath.Dir(c.Dir), 0o755); err != nil {
		return 0, err
	}
	unlock, err := lock(c.Dir + ".lock")
	if err != nil {
		return 0, err
	}
	defer unlock()
	if !c.Initialized() {
		if err := c.Init(ctx); err != nil {
			return 0, err
		}
	}
	if port, ok := c.Running(ctx); ok {
		fmt.Fprintf(c.Log, "devdb: using the project's own PostgreSQL on 127.0.0.1:%d (stop it with make stop)\n", port)
		return port, nil
	}
	return c.Start(ctx)
}

// Init runs initdb: a superuser "postgres" trusted on loopback only, listening on
// 127.0.0.1 and on no Unix socket (the system's socket folder may not be writable,
// and a checkout's path may be too long for a socket).
func (c *Cluster) Init(ctx context.Context) error {
	fmt.Fprintf(c.Log, "devdb: creating the project's own PostgreSQL %s cluster in %s\n", c.Bin.Version, c.Dir)
	if err := os.Mkdir(c.Dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	if err := ownForServer(c.Dir); err != nil {
		return err
	}
	out, err := c.run(ctx, c.Bin.Path("initdb"), "-D", c.Dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
	if err != nil {
		return fmt.Errorf("initdb %s: %w\n%s%s", c.Dir, err, out, permissionHint(out, c.Dir))
	}
	conf, err := os.OpenFile(filepath.Join(c.Dir, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = io.WriteString(conf, "\n# Set by devdb: the project's private cluster.\n"+
		"listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\nmax_connections = 200\n")
	if cerr := conf.Close(); err == nil {
		err = cerr
	}
	return err
}

// Running reports whether the cluster's server runs, and on which port.
func (c *Cluster) Running(ctx context.Context) (int, bool) {
	if !c.Initialized() {
		return 0, false
	}
	if _, err := c.run(ctx, c.Bin.Path("pg_ctl"), "status", "-D", c.Dir); err != nil {
		return 0, false
	}
	b, err := os.ReadFile(filepath.Join(c.Dir, "postmaster.pid"))
	if err != nil {
		return 0, false
	}
	// The fourth line of postmaster.pid is the port.
	lines := strings.Split(string(b), "\n")
	if len(lines) < 4 {
		return 0, false
	}
	port, err := strconv.Atoi(strings.TrimSpace(lines[3]))
	return port, err == nil
}

// Start starts the server on a free loopback port and waits until it accepts
// connections.
func (c *Cluster) Start(ctx context.Context) (int, error) {
	var lastErr error
	for range 3 {
		port, err := freePort()
		if err != nil {
			return 0, err
		}
		logFile := filepath.Join(c.Dir, "server.log")
		out, err := c.run(ctx, c.Bin.Path("pg_ctl"), "start", "-D", c.Dir, "-l", logFile, "-w", "-t", "60", "-o", "-p "+strconv.Itoa(port))
		if err == nil {
			fmt.Fprintf(c.Log, "devdb: the project's PostgreSQL runs on 127.0.0.1:%d (data in %s; stop it with make stop)\n", port, c.Dir)
			return port, nil
		}
		lastErr = fmt.Errorf("pg_ctl start: %w\n%s%s", err, out, tail(logFile))
		// Someone may have taken the port between our check and the start.
	}
	return 0, lastErr
}

// Stop stops the server if it runs; it reports whether it did.
func (c *Cluster) Stop(ctx context.Context) (bool, error) {
	if _, ok := c.Running(ctx); !ok {
		return false, nil
	}
	out, err := c.run(ctx, c.Bin.Path("pg_ctl"), "stop", "-D", c.Dir, "-m", "fast", "-w", "-t", "60")
	if err != nil {
		return false, fmt.Errorf("pg_ctl stop: %w\n%s", err, out)
	}
	return true, nil
}

// run runs a server program, as the unprivileged "postgres" user when we are root
// (PostgreSQL refuses to run as root).
func (c *Cluster) run(ctx context.Context, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	if err := asServerUser(cmd); err != nil {
		return "", err
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// tail returns the end of the server's log, where a failed start says why.
func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return "server log " + path + ":\n" + string(b)
}

func permissionHint(out, dir string) string {
	if os.Geteuid() == 0 && strings.Contains(out, "ermission denied") {
		return fmt.Sprintf("\nAs root, the cluster belongs to the user \"postgres\", who must be able to reach %s: "+
			"make its parent folders readable (chmod o+x), clone the project elsewhere, or set DATABASE_URL", dir)
	}
	return ""
}
