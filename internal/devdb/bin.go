package devdb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
)

// MinMajor is the oldest PostgreSQL the portal runs on.
const MinMajor = 15

// ErrNoBinaries reports that no usable initdb and pg_ctl were found.
var ErrNoBinaries = errors.New("PostgreSQL server programs not found")

// Bin is a folder holding PostgreSQL's server programs, and their major version.
type Bin struct {
	Dir     string
	Version string // major version, e.g. "15"
}

// Path is the full name of the program in the folder.
func (b Bin) Path(program string) string { return filepath.Join(b.Dir, program) }

// CandidateBinDirs lists where PostgreSQL's server programs live: PG_BINDIR when
// set, the PATH (Homebrew, most Unix packages), Debian and Ubuntu's versioned
// folders, the PGDG RPMs' and Homebrew's keg-only formulae.
func CandidateBinDirs() []string {
	var dirs []string
	if d := os.Getenv("PG_BINDIR"); d != "" {
		dirs = append(dirs, d)
	}
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dirs = append(dirs, filepath.Dir(p))
	}
	for _, g := range []string{"/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/opt/homebrew/opt/postgresql@*/bin",
		"/usr/local/opt/postgresql@*/bin", "/usr/local/pgsql/bin"} {
		m, _ := filepath.Glob(g)
		dirs = append(dirs, m...)
	}
	return dirs
}

var versionRE = regexp.MustCompile(`\(PostgreSQL\) (\d+)`)

// FindBin returns the folder with initdb and pg_ctl of the newest version at least
// MinMajor, or of exactly want when want is not empty (an existing cluster's).
func FindBin(ctx context.Context, dirs []string, want string) (Bin, error) {
	var found []Bin
	seen := map[string]bool{}
	for _, d := range dirs {
		if seen[d] {
			continue
		}
		seen[d] = true
		if !executable(filepath.Join(d, "initdb")) || !executable(filepath.Join(d, "pg_ctl")) {
			continue
		}
		out, err := exec.CommandContext(ctx, filepath.Join(d, "pg_ctl"), "--version").Output()
		if err != nil {
			continue
		}
		m := versionRE.FindSubmatch(out)
		if m == nil {
			continue
		}
		major, _ := strconv.Atoi(string(m[1]))
		if want != "" && string(m[1]) != want || want == "" && major < MinMajor {
			continue
		}
		found = append(found, Bin{Dir: d, Version: string(m[1])})
	}
	if len(found) == 0 {
		if want != "" {
			return Bin{}, fmt.Errorf("PostgreSQL %s: %w", want, ErrNoBinaries)
		}
		return Bin{}, ErrNoBinaries
	}
	sort.SliceStable(found, func(i, j int) bool {
		a, _ := strconv.Atoi(found[i].Version)
		b, _ := strconv.Atoi(found[j].Version)
		return a > b
	})
	return found[0], nil
}

func executable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}
