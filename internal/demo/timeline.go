package demo

import "time"

const day = 24 * time.Hour

// timeline dates the trip and writes the lifecycle steps it has been through:
// submission (sometimes returned and submitted again) and approval before travel;
// completion, the report (sometimes returned), its approval and publication after.
// Published trips lie in the past; plans awaiting or having approval lie ahead;
// trips between travel and publication ended in the last weeks. Every step is
// logged by a demo account, approvals by a politician, never by the author.
func (g *generator) timeline(t *trip, days int) {
	r := g.r
	t.author = pick(r, g.staff)
	reviewer := pick(r, g.pols)
	publisher := g.staff[0]

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
	sub := add("submit", "draft", "submitted", t.author, "", at(s, -lead))
	t.firstSubmit = sub
	t.createdAt = sub.Add(-time.Duration(between(r, 1, 20)) * day).Add(-time.Duration(r.IntN(300)) * time.Minute)
	if t.status == "returned" || stage >= stageApproved && chance(r, 0.12) || t.status == "submitted" && chance(r, 0.15) {
		ret := add("return", "submitted", "returned", reviewer, pick(r, g.l.returnPlan), at(sub.Truncate(day), between(r, 1, 4)))
		if t.status != "returned" {
			sub = add("submit", "returned", "submitted", t.author, "", at(ret.Truncate(day), between(r, 1, 6)))
		}
	}
	t.submittedAt = sub
	if stage >= stageApproved {
		t.approvedAt = add("approve", "submitted", "approved", reviewer, "", at(sub.Truncate(day), between(r, 1, 8)))
	}

	// After travel.
	if stage >= stageCompleted {
		t.completedAt = add("complete", "approved", "completed", t.author, "", at(e, between(r, 1, 10)))
	}
	if stage >= stageReport {
		rs := add("submit_report", "completed", "report_submitted", t.author, "", at(t.completedAt.Truncate(day), between(r, 1, 20)))
		firstReport := rs
		if t.status == "report_returned" || stage > stageReport && chance(r, 0.1) || t.status == "report_submitted" && chance(r, 0.1) {
			ret := add("return_report", "report_submitted", "report_returned", reviewer, pick(r, g.l.returnReport), at(rs.Truncate(day), between(r, 2, 7)))
			if t.status != "report_returned" {
				rs = add("submit_report", "report_returned", "report_submitted", t.author, "", at(ret.Truncate(day), between(r, 1, 8)))
			}
		}
		reports := 1
		if rs != firstReport {
			reports = 2
		}
		t.report = &report{submittedAt: rs, createdAt: firstReport.Add(-time.Duration(between(r, 30, 600)) * time.Minute), updatedAt: rs, version: reports}
	}
	if stage >= stageReportApproved {
		t.reportAppAt = add("approve_report", "report_submitted", "report_approved", reviewer, "", at(ev[len(ev)-1].at.Truncate(day), between(r, 1, 14)))
	}
	if t.status == "published" {
		t.publishedAt = add("publish", "report_approved", "published", publisher, "", ev[len(ev)-1].at.Add(time.Duration(between(r, 60, 72*60))*time.Minute))
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
	t.version = 1 + len(ev)
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
