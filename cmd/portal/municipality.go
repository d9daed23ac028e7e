package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/municipality"
)

// municipalityCmd adds a municipality with its first administrator, as the
// platform operator's form does (the administrator's first password is read
// from standard input; they choose their own at their first sign-in).
func municipalityCmd(ctx context.Context, args []string, e env) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: portal municipality add --name N --name-en N --slug S --code ABC --country DK --currency DKK --languages da --admin-name N --admin-email E [more flags] (the administrator's first password from standard input)")
	}
	var c config
	fs := newFlagSet("municipality add", e, &c, false)
	values := map[string]*string{}
	for _, f := range municipality.Fields {
		if f == "admin_password" {
			continue
		}
		values[f] = fs.String(strings.ReplaceAll(f, "_", "-"), "", flagHelp[f])
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	pw, err := readPassword(e)
	if err != nil {
		return err
	}
	n := municipality.FromValues(func(k string) string {
		if k == "admin_password" {
			return pw
		}
		return *values[k]
	})
	pool, err := database.Open(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	m, err := municipality.NewStore(pool).Create(ctx, n, nil)
	var invalid *municipality.Invalid
	if errors.As(err, &invalid) {
		l := i18n.MustLoad().Localizer("en")
		var lines []string
		for _, fe := range invalid.Errors {
			args := fe.Args
			if fe.Key == municipality.KeyAdminPassword {
				args = []any{account.MinPasswordLength}
			}
			lines = append(lines, "--"+strings.ReplaceAll(fe.Field, "_", "-")+": "+l.T(fe.Key, args...))
		}
		return fmt.Errorf("cannot add the municipality:\n  %s", strings.Join(lines, "\n  "))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added municipality %s (%s, /m/%s) with its administrator <%s>, who chooses a new password at the first sign-in\n",
		m.Name, m.Code, m.Slug, n.AdminEmail)
	return nil
}

var flagHelp = map[string]string{
	"name": "name in its own language, e.g. \"Aarhus Kommune\"", "name_en": "name in English, e.g. Aarhus",
	"slug": "address name: /m/SLUG", "code": "three capital letters that begin its trip references, e.g. AAR",
	"country": "ISO country code, e.g. DK", "region": "state or region where it sets the election periods, e.g. BW",
	"currency": "ISO currency code, e.g. DKK", "languages": "language codes, main one first, e.g. da",
	"population": "inhabitants", "population_year": "year of the population figure",
	"latitude": "of its town hall, decimal degrees", "longitude": "of its town hall, decimal degrees",
	"website": "https://…", "election_body": "council, when the portal knows no election period of its country yet",
	"election_starts": "first day of that period (YYYY-MM-DD)", "election_ends": "last day of that period (YYYY-MM-DD)",
	"admin_name": "the first administrator's name", "admin_email": "the first administrator's e-mail address",
}

// operatorCmd creates a platform operator account, as user add does for a
// municipality's account.
func operatorCmd(ctx context.Context, args []string, e env) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: portal operator add --email E --name N (password from standard input)")
	}
	var c config
	n := account.New{Role: access.RoleOperator}
	fs := newFlagSet("operator add", e, &c, false)
	fs.StringVar(&n.Email, "email", "", "e-mail address used to sign in")
	fs.StringVar(&n.Name, "name", "", "the operator's full name")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	pw, err := readPassword(e)
	if err != nil {
		return err
	}
	n.Password = pw
	if err := n.Validate(); err != nil {
		return fmt.Errorf("cannot create the operator: %w", err)
	}
	pool, err := database.Open(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	a, err := account.NewStore(pool).Create(ctx, n, nil)
	if errors.Is(err, account.ErrDuplicate) {
		return fmt.Errorf("an account for %s exists already", n.Email)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created platform operator %d for %s <%s>\n", a.ID, a.Name, a.Email)
	return nil
}
