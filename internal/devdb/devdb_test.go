package devdb

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestInstallHint(t *testing.T) {
	tests := []struct {
		goos, id, like string
		root           bool
		want           string
	}{
		{"linux", "debian", "", false, "sudo apt-get install postgresql"},
		{"linux", "debian", "", true, "apt-get install postgresql"},
		{"linux", "ubuntu", "debian", false, "sudo apt-get install postgresql"},
		{"linux", "linuxmint", "ubuntu debian", false, "sudo apt-get install postgresql"},
		{"linux", "fedora", "", false, "sudo dnf install postgresql-server"},
		{"linux", "rocky", "rhel centos fedora", false, "sudo dnf install postgresql-server"},
		{"linux", "arch", "", false, "sudo pacman -S postgresql"},
		{"linux", "alpine", "", true, "apk add postgresql"},
		{"linux", "opensuse-tumbleweed", "opensuse suse", false, "sudo zypper install postgresql-server"},
		{"darwin", "", "", false, "brew install postgresql@17"},
		{"linux", "gentoo", "", false, "install PostgreSQL 15 or newer from https://www.postgresql.org/download/"},
	}
	for _, tt := range tests {
		t.Run(tt.goos+"/"+tt.id, func(t *testing.T) {
			if got := InstallHint(tt.goos, tt.id, tt.like, tt.root); got != tt.want {
				t.Errorf("InstallHint = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOSRelease(t *testing.T) {
	p := filepath.Join(t.TempDir(), "os-release")
	if err := os.WriteFile(p, []byte("NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"24.04\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if id, like := OSRelease(p); id != "ubuntu" || like != "debian" {
		t.Errorf("OSRelease = %q, %q", id, like)
	}
	if id, like := OSRelease(filepath.Join(t.TempDir(), "missing")); id != "" || like != "" {
		t.Errorf("OSRelease of a missing file = %q, %q", id, like)
	}
}

// fakeBin makes a folder whose pg_ctl says it is PostgreSQL major.
func fakeBin(t *testing.T, major string) string {
	t.Helper()
	d := filepath.Join(t.TempDir(), major, "bin")
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\necho \"pg_ctl (PostgreSQL) " + major + ".3\"\n"
	for _, p := range []string{"pg_ctl", "initdb"} {
		if err := os.WriteFile(filepath.Join(d, p), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

func TestFindBin(t *testing.T) {
	ctx := context.Background()
	v13, v15, v17 := fakeBin(t, "13"), fakeBin(t, "15"), fakeBin(t, "17")
	empty := t.TempDir()
	tests := []struct {
		name    string
		dirs    []string
		want    string
		wantDir string
		wantErr bool
	}{
		{"newest wins", []string{v15, v17, empty}, "", v17, false},
		{"too old is skipped", []string{v13}, "", "", true},
		{"an existing cluster's version", []string{v15, v17}, "15", v15, false},
		{"that version missing", []string{v17}, "15", "", true},
		{"nothing", []string{empty, filepath.Join(empty, "missing")}, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := FindBin(ctx, tt.dirs, tt.want)
			if tt.wantErr {
				if !errors.Is(err, ErrNoBinaries) {
					t.Fatalf("FindBin = %v, %v; want ErrNoBinaries", b, err)
				}
				return
			}
			if err != nil || b.Dir != tt.wantDir {
				t.Fatalf("FindBin = %v, %v; want %s", b, err, tt.wantDir)
			}
		})
	}
}

// freeURL is a database URL on a loopback port where nothing listens: the
// "default address" of a machine with no PostgreSQL running.
func freeURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return "postgres://postgres@127.0.0.1:" + strconv.Itoa(port) + "/portal?sslmode=disable"
}

func TestResolveExplicitAndDefault(t *testing.T) {
	ctx := context.Background()
	none := freeURL(t)
	noInstall := func(context.Context, io.Writer) (bool, error) {
		t.Error("Install called")
		return false, nil
	}
	// An explicit URL is used as given, even when nothing answers there.
	got, err := Resolve(ctx, Options{Explicit: none, DefaultURL: none, Dir: t.TempDir(), Log: io.Discard, Install: noInstall})
	if err != nil || got != none {
		t.Errorf("explicit: Resolve = %q, %v; want %q", got, err, none)
	}
	// Something answers on the default address: it is used, no cluster is made.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	def := "postgres://postgres@" + ln.Addr().String() + "/portal?sslmode=disable"
	dir := filepath.Join(t.TempDir(), "postgres")
	got, err = Resolve(ctx, Options{DefaultURL: def, Dir: dir, Log: io.Discard, Install: noInstall})
	if err != nil || got != def {
		t.Errorf("default: Resolve = %q, %v; want %q", got, err, def)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a cluster folder was made although the default server answers: %v", err)
	}
}

func TestResolveWithoutBinariesSaysHowToInstall(t *testing.T) {
	ctx := context.Background()
	asked := false
	install := func(context.Context, io.Writer) (bool, error) { asked = true; return false, nil }
	_, err := Resolve(ctx, Options{DefaultURL: freeURL(t), Dir: filepath.Join(t.TempDir(), "postgres"), Log: io.Discard,
		Install: install, Hint: "sudo apt-get install postgresql", BinDirs: []string{t.TempDir()}})
	if err == nil || !strings.Contains(err.Error(), "\n    sudo apt-get install postgresql\n") || !strings.Contains(err.Error(), "DATABASE_URL") {
		t.Errorf("Resolve without binaries = %v; want the install command and DATABASE_URL named", err)
	}
	if !asked {
		t.Error("the installer was not asked")
	}
}

// TestPrivateCluster is the fresh machine: nothing answers on the default address
// (a free port stands in for it), so a cluster is made, started, reused and stopped.
func TestPrivateCluster(t *testing.T) {
	bin, err := FindBin(context.Background(), CandidateBinDirs(), "")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL's server programs: %v", err)
		}
		t.Skipf("PostgreSQL's server programs are not installed: %v", err)
	}
	ctx := context.Background()
	base, err := os.MkdirTemp("", "devdb-test-")
	if err != nil {
		t.Fatal(err)
	}
	// As root the cluster belongs to "postgres", who must reach the folder.
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	dir := filepath.Join(base, ".data", "postgres")
	var log strings.Builder
	o := Options{DefaultURL: freeURL(t), Dir: dir, Database: "portal", Log: &log, BinDirs: []string{bin.Dir}}
	c := &Cluster{Dir: dir, Bin: bin, Log: io.Discard}
	t.Cleanup(func() { _, _ = c.Stop(context.Background()) })

	u1, err := Resolve(ctx, o)
	if err != nil {
		t.Fatalf("Resolve: %v\n%s", err, log.String())
	}
	if !strings.Contains(log.String(), "creating the project's own PostgreSQL") || !strings.Contains(log.String(), "make stop") {
		t.Errorf("the log does not say what was set up:\n%s", log.String())
	}
	cfg, err := pgx.ParseConfig(u1)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Host != "127.0.0.1" || cfg.Database != "portal" || cfg.User != "postgres" {
		t.Errorf("URL %s: want postgres@127.0.0.1/portal", u1)
	}
	// The maintenance database answers; the tests and `portal migrate up` create theirs.
	cfg.Database = "postgres"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("connect to the private cluster: %v", err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE portal"); err != nil {
		t.Errorf("create a database: %v", err)
	}
	conn.Close(ctx)

	// Again: the running cluster is reused, on the same port.
	log.Reset()
	u2, err := Resolve(ctx, o)
	if err != nil || u2 != u1 {
		t.Errorf("second Resolve = %q, %v; want %q", u2, err, u1)
	}
	if !strings.Contains(log.String(), "using the project's own PostgreSQL") {
		t.Errorf("second Resolve log:\n%s", log.String())
	}

	stopped, err := c.Stop(ctx)
	if err != nil || !stopped {
		t.Fatalf("Stop = %v, %v", stopped, err)
	}
	if _, ok := c.Running(ctx); ok {
		t.Error("running after Stop")
	}
	if stopped, err := c.Stop(ctx); err != nil || stopped {
		t.Errorf("second Stop = %v, %v; want false, nil", stopped, err)
	}

	// Started again, the data is still there.
	u3, err := Resolve(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	conn, err = pgx.Connect(ctx, u3)
	if err != nil {
		t.Fatalf("the database made before the stop is gone: %v", err)
	}
	conn.Close(ctx)
}
