package auditweb

import (
	"testing"

	"github.com/municipal-intl/portal/internal/body"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/policy"
)

// TestFieldLabelsExist: every form label the history names a field by is in the
// catalogue of every language.
func TestFieldLabelsExist(t *testing.T) {
	c := i18n.MustLoad()
	for field, key := range fieldKeys {
		for _, lang := range i18n.Supported {
			if _, ok := c.Message(lang, key); !ok {
				t.Errorf("%s: label %q of %s is missing", lang, key, field)
			}
		}
	}
}

// TestLoggedFieldsHaveLabels: every field the stores log for a kind of record is
// named by a form label in the history, never by its column name.
func TestLoggedFieldsHaveLabels(t *testing.T) {
	logged := map[string][]string{
		"body":               keys(body.Body{}.Values(), "members"),
		"policy":             keys(policy.Draft{}.Values(), "previous_version"),
		"priority":           keys(policy.PriorityRecord{}.Values()),
		"policy_rule":        keys(policy.RuleRecord{}.Values()),
		"budget_line":        keys(budget.LineRecord{}.Values()),
		"cooperation_notice": {"department", "partner", "summary", "starts_on", "noted"},
		"municipality":       {"slug", "code", "name", "name_en", "country", "currency", "languages", "archived", "report_deadline_days"},
		"account":            {"notify_email", "language"},
		"trip":               {"status", "reference", "comment", "meeting_on", "minutes_reference", "archived_at"},
	}
	for entity, fields := range logged {
		for _, f := range fields {
			if _, ok := fieldKeys[entity+"."+f]; ok {
				continue
			}
			if _, ok := fieldKeys[f]; !ok {
				t.Errorf("%s.%s has no label: the history would show its column name", entity, f)
			}
		}
	}
}

func keys(m map[string]any, more ...string) []string {
	out := more
	for k := range m {
		out = append(out, k)
	}
	return out
}
