package trip

import "time"

// A rule of the lifecycle applies only while its policy is valid on the day of
// the step (valid_from <= day <= valid_until, either open when not recorded).
// Outside that time it refuses nothing and asks for no approval: the step goes
// through as where no rule exists, and the staff pages say which rule is not
// applied and why (Facts.Lapsed).

// LapsedRule is a lifecycle rule of the current policy not applied on a day
// because its policy is not valid then: Expired when the policy's validity
// ended before that day, else the policy is not yet in force.
type LapsedRule struct {
	Quote                 Quote
	ValidFrom, ValidUntil *time.Time
	Expired               bool
}

// appliesOn says how r's policy stands on day: valid, or not, and then whether
// its validity has ended (expired) rather than not yet begun.
func (r Rule) appliesOn(day time.Time) (valid, expired bool) {
	d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	if r.ValidUntil != nil && r.ValidUntil.Before(d) {
		return false, true
	}
	if r.ValidFrom != nil && d.Before(*r.ValidFrom) {
		return false, false
	}
	return true, false
}

// on splits the rules into those whose policy is valid on day and those whose
// policy is not.
func (rs rules) on(day time.Time) (valid, lapsed rules) {
	valid, lapsed = rules{}, rules{}
	for k, r := range rs {
		if ok, _ := r.appliesOn(day); ok {
			valid[k] = r
		} else {
			lapsed[k] = r
		}
	}
	return valid, lapsed
}

// binding returns the rules lapsed on day that would ask something of a trip
// (subject s, travellers of kinds) were their policy valid, in the order of the
// lifecycle: the programme, the plan's approval, the report's approval.
func (rs rules) binding(day time.Time, s Subject, kinds []string) []LapsedRule {
	var f Facts
	rs.apply(&f, s, kinds)
	var out []LapsedRule
	add := func(kind string, asks bool) {
		if !asks {
			return
		}
		r := rs[kind]
		_, expired := r.appliesOn(day)
		out = append(out, LapsedRule{Quote: r.Quote, ValidFrom: r.ValidFrom, ValidUntil: r.ValidUntil, Expired: expired})
	}
	add(RulePublishWithAccounts, f.NeedsProgramme)
	add(RulePlanApproval, f.PlanApproval.Needed)
	add(RuleReportApproval, f.ReportApproval.Needed)
	return out
}
