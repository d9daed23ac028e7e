package partnerweb_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

func TestNetworkMemberships(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	s := signIn(t, srv, pool, "ballerup", access.RoleStaff)
	cfm := id(t, pool, `SELECT id FROM network WHERE name = 'Cities for Mobility'`)
	bycirklen := id(t, pool, `SELECT id FROM network WHERE name = 'Bycirklen'`)

	_, doc := s.get("/staff/networks")
	if !strings.Contains(doc.Find(`section[aria-labelledby="memberships"]`).Text(), "Bycirklen") {
		t.Error("Ballerup's membership of Bycirklen is not listed")
	}
	if doc.Find(`a[href="/staff/networks/join?network=`+itoa(cfm)+`"]`).Length() != 1 {
		t.Error("no link to join Cities for Mobility")
	}
	if doc.Find(`a[href="/staff/networks/join?network=`+itoa(bycirklen)+`"]`).Length() != 0 {
		t.Error("Ballerup is offered to join a network it belongs to")
	}

	// Joining: the network chosen in the list is preselected, mistakes come back
	// with the input kept.
	_, doc = s.get("/staff/networks/join?network=" + itoa(cfm))
	if value(doc, "network") != itoa(cfm) {
		t.Error("the network is not preselected")
	}
	if doc.Find(`#network option[value="`+itoa(bycirklen)+`"]`).Length() != 0 {
		t.Error("a network Ballerup belongs to is offered")
	}
	res, doc := s.post("/staff/networks/join", url.Values{"network": {itoa(cfm)}, "role": {"member"}, "since_year": {"2030"}, "until_year": {"2020"}, "note": {"Mobilitet"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid join: %d", res.StatusCode)
	}
	checkError(t, doc, "since_year")
	if value(doc, "since_year") != "2030" || value(doc, "until_year") != "2020" || value(doc, "note") != "Mobilitet" || value(doc, "network") != itoa(cfm) {
		t.Error("input not kept")
	}
	res, doc = s.post("/staff/networks/join", url.Values{"network": {itoa(cfm)}, "role": {"member"}, "since_year": {"2020"}, "until_year": {"2019"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("until before since: %d", res.StatusCode)
	}
	checkError(t, doc, "until_year")
	// A network the municipality belongs to already cannot be joined again.
	res, doc = s.post("/staff/networks/join", url.Values{"network": {itoa(bycirklen)}, "role": {"member"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("joined twice: %d", res.StatusCode)
	}
	checkError(t, doc, "network")

	target := s.mustRedirect("/staff/networks/join", url.Values{"network": {itoa(cfm)}, "role": {"member"}, "since_year": {"2015"}, "note": {"Mobilitet"}})
	mid := id(t, pool, `SELECT nm.id FROM network_membership nm JOIN municipality m ON m.id = nm.municipality_id WHERE m.slug = 'ballerup' AND nm.network_id = $1`, cfm)
	edit := "/staff/networks/memberships/" + itoa(mid)
	if target != edit {
		t.Errorf("joined: redirected to %q", target)
	}
	if a := lastAudit(t, pool, "network_membership", mid, "create"); a["role"]["new"] != "member" || a["since_year"]["new"] != float64(2015) {
		t.Errorf("join audit: %v", a)
	}

	// Editing with a version check: the second of two saves from one version
	// meets the conflict.
	version := s.version(edit)
	s.mustRedirect(edit, url.Values{"version": {version}, "role": {"coordinator"}, "since_year": {"2015"}, "note": {"Koordinator fra 2016"}})
	res, doc = s.post(edit, url.Values{"version": {version}, "role": {"member"}, "since_year": {"2014"}, "note": {"Second"}})
	if res.StatusCode != http.StatusConflict || doc.Find(".conflict").Length() != 1 {
		t.Fatalf("stale save: %d", res.StatusCode)
	}
	if value(doc, "note") != "Second" || value(doc, "since_year") != "2014" {
		t.Error("the conflict form lost the input")
	}
	if n := id(t, pool, `SELECT count(*) FROM network_membership WHERE id = $1 AND role = 'coordinator' AND since_year = 2015`, mid); n != 1 {
		t.Error("the stale save overwrote the first")
	}
	if a := lastAudit(t, pool, "network_membership", mid, "update"); a["role"]["old"] != "member" || a["role"]["new"] != "coordinator" || a["note"]["new"] != "Koordinator fra 2016" {
		t.Errorf("update audit: %v", a)
	}

	// Archive, then join again: the archived membership is taken up again.
	if res, _ := s.get(edit + "/archive"); res.StatusCode != http.StatusOK {
		t.Fatalf("archive confirmation: %d", res.StatusCode)
	}
	s.mustRedirect(edit+"/archive", nil)
	if a := lastAudit(t, pool, "network_membership", mid, "archive"); a["archived_at"]["new"] == nil {
		t.Errorf("archive audit: %v", a)
	}
	_, doc = s.get("/staff/networks")
	if strings.Contains(doc.Find(`section[aria-labelledby="memberships"]`).Text(), "Cities for Mobility") {
		t.Error("the archived membership is still listed")
	}
	_, doc = s.get("/staff/networks?archived=1")
	if doc.Find(`section[aria-labelledby="memberships"] tr:contains('Cities for Mobility') .pe-badge--archived`).Length() != 1 {
		t.Error("the archived membership is not shown with the toggle")
	}
	s.mustRedirect("/staff/networks/join", url.Values{"network": {itoa(cfm)}, "role": {"member"}, "since_year": {"2024"}})
	if n := id(t, pool, `SELECT count(*) FROM network_membership WHERE id = $1 AND archived_at IS NULL AND since_year = 2024`, mid); n != 1 {
		t.Error("the archived membership was not taken up again")
	}
}

func TestCreateNetwork(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	s := signIn(t, srv, pool, "ballerup", access.RoleAdmin)

	res, doc := s.post("/staff/networks", url.Values{"name": {""}, "description": {"Byer i Norden"}, "website": {"ftp://example.org"}, "coordinator": {"yes"}, "role": {"coordinator"}, "since_year": {"abc"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid network: %d", res.StatusCode)
	}
	for _, f := range []string{"name", "website", "since_year"} {
		checkError(t, doc, f)
	}
	if value(doc, "description") != "Byer i Norden" || value(doc, "website") != "ftp://example.org" || value(doc, "role") != "coordinator" ||
		doc.Find("#coordinator[checked]").Length() != 1 || value(doc, "since_year") != "abc" {
		t.Error("input not kept")
	}
	// A name taken is refused beside the name.
	res, doc = s.post("/staff/networks", url.Values{"name": {"Cities for Mobility"}, "role": {"member"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("duplicate network: %d", res.StatusCode)
	}
	checkError(t, doc, "name")

	target := s.mustRedirect("/staff/networks", url.Values{"name": {"Nordiske Byer"}, "description": {"Byer i Norden"}, "website": {"https://example.org/nordiske-byer"},
		"coordinator": {"yes"}, "role": {"coordinator"}, "since_year": {"2022"}})
	nid := id(t, pool, `SELECT n.id FROM network n JOIN municipality m ON m.id = n.coordinator_municipality_id WHERE n.name = 'Nordiske Byer' AND m.slug = 'ballerup'`)
	mid := id(t, pool, `SELECT nm.id FROM network_membership nm JOIN municipality m ON m.id = nm.municipality_id WHERE nm.network_id = $1 AND m.slug = 'ballerup' AND nm.role = 'coordinator'`, nid)
	if target != "/staff/networks/memberships/"+itoa(mid) {
		t.Errorf("created: redirected to %q", target)
	}
	if a := lastAudit(t, pool, "network", nid, "create"); a["name"]["new"] != "Nordiske Byer" || a["website"]["new"] != "https://example.org/nordiske-byer" {
		t.Errorf("network audit: %v", a)
	}
	// Every municipality sees the new network and may join it.
	other := signIn(t, srv, pool, "berlin", access.RoleStaff)
	_, doc = other.get("/staff/networks")
	if doc.Find(`a[href="/staff/networks/join?network=`+itoa(nid)+`"]`).Length() != 1 {
		t.Error("Berlin cannot join the new network")
	}
}
