package partnerweb

import (
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/municipal-intl/portal/internal/geo"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/templates"
)

// countryOptions are the countries named in l's language, in its alphabetical
// order, with code selected.
func countryOptions(l *i18n.Localizer) []templates.Option {
	opts := make([]templates.Option, len(geo.CountryCodes))
	for i, c := range geo.CountryCodes {
		opts[i] = templates.Option{Value: c, Label: l.Country(c)}
	}
	col := collate.New(language.Make(l.Lang))
	slices.SortFunc(opts, func(a, b templates.Option) int { return col.CompareString(a.Label, b.Label) })
	return opts
}
