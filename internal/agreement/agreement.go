// Package agreement is the agreement register: twin-town and cooperation
// agreements, declarations, conventions, memoranda and network memberships a
// municipality has signed, with their parties and the priorities they serve.
//
// Drafts are staff's work in progress and never leave this package through the
// public queries: only agreements in force, expired or terminated are listed.
package agreement

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"time"
)

// Agreement types.
const (
	TypeTwinTown          = "twin_town_agreement"
	TypeCooperation       = "cooperation_agreement"
	TypeDeclaration       = "declaration"
	TypeConvention        = "convention"
	TypeMemorandum        = "memorandum"
	TypeNetworkMembership = "network_membership"
)

// Types lists the agreement types in the order the register offers them.
var Types = []string{TypeTwinTown, TypeCooperation, TypeDeclaration, TypeConvention, TypeMemorandum, TypeNetworkMembership}

// Agreement statuses. A draft is never public.
const (
	StatusDraft      = "draft"
	StatusInForce    = "in_force"
	StatusExpired    = "expired"
	StatusTerminated = "terminated"
)

// PublicStatuses lists the statuses the public register shows and filters by.
var PublicStatuses = []string{StatusInForce, StatusExpired, StatusTerminated}

// Agreement is one entry of the register.
type Agreement struct {
	ID      int64
	Type    string
	Title   string
	Summary string
	// Status is the recorded status; see Effective for the one to show.
	Status     string
	SignedOn   *time.Time
	ValidFrom  *time.Time
	ValidUntil *time.Time
	// Parties are the names of the parties in the order the agreement names them.
	Parties    []string
	Priorities []Priority
	// PartnershipID and PartnershipCity link the partnership the agreement belongs
	// to, when it belongs to one of the same municipality.
	PartnershipID   *int64
	PartnershipCity string
	// Network is the name of the network the agreement belongs to, if any.
	Network string
	Source  string
	IsDemo  bool
}

// Priority is a policy priority an agreement serves, in its policy's language.
type Priority struct {
	Code     string
	Title    string
	Language string
}

// Effective returns the status to show on today: an agreement recorded as in
// force whose validity ended before today is expired, whatever the record says.
func (a Agreement) Effective(today time.Time) string {
	if a.Status == StatusInForce && a.ValidUntil != nil && a.ValidUntil.Before(dayOf(today)) {
		return StatusExpired
	}
	return a.Status
}

// Expired reports whether the agreement is expired on today: recorded so, or in
// force with its validity ended.
func (a Agreement) Expired(today time.Time) bool { return a.Effective(today) == StatusExpired }

// dayOf is the calendar day of t, as the date columns are read.
func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Filter selects agreements of the register; zero values select everything.
type Filter struct {
	Type   string // one of Types
	Status string // one of PublicStatuses, in the Effective sense
}

// Errors of ParseFilter, one per field, so that the page can say what was wrong.
var (
	ErrUnknownType   = errors.New("unknown agreement type")
	ErrUnknownStatus = errors.New("unknown agreement status")
)

// ParseFilter reads a Filter from the query parameters type and status; other
// parameters are ignored. An empty value means "all".
func ParseFilter(q url.Values) (Filter, error) {
	f := Filter{Type: q.Get("type"), Status: q.Get("status")}
	if f.Type != "" && !slices.Contains(Types, f.Type) {
		return f, fmt.Errorf("%w %q", ErrUnknownType, f.Type)
	}
	if f.Status != "" && !slices.Contains(PublicStatuses, f.Status) {
		return f, fmt.Errorf("%w %q", ErrUnknownStatus, f.Status)
	}
	return f, nil
}

// Query returns the filter as URL query parameters, empty values left out.
func (f Filter) Query() url.Values {
	q := url.Values{}
	if f.Type != "" {
		q.Set("type", f.Type)
	}
	if f.Status != "" {
		q.Set("status", f.Status)
	}
	return q
}

// IsZero reports whether the filter selects everything.
func (f Filter) IsZero() bool { return f == Filter{} }
