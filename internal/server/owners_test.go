package server_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/server"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestEveryWorkspaceRouteHasAnOwner walks the real router: every route under
// /staff must be in exactly one of servertest.Areas, and the package named for
// each area must check its matrix's coverage, so that a workspace route added
// without a row in some authorization matrix fails the tests.
func TestEveryWorkspaceRouteHasAnOwner(t *testing.T) {
	t.Parallel()
	// The routes are built, never served: no database needed.
	_, mux, err := server.NewWithRouter(server.Config{
		Log:       slog.New(slog.NewTextHandler(io.Discard, nil)),
		Catalogue: i18n.MustLoad(),
		Sessions:  sessions.NewCookieStore(securecookie.GenerateRandomKey(32)),
	})
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	workspace := 0
	for _, e := range servertest.Endpoints(mux) {
		if !servertest.InArea("/staff/*", e.Pattern) {
			continue
		}
		workspace++
		var owners []string
		for _, a := range servertest.Areas {
			for _, p := range a.Patterns {
				if servertest.InArea(p, e.Pattern) {
					owners = append(owners, a.Package)
					used[p] = true
				}
			}
		}
		switch len(owners) {
		case 0:
			t.Errorf("%s is in none of servertest.Areas: add it to the area of the package whose authorization matrix covers it", e)
		case 1:
		default:
			t.Errorf("%s is in the areas of %v: each route has one matrix", e, owners)
		}
	}
	if workspace < 50 {
		t.Fatalf("only %d workspace routes found: is the router walked?", workspace)
	}
	for _, a := range servertest.Areas {
		for _, p := range a.Patterns {
			if !used[p] {
				t.Errorf("area %s of %s holds no route: remove it", p, a.Package)
			}
		}
		if !checksCoverage(t, a.Package) {
			t.Errorf("no test of internal/%s calls servertest.CheckCoverage(…, %q)", a.Package, a.Package)
		}
	}
}

// checksCoverage reports whether a test file of internal/pkg calls
// servertest.CheckCoverage for pkg.
func checksCoverage(t *testing.T, pkg string) bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", pkg, "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, name := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "CheckCoverage" {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "servertest" {
				return true
			}
			if lit, ok := call.Args[len(call.Args)-1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, err := strconv.Unquote(lit.Value)
				found = found || (err == nil && s == pkg)
			}
			return true
		})
	}
	return found
}
