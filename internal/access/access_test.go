package access

import (
	"errors"
	"testing"
)

// TestTable spells out the whole table, role by role, so that a change to it
// shows up here as well as in the authorization matrices.
func TestTable(t *testing.T) {
	t.Parallel()
	everyone := []Action{WorkspaceView, PasswordChange, NotificationsEdit, TripView, PartnershipView, NetworkView, ProjectView, AgreementView, MeetingView}
	planning := []Action{TripEdit, TripSubmit, TripComplete, TripSubmitReport, PartnershipEdit, NetworkEdit, ProjectEdit, AgreementEdit, MeetingEdit}
	deciding := []Action{TripReturn, TripApprove, TripReturnReport, TripApproveReport}
	admin := []Action{PolicyEdit, PriorityEdit, RuleEdit, BudgetLineEdit, BodyEdit, AccountManage, AccountSessionsEnd, AuditView, SetupView}
	want := map[string]map[Action]bool{RoleStaff: {}, RolePolitician: {}, RoleAdmin: {}, RoleOperator: {}}
	// The platform operator opens their workspace, changes their password and
	// manages the municipalities: nothing of any municipality's records.
	want[RoleOperator][WorkspaceView], want[RoleOperator][PasswordChange], want[RoleOperator][MunicipalityManage] = true, true, true
	for _, role := range Roles {
		for _, a := range everyone {
			want[role][a] = true
		}
	}
	for _, a := range planning {
		want[RoleStaff][a], want[RoleAdmin][a] = true, true
	}
	for _, a := range deciding {
		want[RolePolitician][a] = true
	}
	want[RolePolitician][ReviewView], want[RoleAdmin][ReviewView] = true, true
	for _, a := range admin {
		want[RoleAdmin][a] = true
	}
	listed := len(everyone) + len(planning) + len(deciding) + 1 + len(admin) + 1
	if got := len(Actions()); got != listed {
		t.Fatalf("the table has %d actions, the test knows %d", got, listed)
	}
	for _, role := range append(Roles, RoleOperator) {
		for _, a := range Actions() {
			if got := Allowed(role, a); got != want[role][a] {
				t.Errorf("Allowed(%s, %s) = %v, want %v", role, a, got, want[role][a])
			}
		}
	}
	if Allowed("", TripView) || Allowed("mayor", TripView) || Allowed(RoleAdmin, "trip.fly") {
		t.Error("an unknown role or action is allowed")
	}
}

func TestConditions(t *testing.T) {
	t.Parallel()
	pol := Actor{ID: 7, MunicipalityID: 1, Role: RolePolitician}
	staff := Actor{ID: 8, MunicipalityID: 1, Role: RoleStaff}
	cases := []struct {
		name   string
		actor  Actor
		action Action
		res    Resource
		want   error
	}{
		{"no record", pol, TripApprove, Resource{}, nil},
		{"own municipality", pol, TripApprove, Resource{MunicipalityID: 1, AuthorID: 8}, nil},
		{"other municipality", pol, TripApprove, Resource{MunicipalityID: 2, AuthorID: 8}, ErrOtherMunicipality},
		{"other municipality, read", staff, TripView, Resource{MunicipalityID: 2}, ErrOtherMunicipality},
		{"role first", staff, TripApprove, Resource{MunicipalityID: 2}, ErrRole},
		{"own trip", pol, TripReturn, Resource{AuthorID: 7}, ErrOwnTrip},
		{"travels", pol, TripApproveReport, Resource{AuthorID: 8, Travellers: []int64{3, 7}}, ErrTravels},
		{"own trip is no obstacle to its author's moves", staff, TripSubmit, Resource{AuthorID: 8, Travellers: []int64{8}}, nil},
		{"archived: reading stays", Actor{ID: 8, MunicipalityID: 1, Role: RoleStaff, Archived: true}, TripView, Resource{MunicipalityID: 1}, nil},
		{"archived: no change", Actor{ID: 8, MunicipalityID: 1, Role: RoleStaff, Archived: true}, TripEdit, Resource{MunicipalityID: 1}, ErrArchived},
		{"operator: no municipality's records", Actor{ID: 9, Role: RoleOperator}, TripView, Resource{MunicipalityID: 1}, ErrRole},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := Check(tc.actor, tc.action, tc.res)
			if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
				t.Errorf("Check = %v, want %v", err, tc.want)
			}
			if Can(tc.actor, tc.action, tc.res) != (tc.want == nil) {
				t.Errorf("Can disagrees with Check")
			}
		})
	}
}

func TestRoles(t *testing.T) {
	t.Parallel()
	for role, key := range map[string]string{RoleStaff: "auth.role.staff", RolePolitician: "auth.role.politician", RoleAdmin: "auth.role.admin", "": "auth.role.staff"} {
		if got := RoleKey(role); got != key {
			t.Errorf("RoleKey(%q) = %q, want %q", role, got, key)
		}
	}
	if !ValidRole(RolePolitician) || ValidRole("mayor") || ValidRole("") {
		t.Error("ValidRole")
	}
}
