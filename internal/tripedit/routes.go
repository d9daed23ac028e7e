// Package tripedit is where staff plan trips and write trip reports: travellers,
// destinations, day-by-day programme, planned and actual costs, priorities,
// partnership and budget line, with the policy warnings a reviewer also sees.
package tripedit

import (
	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/staffweb"
)

// Handlers serves /staff/trips.
type Handlers struct{ staffweb.Base }

// Routes registers the trip pages under /staff/trips.
func (h *Handlers) Routes(r chi.Router) {}
