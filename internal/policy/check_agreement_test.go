package policy_test

import (
	"context"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/policy"
)

func TestAgreementType(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	ids := map[string]int64{}
	for _, slug := range []string{"vasteras", "stuttgart", "goteborg"} {
		var id int64
		if err := pool.QueryRow(ctx, `SELECT id FROM municipality WHERE slug = $1`, slug).Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids[slug] = id
	}
	// Göteborg gets the same rule as a warning only, to check that the rule is
	// read as data, not tied to Västerås.
	if _, err := pool.Exec(ctx, `
INSERT INTO policy_rule (policy_id, kind, enforcement, parameters, source_sentence)
SELECT id, 'no_new_twin_town_agreements', 'warn', '{"agreement_type": "memorandum"}', 'Inga nya avsiktsförklaringar.'
FROM policy WHERE municipality_id = $1 AND archived_at IS NULL`, ids["goteborg"]); err != nil {
		t.Fatal(err)
	}

	// Västerås adopted its policy on 9 October 2014, valid until 31 December 2020.
	d := func(y int, m time.Month, day int) *time.Time {
		t := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
		return &t
	}
	today := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name             string
		slug             string
		oldType, newType string
		signed           *time.Time
		violated         bool
		refused, expired bool
	}{
		{"Västerås: new twin-town agreement signed 2015", "vasteras", "", "twin_town_agreement", d(2015, 3, 1), true, true, false},
		{"Västerås: signed on the day of adoption", "vasteras", "", "twin_town_agreement", d(2014, 10, 9), true, true, false},
		{"Västerås: Kassel 1972, history", "vasteras", "", "twin_town_agreement", d(1972, 5, 1), false, false, false},
		{"Västerås: signed the day before adoption", "vasteras", "", "twin_town_agreement", d(2014, 10, 8), false, false, false},
		{"Västerås: signed 2022, policy expired", "vasteras", "", "twin_town_agreement", d(2022, 6, 1), true, false, true},
		{"Västerås: not signed yet, today the policy is expired", "vasteras", "", "twin_town_agreement", nil, true, false, true},
		{"Västerås: cooperation agreement becomes twin-town", "vasteras", "cooperation_agreement", "twin_town_agreement", d(2016, 1, 1), true, true, false},
		{"Västerås: existing twin-town agreement edited", "vasteras", "twin_town_agreement", "twin_town_agreement", d(2016, 1, 1), false, false, false},
		{"Västerås: twin-town agreement becomes a declaration", "vasteras", "twin_town_agreement", "declaration", nil, false, false, false},
		{"Västerås: new cooperation agreement", "vasteras", "", "cooperation_agreement", d(2016, 1, 1), false, false, false},
		{"Västerås: new declaration", "vasteras", "", "declaration", nil, false, false, false},
		{"Västerås: new convention", "vasteras", "", "convention", nil, false, false, false},
		{"Stuttgart has no such rule", "stuttgart", "", "twin_town_agreement", nil, false, false, false},
		{"Göteborg's warning: memorandum", "goteborg", "", "memorandum", nil, true, false, false},
		{"Göteborg: twin-town agreement", "goteborg", "", "twin_town_agreement", nil, false, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, err := policy.NewStore(pool).AgreementType(ctx, ids[tc.slug], tc.oldType, tc.newType, tc.signed, today)
			if err != nil {
				t.Fatal(err)
			}
			if (v != nil) != tc.violated {
				t.Fatalf("violation = %+v, want violated %v", v, tc.violated)
			}
			if v == nil {
				return
			}
			if v.Refused != tc.refused || v.Expired != tc.expired || v.Key != policy.KeyNoNewTwinTownAgreements {
				t.Errorf("violation = %+v, want refused %v expired %v", v, tc.refused, tc.expired)
			}
			if tc.slug == "vasteras" && (v.Rule.SourceSentence != "Neue Partnerschaftsabkommen werden nicht unterzeichnet." || v.Rule.Language != "de") {
				t.Errorf("quoted sentence %q in %q", v.Rule.SourceSentence, v.Rule.Language)
			}
		})
	}

	// A rule without its parameter is a data error, not a silent pass.
	if _, err := pool.Exec(ctx, `UPDATE policy_rule SET parameters = '{}' WHERE kind = 'no_new_twin_town_agreements' AND policy_id IN (SELECT id FROM policy WHERE municipality_id = $1)`, ids["vasteras"]); err != nil {
		t.Fatal(err)
	}
	if _, err := policy.NewStore(pool).AgreementType(ctx, ids["vasteras"], "", "declaration", nil, today); err == nil {
		t.Error("a rule without agreement_type gave no error")
	}
}
