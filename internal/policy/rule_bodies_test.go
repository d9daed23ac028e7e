package policy_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/policy"
)

// TestSeededRulesFitTheirKinds: every seeded rule's parameters are what its
// kind reads, and a body a rule names is one of its municipality's recorded
// bodies (Göteborg's plan approval names Kommunfullmäktiges presidium).
func TestSeededRulesFitTheirKinds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	rows, err := pool.Query(ctx, `SELECT p.municipality_id, r.kind, r.parameters FROM policy_rule r JOIN policy p ON p.id = r.policy_id
WHERE p.archived_at IS NULL AND r.archived_at IS NULL`)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		m      int64
		kind   string
		params map[string]any
	}
	var all []row
	for rows.Next() {
		var r row
		var raw []byte
		if err := rows.Scan(&r.m, &r.kind, &raw); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &r.params); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	rows.Close()
	st := policy.NewStore(pool)
	named := 0
	for _, r := range all {
		k, ok := policy.LookupKind(r.kind)
		if !ok {
			continue
		}
		if err := k.CheckParams(r.params); err != nil {
			t.Errorf("%s of municipality %d: %v", r.kind, r.m, err)
		}
		bodies, err := st.BodyNames(ctx, r.m)
		if err != nil {
			t.Fatal(err)
		}
		if name := k.UnknownBody(r.params, bodies); name != "" {
			t.Errorf("%s of municipality %d names %q, not a recorded body", r.kind, r.m, name)
		}
		if _, has := r.params["body"]; has {
			named++
		}
		if k.UnknownBody(map[string]any{"body": "Ingen nämnd"}, bodies) == "" && r.kind == policy.KindPlanApproval {
			t.Errorf("an unknown body passes for %s", r.kind)
		}
	}
	if named != 1 {
		t.Errorf("%d seeded rules name a body, want 1 (Göteborg's plan approval)", named)
	}
}

func TestCheckParamsValues(t *testing.T) {
	t.Parallel()
	k, _ := policy.LookupKind(policy.KindPlanApproval)
	for params, ok := range map[string]bool{
		`{"approver": "committee", "applies_to": "committee_trips"}`:                 true,
		`{"approver": "body", "body": "X", "applies_to": "twin_city_meeting_trips"}`: true,
		`{"approver": "politicians"}`:                                                true,
		`{"approver": "body", "applies_to": "twin_city_meeting_trips"}`:              false,
		`{"approver": "council", "applies_to": "all_trips"}`:                         false,
		`{"approver": "politicians", "applies_to": "meeting_trips"}`:                 false,
		`{"approver": "body", "body": "", "applies_to": "all_trips"}`:                false,
	} {
		var p map[string]any
		if err := json.Unmarshal([]byte(params), &p); err != nil {
			t.Fatal(err)
		}
		if err := k.CheckParams(p); (err == nil) != ok {
			t.Errorf("%s: %v", params, err)
		}
	}
}
