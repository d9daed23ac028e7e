package public

import (
	"net/http"

	"github.com/municipal-intl/portal/internal/web"
)

// Placeholder until this area is built: answers 404.

func (h *Handlers) search(_ http.ResponseWriter, _ *http.Request) error { return web.NotFound(nil) }
