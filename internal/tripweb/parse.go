package tripweb

import (
	"errors"
	"net/http"

	"github.com/municipal-intl/portal/internal/web"
)

// formMemory is how much of a multipart form (the report's uploads) is held in
// memory; larger files spill to temporary files.
const formMemory = 1 << 20

// parseForm reads the posted form, URL-encoded or multipart, so that a handler
// does not depend on a middleware having read it: a body that is no form is a
// 400, one over the request's size limit a 413.
func parseForm(r *http.Request) error {
	err := r.ParseMultipartForm(formMemory)
	if err == nil || errors.Is(err, http.ErrNotMultipart) {
		if err := r.ParseForm(); err != nil {
			return web.BadRequest("auth.error.bad_form", err)
		}
		return nil
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return &web.Error{Status: http.StatusRequestEntityTooLarge, Key: "auth.error.too_large", Err: err}
	}
	return web.BadRequest("auth.error.bad_form", err)
}
