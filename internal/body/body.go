// Package body is the municipal bodies: the council, the finance committee, the
// standing committees, other committees and the departments, each a record of its
// municipality, with the politicians who belong to it. A budget line may be held
// by a body, and a committee's decision on a trip is recorded by one of its members.
//
// When a body is recorded whose kind the municipality's policy gives an annual
// allocation (rule allocation_per_body: Ballerup's "each standing committee 65,000
// kr. a year"), the body gets its own recurring budget line in the same transaction.
package body

import (
	"errors"
	"slices"
	"time"

	"github.com/municipal-intl/portal/internal/database"
)

// Kinds of body, as the schema allows them.
const (
	KindCouncil           = "council"
	KindFinanceCommittee  = "finance_committee"
	KindStandingCommittee = "standing_committee"
	KindCommittee         = "committee"
	KindDepartment        = "department"
)

// Kinds lists the kinds in the order forms and lists show them.
var Kinds = []string{KindCouncil, KindFinanceCommittee, KindStandingCommittee, KindCommittee, KindDepartment}

// ValidKind reports whether kind is one of Kinds.
func ValidKind(kind string) bool { return slices.Contains(Kinds, kind) }

// Political reports whether bodies of kind are made of elected members (their
// decisions are a committee's); departments are staff.
func Political(kind string) bool { return kind != KindDepartment }

// Sentinels.
var (
	ErrNotFound  = errors.New("body not found")
	ErrConflict  = errors.New("body changed meanwhile")
	ErrNameTaken = errors.New("body name taken")
)

// Body is one body of a municipality.
type Body struct {
	ID             int64
	MunicipalityID int64
	Kind           string
	Name           string
	Language       string
	SourceSentence string
	Version        int
	ArchivedAt     *time.Time
	// Members counts the accounts that belong to it.
	Members int
}

// Values are the body's fields as the audit log records them.
func (b Body) Values() map[string]any {
	return map[string]any{"kind": b.Kind, "name": b.Name, "language": b.Language}
}

// Member is an account that may belong to a body.
type Member struct {
	AccountID int64
	Name      string
	Email     string
	Role      string
	Member    bool
}

// Store holds all of the area's SQL.
type Store struct{ q database.Querier }

// NewStore returns a Store reading and writing through q.
func NewStore(q database.Querier) *Store { return &Store{q: q} }
