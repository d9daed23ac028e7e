package money

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Message keys of the errors Parse reports, in the catalogue's form section
// (internal/i18n/locales/*/form.json), where the staff forms show them.
const (
	KeyRequired  = "form.error.money_required"
	KeyFormat    = "form.error.money_format"
	KeyDecimals  = "form.error.money_decimals"
	KeyWhole     = "form.error.money_whole"
	KeyAmbiguous = "form.error.money_ambiguous"
	KeyNegative  = "form.error.money_negative"
	KeyTooLarge  = "form.error.money_too_large"
	KeyCurrency  = "form.error.money_currency"
)

// Error is a parse error whose message is the catalogue entry Key, filled with Args.
type Error struct {
	Key  string
	Args []any
}

func (e *Error) Error() string {
	if len(e.Args) == 0 {
		return "money: " + e.Key
	}
	return fmt.Sprintf("money: %s %v", e.Key, e.Args)
}

// Is makes errors.Is(err, ErrDecimals) and the like match on the key alone,
// whatever the arguments.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Key == e.Key
}

// Sentinels for errors.Is; the errors returned carry the same key and maybe Args.
var (
	ErrRequired  = &Error{Key: KeyRequired}
	ErrFormat    = &Error{Key: KeyFormat}
	ErrDecimals  = &Error{Key: KeyDecimals}
	ErrWhole     = &Error{Key: KeyWhole}
	ErrAmbiguous = &Error{Key: KeyAmbiguous}
	ErrNegative  = &Error{Key: KeyNegative}
	ErrTooLarge  = &Error{Key: KeyTooLarge}
	ErrCurrency  = &Error{Key: KeyCurrency}
)

// Parse parses an amount as a person types it in lang ("en", "de", "sv", "da")
// into minor units of a currency with minorUnits decimals, using integers only.
//
// The reading rule:
//
//   - Spaces, including no-break (U+00A0), narrow no-break (U+202F) and thin
//     (U+2009) spaces, only ever group thousands, in every language.
//   - In de, sv and da "," is the decimal separator and "." groups thousands; in en
//     "." is the decimal separator and "," groups thousands.
//   - When both "." and "," occur, the last one is the decimal separator whatever
//     the language ("1,234.50" reads as 1234.50 in German too: there is only one way
//     to read it). A separator that occurs more than once groups thousands
//     ("1.234.567" is 1234567 in English too, as decimals cannot be split).
//   - A lone "." or "," (no other separator): followed by exactly three digits and
//     preceded by one to three digits, the language's thousands separator groups
//     thousands (de "1.234" = 1234, en "1,234" = 1234), while the language's decimal
//     separator is ambiguous when minorUnits < 3 (en "1.234", de "1,234": was 1234
//     meant, or 1.234?) and is refused with form.error.money_ambiguous. Followed by
//     any other number of digits, either separator is the decimal separator: people
//     type "1234.50" in German and "1,5" in English and mean 1234,50 and 1.50.
//   - Groups of thousands must have three digits (after a first group of one to
//     three), all grouped with the same separator: "1,2,3", "1.23.4,5" and
//     "1.234 567" are refused.
//   - One currency mark may stand before or after the amount: €, £, $, US$, kr,
//     kr. or an ISO code (EUR, SEK, DKK, NOK, ISK, GBP, USD, CHF), in any letter
//     case. Parse accepts any of them; ParseIn checks it fits the field's
//     currency. A trailing ",-", ".-" or ":-" (100,- kr, 100:-) marks a whole amount.
//   - A minus sign (-, −, –) before or after the amount is refused with
//     form.error.money_negative; more decimals than minorUnits with
//     form.error.money_decimals (form.error.money_whole when minorUnits is 0);
//     amounts beyond int64 with form.error.money_too_large; empty input with
//     form.error.money_required; anything else ("abc", "12e3", "+5", "1..2") with
//     form.error.money_format.
//
// Errors are *Error values; compare them with errors.Is(err, ErrDecimals) and
// the like.
func Parse(s, lang string, c Currency) (Money, error) {
	v, _, err := parseMoney(s, lang, c.MinorUnits)
	if err != nil {
		return Money{}, err
	}
	return Money{Minor: v, Currency: c}, nil
}

// ParseIn is Parse for a field in currency c: a currency mark typed with the
// amount that does not fit c ("€" in a DKK field) is refused with
// form.error.money_currency, whose argument is c's code.
func ParseIn(s, lang string, c Currency) (Money, error) {
	v, mark, err := parseMoney(s, lang, c.MinorUnits)
	if err != nil {
		return Money{}, err
	}
	if mark != nil && !mark.fits(c.Code) {
		return Money{}, &Error{Key: KeyCurrency, Args: []any{c.Code}}
	}
	return Money{Minor: v, Currency: c}, nil
}

// Separators of a language: the one it writes before decimals and the one it
// groups thousands with. German, Swedish and Danish write 1.234,50 (Swedish
// officially 1 234,50); English writes 1,234.50. An unknown language is read as
// English, as the catalogue falls back to English.
func separators(lang string) (decimal, group byte) {
	switch lang {
	case "de", "da", "sv":
		return ',', '.'
	}
	return '.', ','
}

// A currency mark a person may type around an amount, and the currencies it can
// stand for ("kr" is the krona or krone of several countries).
type currencyMark struct {
	mark  string
	codes []string
}

// Longer marks first, so that "kr." wins over "kr" and "US$" over "$".
var currencyMarks = []currencyMark{
	{"US$", []string{"USD"}},
	{"kr.", []string{"DKK", "ISK", "NOK", "SEK"}},
	{"kr", []string{"DKK", "ISK", "NOK", "SEK"}},
	{"€", []string{"EUR"}},
	{"£", []string{"GBP"}},
	{"$", []string{"USD"}},
	{"EUR", []string{"EUR"}},
	{"SEK", []string{"SEK"}},
	{"DKK", []string{"DKK"}},
	{"NOK", []string{"NOK"}},
	{"ISK", []string{"ISK"}},
	{"GBP", []string{"GBP"}},
	{"USD", []string{"USD"}},
	{"CHF", []string{"CHF"}},
}

func (m *currencyMark) fits(code string) bool {
	for _, c := range m.codes {
		if c == code {
			return true
		}
	}
	return false
}

func parseMoney(s, lang string, minorUnits int) (int64, *currencyMark, error) {
	if minorUnits < 0 || minorUnits > 9 {
		return 0, nil, ErrFormat
	}
	s = trimSpaces(s)
	if s == "" {
		return 0, nil, ErrRequired
	}
	var mark *currencyMark
	neg := false
	// At most one currency mark and one minus sign, in either order: "-€100",
	// "€-100", "100 kr-".
	for changed := true; changed; {
		changed = false
		if mark == nil {
			if m, rest, ok := cutCurrency(s); ok {
				mark, s, changed = m, trimSpaces(rest), true
			}
		}
		if !neg {
			if rest, ok := cutMinus(s); ok {
				neg, s, changed = true, trimSpaces(rest), true
			}
		}
	}
	whole := false
	for _, suffix := range []string{",-", ".-", ":-"} {
		if strings.HasSuffix(s, suffix) {
			whole, s = true, trimSpaces(strings.TrimSuffix(s, suffix))
			break
		}
	}
	intDigits, fracDigits, err := splitNumber(s, lang, minorUnits)
	if err != nil {
		return 0, nil, err
	}
	if whole && fracDigits != "" {
		return 0, nil, ErrFormat
	}
	if neg {
		return 0, nil, ErrNegative
	}
	v, err := toMinor(intDigits, fracDigits, minorUnits)
	if err != nil {
		return 0, nil, err
	}
	return v, mark, nil
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u202f', '\u2009':
		return true
	}
	return false
}

func trimSpaces(s string) string { return strings.TrimFunc(s, isSpace) }

func cutCurrency(s string) (*currencyMark, string, bool) {
	for i := range currencyMarks {
		m := &currencyMarks[i]
		n := len(m.mark)
		if len(s) > n && strings.EqualFold(s[:n], m.mark) {
			return m, s[n:], true
		}
		if len(s) > n && strings.EqualFold(s[len(s)-n:], m.mark) {
			return m, s[:len(s)-n], true
		}
	}
	return nil, s, false
}

func cutMinus(s string) (string, bool) {
	for _, minus := range []string{"-", "−", "–"} {
		if strings.HasPrefix(s, minus) {
			return s[len(minus):], true
		}
		// A trailing minus, but not the "-" of a whole-amount mark such as "100,-".
		if rest, ok := strings.CutSuffix(s, minus); ok {
			if r, _ := utf8.DecodeLastRuneInString(rest); r >= '0' && r <= '9' || isSpace(r) {
				return rest, true
			}
		}
	}
	return s, false
}

// splitNumber reads digits and separators into the digits before and after the
// decimal separator, by the rule of ParseMoney.
func splitNumber(s, lang string, minorUnits int) (intDigits, fracDigits string, err error) {
	var groups []string // digit runs, between separators
	var seps []byte     // the separator after each group but the last: ' ', '.' or ','
	start := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			continue
		case r == '.' || r == ',':
			seps = append(seps, byte(r))
		case isSpace(r):
			seps = append(seps, ' ')
		default:
			return "", "", ErrFormat
		}
		groups = append(groups, s[start:i])
		start = i + utf8.RuneLen(r)
	}
	groups = append(groups, s[start:])
	for i, g := range groups {
		// Only a lone decimal separator may come first (",50"); no separator may
		// end the amount or follow another.
		if g == "" && (i > 0 || len(seps) != 1) {
			return "", "", ErrFormat
		}
	}
	if len(seps) == 0 {
		return groups[0], "", nil
	}
	decimal, group := separators(lang)
	last := seps[len(seps)-1]
	dec := -1 // index in seps of the decimal separator; -1 when all group thousands
	switch {
	case last == ' ':
	case strings.Count(string(seps), string(last)) > 1:
	case len(seps) > 1:
		dec = len(seps) - 1
	default: // a lone "." or ","
		thousands := len(groups[1]) == 3 && validGroups(groups)
		switch {
		case thousands && last == group:
		case thousands && last == decimal && minorUnits < 3:
			return "", "", ErrAmbiguous
		default:
			dec = 0
		}
	}
	intGroups := groups
	if dec >= 0 {
		intGroups, fracDigits = groups[:dec+1], groups[dec+1]
		if dec == 0 && groups[0] == "" {
			intGroups = []string{"0"}
		}
	}
	if len(intGroups) > 1 {
		for _, c := range seps[:len(intGroups)-1] {
			if c != seps[0] {
				return "", "", ErrFormat
			}
		}
		if !validGroups(intGroups) {
			return "", "", ErrFormat
		}
	}
	if len(fracDigits) > minorUnits {
		if minorUnits == 0 {
			return "", "", ErrWhole
		}
		return "", "", &Error{Key: KeyDecimals, Args: []any{minorUnits}}
	}
	return strings.Join(intGroups, ""), fracDigits, nil
}

// validGroups reports whether groups are thousands: one to three digits without a
// leading zero, then groups of exactly three.
func validGroups(groups []string) bool {
	if n := len(groups[0]); n < 1 || n > 3 || groups[0][0] == '0' {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

func toMinor(intDigits, fracDigits string, minorUnits int) (int64, error) {
	n, err := strconv.ParseInt(intDigits, 10, 64)
	if err != nil {
		return 0, ErrTooLarge
	}
	frac := int64(0)
	if fracDigits != "" {
		frac, _ = strconv.ParseInt(fracDigits, 10, 64) // at most 9 digits
	}
	// "5" of two decimals is 50 minor units.
	frac *= Scale(minorUnits - len(fracDigits))
	scale := Scale(minorUnits)
	if n > (math.MaxInt64-frac)/scale {
		return 0, ErrTooLarge
	}
	return n*scale + frac, nil
}

// FormatInput writes the amount the way lang writes numbers, without the
// currency, for the value of an input: "1.234,50" (de, da), "1 234,50" with
// no-break spaces (sv), "1,234.50" (en). Parse reads it back to the same value
// (for amounts of zero and more).
func (m Money) FormatInput(lang string) string {
	decimal, group := separators(lang)
	groupSep := string(group)
	if lang == "sv" {
		groupSep = "\u00a0"
	}
	neg, whole, frac := Split(m.Minor, m.Currency.MinorUnits)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(groupSep)
		}
		b.WriteByte(whole[i])
	}
	if frac != "" {
		b.WriteByte(decimal)
		b.WriteString(frac)
	}
	return b.String()
}
