package form

import "errors"

// FieldError is one problem with one input: Field is the input's id (the error
// summary links to "#"+Field), Key the catalogue key of the message and Args its
// fmt arguments.
type FieldError struct {
	Field string
	Key   string
	Args  []any
}

// Errors lists the problems of a submitted form in the order they were added, which
// should be the order of the inputs on the page, so the error summary reads in the
// same order as the form.
type Errors []FieldError

// Translator is what turns a key into a message: *i18n.Localizer.
type Translator interface {
	T(key string, args ...any) string
}

// Add records that field has the problem key.
func (e *Errors) Add(field, key string, args ...any) {
	*e = append(*e, FieldError{Field: field, Key: key, Args: args})
}

// AddErr records err for field: a parse error of this package with its own key,
// any other error as form.error.invalid. A nil err adds nothing.
func (e *Errors) AddErr(field string, err error) {
	if err == nil {
		return
	}
	var fe *Error
	if errors.As(err, &fe) {
		e.Add(field, fe.Key, fe.Args...)
		return
	}
	e.Add(field, KeyInvalid)
}

// Has reports whether field has a problem.
func (e Errors) Has(field string) bool {
	_, ok := e.For(field)
	return ok
}

// For returns the first problem of field.
func (e Errors) For(field string) (FieldError, bool) {
	for _, fe := range e {
		if fe.Field == field {
			return fe, true
		}
	}
	return FieldError{}, false
}

// Any reports whether there is any problem at all.
func (e Errors) Any() bool { return len(e) > 0 }

// Message returns the first problem of field in t's language, or "" when it has
// none: the text shown beside the input.
func (e Errors) Message(t Translator, field string) string {
	fe, ok := e.For(field)
	if !ok {
		return ""
	}
	return t.T(fe.Key, fe.Args...)
}
