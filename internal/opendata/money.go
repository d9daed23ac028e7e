package opendata

import (
	"strconv"
	"strings"
)

// Decimal writes an amount of minor units as a decimal number with '.' and exactly
// minorUnits digits after it (123450, 2 → "1234.50"; 1234, 0 → "1234"). It works on
// integers only, so no amount is ever rounded through a float.
func Decimal(minor int64, minorUnits int) string {
	neg := minor < 0
	u := uint64(minor)
	if neg {
		u = -u // also right for math.MinInt64
	}
	s := strconv.FormatUint(u, 10)
	if minorUnits > 0 {
		if len(s) <= minorUnits {
			s = strings.Repeat("0", minorUnits-len(s)+1) + s
		}
		s = s[:len(s)-minorUnits] + "." + s[len(s)-minorUnits:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// OneDecimal writes a quantity (kilometres, kilograms) rounded to one decimal.
func OneDecimal(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
