package meeting_test

import (
	"slices"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/meeting"
)

// Göteborg's rules: "Vänortsmötena sker vartannat år med roterande värdskap."
// and "Göteborgs Stad har ansvar att arrangera ett vänortsmöte var åttonde år."
// The cities take part in no given order.
var rot = meeting.Rotation{IntervalYears: 2, Cities: []string{"Aarhus", "Bergen", "Göteborg", "Turku"}, Home: "Göteborg",
	EveryYears: 8, EvaluationAfterHosting: true, DeadlineDays: 30}

var today = time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)

func ms(hosts ...string) []meeting.Meeting {
	var out []meeting.Meeting
	for i, h := range hosts {
		out = append(out, meeting.Meeting{Year: 2012 + 2*i, Host: h, HasEvaluation: true})
	}
	return out
}

// TestPlanFromRecords: the order of hosts and the next year come from the
// recorded meetings; with fewer than one round recorded the portal cannot tell.
func TestPlanFromRecords(t *testing.T) {
	t.Parallel()
	if o := meeting.Plan(rot, nil, today); o.Known || o.Need != 4 {
		t.Errorf("nothing recorded: %+v", o)
	}
	if o := meeting.Plan(rot, ms("Bergen", "Göteborg", "Turku"), today); o.Known {
		t.Errorf("three meetings cannot tell a round of four: %+v", o)
	}
	// An order unlike the one once hard-coded (Göteborg→Aarhus→Bergen→Turku).
	o := meeting.Plan(rot, ms("Bergen", "Göteborg", "Turku", "Aarhus"), today)
	if !o.Known || o.NextHost != "Bergen" || o.NextYear != 2020 || !slices.Equal(o.Order, []string{"Bergen", "Göteborg", "Turku", "Aarhus"}) {
		t.Errorf("one round recorded: %+v", o)
	}
	o = meeting.Plan(rot, ms("Bergen", "Göteborg", "Turku", "Aarhus", "Bergen"), today)
	if !o.Known || o.NextHost != "Göteborg" || !o.HomeHostsNext || o.NextYear != 2022 {
		t.Errorf("after Bergen: %+v", o)
	}
	// Without the cities, every_years / interval_years gives the number of participants.
	noCities := rot
	noCities.Cities = nil
	if o := meeting.Plan(noCities, ms("Bergen", "Göteborg", "Turku", "Aarhus"), today); !o.Known || o.NextHost != "Bergen" {
		t.Errorf("participants from every_years: %+v", o)
	}
	// A record where a city is skipped: by the recorded order Göteborg would
	// host 10 years after it last did, later than every eighth year.
	five := []meeting.Meeting{{Year: 2010, Host: "Göteborg", HasEvaluation: true}, {Year: 2012, Host: "Aarhus"}, {Year: 2014, Host: "Bergen"},
		{Year: 2016, Host: "Turku"}, {Year: 2018, Host: "Oslo"}}
	five5 := rot
	five5.Cities = append(slices.Clone(rot.Cities), "Oslo")
	if o := meeting.Plan(five5, five, today); !o.Known || !o.HostingOverdue || o.LastHomeYear != 2010 {
		t.Errorf("hosting overdue not seen: %+v", o)
	}
}

// TestEvaluationDue: "En samlad avrapportering och analys av stadens relation
// till vänorterna skall göras efter Göteborgs Stads värdskap av vänortsmötet."
// Due after the meeting by the report deadline; late after that.
func TestEvaluationDue(t *testing.T) {
	t.Parallel()
	held := time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC)
	list := []meeting.Meeting{{Year: 2024, Host: "Turku"}, {Year: 2026, Host: "Göteborg", HeldOn: &held}}
	o := meeting.Plan(rot, list, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	if o.EvaluationDue == nil || o.EvaluationDue.Year != 2026 || o.EvaluationLate || !o.EvaluationDueOn.Equal(held.AddDate(0, 0, 30)) {
		t.Errorf("before the deadline: %+v", o)
	}
	if o := meeting.Plan(rot, list, today); o.EvaluationDue == nil || !o.EvaluationLate {
		t.Errorf("after the deadline: %+v", o)
	}
	list[1].HasEvaluation = true
	if o := meeting.Plan(rot, list, today); o.EvaluationDue != nil {
		t.Errorf("attached: %+v", o)
	}
	// A meeting recorded for a future year is not yet due.
	if o := meeting.Plan(rot, []meeting.Meeting{{Year: 2028, Host: "Göteborg"}}, today); o.EvaluationDue != nil {
		t.Errorf("future meeting: %+v", o)
	}
}
