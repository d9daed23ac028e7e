package meeting_test

import (
	"testing"

	"github.com/municipal-intl/portal/internal/meeting"
)

var rot = meeting.Rotation{IntervalYears: 2, Cities: []string{"Göteborg", "Aarhus", "Bergen", "Turku"}, Home: "Göteborg", EvaluationAfterHosting: true}

func TestPlan(t *testing.T) {
	cases := []struct {
		name     string
		meetings []meeting.Meeting
		want     meeting.Outlook
		dueYear  int
	}{
		{"nothing recorded", nil, meeting.Outlook{}, 0},
		{"after Aarhus comes Bergen", []meeting.Meeting{{Year: 2022, Host: "Göteborg", HasEvaluation: true}, {Year: 2024, Host: "Aarhus"}},
			meeting.Outlook{NextYear: 2026, NextHost: "Bergen", Known: true}, 0},
		{"after Turku the home city hosts", []meeting.Meeting{{Year: 2024, Host: "Turku"}},
			meeting.Outlook{NextYear: 2026, NextHost: "Göteborg", Known: true, HomeHostsNext: true}, 0},
		{"evaluation due after hosting", []meeting.Meeting{{Year: 2026, Host: "Göteborg"}},
			meeting.Outlook{NextYear: 2028, NextHost: "Aarhus", Known: true}, 2026},
		{"evaluation stays due while others host", []meeting.Meeting{{Year: 2026, Host: "Göteborg"}, {Year: 2028, Host: "Aarhus"}},
			meeting.Outlook{NextYear: 2030, NextHost: "Bergen", Known: true}, 2026},
		{"evaluation attached", []meeting.Meeting{{Year: 2026, Host: "Göteborg", HasEvaluation: true}},
			meeting.Outlook{NextYear: 2028, NextHost: "Aarhus", Known: true}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := meeting.Plan(rot, c.meetings)
			due := 0
			if got.EvaluationDue != nil {
				due = got.EvaluationDue.Year
			}
			got.EvaluationDue = nil
			if got != c.want || due != c.dueYear {
				t.Errorf("got %+v due %d, want %+v due %d", got, due, c.want, c.dueYear)
			}
		})
	}
	// Göteborg hosts every eighth year: four cities, two years apart.
	ms := []meeting.Meeting{{Year: 2018, Host: "Göteborg", HasEvaluation: true}}
	for range 4 {
		o := meeting.Plan(rot, ms)
		ms = append(ms, meeting.Meeting{Year: o.NextYear, Host: o.NextHost, HasEvaluation: true})
	}
	if last := ms[len(ms)-1]; last.Host != "Göteborg" || last.Year != 2026 {
		t.Errorf("after four meetings: %+v", last)
	}
}

// post sends a multipart form as the meeting page does.
