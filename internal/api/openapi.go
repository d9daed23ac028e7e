package api

import _ "embed"

// OpenAPI is the OpenAPI 3.1 document of the API, served at
// /api/v1/openapi.json. It is written by hand, as a contract a reader can
// review, rather than generated from the Go types: the tests of internal/apiweb
// load it with kin-openapi, validate it, and validate every response the tests
// receive against it, so it cannot drift from the code (every object is closed
// with additionalProperties: false, so a field added to a shape without the
// document fails them).
//
//go:embed openapi.json
var OpenAPI []byte
