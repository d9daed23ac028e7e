package templates

import (
	"strings"
	"testing"
)

// TestTMarksContent: a message that names content reads in the page's
// language with the content in a span of its own language, escaped.
func TestTMarksContent(t *testing.T) {
	for _, tc := range []struct{ lang, want string }{
		{"en", "Notices of cooperation to Stadsledningskontoret <&>"},
		{"de", "Meldungen einer Zusammenarbeit an Stadsledningskontoret <&>"},
	} {
		doc := renderDoc(t, T(formPage(tc.lang).L, "notice.title", InLang("Stadsledningskontoret <&>", "sv")))
		if got := strings.TrimSpace(doc.Text()); got != tc.want {
			t.Errorf("%s: text %q, want %q", tc.lang, got, tc.want)
		}
		if got := doc.Find(`span[lang="sv"]`).Text(); got != "Stadsledningskontoret <&>" {
			t.Errorf("%s: span[lang=sv] holds %q", tc.lang, got)
		}
	}
	// Without a language the content is plain text; other arguments are formatted as T does.
	doc := renderDoc(t, T(formPage("en").L, "review.budget.heading", InLang("K-01 Rejser", "")))
	if doc.Find("span").Length() != 0 || strings.TrimSpace(doc.Text()) != "Budget line K-01 Rejser" {
		t.Errorf("no language: %q", doc.Text())
	}
}
