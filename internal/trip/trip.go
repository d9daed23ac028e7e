// Package trip is the trips politicians and staff make abroad: their lifecycle,
// destinations, travellers, programme, costs, report and CO2e estimate, and the
// published register citizens read.
package trip

import (
	"errors"
	"time"

	"github.com/municipal-intl/portal/internal/access"
)

var (
	// ErrNotFound reports a trip that does not exist, is archived or is not
	// visible to the asker (a trip of another municipality).
	ErrNotFound = errors.New("trip not found")
	// ErrConflict reports a trip (or its report) changed since the form was opened.
	ErrConflict = errors.New("trip changed meanwhile")
	// ErrLocked reports a change the trip's status does not allow.
	ErrLocked = errors.New("trip not editable in its status")
)

// Lifecycle statuses, in the order a trip passes through them. Statuses lists
// them; the lifecycle (lifecycle.go) says how a trip moves between them.
const (
	StatusDraft           = "draft"
	StatusSubmitted       = "submitted"
	StatusReturned        = "returned"
	StatusApproved        = "approved"
	StatusCompleted       = "completed"
	StatusReportSubmitted = "report_submitted"
	StatusReportReturned  = "report_returned"
	StatusReportApproved  = "report_approved"
	StatusPublished       = "published"
)

// Statuses lists every trip status in lifecycle order.
var Statuses = []string{StatusDraft, StatusSubmitted, StatusReturned, StatusApproved, StatusCompleted,
	StatusReportSubmitted, StatusReportReturned, StatusReportApproved, StatusPublished}

// Kinds of traveller, as the schema allows them. An elected member travels as a
// politician and an employee as staff: the same words as the account roles of
// package access, and the policy's publication rules name them as such.
const (
	KindPolitician = access.RolePolitician
	KindStaff      = access.RoleStaff
	KindOther      = "other"
)

// Kinds lists every kind of traveller, in the order forms offer them.
var Kinds = []string{KindPolitician, KindStaff, KindOther}

// Cost categories, in the order they are shown.
var Categories = []string{"transport", "lodging", "meals", "per_diem", "fees", "other"}

// Summary is one row of the register.
type Summary struct {
	ID        int64
	Reference string
	// Title is the trip's short title, its heading; Purpose says why in a sentence or two.
	Title        string
	Purpose      string
	StartsOn     time.Time
	EndsOn       time.Time
	Organiser    string
	Destinations []Place  // in the trip's order
	Countries    []string // distinct ISO codes, sorted
	Travellers   string   // "Anna Lund, Per Berg"
	// TravellerNames are the travellers one by one, in the trip's order;
	// Travellers joins them.
	TravellerNames []string
	Currency       string
	MinorUnits     int
	PlannedMinor   int64
	ActualMinor    int64
	HasActual      bool
	// TotalMinor is the actual total once actual costs are in, else the planned one.
	TotalMinor  int64
	CO2eKg      *float64
	PublishedAt *time.Time
	IsDemo      bool
	// Municipality the trip belongs to (filled by cross-municipality queries).
	MunicipalitySlug string
	MunicipalityName string
	Language         string
}

// Place is one destination of a trip as the register names it: a city and the ISO
// 3166 alpha-2 code of its country, which pages show by name in the reader's language.
type Place struct {
	City    string
	Country string
}

// Trip is one trip in full, as its public page shows it.
type Trip struct {
	Summary
	Status      string
	Priorities  []Priority
	Partnership *PartnershipRef
	BudgetLine  *BudgetLineRef
	// Meeting is the twin-city meeting the trip is participation in, nil for none.
	Meeting          *MeetingRef
	Travellers       []Traveller
	Legs             []Leg
	Programme        []Day
	Costs            []CostLine
	Report           *Report
	Attachments      []Attachment
	SubmittedAt      *time.Time
	ApprovedAt       *time.Time
	CompletedAt      *time.Time
	ReportApprovedAt *time.Time
	// AuthorID is the account that created the trip (0 when unknown).
	AuthorID int64
}

// Priority is a policy priority the trip serves.
type Priority struct {
	ID    int64
	Code  string
	Title string
	// Lang is the language of the title: its policy's.
	Lang string
}

// PartnershipRef links the trip to a partnership.
type PartnershipRef struct {
	ID   int64
	City string
}

// MeetingRef is the twin-city meeting a trip is participation in.
type MeetingRef struct {
	ID   int64
	Year int
	Host string
}

// BudgetLineRef is the budget line the trip is charged to.
type BudgetLineRef struct {
	ID         int64
	Code       string
	Name       string
	FiscalYear int
}

// Traveller is a person on the trip, with their role.
type Traveller struct {
	Name string
	Role string
	Kind string // politician, staff, other
}

// Leg is the journey to one destination and back, with its CO2e estimate.
type Leg struct {
	City         string
	Country      string
	Mode         string
	ModeLabel    string
	Factor       *float64 // kg CO2e per unit
	Unit         string   // passenger_km or vehicle_km
	Units        int      // travellers, or cars for vehicle-km factors
	DistanceKm   *float64 // there and back
	CO2eKg       *float64
	FactorSource string
	FactorYear   int // 0 when no mode is chosen
}

// Day is the programme of one day.
type Day struct {
	Date  time.Time
	Items []ProgrammeItem
}

// ProgrammeItem is one entry of a day's programme.
type ProgrammeItem struct {
	Description string
	Location    string
}

// CostLine is the planned and actual amount of one cost category.
type CostLine struct {
	Category string
	// Description joins the descriptions staff gave the category's cost lines.
	Description  string
	PlannedMinor int64
	ActualMinor  int64
	HasActual    bool
}

// Report is the approved trip report.
type Report struct {
	Goal                string
	ProgrammeCarriedOut string
	Outcome             string
	FollowUp            string
}

// Attachment is a file attached to the trip or its report.
type Attachment struct {
	ID          int64
	Filename    string
	ContentType string
	SizeBytes   int64
}

// Heading is what names a trip: its title, or its purpose while it has none (a
// draft saved before titles existed).
func Heading(title, purpose string) string {
	if title != "" {
		return title
	}
	return purpose
}

// Heading is the summary's title, or its purpose while it has none.
func (s Summary) Heading() string { return Heading(s.Title, s.Purpose) }
