package fidelity_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/dbtest"
)

// ruleTests names, for every rule the five policies are seeded with, the test
// that proves what its label promises (the page's "Enforced", "Checked" or
// "Informational"): a refusal quoting the sentence, a warning or task, or the
// rule shown and nothing refused. A path is relative to internal/.
var ruleTests = map[string]string{
	"vasteras/no_new_twin_town_agreements":         "fidelity/TestPoint5VasterasNoNewTwinTownAgreements",
	"goteborg/twin_city_requires_council_decision": "partnerweb/TestCouncilDecisionRule",
	"goteborg/twin_city_meeting_rotation":          "fidelity/TestPoint6GoteborgRotationFromRecords",
	"goteborg/host_every_nth_meeting":              "fidelity/TestPoint6GoteborgRotationFromRecords",
	"goteborg/evaluation_after_hosting":            "fidelity/TestPoint6GoteborgRotationFromRecords",
	"goteborg/inform_office_of_cooperation":        "fidelity/TestPoint6GoteborgRotationFromRecords",
	"goteborg/plan_approval":                       "tripweb/TestGoteborgMeetingTripWaitsForThePresidium",
	"ballerup/allocation_per_body":                 "fidelity/TestPoint1BallerupEachStandingCommitteeHasItsOwnLine",
	"ballerup/publish_trips_with_accounts":         "fidelity/TestPoint3BallerupPublishesProgrammeAndAccounts",
	"ballerup/report_approval_before_publication":  "fidelity/TestPoint4BallerupCommitteeApprovesReports",
	"ballerup/plan_approval":                       "tripweb/TestDecisionOutsideTheBodyQuotesTheRule",
}

// TestEverySeededRuleHasItsTest: the seeded rules and the list above are the
// same set, and each test named exists, so a rule added to a seed without a
// test of its behaviour fails here.
func TestEverySeededRuleHasItsTest(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	rows, err := pool.Query(t.Context(), `
SELECT m.slug || '/' || r.kind FROM policy_rule r JOIN policy p ON p.id = r.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE p.archived_at IS NULL AND r.archived_at IS NULL ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var seeded []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		seeded = append(seeded, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, s := range seeded {
		if _, ok := ruleTests[s]; !ok {
			t.Errorf("seeded rule %s names no test of its behaviour in ruleTests", s)
		}
	}
	tests := map[string]bool{}
	for rule, test := range ruleTests {
		if !slices.Contains(seeded, rule) {
			t.Errorf("ruleTests lists %s, which no seed has", rule)
		}
		tests[test] = true
	}
	// Each test named is a test function of its package.
	funcs := map[string]map[string]bool{}
	for test := range tests {
		pkg, name, _ := strings.Cut(test, "/")
		if funcs[pkg] == nil {
			funcs[pkg] = testFuncs(t, filepath.Join("..", pkg))
		}
		if !funcs[pkg][name] {
			t.Errorf("%s: no such test", test)
		}
	}
}

// testFuncs lists the Test functions of the package in dir.
func testFuncs(t *testing.T, dir string) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Test") {
				out[fn.Name.Name] = true
			}
		}
	}
	return out
}
