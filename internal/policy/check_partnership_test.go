package policy_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/policy"
)

func TestCouncilDecision(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	ids := map[string]int64{}
	for _, slug := range []string{"goteborg", "ballerup", "stuttgart"} {
		var id int64
		if err := pool.QueryRow(ctx, `SELECT id FROM municipality WHERE slug = $1`, slug).Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids[slug] = id
	}
	// Stuttgart gets the rule for friendships, as a warning only: the rule is
	// read as data, its kind and enforcement included.
	if _, err := pool.Exec(ctx, `
INSERT INTO policy_rule (policy_id, kind, enforcement, parameters, source_sentence)
SELECT id, 'twin_city_requires_council_decision', 'warn', '{"partnership_kind": "friendship"}', 'Freundschaften beschließt der Gemeinderat.'
FROM policy WHERE municipality_id = $1 AND archived_at IS NULL`, ids["stuttgart"]); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name              string
		slug              string
		oldKind, newKind  string
		ref               string
		violated, refused bool
	}{
		{"Göteborg: new twin town without a decision", "goteborg", "", "twin_town", "", true, true},
		{"Göteborg: a blank reference is no reference", "goteborg", "", "twin_town", "  ", true, true},
		{"Göteborg: new twin town with a decision", "goteborg", "", "twin_town", "KF 2026-11-19 § 7", false, false},
		{"Göteborg: partnership changed to twin town", "goteborg", "partnership", "twin_town", "", true, true},
		{"Göteborg: a twin town edited, kind kept", "goteborg", "twin_town", "twin_town", "", false, false},
		{"Göteborg: new partnership", "goteborg", "", "partnership", "", false, false},
		{"Ballerup: no such rule", "ballerup", "", "twin_town", "", false, false},
		{"Stuttgart: warning for a friendship", "stuttgart", "", "friendship", "", true, false},
		{"Stuttgart: twin towns are not its rule's kind", "stuttgart", "", "twin_town", "", false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, err := policy.NewStore(pool).CouncilDecision(ctx, ids[tc.slug], tc.oldKind, tc.newKind, tc.ref, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if (v != nil) != tc.violated {
				t.Fatalf("violation %+v, want one: %v", v, tc.violated)
			}
			if v == nil {
				return
			}
			if v.Refused != tc.refused || v.Key != policy.KeyCouncilDecision || v.Rule.Kind != policy.RuleCouncilDecision {
				t.Errorf("violation %+v", v)
			}
			if tc.slug == "goteborg" && (v.Rule.Language != "sv" || !strings.Contains(v.Rule.SourceSentence, "Kommunfullmäktige")) {
				t.Errorf("quoted sentence %q in %q", v.Rule.SourceSentence, v.Rule.Language)
			}
		})
	}

	// An archived policy's rule no longer applies.
	if _, err := pool.Exec(ctx, `UPDATE policy SET archived_at = now() WHERE municipality_id = $1`, ids["goteborg"]); err != nil {
		t.Fatal(err)
	}
	if v, err := policy.NewStore(pool).CouncilDecision(ctx, ids["goteborg"], "", "twin_town", "", time.Now()); err != nil || v != nil {
		t.Errorf("rule of an archived policy: %+v, %v", v, err)
	}
}

func TestCouncilDecisionKeyInCatalogue(t *testing.T) {
	c := i18n.MustLoad()
	for _, lang := range i18n.Supported {
		if _, ok := c.Message(lang, policy.KeyCouncilDecision); !ok {
			t.Errorf("%s: %q is not in the catalogue", lang, policy.KeyCouncilDecision)
		}
	}
}
