package form

import (
	"strings"
	"time"
)

// DateLayout is how <input type="date"> submits a date, whatever the reader's
// language: 2014-10-09.
const DateLayout = "2006-01-02"

// ParseDate parses the value of an <input type="date"> into midnight UTC of that
// day. Empty input is form.error.date_required; anything but a real calendar day
// written YYYY-MM-DD (as browsers without a date picker make people type) is
// form.error.date_format.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, ErrDateRequired
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil || t.Year() < 1 {
		return time.Time{}, ErrDateFormat
	}
	return t, nil
}

// FormatDateInput writes t as the value of an <input type="date">; the zero time
// is an empty input.
func FormatDateInput(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}
