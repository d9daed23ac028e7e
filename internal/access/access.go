// Package access is the one permissions table of the portal: which role may take
// which action, and on which records (their own municipality's; for a decision
// on a trip, not their own trip and not one they travel on).
//
// Route guards, the workspace navigation, the buttons in views, the trip
// lifecycle, the dashboard and the authorization tests all ask this table; no
// other package compares role names.
package access

import (
	"errors"
	"slices"
)

// Roles a person can have in their municipality.
const (
	RoleStaff      = "staff"
	RolePolitician = "politician"
	RoleAdmin      = "admin"
	// RoleOperator runs the platform: adds, archives and removes municipalities
	// and creates their first administrator. An operator belongs to no
	// municipality and sees none of their records.
	RoleOperator = "operator"
)

// Roles lists every role of a municipality, in the order forms offer them.
var Roles = []string{RoleStaff, RolePolitician, RoleAdmin}

// ValidRole reports whether role is one of the roles of a municipality (the
// operator's is not one).
func ValidRole(role string) bool { return slices.Contains(Roles, role) }

// RoleKey is the message catalogue key of a role's name; an unknown role reads
// as staff, the role with the fewest rights to show.
func RoleKey(role string) string {
	switch role {
	case RoleAdmin:
		return "auth.role.admin"
	case RolePolitician:
		return "auth.role.politician"
	case RoleOperator:
		return "auth.role.operator"
	}
	return "auth.role.staff"
}

// Action is something a signed-in person may or may not do.
type Action string

// Actions of the workspace, by area.
const (
	// Workspace: the dashboard and one's own password and sessions.
	WorkspaceView  Action = "workspace.view"
	PasswordChange Action = "password.change"
	// NotificationsEdit: one's own e-mail notifications (on or off, language).
	NotificationsEdit Action = "notifications.edit"

	// Trips: read (list, page, attachments) and plan (create, edit, write the
	// report, archive a trip never approved).
	TripView Action = "trip.view"
	TripEdit Action = "trip.edit"
	// Lifecycle moves of the trip's author side.
	TripSubmit       Action = "trip.submit"
	TripComplete     Action = "trip.complete"
	TripSubmitReport Action = "trip.submit_report"
	// Review: the queue and review page, and the decisions on a plan and on a
	// report. Decisions carry the conflict-of-interest conditions (see Check).
	ReviewView        Action = "review.view"
	TripReturn        Action = "trip.return"
	TripApprove       Action = "trip.approve"
	TripReturnReport  Action = "trip.return_report"
	TripApproveReport Action = "trip.approve_report"
	PartnershipView   Action = "partnership.view"
	PartnershipEdit   Action = "partnership.edit"
	NetworkView       Action = "network.view"
	NetworkEdit       Action = "network.edit"
	ProjectView       Action = "project.view"
	ProjectEdit       Action = "project.edit"
	AgreementView     Action = "agreement.view"
	AgreementEdit     Action = "agreement.edit"
	MeetingView       Action = "meeting.view"
	MeetingEdit       Action = "meeting.edit"
	PolicyEdit        Action = "policy.edit"
	PriorityEdit      Action = "priority.edit"
	RuleEdit          Action = "rule.edit"
	BudgetLineEdit    Action = "budget_line.edit"
	// BodyEdit: record the municipality's bodies and who belongs to them.
	BodyEdit           Action = "body.edit"
	AccountManage      Action = "account.manage"
	AccountSessionsEnd Action = "account.sessions_end"
	AuditView          Action = "audit.view"
	// SetupView is the first-run hint on the home page: what is left to set up.
	SetupView Action = "setup.view"

	// MunicipalityManage: the platform's municipalities — add one with its first
	// administrator, archive or remove one.
	MunicipalityManage Action = "municipality.manage"
)

var (
	everyone = []string{RoleStaff, RolePolitician, RoleAdmin}
	planners = []string{RoleStaff, RoleAdmin}
	admins   = []string{RoleAdmin}
	// signedIn is everyone who signs in, the platform operator included.
	signedIn = []string{RoleStaff, RolePolitician, RoleAdmin, RoleOperator}
)

// rule is one row of the table: the roles that may take the action, and
// whether it is a decision on someone else's trip.
type rule struct {
	roles    []string
	decision bool
}

// table is the permissions table.
var table = map[Action]rule{
	WorkspaceView:     {roles: signedIn},
	PasswordChange:    {roles: signedIn},
	NotificationsEdit: {roles: everyone},

	TripView:         {roles: everyone},
	TripEdit:         {roles: planners},
	TripSubmit:       {roles: planners},
	TripComplete:     {roles: planners},
	TripSubmitReport: {roles: planners},

	// Administrators see the queue, but only politicians decide.
	ReviewView:        {roles: []string{RolePolitician, RoleAdmin}},
	TripReturn:        {roles: []string{RolePolitician}, decision: true},
	TripApprove:       {roles: []string{RolePolitician}, decision: true},
	TripReturnReport:  {roles: []string{RolePolitician}, decision: true},
	TripApproveReport: {roles: []string{RolePolitician}, decision: true},

	PartnershipView: {roles: everyone},
	PartnershipEdit: {roles: planners},
	NetworkView:     {roles: everyone},
	NetworkEdit:     {roles: planners},
	ProjectView:     {roles: everyone},
	ProjectEdit:     {roles: planners},
	AgreementView:   {roles: everyone},
	AgreementEdit:   {roles: planners},
	MeetingView:     {roles: everyone},
	MeetingEdit:     {roles: planners},

	PolicyEdit:         {roles: admins},
	PriorityEdit:       {roles: admins},
	RuleEdit:           {roles: admins},
	BudgetLineEdit:     {roles: admins},
	BodyEdit:           {roles: admins},
	AccountManage:      {roles: admins},
	AccountSessionsEnd: {roles: admins},
	AuditView:          {roles: admins},
	SetupView:          {roles: admins},

	MunicipalityManage: {roles: []string{RoleOperator}},
}

// readOnly are the actions that stay open in an archived municipality: reading,
// and one's own password. Everything else creates or changes records.
var readOnly = map[Action]bool{
	WorkspaceView: true, PasswordChange: true, TripView: true, ReviewView: true,
	PartnershipView: true, NetworkView: true, ProjectView: true, AgreementView: true,
	MeetingView: true, AuditView: true,
}

// ReadOnly reports whether action only reads (it stays open in an archived
// municipality).
func ReadOnly(action Action) bool { return readOnly[action] }

// Actions lists every action of the table, for tests and documentation.
func Actions() []Action {
	out := make([]Action, 0, len(table))
	for a := range table {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// Actor is the person asking: their account, municipality and role.
type Actor struct {
	ID             int64
	MunicipalityID int64
	Role           string
	// Archived: the person's municipality is archived; its records are read-only.
	Archived bool
}

// Resource is the record an action is taken on, as far as the table's conditions
// need to know it. The zero Resource is "no particular record" (a list, a form
// for a new record): only the role counts.
type Resource struct {
	// MunicipalityID owns the record; 0 when the action is not on a record.
	MunicipalityID int64
	// AuthorID wrote the trip.
	AuthorID int64
	// Travellers are the accounts that travel on the trip.
	Travellers []int64
}

// Why an action is refused.
var (
	ErrRole              = errors.New("access: the role may not take this action")
	ErrOtherMunicipality = errors.New("access: the record belongs to another municipality")
	ErrOwnTrip           = errors.New("access: nobody decides on their own trip")
	ErrTravels           = errors.New("access: nobody decides on a trip on which they travel")
	ErrArchived          = errors.New("access: the municipality is archived; its records are read-only")
)

// Allowed reports whether role may take action at all: the table's row,
// without a record's conditions. An unknown action is never allowed.
func Allowed(role string, action Action) bool {
	r, ok := table[action]
	return ok && slices.Contains(r.roles, role)
}

// Check says why actor may not take action on res (nil when they may). The
// conditions apply in this order: the role, an archived municipality (reading
// only), the municipality, then for a decision on a trip the author and the
// travellers (conflict of interest).
func Check(a Actor, action Action, res Resource) error {
	if !Allowed(a.Role, action) {
		return ErrRole
	}
	if a.Archived && !readOnly[action] {
		return ErrArchived
	}
	return Conditions(a, action, res)
}

// Conditions is Check without the role: what the record itself rules out.
func Conditions(a Actor, action Action, res Resource) error {
	if res.MunicipalityID != 0 && res.MunicipalityID != a.MunicipalityID {
		return ErrOtherMunicipality
	}
	if table[action].decision {
		if a.ID == res.AuthorID {
			return ErrOwnTrip
		}
		if slices.Contains(res.Travellers, a.ID) {
			return ErrTravels
		}
	}
	return nil
}

// Can reports whether actor may take action on res.
func Can(a Actor, action Action, res Resource) bool { return Check(a, action, res) == nil }
