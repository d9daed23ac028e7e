// Package adminedit is where administrators keep their municipality's policy
// text, priorities, policy rules and budget lines.
package adminedit

import (
	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/staffweb"
)

// Handlers serves /staff/policy and /staff/budget-lines.
type Handlers struct{ staffweb.Base }

// Routes registers the pages under /staff.
func (h *Handlers) Routes(r chi.Router) {}
