package demo

import "time"

const day = 24 * time.Hour

// timeline dates the trip and writes the lifecycle steps it has been through,
// as the lifecycle writes them under the rules r (see rules.go): submission
// (sometimes returned and submitted again) and approval before travel, or
// submission approving the plan where nobody must approve it; completion and the
// report (sometimes returned) after, published at its approval, or at its
// submission where nobody must approve it. Published trips lie in the past;
// plans awaiting or having approval lie ahead; trips between travel and
// publication ended in the last weeks. Every step is taken by a demo account:
// the author's by the author, decisions by a politician who is not the author,
// a committee's by one of its members with the meeting's date and minutes.
func (g *generator) timeline(t *trip, days int, rules orgRules) {
	r := g.r
	t.author = pick(r, g.staff)

	// Build relative to an anchor start date, then move the whole trip.
	s := g.today
	e := s.Add(time.Duration(days-1) * day)
	at := func(base time.Time, dayOffset int) time.Time {
		return base.Add(time.Duration(dayOffset)*day + time.Duration(between(r, 7*60, 16*60+59))*time.Minute)
	}
	var ev []event
	add := func(action, from, to string, actor *demoAccount, comment string, when time.Time) time.Time {
		ev = append(ev, event{action: action, from: from, to: to, actor: actor, comment: comment, at: when})
		return when
	}
	stage := stageOf(t.status)

	if t.status == "draft" {
		start := g.today.AddDate(0, 0, between(r, 14, 200))
		t.starts, t.ends = start, start.Add(time.Duration(days-1)*day)
		t.createdAt = at(g.today, -between(r, 1, 40))
		t.updatedAt = t.createdAt.Add(time.Duration(r.IntN(3)) * day)
		if t.updatedAt.After(g.now) {
			t.updatedAt = t.createdAt
		}
		t.version = 1 + r.IntN(3)
		return
	}

	// Before travel.
	lead := between(r, 30, 90)
	if !rules.plan.Needed {
		// Submission approves the plan: one step, by the author.
		sub := add("submit", "draft", "approved", t.author, "", at(s, -lead))
		t.firstSubmit, t.submittedAt, t.approvedAt = sub, sub, sub
	} else {
		reviewer := g.decider(t, rules.plan)
		sub := add("submit", "draft", "submitted", t.author, "", at(s, -lead))
		t.firstSubmit = sub
		if t.status == "returned" || stage >= stageApproved && chance(r, 0.12) || t.status == "submitted" && chance(r, 0.15) {
			ret := add("return", "submitted", "returned", reviewer, pick(r, g.l.returnPlan), at(sub.Truncate(day), between(r, 1, 4)))
			if t.status != "returned" {
				sub = add("submit", "returned", "submitted", t.author, "", at(ret.Truncate(day), between(r, 1, 6)))
			}
		}
		t.submittedAt = sub
		if stage >= stageApproved {
			t.approvedAt = add("approve", "submitted", "approved", reviewer, "", at(sub.Truncate(day), between(r, 1, 8)))
			g.decide(&ev[len(ev)-1], rules.plan, sub)
		}
	}
	t.createdAt = t.firstSubmit.Add(-time.Duration(between(r, 1, 20)) * day).Add(-time.Duration(r.IntN(300)) * time.Minute)

	// After travel.
	if stage >= stageCompleted {
		t.completedAt = add("complete", "approved", "completed", t.author, "", at(e, between(r, 1, 10)))
	}
	if stage >= stageReport {
		// Most reports come within weeks of the trip; now and then one is late.
		delay := between(r, 1, 20)
		if chance(r, 0.06) {
			delay = between(r, 25, 70)
		}
		rs := add("submit_report", "completed", "report_submitted", t.author, "", at(t.completedAt.Truncate(day), delay))
		firstReport := rs
		if rules.report.Needed {
			reviewer := g.decider(t, rules.report)
			if t.status == "report_returned" || stage > stageReport && chance(r, 0.1) || t.status == "report_submitted" && chance(r, 0.1) {
				ret := add("return_report", "report_submitted", "report_returned", reviewer, pick(r, g.l.returnReport), at(rs.Truncate(day), between(r, 2, 7)))
				if t.status != "report_returned" {
					rs = add("submit_report", "report_returned", "report_submitted", t.author, "", at(ret.Truncate(day), between(r, 1, 8)))
				}
			}
			if t.status == "published" {
				// Publication follows the approval in the same step.
				t.reportAppAt = add("approve_report", "report_submitted", "report_approved", reviewer, "", at(rs.Truncate(day), between(r, 1, 14)))
				g.decide(&ev[len(ev)-1], rules.report, rs)
				t.publishedAt = add("publish", "report_approved", "published", reviewer, "", t.reportAppAt)
			}
		} else if t.status == "published" {
			// Publication follows the report's submission in the same step.
			t.publishedAt = add("publish", "report_submitted", "published", t.author, "", rs)
		}
		reports := 1
		if rs != firstReport {
			reports = 2
		}
		t.report = &report{submittedAt: rs, createdAt: firstReport.Add(-time.Duration(between(r, 30, 600)) * time.Minute), updatedAt: rs, version: reports}
	}

	// Move the trip in time: by whole days, so every step keeps its hour.
	last := ev[len(ev)-1].at
	lastDay := last.Truncate(day)
	var shift int
	switch {
	case stage <= stageApproved: // plans: the last step a few days ago, travel ahead
		shift = int(g.today.Sub(lastDay)/day) - between(r, 1, 6)
	case t.status != "published": // after travel: the last step in the last weeks
		shift = int(g.today.Sub(lastDay)/day) - between(r, 1, 30)
	default: // published: first submitted on a day of a year that has numbers left
		chain := int(lastDay.Sub(t.firstSubmit.Truncate(day)) / day)
		subDay := g.publishedSubmission(g.today.AddDate(0, 0, -1-chain))
		shift = int(subDay.Sub(t.firstSubmit.Truncate(day)) / day)
	}
	move := time.Duration(shift) * day
	t.starts, t.ends = s.Add(move), e.Add(move)
	for i := range ev {
		ev[i].at = ev[i].at.Add(move)
		if ev[i].body != 0 {
			ev[i].meeting = ev[i].meeting.Add(move)
			ev[i].minutes = g.minutes(ev[i])
		}
	}
	for _, p := range []*time.Time{&t.submittedAt, &t.approvedAt, &t.completedAt, &t.reportAppAt, &t.publishedAt, &t.firstSubmit, &t.createdAt} {
		if !p.IsZero() {
			*p = p.Add(move)
		}
	}
	if t.report != nil {
		t.report.submittedAt = t.report.submittedAt.Add(move)
		t.report.createdAt = t.report.createdAt.Add(move)
		t.report.updatedAt = t.report.updatedAt.Add(move)
	}
	t.events = ev
	t.updatedAt = ev[len(ev)-1].at
	// Each step moves the version once; publication is part of the step before.
	t.version = 1
	for _, x := range ev {
		if x.action != "publish" {
			t.version++
		}
	}
	if t.report != nil {
		t.version += t.report.version
	}
}

// Stages order the lifecycle states.
const (
	stageDraft = iota
	stageSubmitted
	stageApproved
	stageCompleted
	stageReport
	stageReportApproved
	stagePublished
)

func stageOf(status string) int {
	switch status {
	case "submitted", "returned":
		return stageSubmitted
	case "approved":
		return stageApproved
	case "completed":
		return stageCompleted
	case "report_submitted", "report_returned":
		return stageReport
	case "report_approved":
		return stageReportApproved
	case "published":
		return stagePublished
	}
	return stageDraft
}
