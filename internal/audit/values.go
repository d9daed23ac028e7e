package audit

import (
	"time"

	"github.com/municipal-intl/portal/internal/form"
)

// Created is the changes of a new record with values: every value, empty texts
// left out (nothing became nothing).
func Created(values map[string]any) map[string]Change {
	for k, v := range values {
		if s, ok := v.(string); ok && s == "" {
			delete(values, k)
		}
	}
	return Diff(nil, values)
}

// DateValue is a date as the log stores it; nil stays nil.
func DateValue(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Format(form.DateLayout)
}

// TimeValue is an instant as the log stores it; nil stays nil.
func TimeValue(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}
