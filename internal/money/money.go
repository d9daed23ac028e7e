// Package money is the portal's one money type: an amount in minor units of an
// ISO 4217 currency, scaled by that currency's number of minor units (2 for
// the euro and the krone, 0 for the Icelandic króna). It parses amounts as
// people type them in each interface language and writes them back, always on
// integers: no amount passes through a float.
//
// How an amount reads on a page in a language (separators, currency symbol)
// is the message catalogue's (i18n.Localizer.Money), which scales with Split.
package money

import (
	"strconv"
	"strings"
)

// Currency is an ISO 4217 currency with its number of minor units (decimals).
type Currency struct {
	Code       string
	MinorUnits int
}

// Money is an amount in minor units of a currency.
type Money struct {
	Minor    int64
	Currency Currency
}

// New is minor units of the currency code with minorUnits decimals.
func New(minor int64, code string, minorUnits int) Money {
	return Money{Minor: minor, Currency: Currency{Code: code, MinorUnits: minorUnits}}
}

// Scale is 10^minorUnits, the number of minor units in one major unit (100
// cents in a euro); 1 for a currency without minor units or a negative count.
func Scale(minorUnits int) int64 {
	s := int64(1)
	for range minorUnits {
		s *= 10
	}
	return s
}

// Scale is the number of the currency's minor units in one major unit.
func (c Currency) Scale() int64 { return Scale(c.MinorUnits) }

// Whole is the amount in whole major units, truncated towards zero.
func (m Money) Whole() int64 { return m.Minor / m.Currency.Scale() }

// Split writes the absolute value of minor units of a currency with minorUnits
// decimals as its whole digits and exactly minorUnits fraction digits, and says
// whether it is negative: 123450, 2 → "1234", "50"; 5, 2 → "0", "05"; 1234, 0 →
// "1234", "". It is right for math.MinInt64 too.
func Split(minor int64, minorUnits int) (neg bool, whole, frac string) {
	neg = minor < 0
	u := uint64(minor)
	if neg {
		u = -u
	}
	digits := strconv.FormatUint(u, 10)
	if minorUnits <= 0 {
		return neg, digits, ""
	}
	if len(digits) <= minorUnits {
		digits = strings.Repeat("0", minorUnits-len(digits)+1) + digits
	}
	return neg, digits[:len(digits)-minorUnits], digits[len(digits)-minorUnits:]
}

// Decimal writes minor units as a plain decimal number with '.' and exactly
// minorUnits digits after it, for data files (123450, 2 → "1234.50"; 1234, 0 →
// "1234"; -5, 2 → "-0.05").
func Decimal(minor int64, minorUnits int) string {
	neg, whole, frac := Split(minor, minorUnits)
	s := whole
	if frac != "" {
		s += "." + frac
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Decimal writes the amount as a plain decimal number (see Decimal).
func (m Money) Decimal() string { return Decimal(m.Minor, m.Currency.MinorUnits) }
