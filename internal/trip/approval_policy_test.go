package trip_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// chargeTo charges trip id to the 2025 budget line code of its municipality.
func chargeTo(t *testing.T, pool *pgxpool.Pool, id int64, code string) {
	t.Helper()
	ctx := context.Background()
	if code != "" {
		if _, err := pool.Exec(ctx, `UPDATE trip t SET budget_line_id = b.id FROM budget_line b
WHERE t.id = $1 AND b.municipality_id = t.municipality_id AND b.fiscal_year = 2025 AND b.code = $2`, id, code); err != nil {
			t.Fatal(err)
		}
	}
}

func memberOf(t *testing.T, pool *pgxpool.Pool, account int64, slug, name string) int64 {
	t.Helper()
	var body int64
	if err := pool.QueryRow(context.Background(), `
INSERT INTO body_member (body_id, account_id)
SELECT b.id, $1 FROM body b JOIN municipality m ON m.id = b.municipality_id WHERE m.slug = $2 AND b.name = $3
RETURNING body_id`, account, slug, name).Scan(&body); err != nil {
		t.Fatal(err)
	}
	return body
}

func refused(err error, key string) bool {
	var r *trip.Refusal
	return errors.As(err, &r) && slices.Contains(r.Keys, key)
}

// TestBallerupCommitteeDecides: the committee that pays for a trip decides on its
// plan and approves its report, recorded by one of its members with the meeting
// date and the minutes reference.
//
// Ballerup Kommunes Internationale Strategi: "Herudover har de stående politiske
// udvalg et eget budget til at foretage studierejser, bl.a. til udlandet." and
// "Disse rapporter behandles og godkendes i udvalgene inden offentliggørelse på
// ballerup.dk."
func TestBallerupCommitteeDecides(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	mid := municipalityID(t, pool, "ballerup")
	staff := trip.Actor{ID: servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "s@ballerup.example"), Role: access.RoleStaff}
	outsider := trip.Actor{ID: servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "o@ballerup.example"), Role: access.RolePolitician}
	memberID := servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "m@ballerup.example")
	member := trip.Actor{ID: memberID, Role: access.RolePolitician}
	okuID := memberOf(t, pool, memberID, "ballerup", "Økonomiudvalget")
	// The outsider sits on the council, not on the finance committee.
	memberOf(t, pool, outsider.ID, "ballerup", "Kommunalbestyrelsen")

	id := draft(t, pool, "ballerup")
	chargeTo(t, pool, id, "OKU")
	st := trip.NewStore(pool)
	res, err := st.Apply(ctx, mid, id, trip.Submit, staff, "", now)
	if err != nil || res.To != trip.StatusSubmitted {
		t.Fatalf("submit a committee trip: %+v %v", res, err)
	}
	if _, err := st.Apply(ctx, mid, id, trip.Approve, outsider, "", now); !refused(err, "lifecycle.refused.not_member") {
		t.Fatalf("a politician outside the committee approves: %v", err)
	}
	if _, err := st.Apply(ctx, mid, id, trip.Approve, member, "", now); !refused(err, "lifecycle.missing.meeting_on") || !refused(err, "lifecycle.missing.minutes") {
		t.Fatalf("approval without meeting and minutes: %v", err)
	}
	meeting := time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC)
	if _, err := st.ApplyDecision(ctx, mid, id, trip.Approve, member, "", trip.Decision{MeetingOn: meeting, Minutes: "ØU 2025-04 pkt. 7"}, now); err != nil {
		t.Fatalf("the committee approves: %v", err)
	}
	var body int64
	var on time.Time
	var minutes string
	if err := pool.QueryRow(ctx, `SELECT body_id, meeting_on, minutes_reference FROM trip_transition WHERE trip_id = $1 AND action = 'approve'`, id).Scan(&body, &on, &minutes); err != nil {
		t.Fatal(err)
	}
	if body != okuID || !on.Equal(meeting) || minutes != "ØU 2025-04 pkt. 7" {
		t.Errorf("decision recorded as %d %v %q", body, on, minutes)
	}
	if _, err := pool.Exec(ctx, `UPDATE trip_cost SET actual_minor = 95000 WHERE trip_id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Apply(ctx, mid, id, trip.Complete, staff, "", now); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `INSERT INTO trip_report (trip_id, goal, outcome) VALUES ($1, 'Learn.', 'Learnt.')`, id); err != nil {
		t.Fatal(err)
	}
	if res, err := st.Apply(ctx, mid, id, trip.SubmitReport, staff, "", now); err != nil || res.Published {
		t.Fatalf("a committee trip's report waits for the committee: %+v %v", res, err)
	}
	if _, err := st.ApplyDecision(ctx, mid, id, trip.ApproveReport, outsider, "", trip.Decision{MeetingOn: meeting, Minutes: "KB"}, now); !refused(err, "lifecycle.refused.not_member") {
		t.Fatalf("a politician outside the committee approves the report: %v", err)
	}
	res, err = st.ApplyDecision(ctx, mid, id, trip.ApproveReport, member, "", trip.Decision{MeetingOn: meeting.AddDate(0, 2, 0), Minutes: "ØU 2025-06 pkt. 3"}, now)
	if err != nil || !res.Published {
		t.Fatalf("the committee approves the report: %+v %v", res, err)
	}
}

// TestBallerupStaffStudyTrip: a staff study trip paid from the study-trip fund is
// no committee trip: nobody approves its plan or its report, and it publishes
// when its report is submitted.
//
// "Ballerup Kommune har etableret en studierejsefond, der kan søges af kommunens
// ansatte til studierejser i udlandet." The report rule names the committees'
// trips only: "Herudover udarbejdes rapporter fra udvalgenes udlandsrejser".
func TestBallerupStaffStudyTrip(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	mid := municipalityID(t, pool, "ballerup")
	staff := trip.Actor{ID: servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "s@ballerup.example"), Role: access.RoleStaff}
	id := draft(t, pool, "ballerup")
	chargeTo(t, pool, id, "SRF")
	st := trip.NewStore(pool)
	res, err := st.Apply(ctx, mid, id, trip.Submit, staff, "", now)
	if err != nil || res.To != trip.StatusApproved {
		t.Fatalf("submit a staff study trip: %+v %v", res, err)
	}
	// The history says what happened: submitted, and approved by that.
	var from, to, action string
	if err := pool.QueryRow(ctx, `SELECT action, from_status, to_status FROM trip_transition WHERE trip_id = $1`, id).Scan(&action, &from, &to); err != nil {
		t.Fatal(err)
	}
	if action != trip.Submit || from != trip.StatusDraft || to != trip.StatusApproved {
		t.Errorf("history: %s %s → %s", action, from, to)
	}
	if _, err := pool.Exec(ctx, `UPDATE trip_cost SET actual_minor = 95000 WHERE trip_id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Apply(ctx, mid, id, trip.Complete, staff, "", now); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `INSERT INTO trip_report (trip_id, goal, outcome) VALUES ($1, 'Learn.', 'Learnt.')`, id); err != nil {
		t.Fatal(err)
	}
	if res, err := st.Apply(ctx, mid, id, trip.SubmitReport, staff, "", now); err != nil || !res.Published {
		t.Fatalf("a staff trip publishes with its report: %+v %v", res, err)
	}
}

// TestNoPlanApprovalWithoutARule: no other policy asks anyone to approve a trip's
// plan, so submitting approves it (Stuttgart, Berlin, Göteborg, Västerås).
func TestNoPlanApprovalWithoutARule(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	for _, slug := range []string{"stuttgart", "berlin", "goteborg", "vasteras"} {
		mid := municipalityID(t, pool, slug)
		staff := trip.Actor{ID: servertest.CreateAccount(t, pool, slug, access.RoleStaff, "s@"+slug+".example"), Role: access.RoleStaff}
		id := draft(t, pool, slug)
		res, err := trip.NewStore(pool).Apply(ctx, mid, id, trip.Submit, staff, "", now)
		if err != nil || res.To != trip.StatusApproved {
			t.Errorf("%s: %+v %v", slug, res, err)
		}
	}
}

// TestBallerupPublishesWithProgramme: a Ballerup plan without a programme cannot
// be submitted, since the trip will be published with it; Stuttgart has no such rule.
//
// "Oplysninger om politikernes og administrationens udlandsrejser offentliggøres
// på ballerup.dk. Disse oplysninger indeholder bl.a. program og regnskab for
// udlandsrejsen."
func TestBallerupPublishesWithProgramme(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	for _, tc := range []struct {
		slug    string
		refused bool
	}{{"ballerup", true}, {"stuttgart", false}} {
		mid := municipalityID(t, pool, tc.slug)
		staff := trip.Actor{ID: servertest.CreateAccount(t, pool, tc.slug, access.RoleStaff, "s@"+tc.slug+".example"), Role: access.RoleStaff}
		id := draft(t, pool, tc.slug)
		if _, err := pool.Exec(ctx, `DELETE FROM trip_programme_item WHERE trip_id = $1`, id); err != nil {
			t.Fatal(err)
		}
		_, err := trip.NewStore(pool).Apply(ctx, mid, id, trip.Submit, staff, "", now)
		if got := refused(err, "lifecycle.missing.programme"); got != tc.refused {
			t.Errorf("%s: refused for the programme %v, want %v (%v)", tc.slug, got, tc.refused, err)
		}
	}
}
