// Package auditlog lets administrators browse and filter the audit log, and gives
// every record page its history.
package auditlog

import (
	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/staffweb"
)

// Handlers serves /staff/audit.
type Handlers struct{ staffweb.Base }

// Routes registers the pages under /staff/audit.
func (h *Handlers) Routes(r chi.Router) {}
