// Command devdb finds the PostgreSQL server `make run` and `make test` use on a
// developer's machine, starting the project's own cluster when there is no other.
//
//	devdb url    print the database URL to use (messages go to standard error)
//	devdb stop   stop the project's own cluster, if it runs
//	devdb status say whether it runs, and where
//
// DATABASE_URL, when set, is used as given. Otherwise the server at
// DEFAULT_DATABASE_URL (postgres://postgres@127.0.0.1:5432/portal) is used when
// something answers there, else the cluster in PORTAL_DATA_DIR (.data/postgres).
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/municipal-intl/portal/internal/devdb"
)

const defaultURL = "postgres://postgres@127.0.0.1:5432/portal?sslmode=disable"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "devdb:", err)
		os.Exit(1)
	}
}

func getenv(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func run(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return errors.New("usage: devdb url|stop|status")
	}
	dir, err := filepath.Abs(getenv("PORTAL_DATA_DIR", filepath.Join(".data", "postgres")))
	if err != nil {
		return err
	}
	o := devdb.Options{
		Explicit:   os.Getenv("DATABASE_URL"),
		DefaultURL: getenv("DEFAULT_DATABASE_URL", defaultURL),
		Dir:        dir,
		Database:   "portal",
		Log:        os.Stderr,
		Install:    devdb.AptInstall,
		Hint:       devdb.Hint(),
	}
	switch args[0] {
	case "url":
		u, err := devdb.Resolve(ctx, o)
		if err != nil {
			return err
		}
		fmt.Println(u)
		return nil
	case "stop", "status":
		c := &devdb.Cluster{Dir: dir, Log: os.Stderr}
		if !c.Initialized() {
			fmt.Fprintf(os.Stderr, "devdb: the project has no PostgreSQL cluster of its own (%s)\n", dir)
			return nil
		}
		if c.Bin, err = devdb.FindBin(ctx, devdb.CandidateBinDirs(), version(dir)); err != nil {
			return fmt.Errorf("the cluster in %s: %w", dir, err)
		}
		if args[0] == "status" {
			if port, ok := c.Running(ctx); ok {
				fmt.Fprintf(os.Stderr, "devdb: the project's own PostgreSQL runs on 127.0.0.1:%d (data in %s)\n", port, dir)
			} else {
				fmt.Fprintf(os.Stderr, "devdb: the project's own PostgreSQL (%s) is not running\n", dir)
			}
			return nil
		}
		stopped, err := c.Stop(ctx)
		if err != nil {
			return err
		}
		if stopped {
			fmt.Fprintf(os.Stderr, "devdb: stopped the project's own PostgreSQL (data kept in %s)\n", dir)
		} else {
			fmt.Fprintf(os.Stderr, "devdb: the project's own PostgreSQL (%s) is not running\n", dir)
		}
		return nil
	}
	return fmt.Errorf("unknown command %q: usage: devdb url|stop|status", args[0])
}

func version(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "PG_VERSION"))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
