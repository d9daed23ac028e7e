package bodyweb_test

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestAuthorizationMatrix requests every route of the bodies as a visitor, each
// role and another municipality's staff and administrator. The body named is
// Ballerup's; Berlin's administrator must not find it.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	oku := servertest.Scalar[int64](t, pool, `
SELECT b.id FROM body b JOIN municipality m ON m.id = b.municipality_id WHERE m.slug = 'ballerup' AND b.name = 'Økonomiudvalget'`)
	b := func(id int64, suffix string) string { return fmt.Sprintf("/staff/bodies/%d%s", id, suffix) }
	invalid := url.Values{"kind": {"parliament"}, "name": {""}, "language": {"Danish"}}
	invalidEdit := url.Values{"version": {"1"}, "kind": {"finance_committee"}, "name": {""}, "language": {"da"}}
	W := servertest.Want
	routes := []servertest.Route{
		{Method: "GET", Path: "/staff/bodies", Action: access.BodyEdit, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "GET", Path: "/staff/bodies/new", Action: access.BodyEdit, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "POST", Path: "/staff/bodies", Form: invalid, Action: access.BodyEdit, Want: W(303, 403, 403, 422, 403, 422)},
		{Method: "GET", Path: b(oku, ""), Action: access.BodyEdit, Want: W(303, 403, 403, 200, 403, 404)},
		{Method: "POST", Path: b(oku, ""), Form: invalidEdit, Action: access.BodyEdit, Want: W(303, 403, 403, 422, 403, 404)},
		{Method: "POST", Path: b(oku, "/members"), Form: url.Values{"member": {"x"}}, Action: access.BodyEdit, Want: W(303, 403, 403, 400, 403, 404)},
		{Method: "GET", Path: b(999999, ""), Action: access.BodyEdit, Want: W(303, 403, 403, 404, 403, 404)},
		{Method: "GET", Path: "/staff/bodies/abc", Action: access.BodyEdit, Want: W(303, 403, 403, 404, 403, 404)},
	}
	servertest.CheckCoverage(t, srv, routes, "bodyweb")
	servertest.CheckMatrix(t, srv, routes)
}
