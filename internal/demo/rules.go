package demo

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/body"
	tripkind "github.com/municipal-intl/portal/internal/trip"
)

// The demo trips go through the lifecycle as the municipality's policy rules
// make it go: the rules are read as the lifecycle reads them
// (trip.Store.TripRules) and applied to each trip by trip.ApprovalFor, from the
// body holding the budget line the trip is charged to. So a rule added to a
// policy is followed by the next demo load without a change here. Where no rule
// asks for an approval, submitting the plan approves it and submitting the
// report publishes the trip, as one step of the author's; where a committee
// decides, one of its members records the decision with the meeting's date and
// the minutes' reference.

// orgRules is what the rules ask of the trips of one organiser.
type orgRules struct {
	// line is the index in generator.tpls of the line its trips are charged to.
	line         int
	plan, report tripkind.Approval
}

// reaches reports whether a trip under r can rest in status: a plan waits for a
// decision, or comes back from one, only where someone must approve it, and so
// does a report.
func (r orgRules) reaches(status string) bool {
	switch status {
	case "submitted", "returned":
		return r.plan.Needed
	case "report_submitted", "report_returned":
		return r.report.Needed
	case "report_approved":
		// Publication follows the report's approval in the same step.
		return false
	}
	return true
}

// lineOf returns the index of the template that pays the trips of organiser o:
// the line of its budget code, else the line held by the body of its name (a
// committee an administrator has recorded, with its own line), else -1.
func lineOf(tpls []budgetTemplate, o organiser, m *municipality) int {
	if i := slices.IndexFunc(tpls, func(b budgetTemplate) bool { return b.code == o.budget }); i >= 0 {
		return i
	}
	if id := m.bodyNamed(o.name); id != 0 {
		return slices.IndexFunc(tpls, func(b budgetTemplate) bool { return b.bodyID == id })
	}
	return -1
}

// applyRules returns the profile's organisers that can pay their trips, and
// what the rules ask of each. A committee without a line of its own is left
// out: Ballerup's standing committees each have their own line once recorded as
// bodies (the strategy names none), and their trips are not charged to a central
// line instead. Other organisers without their line pay from the first.
func applyRules(m *municipality, p *profile, tpls []budgetTemplate) (*profile, []orgRules) {
	kept := *p
	kept.organisers = nil
	var rules []orgRules
	plan, hasPlan := m.tripRules[tripkind.RulePlanApproval]
	report, hasReport := m.tripRules[tripkind.RuleReportApproval]
	for _, o := range p.organisers {
		i := lineOf(tpls, o, m)
		if i < 0 && o.political && len(p.organisers) > 1 {
			continue
		}
		i = max(i, 0)
		holder := tpls[i].bodyID
		political := false
		if b, ok := m.bodyByID(holder); ok {
			political = body.Political(b.Kind)
		}
		kept.organisers = append(kept.organisers, o)
		rules = append(rules, orgRules{line: i,
			plan:   tripkind.ApprovalFor(plan, hasPlan, tripkind.Subject{BodyID: holder, Political: political}),
			report: tripkind.ApprovalFor(report, hasReport, tripkind.Subject{BodyID: holder, Political: political})})
	}
	return &kept, rules
}

// deciders returns the bodies demo politicians belong to, each with the
// indices of the organisers of its name (a committee organises trips; the
// presidium of a council is its council's): every body a rule names for an
// organiser's trips, and the municipality's other political bodies that
// organise trips.
func deciders(m *municipality, p *profile, rules []orgRules) map[int64][]int {
	out := map[int64][]int{}
	need := func(id int64, named bool) {
		if _, ok := out[id]; ok {
			return
		}
		b, ok := m.bodyByID(id)
		if !ok {
			return
		}
		orgs := []int{}
		for i, o := range p.organisers {
			if o.political && (strings.EqualFold(o.name, b.Name) || strings.EqualFold(o.body, b.Name)) {
				orgs = append(orgs, i)
			}
		}
		if len(orgs) > 0 || named {
			out[id] = orgs
		}
	}
	for _, r := range rules {
		for _, a := range []tripkind.Approval{r.plan, r.report} {
			if a.ByCommittee {
				need(a.BodyID, true)
			}
		}
	}
	for _, b := range m.bodies {
		if b.ArchivedAt == nil && body.Political(b.Kind) {
			need(b.ID, false)
		}
	}
	return out
}

// memberships makes the politician accounts members of the bodies of deciders:
// the politicians of the organisers of the body's name, or, where none
// organises trips but a rule has the body decide, every politician account.
func memberships(bodies map[int64][]int, accounts []*demoAccount) map[int64][]*demoAccount {
	out := map[int64][]*demoAccount{}
	for id, orgs := range bodies {
		var all, own []*demoAccount
		for _, a := range accounts {
			if a.role != access.RolePolitician {
				continue
			}
			all = append(all, a)
			if slices.Contains(orgs, a.person.organiser) {
				own = append(own, a)
			}
		}
		if len(own) == 0 {
			own = all
		}
		if len(own) > 0 {
			out[id] = own
		}
	}
	return out
}

// pickOrganiser draws an organiser by weight among those ok accepts (nil: all);
// -1 when none is accepted.
func (g *generator) pickOrganiser(ok func(int) bool) int {
	total := 0
	for i, o := range g.p.organisers {
		if ok == nil || ok(i) {
			total += max(o.weight, 1)
		}
	}
	if total == 0 {
		return -1
	}
	x := g.r.IntN(total)
	for i, o := range g.p.organisers {
		if ok != nil && !ok(i) {
			continue
		}
		x -= max(o.weight, 1)
		if x < 0 {
			return i
		}
	}
	return -1
}

// organiserFor draws the organiser of a trip in status: by weight, and again
// among the organisers whose trips can rest in that status if the first cannot.
func (g *generator) organiserFor(status string) int {
	oi := g.pickOrganiser(nil)
	if g.rules[oi].reaches(status) {
		return oi
	}
	if i := g.pickOrganiser(func(i int) bool { return g.rules[i].reaches(status) }); i >= 0 {
		return i
	}
	return oi
}

// settle replaces the statuses no trip of the municipality can rest in under
// its rules by where the lifecycle takes such a trip at once: a plan nobody
// approves is approved at its submission, a report nobody approves is
// published at its submission.
func (g *generator) settle(sts []string) []string {
	reachable := map[string]bool{}
	for _, s := range sts {
		if _, ok := reachable[s]; !ok {
			reachable[s] = slices.ContainsFunc(g.rules, func(r orgRules) bool { return r.reaches(s) })
		}
	}
	for i, s := range sts {
		if reachable[s] {
			continue
		}
		switch stageOf(s) {
		case stageSubmitted:
			sts[i] = "approved"
		default:
			sts[i] = "published"
		}
	}
	return sts
}

// decider picks who records a decision approval a asks for on trip t: a member
// of the committee where the committee decides, otherwise a politician; one who
// does not travel on the trip where there is one.
func (g *generator) decider(t *trip, a tripkind.Approval) *demoAccount {
	from := g.pols
	if m := g.members[a.BodyID]; a.ByCommittee && len(m) > 0 {
		from = m
	}
	free := make([]*demoAccount, 0, len(from))
	for _, x := range from {
		if !slices.ContainsFunc(t.travellers, func(tr traveller) bool { return tr.name == x.person.name }) {
			free = append(free, x)
		}
	}
	if len(free) > 0 {
		from = free
	}
	return pick(g.r, from)
}

// decide marks event e as the decision of the committee a names, taken at a
// meeting on a day between since and the day it is recorded (at most three days
// before). Its minutes' reference is written once the trip has its dates (see
// minutes).
func (g *generator) decide(e *event, a tripkind.Approval, since time.Time) {
	if !a.ByCommittee {
		return
	}
	recorded := e.at.Truncate(day)
	gap := int(recorded.Sub(since.Truncate(day)) / day)
	e.body = a.BodyID
	e.meeting = recorded.AddDate(0, 0, -g.r.IntN(min(max(gap, 0), 3)+1))
	e.item = between(g.r, 2, 14)
}

// minutes is the reference of the minutes of e's meeting, in the municipality's
// language, e.g. "Økonomiudvalget, møde 14.03.2025, pkt. 7".
func (g *generator) minutes(e event) string {
	name := ""
	if b, ok := g.m.bodyByID(e.body); ok {
		name = b.Name
	}
	return strings.NewReplacer("{body}", name, "{date}", e.meeting.Format(g.l.minutesDate),
		"{n}", strconv.Itoa(e.item)).Replace(g.l.minutes)
}
