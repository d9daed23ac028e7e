package policy

import "testing"

// TestBodyKindsCatalogued: every kind of kinds_bodies.go is in the catalogue,
// with its labels, its parameters and the code that applies it.
func TestBodyKindsCatalogued(t *testing.T) {
	for _, want := range bodyKinds {
		k, ok := LookupKind(want.Kind)
		if !ok || k.Check != want.Check || len(k.Labels) == 0 || !k.Allows(k.DefaultLabel) {
			t.Errorf("%s: %+v", want.Kind, k)
		}
	}
	if k, _ := LookupKind(KindPublishWithAccounts); !k.Allows(LabelEnforced) {
		t.Error("publish_trips_with_accounts cannot be enforced")
	}
}
