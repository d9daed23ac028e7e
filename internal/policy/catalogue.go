package policy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/municipal-intl/portal/internal/trip"
)

// The catalogue of rule kinds: every kind of policy rule the portal knows, in one
// list. A policy's rule (table policy_rule) names its kind; the kind says which
// parameters its check reads, which labels it can honestly carry and which code
// applies it. To add a kind: append a RuleKind here (with its two catalogue keys
// in internal/i18n/locales) and write its check; nothing in the schema lists the
// kinds (migration 00090 dropped that constraint).

// The labels a rule carries, stored in policy_rule.enforcement and shown on the
// policy page: what the portal does when a change goes against the rule.
const (
	// LabelEnforced: a save or a lifecycle step is refused, quoting the sentence.
	LabelEnforced = "enforce"
	// LabelChecked: the change goes through with a warning that the author and
	// the reviewer see (or a task on the dashboard).
	LabelChecked = "warn"
	// LabelInformational: the portal shows the rule; nothing checks it.
	LabelInformational = "inform"
)

// Enforcements are the labels, strictest first.
var Enforcements = []string{LabelEnforced, LabelChecked, LabelInformational}

// Param is one parameter of a rule kind: a key of the rule's parameters object.
type Param struct {
	Name     string
	Required bool
	// Type is "string", "number", "list" (of strings), "date", or "body": the
	// name of one of the municipality's recorded bodies (checked by UnknownBody
	// against the body records).
	Type string
	// Values are the values a string parameter may take; nil: any.
	Values []string
	// RequiredWhen makes the parameter required when another parameter has a
	// value: {"approver", "body"}; empty: never.
	RequiredWhen [2]string
}

// RuleKind is one kind of policy rule the portal knows.
type RuleKind struct {
	Kind string
	// NameKey and DescKey are the catalogue keys of its name and of what the
	// portal does with it.
	NameKey, DescKey string
	Params           []Param
	// Example is a parameters object shown as a hint in the editors.
	Example string
	// DefaultLabel is the label a new rule of this kind starts with.
	DefaultLabel string
	// Labels are the labels its check can keep: a kind whose check never refuses
	// cannot be labelled enforced, so the policy page never promises more than the
	// portal does.
	Labels []string
	// Check names the code that applies the rule (for docs/policies.md and
	// reviewers of this list).
	Check string
}

// RuleKinds is the catalogue.
var RuleKinds = []RuleKind{
	{
		Kind: KindNoNewTwinTownAgreements, NameKey: "adminedit.rule_kind.no_new_twin_town_agreements",
		DescKey: "adminedit.rule_kind_desc.no_new_twin_town_agreements",
		Params: []Param{{Name: "agreement_type", Required: true, Type: "string"}, {Name: "partnership_kind", Type: "string"},
			{Name: "allowed_types", Type: "list"}},
		Example:      `{"agreement_type": "twin_town_agreement", "partnership_kind": "twin_town", "allowed_types": ["cooperation_agreement", "declaration", "convention"]}`,
		DefaultLabel: LabelEnforced, Labels: []string{LabelEnforced, LabelChecked, LabelInformational},
		Check: "policy.Store.AgreementType (agreement saved; signed on or after adoption) and policy.Store.NewPartnership (partnership created with a start on or after adoption)",
	},
	{
		Kind: RuleCouncilDecision, NameKey: "adminedit.rule_kind.twin_city_requires_council_decision",
		DescKey: "adminedit.rule_kind_desc.twin_city_requires_council_decision",
		Params:  []Param{{Name: "partnership_kind", Required: true, Type: "string"}, {Name: "decided_by", Type: "string"}},
		Example: `{"partnership_kind": "twin_town", "decided_by": "…"}`, DefaultLabel: LabelEnforced,
		Labels: []string{LabelEnforced, LabelChecked, LabelInformational},
		Check:  "policy.Store.CouncilDecision (partnership saved)",
	},
	{
		Kind: KindMeetingRotation, NameKey: "adminedit.rule_kind.twin_city_meeting_rotation",
		DescKey: "adminedit.rule_kind_desc.twin_city_meeting_rotation",
		Params:  []Param{{Name: "interval_years", Required: true, Type: "number"}, {Name: "cities", Type: "list"}},
		Example: `{"interval_years": 2, "cities": ["…", "…"]}`, DefaultLabel: LabelInformational,
		Labels: []string{LabelInformational},
		Check:  "meeting.Schedule (next meeting and host from the recorded meetings; shown, never refused)",
	},
	{
		Kind: KindHostEveryNth, NameKey: "adminedit.rule_kind.host_every_nth_meeting",
		DescKey: "adminedit.rule_kind_desc.host_every_nth_meeting",
		Params:  []Param{{Name: "host", Required: true, Type: "string"}, {Name: "every_years", Required: true, Type: "number"}},
		Example: `{"host": "…", "every_years": 8}`, DefaultLabel: LabelChecked,
		Labels: []string{LabelChecked, LabelInformational},
		Check:  "meeting.Schedule (warns on the meetings page when the host has not hosted within every_years of the recorded meetings)",
	},
	{
		Kind: KindEvaluationAfterHosting, NameKey: "adminedit.rule_kind.evaluation_after_hosting",
		DescKey: "adminedit.rule_kind_desc.evaluation_after_hosting",
		Params:  []Param{{Name: "host", Required: true, Type: "string"}, {Name: "report", Type: "string"}, {Name: "due_days", Type: "number"}},
		Example: `{"host": "…", "report": "…", "due_days": 180}`, DefaultLabel: LabelChecked,
		Labels: []string{LabelChecked, LabelInformational},
		Check:  "meeting.Store.EvaluationsDue (a task on the dashboard until the report is attached; lateness shown on the public meetings page)",
	},
	{
		Kind: "report_approval_before_publication", NameKey: "adminedit.rule_kind.report_approval_before_publication",
		DescKey: "adminedit.rule_kind_desc.report_approval_before_publication",
		Params: []Param{{Name: "approver", Required: true, Type: "string"}, {Name: "applies_to", Type: "string"},
			{Name: "report_covers", Type: "list"}},
		Example:      `{"approver": "committee", "applies_to": "committee_trips", "report_covers": ["goal", "outcome"]}`,
		DefaultLabel: LabelEnforced, Labels: []string{LabelEnforced, LabelChecked, LabelInformational},
		Check: "trip lifecycle (internal/trip lifecycle_store.go: report approval before publication)",
	},
	{
		Kind: KindInformOffice, NameKey: "adminedit.rule_kind.inform_office_of_cooperation",
		DescKey: "adminedit.rule_kind_desc.inform_office_of_cooperation",
		Params:  []Param{{Name: "office", Required: true, Type: "string"}},
		Example: `{"office": "…"}`, DefaultLabel: LabelInformational,
		Labels: []string{LabelInformational},
		Check:  "meeting.Store notifications (departments record a notice of a new cooperation; it reaches the dashboard of the office)",
	},
	{
		Kind: "publish_trips_with_accounts", NameKey: "adminedit.rule_kind.publish_trips_with_accounts",
		DescKey: "adminedit.rule_kind_desc.publish_trips_with_accounts",
		Params:  []Param{{Name: "publish", Required: true, Type: "list"}, {Name: "travellers", Type: "list"}},
		Example: `{"publish": ["programme", "accounts"], "travellers": ["` + trip.KindPolitician + `", "` + trip.KindStaff + `"]}`,
		// The bodies helper's check makes this enforceable; until then it can
		// only be shown.
		DefaultLabel: LabelInformational, Labels: []string{LabelInformational},
		Check: "none yet: shown on the policy page",
	},
}

// Kind names of the catalogue used by checks in this package.
const (
	KindHostEveryNth           = "host_every_nth_meeting"
	KindEvaluationAfterHosting = "evaluation_after_hosting"
	KindInformOffice           = "inform_office_of_cooperation"
)

// LookupKind returns the catalogue entry of kind.
func LookupKind(kind string) (RuleKind, bool) {
	i := slices.IndexFunc(RuleKinds, func(k RuleKind) bool { return k.Kind == kind })
	if i < 0 {
		return RuleKind{}, false
	}
	return RuleKinds[i], true
}

// ValidRuleKind reports whether kind is in the catalogue.
func ValidRuleKind(kind string) bool {
	_, ok := LookupKind(kind)
	return ok
}

// Allows reports whether a rule of this kind may carry label.
func (k RuleKind) Allows(label string) bool { return slices.Contains(k.Labels, label) }

// CheckParams returns what is wrong with params for this kind: a required
// parameter missing or a parameter of the wrong type; nil when they fit.
func (k RuleKind) CheckParams(params map[string]any) error {
	for _, p := range k.Params {
		v, ok := params[p.Name]
		if !ok || v == nil {
			if p.Required {
				return fmt.Errorf("parameter %s is missing", p.Name)
			}
			if w := p.RequiredWhen; w[0] != "" && params[w[0]] == w[1] {
				return fmt.Errorf("parameter %s is missing: %s %q names it", p.Name, w[0], w[1])
			}
			continue
		}
		fits := true
		switch p.Type {
		case "string", "date", "body":
			s, isString := v.(string)
			fits = isString && s != ""
			if fits && p.Values != nil && !slices.Contains(p.Values, s) {
				return fmt.Errorf("parameter %s must be one of %s", p.Name, strings.Join(p.Values, ", "))
			}
		case "number":
			switch v.(type) {
			case float64, int, int64, interface{ Int64() (int64, error) }:
			default:
				fits = false
			}
		case "list":
			_, fits = v.([]any)
		}
		if !fits {
			return fmt.Errorf("parameter %s must be a %s", p.Name, p.Type)
		}
	}
	return nil
}

// FocusKinds are the kinds of priority that say what the work is about: a
// policy's focus areas and themes (its priorities, fields of activity,
// directions, focus areas, focus themes). Only these are offered for trips and
// counted in spending per priority; strategies, responsibilities and
// guidelines say how the work is done. The column priority.offered_for_trips
// (migration 00093) computes the same.
var FocusKinds = []string{"priority", "field_of_activity", "direction", "focus_area", "focus_theme"}
