package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/database"
)

func userCmd(ctx context.Context, args []string, e env) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: portal user add --municipality SLUG --role staff|politician|admin --email E --name N (password from standard input)")
	}
	var c config
	var n account.New
	fs := newFlagSet("user add", e, &c, false)
	fs.StringVar(&n.MunicipalitySlug, "municipality", "", "slug of the municipality the person belongs to, e.g. ballerup")
	fs.StringVar(&n.Role, "role", "", "staff, politician or admin")
	fs.StringVar(&n.Email, "email", "", "e-mail address used to sign in")
	fs.StringVar(&n.Name, "name", "", "the person's full name")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	pw, err := readPassword(e)
	if err != nil {
		return err
	}
	n.Password = pw
	if err := n.Validate(); err != nil {
		return fmt.Errorf("cannot create the account: %w", err)
	}
	pool, err := database.Open(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	a, err := account.NewStore(pool).Create(ctx, n, nil)
	switch {
	case errors.Is(err, account.ErrUnknownMunicipality):
		return fmt.Errorf("no municipality has the slug %q (the operator's list at /staff/municipalities has them all)", n.MunicipalitySlug)
	case errors.Is(err, account.ErrDuplicate):
		return fmt.Errorf("an account for %s exists already", n.Email)
	case err != nil:
		return err
	}
	fmt.Fprintf(e.stdout, "created %s account %d for %s <%s> in %s\n", a.Role, a.ID, a.Name, a.Email, n.MunicipalitySlug)
	return nil
}

// readPassword prompts twice without echo on a terminal, or reads the first line of
// standard input otherwise; a password is never taken from a flag, where it would
// show in the process list and the shell history.
func readPassword(e env) (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintf(e.stderr, "Password (at least %d characters): ", account.MinPasswordLength)
		p1, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		fmt.Fprint(e.stderr, "Repeat the password: ")
		p2, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if string(p1) != string(p2) {
			return "", errors.New("the two passwords differ")
		}
		return string(p1), nil
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("no password on standard input: pipe it in, e.g. printf '%s\\n' \"$PASSWORD\" | portal user add …")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
