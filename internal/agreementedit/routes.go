// Package agreementedit is where staff keep the agreement register, with the
// signed document.
package agreementedit

import (
	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/staffweb"
)

// Handlers serves /staff/agreements.
type Handlers struct{ staffweb.Base }

// Routes registers the pages under /staff/agreements.
func (h *Handlers) Routes(r chi.Router) {}
