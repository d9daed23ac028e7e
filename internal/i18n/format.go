package i18n

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/municipal-intl/portal/internal/money"
)

type numberFormat struct {
	group   string // thousands separator
	decimal string
	// homeSymbols maps a currency to the symbol this language writes for it; others
	// are written with their ISO code so that a currency is never ambiguous.
	homeSymbols map[string]string
	// symbolFirst writes the symbol before the amount (English: €1,234.56).
	symbolFirst bool
	// dateOrder is "dmy" with "." after the day (de, da) or without (en, sv).
	dayDot bool
}

var formats = map[string]numberFormat{
	"en": {group: ",", decimal: ".", homeSymbols: map[string]string{"EUR": "€", "GBP": "£", "USD": "US$"}, symbolFirst: true},
	"de": {group: ".", decimal: ",", homeSymbols: map[string]string{"EUR": "€"}, dayDot: true},
	"sv": {group: "\u00a0", decimal: ",", homeSymbols: map[string]string{"SEK": "kr", "EUR": "€"}},
	"da": {group: ".", decimal: ",", homeSymbols: map[string]string{"DKK": "kr.", "EUR": "€"}, dayDot: true},
}

// Int formats a whole number with the language's thousands separator.
func (l *Localizer) Int(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(l.format.group)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Decimal formats n/10^places with the language's separators.
func (l *Localizer) Decimal(n int64, places int) string {
	if places <= 0 {
		return l.Int(n)
	}
	neg := n < 0
	if neg {
		n = -n
	}
	pow := money.Scale(places)
	whole := l.Int(n / pow)
	frac := strconv.FormatInt(n%pow, 10)
	frac = strings.Repeat("0", places-len(frac)) + frac
	s := whole + l.format.decimal + frac
	if neg {
		s = "−" + s
	}
	return s
}

// Money formats an amount in minor units of currency (minorUnits decimals), with
// the currency written so it cannot be mistaken: "1.234,56 €", "1 234,56 kr",
// "DKK 1,234.56".
func (l *Localizer) Money(minor int64, currency string, minorUnits int) string {
	amount := l.Decimal(minor, minorUnits)
	sym, home := l.format.homeSymbols[currency]
	switch {
	case home && l.format.symbolFirst:
		return sym + amount
	case home:
		return amount + "\u00a0" + sym
	case l.format.symbolFirst:
		return currency + "\u00a0" + amount
	default:
		return amount + "\u00a0" + currency
	}
}

// Date formats a calendar date in the language's long form: "9 October 2014",
// "9. Oktober 2014", "9 oktober 2014", "9. oktober 2014".
func (l *Localizer) Date(t time.Time) string {
	day := strconv.Itoa(t.Day())
	if l.format.dayDot {
		day += "."
	}
	return day + " " + l.T("month."+strconv.Itoa(int(t.Month()))) + " " + strconv.Itoa(t.Year())
}

// Country names an ISO 3166 country in the interface language.
func (l *Localizer) Country(iso2 string) string {
	if iso2 == "" {
		return ""
	}
	r, err := language.ParseRegion(iso2)
	if err != nil {
		return iso2
	}
	name := display.Regions(language.MustParse(l.Lang)).Name(r)
	if name == "" {
		return iso2
	}
	return name
}

// Place writes a city with its country, the one way pages name a place:
// "Hamburg (Germany)", the country named in the interface language; a city
// without a country is written alone.
func (l *Localizer) Place(city, iso2 string) string {
	if iso2 == "" {
		return city
	}
	return city + " (" + l.Country(iso2) + ")"
}

// LanguageName names a content language (BCP 47) in the interface language.
func (l *Localizer) LanguageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	name := display.Languages(language.MustParse(l.Lang)).Name(t)
	if name == "" {
		return tag
	}
	return name
}

// Time formats the time of day of t in UTC as hours and minutes ("14:05").
func (l *Localizer) Time(t time.Time) string {
	return t.UTC().Format("15:04") + " UTC"
}
