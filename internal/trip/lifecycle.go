// The lifecycle is the one place where a trip moves through its statuses:
// draft → submitted → approved → completed → report submitted → report approved →
// published, with "returned" from both reviews back to the author. Every move says
// who may make it and what must be present, and is refused with a reason otherwise.
package trip

import (
	"fmt"
	"slices"
	"time"

	"github.com/municipal-intl/portal/internal/access"
)

// Actions a person can take on a trip.
const (
	Submit        = "submit"
	Return        = "return"
	Approve       = "approve"
	Complete      = "complete"
	SubmitReport  = "submit_report"
	ReturnReport  = "return_report"
	ApproveReport = "approve_report"
	Publish       = "publish"
)

// Actions lists every action, for tables and tests.
var Actions = []string{Submit, Return, Approve, Complete, SubmitReport, ReturnReport, ApproveReport, Publish}

// move is one edge of the machine.
type move struct {
	from []string
	to   string
	// perm is the permission it takes (see package access): who may take the
	// move, and for a review that it is not by the trip's author nor by one of
	// its travellers.
	perm access.Action
}

// moves is the whole machine. Publishing follows report approval automatically
// where the policy requires the approval, and report submission where it does not;
// Publish itself is never taken by hand.
var moves = map[string]move{
	Submit:        {from: []string{StatusDraft, StatusReturned}, to: StatusSubmitted, perm: access.TripSubmit},
	Return:        {from: []string{StatusSubmitted}, to: StatusReturned, perm: access.TripReturn},
	Approve:       {from: []string{StatusSubmitted}, to: StatusApproved, perm: access.TripApprove},
	Complete:      {from: []string{StatusApproved}, to: StatusCompleted, perm: access.TripComplete},
	SubmitReport:  {from: []string{StatusCompleted, StatusReportReturned}, to: StatusReportSubmitted, perm: access.TripSubmitReport},
	ReturnReport:  {from: []string{StatusReportSubmitted}, to: StatusReportReturned, perm: access.TripReturnReport},
	ApproveReport: {from: []string{StatusReportSubmitted}, to: StatusReportApproved, perm: access.TripApproveReport},
}

// Facts are what a trip has, as far as the lifecycle needs to know.
type Facts struct {
	Status   string
	AuthorID int64
	// TravellerAccounts are the accounts linked to the trip's travellers.
	TravellerAccounts  []int64
	HasTitle           bool
	HasPurpose         bool
	HasDates           bool
	Destinations       int
	Travellers         int
	CostLines          int
	PlannedCostLines   int // lines with a planned amount
	ActualCostLines    int // lines with an actual amount
	ReportGoal         bool
	ReportOutcome      bool
	BudgetLineCurrency string // "" when no line is charged
	Currency           string
	// Programme counts the trip's programme items.
	Programme int
	// NeedsProgramme: the policy publishes this trip with its programme and
	// accounts (rule publish_trips_with_accounts, for the kinds of traveller
	// it names; see PublicationFor), so its plan needs a programme.
	NeedsProgramme bool
	// ProgrammeRule is the sentence of that rule, which a refusal for want of
	// a programme quotes.
	ProgrammeRule Quote
	// PlanApproval and ReportApproval are what the policy's approval rules ask of
	// this trip (see ApprovalFor): without a needed approval, submitting the plan
	// approves it and submitting the report publishes the trip.
	PlanApproval, ReportApproval Approval
	// Lapsed are the rules of the current policy that would ask something of
	// this trip but are not applied, the policy not being valid on the day
	// (see LapsedRule).
	Lapsed []LapsedRule
	// StartsOn and EndsOn are the trip's first and last day (zero without dates).
	StartsOn, EndsOn time.Time
	// Today is when the action is taken, by the server's clock.
	Today time.Time
}

// NotOver reports whether the trip's last day is still to come: until then it has
// not taken place and cannot be marked completed (its costs are not yet spent).
// A trip without dates has no last day to wait for.
func (f Facts) NotOver() bool {
	if f.EndsOn.IsZero() {
		return false
	}
	y, m, d := f.Today.Date()
	ey, em, ed := f.EndsOn.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Before(time.Date(ey, em, ed, 0, 0, 0, 0, time.UTC))
}

// ReferenceYear is the year a trip's public reference carries: the year of its
// first day, or the year of submission (now) while it has no dates.
func (f Facts) ReferenceYear(now time.Time) int {
	if f.StartsOn.IsZero() {
		return now.Year()
	}
	return f.StartsOn.Year()
}

// Actor is the person taking an action.
type Actor struct {
	ID   int64
	Role string
	// Bodies are the bodies the actor belongs to: a committee's decision is
	// taken by one of its members.
	Bodies []int64
}

// asAccess is the actor as the permissions table knows them. The trip is already
// known to be of the actor's municipality, so the municipality is left out.
func (a Actor) asAccess() access.Actor { return access.Actor{ID: a.ID, Role: a.Role} }

// resource is the trip as the permissions table's conditions need it.
func (f Facts) resource() access.Resource {
	return access.Resource{AuthorID: f.AuthorID, Travellers: f.TravellerAccounts}
}

// Refusal says why an action is not possible: Keys are the catalogue keys of
// the reasons (reasons for a submission list every missing part). Rules holds,
// for a reason an enforced policy rule gives, the rule's sentence, which the
// refusal quotes beside the reason.
type Refusal struct {
	Keys  []string
	Rules map[string]Quote
}

func (r *Refusal) Error() string { return fmt.Sprintf("refused: %v", r.Keys) }

// Rule returns the sentence of the rule behind reason key, if a rule gives it.
func (r *Refusal) Rule(key string) (Quote, bool) {
	q, ok := r.Rules[key]
	return q, ok && q.Sentence != ""
}

func refuse(keys ...string) *Refusal { return &Refusal{Keys: keys} }

// under records that the rule quoted by q gives reason key, when it does.
func (r *Refusal) under(key string, q Quote) *Refusal {
	if q.Sentence != "" && slices.Contains(r.Keys, key) {
		if r.Rules == nil {
			r.Rules = map[string]Quote{}
		}
		r.Rules[key] = q
	}
	return r
}

// Reasons keyed by a rule, whose refusals quote its sentence.
const (
	KeyNotMember        = "lifecycle.refused.not_member"
	KeyProgrammeMissing = "lifecycle.missing.programme"
)

// Check reports whether actor may take action on a trip with facts, and the status
// it leads to. comment is the reviewer's comment (required for returns).
func Check(f Facts, action string, actor Actor, comment string) (string, *Refusal) {
	m, ok := moves[action]
	if !ok {
		return "", refuse("lifecycle.refused.unknown_action")
	}
	if !access.Allowed(actor.Role, m.perm) {
		return "", refuse("lifecycle.refused.role")
	}
	if !slices.Contains(m.from, f.Status) {
		return "", refuse("lifecycle.refused.status")
	}
	switch access.Conditions(actor.asAccess(), m.perm, f.resource()) {
	case nil:
	case access.ErrOwnTrip:
		return "", refuse("lifecycle.refused.own_trip")
	case access.ErrTravels:
		// Conflict of interest: nobody decides on a trip on which they travel.
		return "", refuse("security.refused.travels")
	default:
		return "", refuse("lifecycle.refused.role")
	}
	if a := f.approvalOf(action); a.ByCommittee && !slices.Contains(actor.Bodies, a.BodyID) {
		// The committee decides: only one of its members records its decision.
		return "", refuse(KeyNotMember).under(KeyNotMember, a.Rule)
	}
	var missing []string
	switch action {
	case Submit:
		missing = Missing(f)
	case Return, ReturnReport:
		if comment == "" {
			missing = append(missing, "lifecycle.missing.comment")
		}
	case Complete:
		if f.NotOver() {
			return "", refuse("lifecycle.refused.not_over")
		}
		if f.CostLines == 0 || f.ActualCostLines < f.CostLines {
			missing = append(missing, "lifecycle.missing.actual_costs")
		}
	case SubmitReport:
		if !f.ReportGoal || !f.ReportOutcome {
			missing = append(missing, "lifecycle.missing.report")
		}
	}
	if len(missing) > 0 {
		return "", refuse(missing...).under(KeyProgrammeMissing, f.ProgrammeRule)
	}
	if action == Submit && !f.PlanApproval.Needed {
		// No rule asks anyone to approve this plan: submitting it approves it.
		return StatusApproved, nil
	}
	return m.to, nil
}

// approvalOf is the approval a decision action takes (the zero Approval for
// other actions).
func (f Facts) approvalOf(action string) Approval {
	switch action {
	case Approve, Return:
		return f.PlanApproval
	case ApproveReport, ReturnReport:
		return f.ReportApproval
	}
	return Approval{}
}

// DecisionByCommittee reports whether action is the decision of a committee on
// this trip: then the meeting date and the minutes reference are recorded with it.
func (f Facts) DecisionByCommittee(action string) bool {
	return (action == Approve || action == ApproveReport) && f.approvalOf(action).ByCommittee
}

// Available lists the actions actor may take on a trip with facts right now (the
// buttons to show); an action whose only obstacle is missing content is included,
// so that pressing it explains what is missing. Completion is offered only once the
// trip's last day has come.
func Available(f Facts, actor Actor) []string {
	var out []string
	for _, a := range Actions {
		m, ok := moves[a]
		if !ok || !slices.Contains(m.from, f.Status) || !access.Can(actor.asAccess(), m.perm, f.resource()) {
			continue
		}
		if ap := f.approvalOf(a); ap.ByCommittee && !slices.Contains(actor.Bodies, ap.BodyID) {
			continue
		}
		if a == Complete && f.NotOver() {
			continue
		}
		out = append(out, a)
	}
	return out
}

// Missing lists, as catalogue keys, what a plan with facts still lacks before it
// can be submitted for review: a title, a purpose, both dates, a destination, a traveller,
// planned costs, and a budget line in the trip's currency. Submission refuses
// with these reasons; the trip page and form list them beforehand. A draft may
// be saved without them.
func Missing(f Facts) []string {
	var missing []string
	if !f.HasTitle {
		missing = append(missing, "lifecycle.missing.title")
	}
	if !f.HasPurpose {
		missing = append(missing, "lifecycle.missing.purpose")
	}
	if !f.HasDates {
		missing = append(missing, "lifecycle.missing.dates")
	}
	if f.Destinations == 0 {
		missing = append(missing, "lifecycle.missing.destination")
	}
	if f.Travellers == 0 {
		missing = append(missing, "lifecycle.missing.travellers")
	}
	if f.PlannedCostLines == 0 {
		missing = append(missing, "lifecycle.missing.planned_costs")
	}
	if f.NeedsProgramme && f.Programme == 0 {
		missing = append(missing, KeyProgrammeMissing)
	}
	if f.BudgetLineCurrency != "" && f.BudgetLineCurrency != f.Currency {
		missing = append(missing, "lifecycle.missing.budget_currency")
	}
	return missing
}
