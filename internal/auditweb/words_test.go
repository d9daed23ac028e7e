package auditweb

import (
	"testing"

	"github.com/municipal-intl/portal/internal/i18n"
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
