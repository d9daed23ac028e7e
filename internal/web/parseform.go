package web

import (
	"errors"
	"net/http"
)

// formMemory is how much of a multipart form is held in memory; larger files
// spill to temporary files.
const formMemory = 1 << 20

// ParseForm reads the request's form, URL-encoded or multipart, so that the
// handler reading it does not depend on a middleware having read it first. A
// body that is not a form answers 400.
func ParseForm(r *http.Request) error {
	err := r.ParseMultipartForm(formMemory)
	if err == nil || errors.Is(err, http.ErrNotMultipart) {
		// A URL-encoded body has been read by ParseMultipartForm's ParseForm.
		if err := r.ParseForm(); err != nil {
			return BadRequest("auth.error.bad_form", err)
		}
		return nil
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return &Error{Status: http.StatusRequestEntityTooLarge, Key: "auth.error.too_large", Err: err}
	}
	return BadRequest("auth.error.bad_form", err)
}
