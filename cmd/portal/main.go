// Command portal serves the portal for municipal international affairs and manages
// its database and accounts.
//
//	portal [serve]                  serve the portal (default)
//	portal migrate up|down|status|reset
//	portal user add --municipality SLUG --role ROLE --email E --name N
//	portal operator add --email E --name N
//	portal municipality add --name N --slug S --code ABC --country CC … --admin-email E
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "portal:", err)
		}
		os.Exit(1)
	}
}

// env is the process's surroundings, passed in so tests can run commands in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

const usage = `Usage: portal <command> [flags]

Commands:
  serve     serve the portal (the default)
  migrate   up | down | status | reset: apply or roll back the database migrations
  user add  create a sign-in account (the password is read from standard input)
  operator add       create a platform operator (password from standard input)
  municipality add   add a municipality and its first administrator (see -h)
  demo      load (--trips N [--seed S]) or remove (--remove) fictional demo data

Run "portal <command> -h" for a command's flags.
`

func run(ctx context.Context, args []string, e env) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serveCmd(ctx, args, e)
	case "migrate":
		return migrateCmd(ctx, args, e)
	case "user":
		return userCmd(ctx, args, e)
	case "demo":
		return demoCmd(ctx, args, e)
	case "municipality":
		return municipalityCmd(ctx, args, e)
	case "operator":
		return operatorCmd(ctx, args, e)
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, usage)
		return nil
	default:
		fmt.Fprint(e.stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
}
