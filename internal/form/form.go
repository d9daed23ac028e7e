// Package form turns what people type into staff forms into domain values and
// collects the field errors a view shows beside each input and in the error summary.
// Every error carries the catalogue key of its message, never an English sentence,
// so the view says it in the reader's language.
package form

import (
	"fmt"

	"github.com/municipal-intl/portal/internal/money"
)

// Message keys of the errors this package reports. They live in
// internal/i18n/locales/*/form.json.
const (
	KeyMoneyRequired  = money.KeyRequired
	KeyMoneyFormat    = money.KeyFormat
	KeyMoneyDecimals  = money.KeyDecimals
	KeyMoneyWhole     = money.KeyWhole
	KeyMoneyAmbiguous = money.KeyAmbiguous
	KeyMoneyNegative  = money.KeyNegative
	KeyMoneyTooLarge  = money.KeyTooLarge
	KeyMoneyCurrency  = money.KeyCurrency
	KeyDateRequired   = "form.error.date_required"
	KeyDateFormat     = "form.error.date_format"
	KeyInvalid        = "form.error.invalid"
)

// Error is a parse error whose message is the catalogue entry Key, filled with Args.
type Error struct {
	Key  string
	Args []any
}

func (e *Error) Error() string {
	if len(e.Args) == 0 {
		return "form: " + e.Key
	}
	return fmt.Sprintf("form: %s %v", e.Key, e.Args)
}

// Is makes errors.Is(err, ErrMoneyDecimals) and the like match on the key alone,
// whatever the arguments.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Key == e.Key
}

// Sentinels for errors.Is; the errors returned carry the same key and maybe Args.
var (
	ErrMoneyRequired  = &Error{Key: KeyMoneyRequired}
	ErrMoneyFormat    = &Error{Key: KeyMoneyFormat}
	ErrMoneyDecimals  = &Error{Key: KeyMoneyDecimals}
	ErrMoneyWhole     = &Error{Key: KeyMoneyWhole}
	ErrMoneyAmbiguous = &Error{Key: KeyMoneyAmbiguous}
	ErrMoneyNegative  = &Error{Key: KeyMoneyNegative}
	ErrMoneyTooLarge  = &Error{Key: KeyMoneyTooLarge}
	ErrMoneyCurrency  = &Error{Key: KeyMoneyCurrency}
	ErrDateRequired   = &Error{Key: KeyDateRequired}
	ErrDateFormat     = &Error{Key: KeyDateFormat}
)
