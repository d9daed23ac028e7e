package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/demo"
)

// demoCmd loads fictional demo data (portal demo --trips N [--seed S]) or removes
// it again (portal demo --remove).
func demoCmd(ctx context.Context, args []string, e env) error {
	var c config
	fs := newFlagSet("demo", e, &c, false)
	trips := fs.Int("trips", 0, fmt.Sprintf("load this many demo trips, spread over the municipalities (at most %d)", demo.MaxTrips))
	seed := fs.Int64("seed", 1, "random seed: the same seed gives the same data")
	remove := fs.Bool("remove", false, "remove all demo data instead of loading it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q: usage: portal demo --trips N [--seed S] | portal demo --remove", fs.Arg(0))
	}
	load := false
	fs.Visit(func(f *flag.Flag) { load = load || f.Name == "trips" })
	if *remove == load {
		return errors.New("usage: portal demo --trips N [--seed S] to load, or portal demo --remove")
	}
	pool, err := database.Open(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()

	began := time.Now()
	if *remove {
		sum, err := demo.Remove(ctx, pool)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "removed %d demo rows in %s:\n", sum.Total(), time.Since(began).Round(time.Millisecond))
		sum.Fprint(e.stdout)
		return nil
	}
	sum, err := demo.Load(ctx, pool, demo.Options{Trips: *trips, Seed: *seed})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "loaded %d demo rows (seed %d) in %s:\n", sum.Total(), *seed, time.Since(began).Round(time.Millisecond))
	sum.Fprint(e.stdout)
	return nil
}
