// Package shape_test checks the layout rules of docs/architecture.md, so that the
// shape of the code does not drift: SQL only in the areas' stores, role names only
// in the permissions table, the shared views free of any area, no oversized files.
package shape_test

import (
	"bufio"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// root is the repository, two levels above this package.
const root = "../.."

// sources lists the repository's hand-written Go and templ files under dirs.
func sources(t *testing.T, dirs ...string) []string {
	t.Helper()
	var out []string
	for _, d := range dirs {
		err := filepath.WalkDir(filepath.Join(root, d), func(p string, e os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() && (e.Name() == "node_modules" || strings.HasPrefix(e.Name(), ".")) {
				return filepath.SkipDir
			}
			if !e.IsDir() && (strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".templ")) && !strings.HasSuffix(p, "_templ.go") {
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func rel(p string) string { r, _ := filepath.Rel(root, p); return r }

var sqlRE = regexp.MustCompile(`\.(Query|QueryRow|Exec|SendBatch|CopyFrom|Begin)\([a-zA-Z]|\bpgx\.|\bSELECT\s|\bINSERT INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE FROM\b`)

// TestNoSQLInHandlers: the areas' web packages (and the shared views) run no SQL;
// every statement lives in an area's store.
func TestNoSQLInHandlers(t *testing.T) {
	for _, p := range sources(t, "internal", "templates") {
		dir := filepath.Base(filepath.Dir(p))
		if !(strings.HasSuffix(dir, "web") || dir == "templates") || strings.HasSuffix(p, "_test.go") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if sqlRE.MatchString(line) {
				t.Errorf("%s:%d runs SQL outside a store: %s", rel(p), i+1, strings.TrimSpace(line))
			}
		}
	}
}

var roleRE = regexp.MustCompile(`"(admin|politician|staff)"`)

// TestRoleNamesOnlyInThePermissionsTable: who may do what is decided in
// internal/access alone; everything else, tests included, names its constants.
func TestRoleNamesOnlyInThePermissionsTable(t *testing.T) {
	for _, p := range sources(t, "internal", "templates", "cmd") {
		r := rel(p)
		if strings.HasPrefix(r, "internal/access/") || strings.HasPrefix(r, "internal/shape/") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if roleRE.MatchString(line) {
				t.Errorf("%s:%d names a role outside internal/access: %s", r, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// TestFileSize: no hand-written file over 500 lines, outside the demo's data.
func TestFileSize(t *testing.T) {
	for _, p := range sources(t, "internal", "templates", "cmd") {
		r := rel(p)
		if strings.HasPrefix(r, "internal/demo/") {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for s := bufio.NewScanner(f); s.Scan(); {
			n++
		}
		f.Close()
		if n > 500 {
			t.Errorf("%s has %d lines (at most 500: split it by concern)", r, n)
		}
	}
}

// TestSharedViewsImportNoArea: templates/ (layout, error pages, form widgets) serves
// every area and so imports none; internal/web imports no area's handlers or views
// (it knows the signed-in account, not the pages).
func TestSharedViewsImportNoArea(t *testing.T) {
	const module = "github.com/municipal-intl/portal/"
	libraries := map[string]bool{}
	for _, lib := range []string{"access", "auth", "content", "database", "form", "geo", "i18n", "metrics", "money", "web"} {
		libraries[module+"internal/"+lib] = true
	}
	check := func(dir string, allowed func(path string) bool) {
		files, err := filepath.Glob(filepath.Join(root, dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if strings.HasPrefix(path, module) && !allowed(path) {
					t.Errorf("%s imports %s", rel(name), path)
				}
			}
		}
	}
	check("templates", func(path string) bool { return libraries[path] })
	check("internal/web", func(path string) bool {
		area := strings.HasPrefix(path, module+"internal/") && strings.HasSuffix(path, "web")
		return !area || path == module+"internal/web"
	})
}
