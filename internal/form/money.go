package form

import (
	"errors"

	"github.com/municipal-intl/portal/internal/money"
)

// ParseMoney parses an amount as a person types it in lang ("en", "de", "sv", "da")
// into minor units of a currency with minorUnits decimals, by the reading rule
// of money.Parse. Errors are *Error values; compare them with
// errors.Is(err, ErrMoneyDecimals) and the like.
func ParseMoney(s, lang string, minorUnits int) (int64, error) {
	m, err := money.Parse(s, lang, money.Currency{MinorUnits: minorUnits})
	return m.Minor, formError(err)
}

// ParseMoneyIn is ParseMoney for a field in currency (an ISO 4217 code): a currency
// mark typed with the amount that does not fit currency ("€" in a DKK field) is
// refused with form.error.money_currency, whose argument is currency.
func ParseMoneyIn(s, lang, currency string, minorUnits int) (int64, error) {
	m, err := money.ParseIn(s, lang, money.Currency{Code: currency, MinorUnits: minorUnits})
	return m.Minor, formError(err)
}

// formError turns a money parse error into the form's error of the same key.
func formError(err error) error {
	var e *money.Error
	if errors.As(err, &e) {
		return &Error{Key: e.Key, Args: e.Args}
	}
	return err
}

// FormatMoneyInput writes minor units of a currency with minorUnits decimals the
// way lang writes numbers, without the currency, for the value of an input (see
// money.Money.FormatInput). ParseMoney reads it back to the same value.
func FormatMoneyInput(minor int64, lang string, minorUnits int) string {
	return money.New(minor, "", minorUnits).FormatInput(lang)
}
