package partnerweb_test

import (
	"net/url"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestAuthorizationMatrix checks every route of the area for visitors, every
// role and another municipality. The records named are Ballerup's ("own");
// Berlin's people are the other municipality. Politicians see the lists only.
// POSTs carry invalid input where a valid one would change the record the next
// rows use: 422 then proves the person got past the checks.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	ids := projectFixtures(t, pool)
	ballerup := id(t, pool, `SELECT id FROM municipality WHERE slug = 'ballerup'`)
	kilbride := id(t, pool, `SELECT p.id FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id
WHERE p.municipality_id = $1 AND c.name_en LIKE 'East Kilbride%'`, ballerup)
	membership := id(t, pool, `SELECT id FROM network_membership WHERE municipality_id = $1 AND network_id = $2`, ballerup, ids.bycirklen)
	membership2 := id(t, pool, `
INSERT INTO network_membership (network_id, municipality_id, role) SELECT id, $1, 'member' FROM network WHERE name = 'Cities for Mobility' RETURNING id`, ballerup)
	newProject := func(title string) int64 {
		return id(t, pool, `INSERT INTO project (municipality_id, title, currency) VALUES ($1, $2, 'DKK') RETURNING id`, ballerup, title)
	}
	project, project2 := newProject("Matrix project"), newProject("Matrix project to archive")

	const (
		ok, see, invalid, forbidden, missing = 200, 303, 422, 403, 404
	)
	list := servertest.Want(see, ok, ok, ok, ok, ok)
	form := servertest.Want(see, ok, forbidden, ok, ok, ok)
	create := servertest.Want(see, invalid, forbidden, invalid, invalid, invalid)
	record := servertest.Want(see, ok, forbidden, ok, missing, missing)
	update := servertest.Want(see, invalid, forbidden, invalid, missing, missing)
	archive := servertest.Want(see, see, forbidden, see, missing, missing)
	unknown := servertest.Want(see, missing, forbidden, missing, missing, missing)
	bad := url.Values{"kind": {"none"}, "role": {"none"}, "status": {"none"}, "version": {"1"}}
	path := func(prefix string, id int64, suffix string) string { return prefix + itoa(id) + suffix }

	routes := []servertest.Route{
		{Method: "GET", Path: "/staff/partners", Action: access.PartnershipView, Want: list},
		{Method: "GET", Path: "/staff/partners?archived=1", Action: access.PartnershipView, Want: list},
		{Method: "GET", Path: "/staff/partners/new", Action: access.PartnershipEdit, Want: form},
		{Method: "POST", Path: "/staff/partners", Form: bad, Action: access.PartnershipEdit, Want: create},
		{Method: "GET", Path: "/staff/partners/import", Action: access.PartnershipEdit, Want: form},
		// A form without a file: refused beside the file field, nothing saved.
		{Method: "POST", Path: "/staff/partners/import", Action: access.PartnershipEdit, Want: create},
		{Method: "GET", Path: path("/staff/partners/", ids.prague, ""), Action: access.PartnershipEdit, Want: record},
		{Method: "POST", Path: path("/staff/partners/", ids.prague, ""), Form: bad, Action: access.PartnershipEdit, Want: update},
		{Method: "GET", Path: path("/staff/partners/", ids.prague, "/archive"), Action: access.PartnershipEdit, Want: record},
		{Method: "POST", Path: path("/staff/partners/", kilbride, "/archive"), Action: access.PartnershipEdit, Want: archive},
		{Method: "GET", Path: "/staff/partners/999999", Action: access.PartnershipEdit, Want: unknown},
		{Method: "GET", Path: "/staff/partners/abc", Action: access.PartnershipEdit, Want: unknown},
		{Method: "POST", Path: "/staff/partners/999999/archive", Action: access.PartnershipEdit, Want: unknown},

		{Method: "GET", Path: "/staff/networks", Action: access.NetworkView, Want: list},
		{Method: "GET", Path: "/staff/networks?archived=1", Action: access.NetworkView, Want: list},
		{Method: "GET", Path: "/staff/networks/join", Action: access.NetworkEdit, Want: form},
		{Method: "POST", Path: "/staff/networks/join", Form: bad, Action: access.NetworkEdit, Want: create},
		{Method: "GET", Path: "/staff/networks/new", Action: access.NetworkEdit, Want: form},
		{Method: "POST", Path: "/staff/networks", Form: bad, Action: access.NetworkEdit, Want: create},
		{Method: "GET", Path: path("/staff/networks/memberships/", membership, ""), Action: access.NetworkEdit, Want: record},
		{Method: "POST", Path: path("/staff/networks/memberships/", membership, ""), Form: bad, Action: access.NetworkEdit, Want: update},
		{Method: "GET", Path: path("/staff/networks/memberships/", membership, "/archive"), Action: access.NetworkEdit, Want: record},
		{Method: "POST", Path: path("/staff/networks/memberships/", membership2, "/archive"), Action: access.NetworkEdit, Want: archive},
		{Method: "GET", Path: "/staff/networks/memberships/999999", Action: access.NetworkEdit, Want: unknown},
		{Method: "POST", Path: "/staff/networks/memberships/0/archive", Action: access.NetworkEdit, Want: unknown},

		{Method: "GET", Path: "/staff/projects", Action: access.ProjectView, Want: list},
		{Method: "GET", Path: "/staff/projects?archived=1", Action: access.ProjectView, Want: list},
		{Method: "GET", Path: "/staff/projects/new", Action: access.ProjectEdit, Want: form},
		{Method: "POST", Path: "/staff/projects", Form: bad, Action: access.ProjectEdit, Want: create},
		{Method: "GET", Path: path("/staff/projects/", project, ""), Action: access.ProjectEdit, Want: record},
		{Method: "POST", Path: path("/staff/projects/", project, ""), Form: bad, Action: access.ProjectEdit, Want: update},
		{Method: "GET", Path: path("/staff/projects/", project, "/archive"), Action: access.ProjectEdit, Want: record},
		{Method: "POST", Path: path("/staff/projects/", project2, "/archive"), Action: access.ProjectEdit, Want: archive},
		{Method: "GET", Path: "/staff/projects/999999", Action: access.ProjectEdit, Want: unknown},
		{Method: "POST", Path: "/staff/projects/x/archive", Action: access.ProjectEdit, Want: unknown},
	}
	servertest.CheckCoverage(t, srv, routes, "partnerweb")
	servertest.CheckMatrix(t, srv, routes)
}
