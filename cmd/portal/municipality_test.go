package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/server"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestOnboardingFromTheCommandLine: an operator and Aarhus with its first
// administrator and a staff member are created from the command line; a
// mistake is reported by flag with nothing saved; Aarhus then appears on the
// start page, its own page, /compare and the open data, and its
// administrator signs in and is sent to choose a password.
func TestOnboardingFromTheCommandLine(t *testing.T) {
	t.Parallel()
	dsn := dbtest.NewURL(t, true)
	vars := map[string]string{"DATABASE_URL": dsn}
	cmd := func(stdin string, args ...string) (string, error) {
		e, out, _ := testEnv(vars, stdin)
		err := run(context.Background(), args, e)
		return out.String(), err
	}
	if out, err := cmd(servertest.Password+"\n", "operator", "add", "--email", "ops@platform.example", "--name", "Olga Operator"); err != nil || !strings.Contains(out, "created platform operator") {
		t.Fatalf("operator add: %v %s", err, out)
	}
	aarhus := []string{"municipality", "add", "--name", "Aarhus Kommune", "--name-en", "Aarhus", "--slug", "aarhus", "--code", "AAR",
		"--country", "DK", "--currency", "DKK", "--languages", "da", "--population", "367095", "--population-year", "2025",
		"--latitude", "56.1567", "--longitude", "10.2108", "--website", "https://www.aarhus.dk",
		"--admin-name", "Mette Admin", "--admin-email", "mette@aarhus.example"}
	bad := append(append([]string{}, aarhus...), "--code", "BAL", "--currency", "XXX")
	if _, err := cmd(servertest.Password+"\n", bad...); err == nil || !strings.Contains(err.Error(), "--code: Another municipality has this reference code") ||
		!strings.Contains(err.Error(), "--currency:") {
		t.Fatalf("taken code and unknown currency: %v", err)
	}
	if out, err := cmd(servertest.Password+"\n", aarhus...); err != nil || !strings.Contains(out, "added municipality Aarhus Kommune (AAR, /m/aarhus)") {
		t.Fatalf("municipality add: %v %s", err, out)
	}
	if _, err := cmd(servertest.Password+"\n", aarhus...); err == nil || !strings.Contains(err.Error(), "--slug:") {
		t.Fatalf("added twice: %v", err)
	}
	if out, err := cmd(servertest.Password+"\n", "user", "add", "--municipality", "aarhus", "--role", access.RoleStaff, "--email", "sofie@aarhus.example", "--name", "Sofie Staff"); err != nil {
		t.Fatalf("user add: %v %s", err, out)
	}

	pool, err := database.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	store := sessions.NewCookieStore(securecookie.GenerateRandomKey(32), securecookie.GenerateRandomKey(32))
	h, err := server.New(server.Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Pool: pool,
		Catalogue: i18n.MustLoad(), Sessions: store, BaseURL: "https://portal.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c := servertest.Client(t)
	for path, want := range map[string]string{"/": "Aarhus", "/m/aarhus": "Aarhus Kommune", "/compare": "Aarhus",
		"/m/aarhus/trips.csv": "", "/search?q=Aarhus": "Aarhus"} {
		res, doc := servertest.Get(t, c, srv.URL+path, "en")
		if res.StatusCode != http.StatusOK || !strings.Contains(doc.Text(), want) {
			t.Errorf("%s: status %d, %q not found", path, res.StatusCode, want)
		}
	}
	servertest.SignIn(t, c, srv.URL, "mette@aarhus.example")
	if res, _ := servertest.Get(t, c, srv.URL+"/staff", "en"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/password" {
		t.Errorf("the first administrator's first sign-in: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	op := servertest.Client(t)
	servertest.SignIn(t, op, srv.URL, "ops@platform.example")
	if res, doc := servertest.Get(t, op, srv.URL+"/staff/municipalities", "en"); res.StatusCode != http.StatusOK || !strings.Contains(doc.Text(), "Aarhus Kommune") {
		t.Errorf("the operator's list: %d", res.StatusCode)
	}
}
