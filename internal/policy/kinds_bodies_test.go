package policy

import "testing"

// TestBodyKindsCatalogued: every kind of kinds_bodies.go can be recorded by the
// rules editor and carries a label and the sentence of what the portal does.
func TestBodyKindsCatalogued(t *testing.T) {
	for _, k := range BodyKinds {
		if !ValidRuleKind(k.Kind) {
			t.Errorf("%s is not a rule kind", k.Kind)
		}
		if k.Label != LabelEnforced && k.Label != LabelChecked && k.Label != LabelInformational {
			t.Errorf("%s: label %q", k.Kind, k.Label)
		}
		if k.Applies == "" {
			t.Errorf("%s says nothing of what it does", k.Kind)
		}
	}
	if _, ok := BodyKind(KindPlanApproval); !ok {
		t.Error("plan_approval is not catalogued")
	}
}
