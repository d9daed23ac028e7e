package setupweb_test

import (
	"net/http"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestHomeHint: on a fresh installation the home page tells a signed-in
// administrator how to load demo data or start with real records; citizens,
// staff and politicians never see it, and the anonymous page stays cacheable.
func TestHomeHint(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "stuttgart", access.RoleAdmin, "admin@stuttgart.example")
	servertest.CreateAccount(t, pool, "stuttgart", access.RoleStaff, "staff@stuttgart.example")
	servertest.CreateAccount(t, pool, "stuttgart", access.RolePolitician, "pol@stuttgart.example")

	hint := func(c *http.Client) (bool, string) {
		t.Helper()
		res, doc := servertest.Get(t, c, srv.URL+"/", "en")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("home: status %d", res.StatusCode)
		}
		return doc.Find("#first-run-title").Length() == 1, res.Header.Get("Cache-Control")
	}
	anon := servertest.Client(t)
	if shown, cc := hint(anon); shown || cc == "no-store" {
		t.Errorf("anonymous reader: hint %v, Cache-Control %q; want no hint and a cacheable page", shown, cc)
	}
	for _, who := range []string{"staff@stuttgart.example", "pol@stuttgart.example"} {
		c := servertest.Client(t)
		servertest.SignIn(t, c, srv.URL, who)
		if shown, _ := hint(c); shown {
			t.Errorf("%s sees the first-run hint", who)
		}
	}
	admin := servertest.Client(t)
	servertest.SignIn(t, admin, srv.URL, "admin@stuttgart.example")
	shown, cc := hint(admin)
	if !shown || cc != "no-store" {
		t.Errorf("administrator on a fresh installation: hint %v, Cache-Control %q; want the hint, no-store", shown, cc)
	}
	_, doc := servertest.Get(t, admin, srv.URL+"/", "de")
	if doc.Find(`section.notice code:contains("portal demo --remove")`).Length() != 1 ||
		doc.Find(`section.notice a[href="/staff/trips/new"]`).Length() != 1 {
		t.Error("the hint lacks the demo commands or the way to start for real")
	}

	// Once there is a trip (demo or real), the installation is no longer fresh.
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "stuttgart", Status: "draft", Purpose: "Delegationsreise"})
	if shown, _ := hint(admin); shown {
		t.Error("the hint is still shown once a trip exists")
	}
}
