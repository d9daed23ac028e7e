package tripweb

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/municipal-intl/portal/internal/geo"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/templates"
)

// countryOptions lists the countries by their name in the reader's language, in
// that language's alphabetical order, with chosen selected.
func countryOptions(l *i18n.Localizer, chosen string) []templates.Option {
	type named struct{ code, name string }
	list := make([]named, 0, len(geo.CountryCodes))
	for _, c := range geo.CountryCodes {
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

// places writes a trip's destinations in the reader's language:
// "Hamburg (Germany), Prague (Czechia)".
func places(l *i18n.Localizer, ps []trip.Place) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = l.Place(p.City, p.Country)
	}
	return strings.Join(names, ", ")
}

// registerIntroKey is the catalogue key of the register's sentence on when a trip
// is published: once its report is approved where the municipality's policy has
// that rule, once the report is submitted where it has not.
func registerIntroKey(reportApproval bool) string {
	if reportApproval {
		return "trips.intro_report_approved"
	}
	return "trips.intro_report_submitted"
}

func idString(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}
