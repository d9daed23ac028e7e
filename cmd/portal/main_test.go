package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/dbtest"
)

// TestMain lets a test run the real main in a child process, to check exit codes.
func TestMain(m *testing.M) {
	if os.Getenv("PORTAL_TEST_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// syncBuffer is a bytes.Buffer safe for a server goroutine and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func testEnv(vars map[string]string, stdin string) (env, *syncBuffer, *syncBuffer) {
	out, errOut := &syncBuffer{}, &syncBuffer{}
	return env{
		stdin:  strings.NewReader(stdin),
		stdout: out,
		stderr: errOut,
		getenv: func(k string) string { return vars[k] },
	}, out, errOut
}

func TestUnreachableDatabaseFailsFast(t *testing.T) {
	t.Parallel()
	url := "postgres://nobody:s3cret@127.0.0.1:1/x"
	for _, args := range [][]string{{}, {"serve"}, {"migrate", "up"}, {"migrate", "status"}} {
		e, _, _ := testEnv(map[string]string{"DATABASE_URL": url}, "")
		start := time.Now()
		err := run(context.Background(), args, e)
		if err == nil {
			t.Fatalf("%v: no error", args)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%v: took %s", args, d)
		}
		msg := err.Error()
		if !strings.Contains(msg, "postgres://nobody:xxxxx@127.0.0.1:1/x") || strings.Contains(msg, "s3cret") {
			t.Errorf("%v: message does not name the masked URL: %s", args, msg)
		}
		if !strings.Contains(msg, "DATABASE_URL") || !strings.Contains(msg, "Start PostgreSQL") {
			t.Errorf("%v: message gives no way out: %s", args, msg)
		}
	}
}

// TestMainExitCode runs the binary's main as a child process: exit 1, one short
// message, no panic or stack trace.
func TestMainExitCode(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(os.Args[0], "serve")
	cmd.Env = append(os.Environ(), "PORTAL_TEST_RUN_MAIN=1", "DATABASE_URL=postgres://nobody@127.0.0.1:1/x")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
	s := stderr.String()
	if !strings.HasPrefix(s, "portal: cannot connect to PostgreSQL") || strings.Contains(s, "goroutine") || strings.Count(s, "\n") > 3 {
		t.Errorf("stderr:\n%s", s)
	}
}

func TestServeRefusesSchemaBehind(t *testing.T) {
	t.Parallel()
	dsn := dbtest.NewURL(t, true)
	pool, err := database.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	m, err := database.NewMigrator(pool)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Down(context.Background()); err != nil {
		t.Fatal(err)
	}
	m.Close()
	pool.Close()

	e, _, _ := testEnv(map[string]string{"DATABASE_URL": dsn, "ADDR": "127.0.0.1:0"}, "")
	err = run(context.Background(), []string{"serve"}, e)
	if err == nil || !strings.Contains(err.Error(), "portal migrate up") || !strings.Contains(err.Error(), "make run") {
		t.Fatalf("serve with the schema behind: %v", err)
	}
}

func TestServeRequiresSessionKeyInProduction(t *testing.T) {
	t.Parallel()
	e, _, _ := testEnv(map[string]string{"PORTAL_ENV": "production"}, "")
	err := run(context.Background(), []string{"serve"}, e)
	if err == nil || !strings.Contains(err.Error(), "SESSION_KEY is required") {
		t.Fatalf("got %v", err)
	}
	e, _, _ = testEnv(map[string]string{"SESSION_KEY": "too-short"}, "")
	if err := run(context.Background(), []string{"serve"}, e); err == nil || !strings.Contains(err.Error(), "at least 32") {
		t.Fatalf("short key: %v", err)
	}
}

// TestServeMigrateAndShutdown starts the portal on an empty database the way make
// run does, checks it is ready, and stops it with the signal context.
func TestServeMigrateAndShutdown(t *testing.T) {
	t.Parallel()
	dsn := dbtest.NewURL(t, false)
	// The database named in the URL does not exist yet: --migrate creates it.
	dsn = strings.Replace(dsn, "/portal_test_", "/portal_test_new_", 1)
	t.Cleanup(func() { dropDatabase(t, dsn) })
	pr, pw := io.Pipe()
	e, _, errOut := testEnv(map[string]string{"DATABASE_URL": dsn, "ADDR": "127.0.0.1:0"}, "")
	e.stdout = pw
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--migrate"}, e); pw.Close() }()

	var url string
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "Portal running at "); ok {
			url, _, _ = strings.Cut(u, " ")
			break
		}
	}
	// No account exists: the portal prints the one-time link of the first-run page.
	var link string
	for link == "" && sc.Scan() {
		if i := strings.Index(sc.Text(), url+"setup?token="); i >= 0 {
			link = strings.TrimSpace(sc.Text()[i:])
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if url == "" {
		t.Fatalf("the portal did not say where it runs: %v\n%s", <-done, errOut.String())
	}
	if link == "" {
		t.Fatalf("no setup link printed on a database without accounts")
	}
	res, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("setup link %s: %d", link, res.StatusCode)
	}
	token := link[strings.Index(link, "=")+1:]
	if !strings.Contains(errOut.String(), "setup link") || strings.Count(errOut.String(), token) != 1 {
		t.Errorf("the log should hold the setup link once (at start, not in the access log):\n%s", errOut.String())
	}
	res, err = http.Get(url + "readyz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("/readyz: %d", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown: %v", err)
		}
	case <-time.After(12 * time.Second):
		t.Fatal("the portal did not stop within the grace period")
	}
	if !strings.Contains(errOut.String(), "request_id=") {
		t.Errorf("no access log line:\n%s", errOut.String())
	}
}

func dropDatabase(t *testing.T, dsn string) {
	i := strings.LastIndex(dsn, "/")
	name, _, _ := strings.Cut(dsn[i+1:], "?")
	ctx := context.Background()
	pool, err := database.Open(ctx, dsn[:i+1]+"postgres?sslmode=disable")
	if err != nil {
		t.Log(err)
		return
	}
	defer pool.Close()
	if _, err := pool.Exec(ctx, `DROP DATABASE IF EXISTS "`+name+`" WITH (FORCE)`); err != nil {
		t.Log(err)
	}
}

func TestMigrateCommands(t *testing.T) {
	t.Parallel()
	dsn := dbtest.NewURL(t, false)
	step := func(want string, args ...string) {
		t.Helper()
		e, out, _ := testEnv(map[string]string{"DATABASE_URL": dsn}, "")
		if err := run(context.Background(), append([]string{"migrate"}, args...), e); err != nil {
			t.Fatalf("migrate %v: %v", args, err)
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("migrate %v: output lacks %q:\n%s", args, want, out.String())
		}
	}
	step("applied 00001_reference.sql", "up")
	step("schema is current", "up")
	step("applied", "status")
	step("rolled back 00", "down")
	step("pending", "status")
	step("rolled back 00001_reference.sql", "reset")
	step("schema is now at version", "up")

	e, _, _ := testEnv(map[string]string{"DATABASE_URL": dsn}, "")
	if err := run(context.Background(), []string{"migrate", "sideways"}, e); err == nil {
		t.Error("unknown migrate verb accepted")
	}
}

func TestUserAdd(t *testing.T) {
	t.Parallel()
	dsn := dbtest.NewURL(t, true)
	vars := map[string]string{"DATABASE_URL": dsn}
	add := func(stdin string, args ...string) (string, error) {
		e, out, _ := testEnv(vars, stdin)
		err := run(context.Background(), append([]string{"user", "add"}, args...), e)
		return out.String(), err
	}
	args := []string{"--municipality", "ballerup", "--role", access.RoleAdmin, "--email", "anna@ballerup.example", "--name", "Anna Admin"}
	out, err := add("correct horse battery\n", args...)
	if err != nil || !strings.Contains(out, "created admin account") {
		t.Fatalf("add: %v %s", err, out)
	}
	if _, err := add("correct horse battery\n", args...); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("duplicate: %v", err)
	}
	cases := map[string]struct {
		stdin string
		args  []string
		want  string
	}{
		"short password":     {"short\n", []string{"--municipality", "ballerup", "--role", access.RoleStaff, "--email", "b@x.example", "--name", "B"}, "at least 12"},
		"unknown town":       {"long enough password\n", []string{"--municipality", "atlantis", "--role", access.RoleStaff, "--email", "c@x.example", "--name", "C"}, "no municipality"},
		"bad role":           {"long enough password\n", []string{"--municipality", "ballerup", "--role", "king", "--email", "d@x.example", "--name", "D"}, "role"},
		"bad e-mail":         {"long enough password\n", []string{"--municipality", "ballerup", "--role", access.RoleStaff, "--email", "nope", "--name", "E"}, "e-mail"},
		"no password":        {"", []string{"--municipality", "ballerup", "--role", access.RoleStaff, "--email", "f@x.example", "--name", "F"}, "standard input"},
		"password as a flag": {"", []string{"--password", "correct horse battery"}, "not defined"},
	}
	for name, c := range cases {
		if _, err := add(c.stdin, c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v (want %q)", name, err, c.want)
		}
	}
	pool, err := database.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var hash string
	var audits int
	if err := pool.QueryRow(context.Background(), `
SELECT password_hash, (SELECT count(*) FROM audit_log WHERE entity = 'account' AND entity_id = a.id AND action = 'create')
FROM account a WHERE email = 'anna@ballerup.example'`).Scan(&hash, &audits); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$") || strings.Contains(hash, "correct horse") {
		t.Errorf("stored hash %q", hash)
	}
	if audits != 1 {
		t.Errorf("%d audit entries for the new account", audits)
	}
}

// TestSetupLinkOnlyWithoutAccounts: the first-run link is issued while nobody can
// sign in, and never once an account exists.
func TestSetupLinkOnlyWithoutAccounts(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	link, until, err := issueSetupLink(ctx, pool, "https://portal.example.org")
	if err != nil || !strings.HasPrefix(link, "https://portal.example.org/setup?token=") || time.Until(until) < 59*time.Minute {
		t.Fatalf("without accounts: %q until %v, %v", link, until, err)
	}
	if _, err := account.NewStore(pool).Create(ctx, account.New{MunicipalitySlug: "berlin", Role: access.RoleAdmin,
		Email: "admin@berlin.example", Name: "Admin", Password: "a long enough password"}, nil); err != nil {
		t.Fatal(err)
	}
	if link, _, err := issueSetupLink(ctx, pool, "https://portal.example.org"); err != nil || link != "" {
		t.Errorf("with an account: %q, %v; want no link", link, err)
	}
}
