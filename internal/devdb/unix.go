//go:build unix

package devdb

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"syscall"
)

// serverUser is the account the cluster runs as when devdb runs as root.
const serverUser = "postgres"

func serverIDs() (uid, gid int, err error) {
	u, err := user.Lookup(serverUser)
	if err != nil {
		return 0, 0, fmt.Errorf("PostgreSQL refuses to run as root, and there is no user %q to run it as: %w", serverUser, err)
	}
	uid, _ = strconv.Atoi(u.Uid)
	gid, _ = strconv.Atoi(u.Gid)
	return uid, gid, nil
}

// asServerUser makes cmd run as the "postgres" user when we are root.
func asServerUser(cmd *exec.Cmd) error {
	if os.Geteuid() != 0 {
		return nil
	}
	uid, gid, err := serverIDs()
	if err != nil {
		return err
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	cmd.Dir = "/"
	return nil
}

// ownForServer gives dir to the "postgres" user when we are root.
func ownForServer(dir string) error {
	if os.Geteuid() != 0 {
		return nil
	}
	uid, gid, err := serverIDs()
	if err != nil {
		return err
	}
	return os.Chown(dir, uid, gid)
}

// lock takes an exclusive lock on path, so two commands starting at once (make
// run in one terminal, make test in another) do not both start the server.
func lock(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}
