// Package partneredit is where staff keep partner cities and partnerships,
// networks and memberships, and projects with external funding.
package partneredit

import (
	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/staffweb"
)

// Handlers serves /staff/partners, /staff/networks and /staff/projects.
type Handlers struct{ staffweb.Base }

// Routes registers the pages under /staff.
func (h *Handlers) Routes(r chi.Router) {}
