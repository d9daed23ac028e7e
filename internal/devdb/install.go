package devdb

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// OSRelease reads the ID and ID_LIKE of /etc/os-release ("" elsewhere).
func OSRelease(path string) (id, like string) {
	f, err := os.Open(path)
	if err != nil {
		return "", ""
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		k, v, ok := strings.Cut(s.Text(), "=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"'`)
		switch k {
		case "ID":
			id = v
		case "ID_LIKE":
			like = v
		}
	}
	return id, like
}

// InstallHint is the one command that installs PostgreSQL's server programs on
// the system goos with os-release id and id-like, run by a person who is root or not.
func InstallHint(goos, id, like string, root bool) string {
	sudo := "sudo "
	if root {
		sudo = ""
	}
	family := " " + id + " " + like + " "
	has := func(s string) bool { return strings.Contains(family, " "+s+" ") }
	switch {
	case goos == "darwin":
		return "brew install postgresql@17"
	case has("debian") || has("ubuntu"):
		return sudo + "apt-get install postgresql"
	case has("fedora") || has("rhel") || has("centos"):
		return sudo + "dnf install postgresql-server"
	case has("arch"):
		return sudo + "pacman -S postgresql"
	case has("alpine"):
		return sudo + "apk add postgresql"
	case has("suse") || has("opensuse"):
		return sudo + "zypper install postgresql-server"
	case goos == "freebsd":
		return sudo + "pkg install postgresql17-server"
	}
	return fmt.Sprintf("install PostgreSQL %d or newer from https://www.postgresql.org/download/", MinMajor)
}

// Hint is InstallHint for this machine.
func Hint() string {
	id, like := OSRelease("/etc/os-release")
	return InstallHint(runtime.GOOS, id, like, os.Geteuid() == 0)
}

// AptInstall installs the distribution's PostgreSQL with apt-get when we are root
// on Debian or Ubuntu, saying so first; elsewhere it does nothing and returns false.
func AptInstall(ctx context.Context, log io.Writer) (bool, error) {
	id, like := OSRelease("/etc/os-release")
	if os.Geteuid() != 0 || !strings.Contains(" "+id+" "+like+" ", " debian ") && !strings.Contains(" "+id+" "+like+" ", " ubuntu ") {
		return false, nil
	}
	if _, err := exec.LookPath("apt-get"); err != nil {
		return false, nil
	}
	fmt.Fprintln(log, "devdb: PostgreSQL's server programs are missing; installing them as root with: apt-get install postgresql")
	for _, args := range [][]string{{"update", "-qq"}, {"install", "-y", "-qq", "--no-install-recommends", "postgresql"}} {
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Run(); err != nil {
			return false, fmt.Errorf("apt-get %s: %w", strings.Join(args, " "), err)
		}
	}
	return true, nil
}
