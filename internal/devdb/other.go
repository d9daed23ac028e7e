//go:build !unix

package devdb

import (
	"errors"
	"os/exec"
)

func asServerUser(*exec.Cmd) error { return nil }

func ownForServer(string) error { return nil }

func lock(string) (func(), error) {
	return nil, errors.New("the private PostgreSQL cluster needs a Unix system: set DATABASE_URL")
}
