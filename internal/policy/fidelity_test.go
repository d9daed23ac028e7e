package policy_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/policy"
)

// TestSeedFidelity checks the seeded policies against their documents (issue
// 12). The behaviour behind each rule is tested where it acts: agreements and
// partnerships (check_agreement_test.go, agreementweb), meetings (meeting,
// meetingweb), the version editor (policyweb).
func TestSeedFidelity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)

	// Point 5, Västerås: "Neue Partnerschaftsabkommen werden nicht
	// unterzeichnet." rules out new twin-town agreements and partnerships.
	var params string
	if err := pool.QueryRow(ctx, `SELECT r.parameters::text FROM policy_rule r JOIN policy p ON p.id = r.policy_id
JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'vasteras' AND r.kind = 'no_new_twin_town_agreements'`).Scan(&params); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(params, `"partnership_kind": "twin_town"`) {
		t.Errorf("Västerås rule parameters %s", params)
	}

	// Point 6 and "a rule means what the page says": every seeded rule carries a
	// label its kind's check can keep, and quotes a sentence of its policy.
	// (Ballerup's report approval and publication rules belong to the bodies work.)
	rows, err := pool.Query(ctx, `SELECT m.slug, r.kind, r.enforcement, r.source_sentence, p.full_text
FROM policy_rule r JOIN policy p ON p.id = r.policy_id JOIN municipality m ON m.id = p.municipality_id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var slug, kind, label, sentence, text string
		if err := rows.Scan(&slug, &kind, &label, &sentence, &text); err != nil {
			t.Fatal(err)
		}
		k, ok := policy.LookupKind(kind)
		if !ok {
			t.Errorf("%s: rule kind %s is not in the catalogue", slug, kind)
			continue
		}
		if !k.Allows(label) && kind != "publish_trips_with_accounts" && kind != "report_approval_before_publication" {
			t.Errorf("%s: %s labelled %s; its check keeps only %v", slug, kind, label, k.Labels)
		}
		if !policy.Quotes(text, sentence) {
			t.Errorf("%s: %s quotes %q, not in the text", slug, kind, sentence)
		}
	}
	rows.Close()

	// Point 7: "priorities offered for trips" are focus areas and themes:
	// Göteborg's responsibilities R1–R6 and the strategies are not.
	var offered []string
	rows, err = pool.Query(ctx, `SELECT m.slug || ':' || pr.code FROM priority pr JOIN policy p ON p.id = pr.policy_id
JOIN municipality m ON m.id = p.municipality_id WHERE pr.offered_for_trips ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		offered = append(offered, s)
	}
	rows.Close()
	for _, code := range []string{"goteborg:R1", "goteborg:R6", "vasteras:S1", "berlin:G1"} {
		if slices.Contains(offered, code) {
			t.Errorf("%s offered for trips", code)
		}
	}
	for _, code := range []string{"goteborg:D1", "vasteras:P1", "ballerup:F1", "berlin:T1", "stuttgart:F1"} {
		if !slices.Contains(offered, code) {
			t.Errorf("%s not offered for trips", code)
		}
	}
	var mismatched int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM priority WHERE offered_for_trips <> (kind = ANY($1))`, policy.FocusKinds).Scan(&mismatched); err != nil || mismatched != 0 {
		t.Errorf("policy.FocusKinds and priority.offered_for_trips differ on %d priorities (%v)", mismatched, err)
	}

	// Point 8, texts shown to citizens: sources by title, no repository paths,
	// no working notes, headings marked, Brandenburg's 2014 partnership.
	var bad int
	if err := pool.QueryRow(ctx, `SELECT
  (SELECT count(*) FROM policy WHERE source LIKE '%seeds/%' OR source_publisher = '' OR cardinality(headings) = 0)
+ (SELECT count(*) FROM partnership WHERE note LIKE '%brief expected%')
+ (SELECT count(*) FROM emission_factor WHERE source NOT LIKE 'UK Government GHG Conversion Factors 2025 (DESNZ)%')
+ (SELECT count(*) FROM priority pr JOIN policy p ON p.id = pr.policy_id WHERE pr.source_sentence = '')`).Scan(&bad); err != nil || bad != 0 {
		t.Errorf("%d seeded texts still show paths, working notes, unnamed sources or unquoted priorities (%v)", bad, err)
	}
	var brandenburg int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM partnership_status_change h JOIN partnership p ON p.id = h.partnership_id
JOIN partner_city c ON c.id = p.partner_city_id WHERE c.name_en = 'Brandenburg an der Havel' AND h.year = 2014 AND h.note_lang = 'en'`).Scan(&brandenburg); err != nil || brandenburg != 1 {
		t.Errorf("Brandenburg's 2014 partnership status: %d rows (%v)", brandenburg, err)
	}
	// Every priority quotes its document.
	rows, err = pool.Query(ctx, `SELECT pr.code, pr.source_sentence, p.full_text FROM priority pr JOIN policy p ON p.id = pr.policy_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, sentence, text string
		if err := rows.Scan(&code, &sentence, &text); err != nil {
			t.Fatal(err)
		}
		if !policy.Quotes(text, sentence) {
			t.Errorf("priority %s quotes %q, not in its policy", code, sentence)
		}
	}
}
