package apiweb

import (
	"net/http"
	"strconv"

	"github.com/municipal-intl/portal/internal/api"
)

// openapi serves the OpenAPI document; it is part of the binary, so it is the
// same bytes for every request and the page cache keeps it.
func (h *Handlers) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(api.OpenAPI)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(api.OpenAPI)
	}
}
