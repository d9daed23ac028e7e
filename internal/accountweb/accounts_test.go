package accountweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

func TestAccountAdministration(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	adminID := servertest.CreateAccount(t, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "admin@ballerup.example")

	// Mistakes come back with 422, the input kept and each error beside its field.
	_, doc := servertest.Get(t, c, srv.URL+"/staff/accounts/new", "en")
	token := servertest.CSRF(doc)
	res := servertest.Post(t, c, srv.URL+"/staff/accounts", url.Values{"csrf": {token}, "name": {"Søren Ølgaard"}, "email": {"not-an-address"}, "role": {access.RolePolitician}, "password": {"short"}})
	doc, _ = goquery.NewDocumentFromReader(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.StatusCode)
	}
	if doc.Find("#name").AttrOr("value", "") != "Søren Ølgaard" || doc.Find("#email").AttrOr("value", "") != "not-an-address" || doc.Find(`#role option[selected]`).AttrOr("value", "") != access.RolePolitician {
		t.Error("input not kept")
	}
	if doc.Find(".error-summary a[href='#email']").Length() != 1 || doc.Find("#email-error").Length() != 1 || doc.Find("#password-error").Length() != 1 || doc.Find("#name-error").Length() != 0 {
		t.Error("errors not beside their fields")
	}
	if doc.Find("#email").AttrOr("aria-describedby", "") != "email-error" || doc.Find("#email[aria-invalid]").Length() != 1 {
		t.Error("error not tied to its field for assistive technology")
	}

	// Corrected, it is created and the audit log has its values.
	res = servertest.Post(t, c, srv.URL+"/staff/accounts", url.Values{"csrf": {token}, "name": {"Søren Ølgaard"}, "email": {"soren@ballerup.example"}, "role": {access.RolePolitician}, "password": {"a long enough password"}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	var id int64
	var actor *int64
	if err := pool.QueryRow(t.Context(), `SELECT a.id, l.account_id FROM account a JOIN audit_log l ON l.entity = 'account' AND l.entity_id = a.id AND l.action = 'create' WHERE a.email = 'soren@ballerup.example'`).Scan(&id, &actor); err != nil {
		t.Fatal(err)
	}
	if actor == nil || *actor != adminID {
		t.Errorf("create not attributed to the admin: %v", actor)
	}

	// Two admins edit at once: the second save meets a conflict, nothing is overwritten.
	edit := fmt.Sprintf("%s/staff/accounts/%d", srv.URL, id)
	_, doc = servertest.Get(t, c, edit, "en")
	version := doc.Find(`input[name="version"]`).AttrOr("value", "")
	res = servertest.Post(t, c, edit, url.Values{"csrf": {token}, "version": {version}, "role": {access.RoleStaff}, "active": {"on"}, "must_change": {"on"}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", res.StatusCode)
	}
	res = servertest.Post(t, c, edit, url.Values{"csrf": {token}, "version": {version}, "role": {access.RoleAdmin}})
	doc, _ = goquery.NewDocumentFromReader(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusConflict || doc.Find(`.notice--warning[role="alert"]`).Length() != 1 {
		t.Errorf("stale save: %d", res.StatusCode)
	}
	var role string
	var active bool
	if err := pool.QueryRow(t.Context(), `SELECT role, active FROM account WHERE id = $1`, id).Scan(&role, &active); err != nil || role != access.RoleStaff || !active {
		t.Errorf("after the conflict: %s %v", role, active)
	}
	// The update is in the audit log with old and new values.
	var changes string
	if err := pool.QueryRow(t.Context(), `SELECT changes::text FROM audit_log WHERE entity = 'account' AND entity_id = $1 AND action = 'update'`, id).Scan(&changes); err != nil ||
		changes != `{"role": {"new": "`+access.RoleStaff+`", "old": "`+access.RolePolitician+`"}}` {
		t.Errorf("audit changes %q (%v)", changes, err)
	}

	// Deactivation: the person cannot sign in; their past actions stay theirs.
	_, doc = servertest.Get(t, c, edit, "en")
	res = servertest.Post(t, c, edit, url.Values{"csrf": {token}, "version": {doc.Find(`input[name="version"]`).AttrOr("value", "")}, "role": {access.RoleStaff}})
	res.Body.Close()
	other := servertest.Client(t)
	_, doc = servertest.Get(t, other, srv.URL+"/staff/sign-in", "en")
	res = servertest.Post(t, other, srv.URL+"/staff/sign-in", url.Values{"csrf": {servertest.CSRF(doc)}, "email": {"soren@ballerup.example"}, "password": {"a long enough password"}})
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("deactivated account signed in: %d", res.StatusCode)
	}

	// An administrator cannot lock themselves out.
	self := fmt.Sprintf("%s/staff/accounts/%d", srv.URL, adminID)
	_, doc = servertest.Get(t, c, self, "en")
	res = servertest.Post(t, c, self, url.Values{"csrf": {token}, "version": {doc.Find(`input[name="version"]`).AttrOr("value", "")}, "role": {access.RoleStaff}, "active": {"on"}})
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("self-demotion: %d", res.StatusCode)
	}
}
