package public

import (
	"net/http"

	"github.com/municipal-intl/portal/internal/web"
)

// Placeholder until this area is built: answers 404.

func (h *Handlers) tripsCSV(_ http.ResponseWriter, _ *http.Request) error { return web.NotFound(nil) }

func (h *Handlers) tripsJSON(_ http.ResponseWriter, _ *http.Request) error { return web.NotFound(nil) }

func (h *Handlers) feed(_ http.ResponseWriter, _ *http.Request) error { return web.NotFound(nil) }

func (h *Handlers) calendar(_ http.ResponseWriter, _ *http.Request) error { return web.NotFound(nil) }
