package policyweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/servertest"
)

// A sentence of Ballerup's policy text that no seeded rule quotes, as an
// administrator copies it: across a line break.
const ballerupSentence = "Kommunen tilskynder via tilskud og støttemuligheder\nforeninger og borgere til at have internationale aktiviteter."

func TestRules(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ballerup := servertest.Scalar[int64](t, f.Pool, `SELECT id FROM municipality WHERE slug = 'ballerup'`)

	doc := f.Get(t, "/staff/policy/rules", http.StatusOK)
	// Ballerup's rules: report approval, publication with programme and
	// accounts, plan approval by the committee, a line per standing committee.
	if n := doc.Find("main .admin-list > li").Length(); n != 4 {
		t.Fatalf("%d rules listed", n)
	}
	if doc.Find(`blockquote[lang="da"]`).Length() != 4 {
		t.Error("the quoted sentences are not marked as Danish")
	}
	doc = f.Get(t, "/staff/policy/rules/new", http.StatusOK)
	if doc.Find("#source_sentence").AttrOr("lang", "") != "da" || doc.Find(".admin-kinds dt").Length() != 11 ||
		!strings.Contains(doc.Find(".admin-kinds").Text(), `"agreement_type"`) {
		t.Error("the new rule form lacks the language mark or the kinds with their parameters")
	}

	t.Run("a sentence that is not in the policy is refused", func(t *testing.T) {
		form := url.Values{
			"kind": {"inform_office_of_cooperation"}, "enforcement": {"inform"}, "parameters": {`{"office": "Borgmesterens kontor"}`},
			"source_sentence": {"Forvaltningerne informerer borgmesterens kontor om deres samarbejde."}, "description": {"Inform the office."},
		}
		res, page := f.Post(t, "/staff/policy/rules", form)
		if res.StatusCode != http.StatusUnprocessableEntity || page.Find("#source_sentence-error").Length() != 1 {
			t.Fatalf("status %d", res.StatusCode)
		}
		if page.Find("#source_sentence").Text() != form.Get("source_sentence") || page.Find("#parameters").Text() != form.Get("parameters") ||
			page.Find("#kind option[selected]").AttrOr("value", "") != "inform_office_of_cooperation" ||
			page.Find("#enforcement option[selected]").AttrOr("value", "") != "inform" || page.Find("#description").Text() != "Inform the office." {
			t.Error("input not kept")
		}
		if n := servertest.Scalar[int](t, f.Pool, `SELECT count(*) FROM policy_rule r JOIN policy p ON p.id = r.policy_id WHERE p.municipality_id = $1`, ballerup); n != 4 {
			t.Errorf("%d rules", n)
		}
	})

	for _, tc := range []struct{ name, params, field string }{
		{"parameters must be a JSON object", `["office"]`, "parameters"},
		{"parameters must be JSON", `{office: x}`, "parameters"},
		{"one object only", `{} {}`, "parameters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, page := f.Post(t, "/staff/policy/rules", url.Values{
				"kind": {"inform_office_of_cooperation"}, "enforcement": {"inform"}, "parameters": {tc.params}, "source_sentence": {ballerupSentence},
			})
			if res.StatusCode != http.StatusUnprocessableEntity || page.Find("#"+tc.field+"-error").Length() != 1 || page.Find("#parameters").Text() != tc.params {
				t.Errorf("status %d", res.StatusCode)
			}
		})
	}
	t.Run("one rule of each kind", func(t *testing.T) {
		res, page := f.Post(t, "/staff/policy/rules", url.Values{
			"kind": {"publish_trips_with_accounts"}, "enforcement": {"warn"}, "parameters": {"{}"}, "source_sentence": {ballerupSentence},
		})
		if res.StatusCode != http.StatusUnprocessableEntity || page.Find("#kind-error").Length() != 1 {
			t.Errorf("status %d", res.StatusCode)
		}
	})

	// A rule quoting its policy is created and applies at once.
	f.MustPost(t, "/staff/policy/rules", url.Values{
		"kind": {"no_new_twin_town_agreements"}, "enforcement": {"warn"},
		"parameters":      {`{"agreement_type": "twin_town_agreement", "allowed_types": ["cooperation_agreement"], "limit": 12345678901234567890}`},
		"source_sentence": {ballerupSentence}, "description": {"Test rule."},
	}, http.StatusSeeOther)
	rule, ok, err := policy.NewStore(f.Pool).RuleFor(t.Context(), ballerup, "no_new_twin_town_agreements")
	if err != nil || !ok || rule.Enforcement != "warn" || rule.Parameters["agreement_type"] != "twin_town_agreement" || rule.Language != "da" ||
		rule.SourceSentence != strings.Join(strings.Fields(ballerupSentence), " ") {
		t.Fatalf("rule %+v, %v, %v", rule, ok, err)
	}
	id := servertest.Scalar[int64](t, f.Pool, `SELECT r.id FROM policy_rule r JOIN policy p ON p.id = r.policy_id WHERE p.municipality_id = $1 AND r.kind = 'no_new_twin_town_agreements'`, ballerup)
	changes, _ := servertest.AuditChanges(t, f.Pool, "policy_rule", id, "create")
	params, _ := changes["parameters"]["new"].(map[string]any)
	if changes["enforcement"]["new"] != "warn" || params["agreement_type"] != "twin_town_agreement" {
		t.Errorf("create changes %v", changes)
	}
	if s := servertest.Scalar[string](t, f.Pool, `SELECT parameters->>'limit' FROM policy_rule WHERE id = $1`, id); s != "12345678901234567890" {
		t.Errorf("a large number was not kept exactly: %s", s)
	}

	// Edited by two administrators from the same state: the second meets a conflict.
	edit := fmt.Sprintf("/staff/policy/rules/%d", id)
	doc = f.Get(t, edit, http.StatusOK)
	first := servertest.FormValues(doc, "main form.admin-form")
	second := servertest.FormValues(doc, "main form.admin-form")
	first.Set("enforcement", "enforce")
	f.MustPost(t, edit, first, http.StatusSeeOther)
	changes, _ = servertest.AuditChanges(t, f.Pool, "policy_rule", id, "update")
	if len(changes) != 1 || changes["enforcement"]["old"] != "warn" || changes["enforcement"]["new"] != "enforce" {
		t.Errorf("update changes %v", changes)
	}
	second.Set("description", "Changed meanwhile.")
	res, page := f.Post(t, edit, second)
	if res.StatusCode != http.StatusConflict || page.Find(".conflict").Length() != 1 || page.Find("#description").Text() != "Changed meanwhile." {
		t.Errorf("stale save: %d", res.StatusCode)
	}
	if e := servertest.Scalar[string](t, f.Pool, `SELECT enforcement || '|' || description FROM policy_rule WHERE id = $1`, id); e != "enforce|Test rule." {
		t.Errorf("after the conflict: %s", e)
	}

	// Editing the sentence to one not in the text is refused too.
	doc = f.Get(t, edit, http.StatusOK)
	bad := servertest.FormValues(doc, "main form.admin-form")
	bad.Set("source_sentence", "Ingen nye venskabsbyaftaler.")
	res, page = f.Post(t, edit, bad)
	if res.StatusCode != http.StatusUnprocessableEntity || page.Find("#source_sentence-error").Length() != 1 {
		t.Errorf("edit with a foreign sentence: %d", res.StatusCode)
	}

	// Archived, the portal stops applying it; restored, it applies again.
	f.MustPost(t, edit+"/archive", url.Values{}, http.StatusSeeOther)
	if _, ok, _ := policy.NewStore(f.Pool).RuleFor(t.Context(), ballerup, "no_new_twin_town_agreements"); ok {
		t.Error("an archived rule still applies")
	}
	if changes, _ := servertest.AuditChanges(t, f.Pool, "policy_rule", id, "archive"); changes["archived_at"]["new"] == nil {
		t.Errorf("archive changes %v", changes)
	}
	f.MustPost(t, edit+"/restore", url.Values{}, http.StatusSeeOther)
	if _, ok, _ := policy.NewStore(f.Pool).RuleFor(t.Context(), ballerup, "no_new_twin_town_agreements"); !ok {
		t.Error("a restored rule does not apply")
	}
	doc = f.Get(t, edit, http.StatusOK)
	if n := doc.Find(".history .audit-entry").Length(); n != 4 {
		t.Errorf("%d history entries", n)
	}
}
