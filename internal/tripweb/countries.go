package tripweb

import (
	"slices"
	"strconv"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/templates"
)

// countryCodes are the codes a destination's country may have: the current ISO
// 3166-1 alpha-2 codes, as x/text knows them, and XK for Kosovo.
//
// x/text's IsCountry also admits withdrawn codes (DD, UK, YU, SU …), which
// Canonicalize maps to their successor or keeps, and CLDR's own regions that are
// no country of ISO 3166-1 (EZ, UN, Canary Islands IC …): notCountries lists the
// latter. XK is no ISO code but the one the EU and CLDR use for Kosovo; without
// it a trip to Pristina could not be recorded.
var countryCodes = func() []string {
	var out []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err == nil && r.IsCountry() && r.String() == code && r.Canonicalize() == r && !slices.Contains(notCountries, code) {
				out = append(out, code)
			}
		}
	}
	return out
}()

// notCountries are the codes x/text counts as countries that ISO 3166-1 does not
// assign, or assigns no more: exceptionally or transitionally reserved (AC, CP,
// DG, EA, IC, TA, EZ, UN …), withdrawn without a successor (AN, CS, NT, SU, YU …)
// and CLDR's additions (CQ).
var notCountries = []string{"AC", "AN", "CP", "CQ", "CS", "DG", "EA", "EU", "EZ", "FQ", "IC", "NT", "PC", "QO", "SU", "TA", "UN", "YU"}

func validCountry(code string) bool {
	_, ok := slices.BinarySearch(countryCodes, code)
	return ok
}

// countryOptions lists the countries by their name in the reader's language, in
// that language's alphabetical order, with chosen selected.
func countryOptions(l *i18n.Localizer, chosen string) []templates.Option {
	type named struct{ code, name string }
	list := make([]named, 0, len(countryCodes))
	for _, c := range countryCodes {
		if name := l.Country(c); name != "" && name != c {
			list = append(list, named{c, name})
		}
	}
	col := collate.New(language.Make(l.Lang))
	slices.SortFunc(list, func(a, b named) int { return col.CompareString(a.name, b.name) })
	out := []templates.Option{{Value: "", Label: l.T("tripedit.country_choose")}}
	for _, c := range list {
		out = append(out, templates.Option{Value: c.code, Label: c.name, Selected: c.code == chosen})
	}
	return out
}

func idString(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}
