package trip_test

import (
	"testing"

	"github.com/municipal-intl/portal/internal/trip"
)

func TestApprovalFor(t *testing.T) {
	t.Parallel()
	committee := map[string]any{"approver": "committee", "applies_to": "committee_trips"}
	presidium := map[string]any{"approver": "body", "body": "Kommunfullmäktiges presidium", "applies_to": "twin_city_meeting_trips"}
	everyone := map[string]any{"approver": "politicians", "applies_to": "all_trips"}
	paid := trip.Subject{BodyID: 4, Political: true}
	meeting := trip.Subject{Meeting: true}
	for _, tc := range []struct {
		name string
		rule trip.Rule
		ok   bool
		s    trip.Subject
		want trip.Approval
	}{
		{"no rule", trip.Rule{}, false, meeting, trip.Approval{}},
		{"the paying committee", trip.Rule{Params: committee}, true, paid, trip.Approval{Needed: true, ByCommittee: true, BodyID: 4}},
		{"a department's trip", trip.Rule{Params: committee}, true, trip.Subject{BodyID: 4}, trip.Approval{}},
		{"a meeting trip: the presidium", trip.Rule{Params: presidium, BodyID: 9}, true, meeting, trip.Approval{Needed: true, ByCommittee: true, BodyID: 9}},
		{"a paid meeting trip: still the presidium", trip.Rule{Params: presidium, BodyID: 9}, true, trip.Subject{BodyID: 4, Political: true, Meeting: true},
			trip.Approval{Needed: true, ByCommittee: true, BodyID: 9}},
		{"no meeting: approved on submission", trip.Rule{Params: presidium, BodyID: 9}, true, paid, trip.Approval{}},
		{"the named body is not recorded: any politician", trip.Rule{Params: presidium}, true, meeting, trip.Approval{Needed: true}},
		{"any politician, every trip", trip.Rule{Params: everyone}, true, trip.Subject{}, trip.Approval{Needed: true}},
		{"any politician, meeting trips", trip.Rule{Params: map[string]any{"approver": "politicians", "applies_to": "twin_city_meeting_trips"}}, true, trip.Subject{}, trip.Approval{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := trip.ApprovalFor(tc.rule, tc.ok, tc.s); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestPublicationFor: Ballerup's rule binds the trips of politicians and staff.
//
// "Oplysninger om politikernes og administrationens udlandsrejser offentliggøres
// på ballerup.dk. Disse oplysninger indeholder bl.a. program og regnskab for
// udlandsrejsen."
func TestPublicationFor(t *testing.T) {
	t.Parallel()
	ballerup := map[string]any{"publish": []any{"programme", "accounts"}, "travellers": []any{trip.KindPolitician, trip.KindStaff}}
	for _, tc := range []struct {
		name   string
		params map[string]any
		ok     bool
		kinds  []string
		want   bool
	}{
		{"no rule", nil, false, []string{trip.KindPolitician}, false},
		{"a politician", ballerup, true, []string{trip.KindPolitician}, true},
		{"staff with a guest", ballerup, true, []string{trip.KindOther, trip.KindStaff}, true},
		{"guests only", ballerup, true, []string{trip.KindOther}, false},
		{"no travellers parameter", map[string]any{"publish": []any{"programme"}}, true, []string{trip.KindOther}, true},
		{"accounts only", map[string]any{"publish": []any{"accounts"}}, true, []string{trip.KindStaff}, false},
		{"no publish parameter", map[string]any{}, true, []string{trip.KindStaff}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := trip.PublicationFor(tc.params, tc.ok, tc.kinds).Programme; got != tc.want {
				t.Errorf("programme needed %v, want %v", got, tc.want)
			}
		})
	}
}
