package opendata

import (
	"strconv"

	"github.com/municipal-intl/portal/internal/money"
)

// Decimal writes an amount of minor units as a decimal number with '.' and exactly
// minorUnits digits after it (123450, 2 → "1234.50"; 1234, 0 → "1234"). It works on
// integers only, so no amount is ever rounded through a float.
func Decimal(minor int64, minorUnits int) string { return money.Decimal(minor, minorUnits) }

// OneDecimal writes a quantity (kilometres, kilograms) rounded to one decimal.
func OneDecimal(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
