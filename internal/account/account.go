// Package account is the people who sign in: staff, politicians and administrators,
// each belonging to one municipality.
package account

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/database"
)

var (
	// ErrDuplicate reports that an account with the e-mail address exists.
	ErrDuplicate = errors.New("an account with this e-mail address exists already")
	// ErrUnknownMunicipality reports a municipality slug that is not in the portal.
	ErrUnknownMunicipality = errors.New("no municipality has this slug")
)

// New is what it takes to create an account.
type New struct {
	MunicipalitySlug string
	Role             string
	Email            string
	Name             string
	Password         string
	// MustChangePassword: someone else chose the password (an administrator
	// creating the account); its owner must replace it at the first sign-in.
	MustChangePassword bool
}

// FieldErrors maps a field name to what is wrong with it.
type FieldErrors map[string]string

func (f FieldErrors) Error() string {
	var parts []string
	for _, k := range []string{"municipality", "role", "email", "name", "password"} {
		if msg, ok := f[k]; ok {
			parts = append(parts, k+": "+msg)
		}
	}
	return strings.Join(parts, "; ")
}

// Validate checks the fields of n and returns FieldErrors when any is wrong.
func (n *New) Validate() error {
	errs := FieldErrors{}
	n.Email = strings.TrimSpace(n.Email)
	n.Name = strings.TrimSpace(n.Name)
	operator := n.Role == access.RoleOperator
	if n.MunicipalitySlug == "" && !operator {
		errs["municipality"] = "is required"
	}
	if n.MunicipalitySlug != "" && operator {
		errs["municipality"] = "an operator belongs to no municipality"
	}
	if !access.ValidRole(n.Role) && !operator {
		errs["role"] = "must be staff, politician or admin"
	}
	if a, err := mail.ParseAddress(n.Email); err != nil || a.Address != n.Email {
		errs["email"] = "is not an e-mail address"
	}
	if n.Name == "" {
		errs["name"] = "is required"
	}
	if err := CheckStrength(n.Password, n.Email, n.Name, n.MunicipalitySlug); err != nil {
		errs["password"] = err.Error()
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Account is a person who can sign in.
type Account struct {
	ID             int64
	MunicipalityID int64
	Email          string
	Name           string
	Role           string
	Active         bool
}

// Store keeps accounts in PostgreSQL.
type Store struct{ pool *pgxpool.Pool }

// NewStore returns a Store on pool.
func NewStore(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

// Create validates n, hashes its password and stores the account with an audit entry.
// actorID is the account that creates it, or nil from the command line.
func (s *Store) Create(ctx context.Context, n New, actorID *int64) (Account, error) {
	var a Account
	err := database.Transact(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		a, err = CreateIn(ctx, tx, n, actorID)
		return err
	})
	return a, err
}

// CreateIn is Create inside tx, for a larger change (a new municipality and its
// first administrator are one transaction).
func CreateIn(ctx context.Context, tx pgx.Tx, n New, actorID *int64) (Account, error) {
	if err := n.Validate(); err != nil {
		return Account{}, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return Account{}, err
	}
	a := Account{Email: n.Email, Name: n.Name, Role: n.Role, Active: true}
	var municipalityID *int64
	err = database.InTx(ctx, tx, func(tx pgx.Tx) error {
		if n.Role != access.RoleOperator {
			err := tx.QueryRow(ctx, `SELECT id FROM municipality WHERE slug = $1`, n.MunicipalitySlug).Scan(&a.MunicipalityID)
			if errors.Is(err, pgx.ErrNoRows) {
				return ErrUnknownMunicipality
			}
			if err != nil {
				return err
			}
			municipalityID = &a.MunicipalityID
		}
		err = tx.QueryRow(ctx, `
INSERT INTO account (municipality_id, email, name, role, password_hash, must_change_password)
VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, municipalityID, a.Email, a.Name, a.Role, hash, n.MustChangePassword).Scan(&a.ID)
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "23505" {
			return ErrDuplicate
		}
		if err != nil {
			return err
		}
		changes, _ := json.Marshal(map[string]any{
			"email": map[string]any{"old": nil, "new": a.Email},
			"name":  map[string]any{"old": nil, "new": a.Name},
			"role":  map[string]any{"old": nil, "new": a.Role},
		})
		_, err = tx.Exec(ctx, `
INSERT INTO audit_log (account_id, municipality_id, entity, entity_id, action, changes)
VALUES ($1, $2, 'account', $3, 'create', $4)`, actorID, municipalityID, a.ID, changes)
		return err
	})
	if err != nil {
		return Account{}, fmt.Errorf("create account %s: %w", n.Email, err)
	}
	return a, nil
}
