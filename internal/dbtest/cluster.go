package dbtest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
)

// Cluster is a PostgreSQL server of the test's own, on its own port and data
// folder, for tests that stop and start a database (never the shared one).
type Cluster struct {
	t      testing.TB
	bin    string
	dir    string
	Port   int
	asUser string // run the server binaries as this user (root may not)
}

// binDir finds the PostgreSQL server binaries: PG_BINDIR, else the newest
// /usr/lib/postgresql/*/bin (Debian's layout).
func binDir() string {
	if d := os.Getenv("PG_BINDIR"); d != "" {
		return d
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi < vj
	})
	if len(dirs) == 0 {
		return ""
	}
	return dirs[len(dirs)-1]
}

// StartCluster creates and starts a throw-away PostgreSQL cluster (trust
// authentication, user postgres, fsync off) on a free loopback port; it is
// stopped and removed when the test ends. Without the server binaries the test
// is skipped, or fails when CI=true.
func StartCluster(t testing.TB) *Cluster {
	t.Helper()
	bin := binDir()
	if _, err := os.Stat(filepath.Join(bin, "initdb")); bin == "" || err != nil {
		unavailable(t, fmt.Errorf("no PostgreSQL server binaries (set PG_BINDIR)"))
	}
	dir, err := os.MkdirTemp("", "portal-cluster-")
	if err != nil {
		t.Fatal(err)
	}
	c := &Cluster{t: t, bin: bin, dir: dir}
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root: run it as the postgres user.
		u, err := user.Lookup("postgres")
		if err != nil {
			unavailable(t, fmt.Errorf("running as root and no postgres user to run a cluster as"))
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		c.asUser = "postgres"
	}
	t.Cleanup(func() {
		_ = c.pgctl("stop", "-m", "immediate")
		_ = os.RemoveAll(dir)
	})
	if out, err := c.command("initdb", "-D", c.data(), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	c.Port = freePort(t)
	c.Start()
	return c
}

func (c *Cluster) data() string { return filepath.Join(c.dir, "data") }

func (c *Cluster) command(name string, args ...string) *exec.Cmd {
	path := filepath.Join(c.bin, name)
	if c.asUser != "" {
		return exec.Command("runuser", append([]string{"-u", c.asUser, "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

func (c *Cluster) pgctl(args ...string) error {
	args = append([]string{"-D", c.data(), "-w", "-t", "30"}, args...)
	out, err := c.command("pg_ctl", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pg_ctl %v: %v\n%s", args, err, out)
	}
	return nil
}

// Start starts the cluster and waits until it accepts connections.
func (c *Cluster) Start() {
	c.t.Helper()
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off", c.Port, c.dir)
	if err := c.pgctl("start", "-l", filepath.Join(c.dir, "log"), "-o", opts); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
		c.t.Fatalf("%v\n%s", err, log)
	}
}

// Stop stops the cluster as an operator would (fast: connections are ended).
func (c *Cluster) Stop() {
	c.t.Helper()
	if err := c.pgctl("stop", "-m", "fast"); err != nil {
		c.t.Fatal(err)
	}
}

// URL is the URL of database name on the cluster.
func (c *Cluster) URL(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.Port, name)
}

// Migrated creates a database on the cluster with every migration applied and
// returns its URL.
func (c *Cluster) Migrated(ctx context.Context) string {
	c.t.Helper()
	conn, err := connect(ctx, c.URL("postgres"))
	if err != nil {
		c.t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE DATABASE portal`); err != nil {
		c.t.Fatal(err)
	}
	if err := migrate(ctx, c.URL("portal")); err != nil {
		c.t.Fatalf("migrate: %v", err)
	}
	return c.URL("portal")
}

// freePort asks the kernel for a free loopback port.
func freePort(t testing.TB) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// StartStandby makes a hot standby of c with pg_basebackup (streaming, as
// docs/operations.md describes) on a port of its own, and starts it.
func (c *Cluster) StartStandby() *Cluster {
	c.t.Helper()
	dir, err := os.MkdirTemp("", "portal-standby-")
	if err != nil {
		c.t.Fatal(err)
	}
	s := &Cluster{t: c.t, bin: c.bin, dir: dir, asUser: c.asUser}
	if c.asUser != "" {
		u, _ := user.Lookup(c.asUser)
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			c.t.Fatal(err)
		}
	}
	c.t.Cleanup(func() {
		_ = s.pgctl("stop", "-m", "immediate")
		_ = os.RemoveAll(dir)
	})
	if out, err := s.command("pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(c.Port), "-U", "postgres",
		"-D", s.data(), "-R", "-X", "stream", "-c", "fast").CombinedOutput(); err != nil {
		c.t.Fatalf("pg_basebackup: %v\n%s", err, out)
	}
	s.Port = freePort(c.t)
	s.Start()
	return s
}
