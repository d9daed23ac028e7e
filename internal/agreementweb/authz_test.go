package agreementweb_test

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestAuthorizationMatrix checks every route of the agreement register for
// visitors, each role of Ballerup, and Berlin's staff and administrator, who
// must not learn that Ballerup's agreements exist.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	own := insertAgreement(t, pool, fixture{Municipality: "ballerup", Document: samplePDF})
	draft := insertAgreement(t, pool, fixture{Municipality: "ballerup", Status: "draft", Document: samplePDF})
	archived := insertAgreement(t, pool, fixture{Municipality: "ballerup"})
	if _, err := pool.Exec(t.Context(), `UPDATE agreement SET archived_at = now() WHERE id = $1`, archived); err != nil {
		t.Fatal(err)
	}
	at := func(id int64, suffix string) string { return fmt.Sprintf("/staff/agreements/%d%s", id, suffix) }
	// Forms that fail validation, or carry a stale version, so that the matrix
	// changes nothing whoever sends them.
	invalid := url.Values{"type": {"cooperation_agreement"}, "title": {""}, "status": {"draft"}, "version": {"1"}}
	stale := url.Values{"version": {"0"}}
	routes := []servertest.Route{
		{Method: "GET", Path: "/staff/agreements", Action: access.AgreementView, Want: servertest.Want(303, 200, 200, 200, 200, 200)},
		{Method: "GET", Path: "/staff/agreements/new", Action: access.AgreementEdit, Want: servertest.Want(303, 200, 403, 200, 200, 200)},
		{Method: "POST", Path: "/staff/agreements", Form: invalid, Action: access.AgreementEdit, Want: servertest.Want(303, 422, 403, 422, 422, 422)},
		{Method: "GET", Path: at(own, ""), Action: access.AgreementView, Want: servertest.Want(303, 200, 200, 200, 404, 404)},
		{Method: "GET", Path: at(draft, ""), Action: access.AgreementView, Want: servertest.Want(303, 200, 200, 200, 404, 404)},
		{Method: "GET", Path: at(own, "/edit"), Action: access.AgreementEdit, Want: servertest.Want(303, 200, 403, 200, 404, 404)},
		{Method: "POST", Path: at(own, ""), Form: invalid, Action: access.AgreementEdit, Want: servertest.Want(303, 422, 403, 422, 404, 404)},
		{Method: "GET", Path: at(own, "/archive"), Action: access.AgreementEdit, Want: servertest.Want(303, 200, 403, 200, 404, 404)},
		{Method: "POST", Path: at(own, "/archive"), Form: stale, Action: access.AgreementEdit, Want: servertest.Want(303, 409, 403, 409, 404, 404)},
		{Method: "GET", Path: at(own, "/document"), Action: access.AgreementView, Want: servertest.Want(303, 200, 200, 200, 404, 404)},
		// A draft's document is not served; an archived agreement is gone.
		{Method: "GET", Path: at(draft, "/document"), Action: access.AgreementView, Want: servertest.Want(303, 404, 404, 404, 404, 404)},
		{Method: "GET", Path: at(archived, ""), Action: access.AgreementView, Want: servertest.Want(303, 404, 404, 404, 404, 404)},
		{Method: "GET", Path: at(archived, "/edit"), Action: access.AgreementEdit, Want: servertest.Want(303, 404, 403, 404, 404, 404)},
		{Method: "POST", Path: at(archived, ""), Form: invalid, Action: access.AgreementEdit, Want: servertest.Want(303, 404, 403, 404, 404, 404)},
		{Method: "POST", Path: at(archived, "/archive"), Form: stale, Action: access.AgreementEdit, Want: servertest.Want(303, 404, 403, 404, 404, 404)},
		{Method: "GET", Path: at(archived, "/document"), Action: access.AgreementView, Want: servertest.Want(303, 404, 404, 404, 404, 404)},
		{Method: "GET", Path: "/staff/agreements/999999", Action: access.AgreementView, Want: servertest.Want(303, 404, 404, 404, 404, 404)},
		{Method: "GET", Path: "/staff/agreements/999999/edit", Action: access.AgreementEdit, Want: servertest.Want(303, 404, 403, 404, 404, 404)},
		{Method: "GET", Path: "/staff/agreements/abc", Action: access.AgreementView, Want: servertest.Want(303, 404, 404, 404, 404, 404)},
		{Method: "GET", Path: "/staff/agreements/0/document", Action: access.AgreementView, Want: servertest.Want(303, 404, 404, 404, 404, 404)},
	}
	servertest.CheckCoverage(t, srv, routes, "agreementweb")
	servertest.CheckMatrix(t, srv, routes)
	// Nothing the matrix sent changed the agreement.
	var version int
	var archivedAt *string
	if err := pool.QueryRow(t.Context(), `SELECT version, archived_at::text FROM agreement WHERE id = $1`, own).Scan(&version, &archivedAt); err != nil || version != 1 || archivedAt != nil {
		t.Errorf("after the matrix: version %d, archived %v (%v)", version, archivedAt, err)
	}
}
