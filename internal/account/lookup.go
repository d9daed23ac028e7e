package account

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/access"
)

// ErrNotFound reports an account that does not exist.
var ErrNotFound = errors.New("account not found")

// Person is a signed-in account with its municipality, as the workspace needs it.
type Person struct {
	Account
	MunicipalitySlug string
	MunicipalityName string
	Country          string
	Currency         string
	MinorUnits       int
	// Archived: the municipality is archived; its records are read-only.
	Archived bool
	// MustChangePassword: someone else chose the password; the workspace opens
	// only the change-password page until its owner chooses a new one.
	MustChangePassword bool
	// ContentLang is the primary language of the municipality's content ("" for
	// the operator), not the person's own (notify's setting).
	ContentLang string
}

// Actor is the person as the permissions table knows them.
func (p *Person) Actor() access.Actor {
	return access.Actor{ID: p.ID, MunicipalityID: p.MunicipalityID, Role: p.Role, Archived: p.Archived}
}

// Can reports whether the person may take action (on no particular record);
// in an archived municipality only reading is left.
func (p *Person) Can(action access.Action) bool {
	return p != nil && access.Check(p.Actor(), action, access.Resource{}) == nil
}

// The platform operator has no municipality: its fields read as zero values.
const personColumns = `
SELECT a.id, coalesce(a.municipality_id, 0), a.email, a.name, a.role, a.active, coalesce(m.slug, ''),
       coalesce(m.name, ''), coalesce(m.country, ''), coalesce(m.currency, ''), coalesce(c.minor_units, 2),
       m.archived_at IS NOT NULL, a.must_change_password, coalesce(m.languages[1], '')`

const personFrom = `
FROM account a LEFT JOIN municipality m ON m.id = a.municipality_id LEFT JOIN currency c ON c.code = m.currency`

const selectPerson = personColumns + personFrom

func scanPerson(row pgx.Row, extra ...any) (Person, error) {
	var p Person
	err := row.Scan(append([]any{&p.ID, &p.MunicipalityID, &p.Email, &p.Name, &p.Role, &p.Active,
		&p.MunicipalitySlug, &p.MunicipalityName, &p.Country, &p.Currency, &p.MinorUnits, &p.Archived, &p.MustChangePassword, &p.ContentLang}, extra...)...)
	return p, err
}

// Get returns the account with id, or ErrNotFound.
func (s *Store) Get(ctx context.Context, id int64) (Person, error) {
	p, err := scanPerson(s.pool.QueryRow(ctx, selectPerson+` WHERE a.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return Person{}, fmt.Errorf("account %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Person{}, fmt.Errorf("get account %d: %w", id, err)
	}
	return p, nil
}

// ForSignIn returns the account with email and its password hash, or ErrNotFound.
func (s *Store) ForSignIn(ctx context.Context, email string) (Person, string, error) {
	var hash string
	p, err := scanPerson(s.pool.QueryRow(ctx, personColumns+`, a.password_hash`+personFrom+`
WHERE lower(a.email) = lower($1)`, strings.TrimSpace(email)), &hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return Person{}, "", fmt.Errorf("account %s: %w", email, ErrNotFound)
	}
	if err != nil {
		return Person{}, "", fmt.Errorf("look up account %s: %w", email, err)
	}
	return p, hash, nil
}
