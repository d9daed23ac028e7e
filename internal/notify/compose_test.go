package notify_test

import (
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/notify"
)

// TestEveryKindInEveryLanguage composes each kind of message in each language:
// no catalogue key is missing (a missing key would show as the key itself), the
// subject names the trip, and the body links to it and to the settings page.
func TestEveryKindInEveryLanguage(t *testing.T) {
	t.Parallel()
	cat := i18n.MustLoad()
	start, end, due := time.Date(2026, 5, 12, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 13, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 12, 0, 0, 0, 0, time.UTC)
	tr := notify.Trip{ID: 42, Reference: "BAL-2026-0007", Purpose: "Study visit\nwith   spaces", StartsOn: &start, EndsOn: &end, DueOn: &due}
	for _, lang := range i18n.Supported {
		l := cat.Localizer(lang)
		seen := map[string]bool{}
		for _, kind := range notify.Kinds {
			subject, body := notify.Compose(l, "https://portal.example.org", kind, "Anna", "Fix it.", tr)
			for _, s := range []string{subject, body} {
				if strings.Contains(s, "notify.") {
					t.Errorf("%s %s: a key is missing: %q", lang, kind, s)
				}
			}
			if !strings.HasPrefix(subject, "BAL-2026-0007: ") || seen[subject] {
				t.Errorf("%s %s: subject %q", lang, kind, subject)
			}
			seen[subject] = true
			for _, want := range []string{"Anna", "Study visit with spaces", "/staff/", "42", "https://portal.example.org/staff/notifications", "  Fix it."} {
				if !strings.Contains(body, want) {
					t.Errorf("%s %s: body lacks %q:\n%s", lang, kind, want, body)
				}
			}
		}
	}
	// A trip without a reference or dates still makes a message.
	subject, body := notify.Compose(cat.Localizer("en"), "https://p.example", notify.PlanReturned, "Anna", "", notify.Trip{ID: 5})
	if subject != "#5: your plan was returned with a comment" || strings.Contains(body, "Dates:") {
		t.Errorf("without reference or dates: %q\n%s", subject, body)
	}
}
