// Package migrations holds the goose SQL migrations: the schema and the seeded
// municipalities, policies, partnerships and budget lines.
package migrations

import "embed"

// FS holds every migration file, applied in name order.
//
//go:embed *.sql
var FS embed.FS
