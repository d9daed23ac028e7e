package demo_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/trip"
)

// step is one logged lifecycle step of a demo trip.
type step struct {
	Action, From, To string
	Actor            int64
	Role             string
	At               time.Time
	Body             *int64
	MeetingOn        *time.Time
	Minutes          string
	// Member: the actor belongs to the body the step names.
	Member bool
}

func steps(t *testing.T, pool *pgxpool.Pool, id int64) []step {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT x.action, x.from_status, x.to_status, x.actor_id, a.role, x.at, x.body_id, x.meeting_on, x.minutes_reference,
		       EXISTS (SELECT 1 FROM body_member m WHERE m.body_id = x.body_id AND m.account_id = x.actor_id)
		FROM trip_transition x JOIN account a ON a.id = x.actor_id
		WHERE x.trip_id = $1 ORDER BY x.id`, id)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[step])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// member reports whether account belongs to body.
func member(t *testing.T, pool *pgxpool.Pool, body, account int64) bool {
	t.Helper()
	return count(t, pool, `SELECT count(*) FROM body_member WHERE body_id = $1 AND account_id = $2`, body, account) == 1
}

// checkDecisions checks the steps that decide on plan (decide, send back) under
// approval a, as the lifecycle logs them.
func checkDecisions(t *testing.T, pool *pgxpool.Pool, ref string, ss []step, a trip.Approval, decide, sendBack string) {
	t.Helper()
	for _, s := range ss {
		if s.Action != decide && s.Action != sendBack {
			continue
		}
		switch {
		case !a.Needed:
			t.Errorf("%s: %s by account %d, though no rule asks anyone to decide", ref, s.Action, s.Actor)
		case s.Role != access.RolePolitician:
			t.Errorf("%s: %s by a %s", ref, s.Action, s.Role)
		case a.ByCommittee && !member(t, pool, a.BodyID, s.Actor):
			t.Errorf("%s: %s by account %d, not a member of body %d", ref, s.Action, s.Actor, a.BodyID)
		case s.Action == sendBack && s.Body != nil:
			t.Errorf("%s: %s recorded as a committee's decision", ref, s.Action)
		case s.Action == decide && a.ByCommittee && (s.Body == nil || *s.Body != a.BodyID || s.MeetingOn == nil || s.Minutes == "" ||
			s.MeetingOn.After(s.At) || !s.Member):
			t.Errorf("%s: %s without the committee's decision (body %v, meeting %v, minutes %q)", ref, s.Action, s.Body, s.MeetingOn, s.Minutes)
		case s.Action == decide && !a.ByCommittee && s.Body != nil:
			t.Errorf("%s: %s recorded as a committee's decision, though no committee decides", ref, s.Action)
		}
	}
}

// TestLoadFollowsRules loads the demo data and checks every trip against what
// the lifecycle itself says its municipality's rules ask of it (trip.Store.Facts
// reads the rules and the trip's budget line): no decision where no rule asks
// for one, submission approving the plan and publishing the report in one step
// of the author's, a committee's decisions recorded by its members with the
// meeting's date and minutes; and in Ballerup, committee trips decided by their
// committee, study trips from the fund published at their report's submission,
// published trips with programme and actual costs.
func TestLoadFollowsRules(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	load(t, pool, 400, 11)
	st := trip.NewStore(pool)

	type row struct {
		ID, Municipality int64
		Slug, Status     string
		Ref, Line        string
		Author           int64
	}
	rows, err := pool.Query(ctx, `
		SELECT t.id, t.municipality_id, m.slug, t.status, coalesce(t.reference, ''), coalesce(b.code, ''), t.author_id
		FROM trip t JOIN municipality m ON m.id = t.municipality_id LEFT JOIN budget_line b ON b.id = t.budget_line_id
		WHERE t.is_demo ORDER BY t.id`)
	if err != nil {
		t.Fatal(err)
	}
	trips, err := pgx.CollectRows(rows, pgx.RowToStructByPos[row])
	if err != nil {
		t.Fatal(err)
	}

	type tally struct{ trips, planFree, committee, fundPublished, published int }
	byMun := map[string]*tally{}
	var waitingPlan, waitingReport []row // Ballerup committee trips awaiting a decision
	var committeeOf = map[int64]int64{}
	for _, tr := range trips {
		f, err := st.Facts(ctx, tr.Municipality, tr.ID, testNow)
		if err != nil {
			t.Fatal(err)
		}
		n := byMun[tr.Slug]
		if n == nil {
			n = &tally{}
			byMun[tr.Slug] = n
		}
		n.trips++
		if !f.PlanApproval.Needed {
			n.planFree++
		}
		if f.PlanApproval.ByCommittee {
			n.committee++
			committeeOf[tr.ID] = f.PlanApproval.BodyID
		}
		ss := steps(t, pool, tr.ID)
		name := tr.Slug + " " + tr.Ref
		checkDecisions(t, pool, name, ss, f.PlanApproval, trip.Approve, trip.Return)
		checkDecisions(t, pool, name, ss, f.ReportApproval, trip.ApproveReport, trip.ReturnReport)
		if tr.Status == "draft" {
			continue
		}
		// The first submission: approved at once where nobody must approve.
		wantTo := trip.StatusSubmitted
		if !f.PlanApproval.Needed {
			wantTo = trip.StatusApproved
		}
		if len(ss) == 0 || ss[0].Action != trip.Submit || ss[0].To != wantTo || ss[0].Actor != tr.Author {
			t.Errorf("%s: first step %+v, want %s to %s by the author", name, ss[0], trip.Submit, wantTo)
		}
		if tr.Status == trip.StatusSubmitted && !f.PlanApproval.Needed || tr.Status == trip.StatusReportSubmitted && !f.ReportApproval.Needed {
			t.Errorf("%s rests in %s, though no rule asks anyone to decide", name, tr.Status)
		}
		if tr.Status != trip.StatusPublished {
			if tr.Slug == "ballerup" && f.PlanApproval.ByCommittee && tr.Status == trip.StatusSubmitted {
				waitingPlan = append(waitingPlan, tr)
			}
			if tr.Slug == "ballerup" && f.ReportApproval.ByCommittee && tr.Status == trip.StatusReportSubmitted {
				waitingReport = append(waitingReport, tr)
			}
			continue
		}
		n.published++
		// Publication follows, at the same instant and by the same person, the
		// report's approval or, where nobody must approve it, its submission.
		last, prev := ss[len(ss)-1], ss[len(ss)-2]
		wantPrev := trip.ApproveReport
		if !f.ReportApproval.Needed {
			wantPrev = trip.SubmitReport
		}
		if last.Action != trip.Publish || prev.Action != wantPrev || !last.At.Equal(prev.At) || last.Actor != prev.Actor || last.From != prev.To {
			t.Errorf("%s: published by %+v after %+v, want it with %s", name, last, prev, wantPrev)
		}
		if f.NeedsProgramme && (f.Programme == 0 || f.CostLines == 0 || f.ActualCostLines < f.CostLines) {
			t.Errorf("%s published with %d programme items and %d of %d costs actual", name, f.Programme, f.ActualCostLines, f.CostLines)
		}
		if tr.Slug == "ballerup" && tr.Line == "D-SRF" {
			n.fundPublished++
			if f.ReportApproval.Needed {
				t.Errorf("%s: a study trip from the fund waits for a committee's approval", name)
			}
		}
	}

	for slug, n := range byMun {
		t.Logf("%s: %d trips, %d approved at submission, %d decided by a committee, %d published", slug, n.trips, n.planFree, n.committee, n.published)
		if slug != "ballerup" && n.planFree == 0 {
			t.Errorf("%s: no trip approved at its submission", slug)
		}
	}
	if b := byMun["ballerup"]; b == nil || b.committee == 0 || b.fundPublished == 0 || b.planFree == 0 {
		t.Fatalf("Ballerup: %+v, want committee trips, trips needing no approval and published study trips from the fund", b)
	}
	// Where no rule asks for plan approval, no politician decided on a plan.
	if n := count(t, pool, `
		SELECT count(*) FROM trip_transition x JOIN trip t ON t.id = x.trip_id
		WHERE t.is_demo AND x.action IN ('approve', 'return') AND NOT EXISTS (
			SELECT 1 FROM policy_rule r JOIN policy p ON p.id = r.policy_id
			WHERE p.municipality_id = t.municipality_id AND p.archived_at IS NULL AND r.archived_at IS NULL AND r.kind = $1)`,
		trip.RulePlanApproval); n != 0 {
		t.Errorf("%d plan decisions in municipalities whose policy asks for none", n)
	}

	// The decisions still to be taken can be taken through the lifecycle by a
	// demo member of the committee, and by no other politician.
	if len(waitingPlan) == 0 || len(waitingReport) == 0 {
		t.Fatalf("Ballerup: %d plans and %d reports of committee trips awaiting a decision, want some", len(waitingPlan), len(waitingReport))
	}
	for _, w := range []struct {
		tr     row
		action string
		want   string
	}{{waitingPlan[0], trip.Approve, trip.StatusApproved}, {waitingReport[0], trip.ApproveReport, trip.StatusPublished}} {
		body := committeeOf[w.tr.ID]
		var in, out int64
		if err := pool.QueryRow(ctx, `
			SELECT coalesce(min(a.id) FILTER (WHERE m.account_id IS NOT NULL), 0), coalesce(min(a.id) FILTER (WHERE m.account_id IS NULL), 0)
			FROM account a LEFT JOIN body_member m ON m.account_id = a.id AND m.body_id = $2
			WHERE a.municipality_id = $1 AND a.is_demo AND a.role = $3`, w.tr.Municipality, body, access.RolePolitician).Scan(&in, &out); err != nil {
			t.Fatal(err)
		}
		if in == 0 || out == 0 {
			t.Fatalf("body %d: member %d, other politician %d; want one of each", body, in, out)
		}
		decision := trip.Decision{MeetingOn: testNow.Truncate(24 * time.Hour), Minutes: "pkt. 4"}
		_, err := st.ApplyDecision(ctx, w.tr.Municipality, w.tr.ID, w.action, trip.Actor{ID: out, Role: access.RolePolitician}, "", decision, testNow)
		var refusal *trip.Refusal
		if !errors.As(err, &refusal) || !slices.Contains(refusal.Keys, "lifecycle.refused.not_member") {
			t.Errorf("%s by a politician outside the committee: %v, want refused", w.action, err)
		}
		res, err := st.ApplyDecision(ctx, w.tr.Municipality, w.tr.ID, w.action, trip.Actor{ID: in, Role: access.RolePolitician}, "", decision, testNow)
		if err != nil || res.To != w.want {
			t.Errorf("%s by a member of the committee: %+v, %v; want %s", w.action, res, err, w.want)
		}
	}
}
