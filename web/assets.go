// Package web holds the static assets of the site (stylesheet, icons), embedded
// into the binary and served under content-hashed names.
package web

import "embed"

// Static holds the files under static/.
//
//go:embed static
var Static embed.FS
