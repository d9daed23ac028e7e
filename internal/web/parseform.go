package web

import "net/http"

// ParseForm parses the request's form for the handler that reads it; a body
// that is not a form is a 400.
func ParseForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return BadRequest("auth.error.bad_form", err)
	}
	return nil
}
