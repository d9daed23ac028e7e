package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/municipal-intl/portal/internal/database"
)

func migrateCmd(ctx context.Context, args []string, e env) error {
	var c config
	fs := newFlagSet("migrate", e, &c, false)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: portal migrate up|down|status|reset [flags]\n\n"+
			"  up      create the database if missing and apply every pending migration\n"+
			"  down    roll back the newest migration\n"+
			"  status  list the migrations and whether each is applied\n"+
			"  reset   roll back every migration (drops all data)\n\nFlags:")
		fs.PrintDefaults()
	}
	if len(args) == 0 {
		fs.Usage()
		return errors.New("migrate needs one of up, down, status, reset")
	}
	verb, rest := args[0], args[1:]
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if verb == "up" {
		return migrateUp(ctx, c.DatabaseURL, e)
	}
	pool, err := database.Open(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	m, err := database.NewMigrator(pool)
	if err != nil {
		return err
	}
	defer m.Close()
	switch verb {
	case "down":
		res, err := m.Down(ctx)
		if err != nil {
			return err
		}
		if res == nil {
			fmt.Fprintln(e.stdout, "nothing to roll back")
			return nil
		}
		fmt.Fprintf(e.stdout, "rolled back %s\n", res.Source.Path)
	case "reset":
		res, err := m.Reset(ctx)
		database.LogResults(e.stdout, "rolled back", res)
		if err != nil {
			return err
		}
	case "status":
		st, err := m.Status(ctx)
		if err != nil {
			return err
		}
		for _, s := range st {
			applied := "pending"
			if s.State == "applied" {
				applied = "applied " + s.AppliedAt.Format("2006-01-02 15:04")
			}
			fmt.Fprintf(e.stdout, "%-45s %s\n", s.Source.Path, applied)
		}
	default:
		fs.Usage()
		return fmt.Errorf("unknown migrate command %q", verb)
	}
	return nil
}

// migrateUp creates the database if it is missing and applies every pending migration.
func migrateUp(ctx context.Context, dsn string, e env) error {
	created, err := database.CreateIfMissing(ctx, dsn)
	if err != nil {
		return err
	}
	if created {
		fmt.Fprintf(e.stdout, "created database %s\n", database.MaskURL(dsn))
	}
	pool, err := database.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer pool.Close()
	m, err := database.NewMigrator(pool)
	if err != nil {
		return err
	}
	defer m.Close()
	res, err := m.Up(ctx)
	database.LogResults(e.stdout, "applied", res)
	if err != nil {
		return err
	}
	cur, _, err := m.Versions(ctx)
	if err != nil {
		return err
	}
	if len(res) == 0 {
		fmt.Fprintf(e.stdout, "schema is current (version %d)\n", cur)
	} else {
		fmt.Fprintf(e.stdout, "schema is now at version %d\n", cur)
	}
	return nil
}
