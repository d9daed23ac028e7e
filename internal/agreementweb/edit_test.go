package agreementweb_test

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

func TestVersionConflict(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	staff, _ := signedIn(t, srv.URL, pool, "ballerup", access.RoleStaff, "anna@ballerup.example")
	admin, _ := signedIn(t, srv.URL, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	id := insertAgreement(t, pool, fixture{Municipality: "ballerup", Title: "Aftale 2024"})
	edit := fmt.Sprintf("%s/staff/agreements/%d", srv.URL, id)

	_, docA := servertest.Get(t, staff, edit+"/edit", "en")
	_, docB := servertest.Get(t, admin, edit+"/edit", "en")
	formA, formB := formValues(docA), formValues(docB)
	if formA.Get("version") != "1" || formB.Get("version") != "1" {
		t.Fatalf("versions %q %q", formA.Get("version"), formB.Get("version"))
	}
	formA.Set("title", "Aftale 2024 (staff)")
	res := servertest.PostMultipart(t, staff, edit, formA)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", res.StatusCode)
	}
	formB.Set("title", "Aftale 2024 (admin)")
	formB.Set("status", "terminated")
	res = servertest.PostMultipart(t, admin, edit, formB)
	doc := parse(t, res)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("second save: %d, want 409", res.StatusCode)
	}
	if doc.Find(`.conflict[role="alert"]`).Length() != 1 {
		t.Error("no conflict notice")
	}
	var titleRow *goquery.Selection
	doc.Find(".conflict tbody tr").Each(func(_ int, s *goquery.Selection) {
		if s.Find("th").Text() == "Title" {
			titleRow = s
		}
	})
	if titleRow == nil || titleRow.Find("td").Eq(0).Text() != "Aftale 2024 (admin)" || titleRow.Find("td").Eq(1).Text() != "Aftale 2024 (staff)" || !titleRow.HasClass("conflict__differs") {
		t.Error("the conflict does not show the admin's title beside the saved one")
	}
	if doc.Find("#title").AttrOr("value", "") != "Aftale 2024 (admin)" || doc.Find("#status option[selected]").AttrOr("value", "") != "terminated" ||
		doc.Find(`input[name="version"]`).AttrOr("value", "") != "2" {
		t.Error("the form does not hold the admin's input with the current version")
	}
	var title, status string
	var version int
	if err := pool.QueryRow(t.Context(), `SELECT title, status, version FROM agreement WHERE id = $1`, id).Scan(&title, &status, &version); err != nil ||
		title != "Aftale 2024 (staff)" || status != "in_force" || version != 2 {
		t.Errorf("after the conflict: %q %s v%d (%v)", title, status, version, err)
	}
	var n int
	if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM audit_log WHERE entity = 'agreement' AND entity_id = $1`, id).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d audit entries, want 1", n)
	}

	// Saving the conflict form again is a deliberate overwrite.
	res = servertest.PostMultipart(t, admin, edit, formValues(doc))
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("save after the conflict: %d", res.StatusCode)
	}
}

func TestAuditOfChanges(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, staffID := signedIn(t, srv.URL, pool, "ballerup", access.RoleStaff, "anna@ballerup.example")
	ballerup := municipalityID(t, pool, "ballerup")
	id := insertAgreement(t, pool, fixture{Municipality: "ballerup", Title: "Aftale"})
	edit := fmt.Sprintf("%s/staff/agreements/%d", srv.URL, id)

	_, doc := servertest.Get(t, c, edit+"/edit", "en")
	form := formValues(doc)
	praha := optionValue(doc, "#party-0-link", "Praha 10")
	f1 := doc.Find(`input[name="priority"]`).First().AttrOr("value", "")
	form.Set("title", "Aftale med Praha 10")
	form.Set("party-1-name", "")
	form.Set("party-1-link", praha)
	form.Set("priority", f1)
	form.Set("status", "terminated")
	res := servertest.PostMultipart(t, c, edit, form)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	changes, who := auditChanges(t, pool, id, "update")
	if who == nil || *who != staffID {
		t.Errorf("changed by %v", who)
	}
	var prahaID int64
	fmt.Sscanf(praha, "c%d", &prahaID)
	want := map[string]map[string]any{
		"title":  {"old": "Aftale", "new": "Aftale med Praha 10"},
		"status": {"old": "in_force", "new": "terminated"},
		"parties": {
			"old": asJSON(t, []map[string]any{{"name": "Ballerup Kommune", "municipality_id": ballerup}, {"name": "Nordic Council of Ministers"}}),
			"new": asJSON(t, []map[string]any{{"name": "Ballerup Kommune", "municipality_id": ballerup}, {"name": "Praha 10", "partner_city_id": prahaID}}),
		},
		"priorities": {"old": []any{}, "new": []any{"F1"}},
	}
	if !reflect.DeepEqual(changes, want) {
		t.Errorf("audit changes\n got %v\nwant %v", changes, want)
	}

	// Saving without a change saves nothing and logs nothing.
	_, doc = servertest.Get(t, c, edit+"/edit", "en")
	res = servertest.PostMultipart(t, c, edit, formValues(doc))
	res.Body.Close()
	_, doc = servertest.Get(t, c, edit, "en")
	var n, version int
	if err := pool.QueryRow(t.Context(), `SELECT (SELECT count(*) FROM audit_log WHERE entity = 'agreement' AND entity_id = $1), version FROM agreement WHERE id = $1`, id).Scan(&n, &version); err != nil || n != 1 || version != 2 {
		t.Errorf("after an empty save: %d audit entries, version %d (%v)", n, version, err)
	}
	if doc.Find(".notice--success").Text() != "Nothing was changed, so nothing was saved." {
		t.Errorf("flash %q", doc.Find(".notice--success").Text())
	}
}

func TestArchive(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, adminID := signedIn(t, srv.URL, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	id := insertAgreement(t, pool, fixture{Municipality: "ballerup", Title: "Gammel aftale"})
	keep := insertAgreement(t, pool, fixture{Municipality: "ballerup", Title: "Udkast til aftale", Status: "draft"})
	rec := fmt.Sprintf("%s/staff/agreements/%d", srv.URL, id)

	_, doc := servertest.Get(t, c, srv.URL+"/staff/agreements", "en")
	if doc.Find(fmt.Sprintf(`a[href="/staff/agreements/%d"]`, id)).Length() != 1 || doc.Find(fmt.Sprintf(`a[href="/staff/agreements/%d"]`, keep)).Length() != 1 {
		t.Fatal("the list does not show the agreement and the draft")
	}
	res, doc := servertest.Get(t, c, rec+"/archive", "en")
	if res.StatusCode != http.StatusOK || doc.Find(`main form button[value="archive"]`).Length() != 1 {
		t.Fatalf("confirmation page: %d", res.StatusCode)
	}
	res = servertest.Post(t, c, rec+"/archive", formValues(doc))
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/agreements" {
		t.Fatalf("archive: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, doc = servertest.Get(t, c, srv.URL+"/staff/agreements", "en")
	if doc.Find(fmt.Sprintf(`a[href="/staff/agreements/%d"]`, id)).Length() != 0 || doc.Find(".notice--success").Text() != "The agreement was archived." {
		t.Error("the archived agreement is still listed")
	}
	if res, _ := servertest.Get(t, c, rec, "en"); res.StatusCode != http.StatusNotFound {
		t.Errorf("archived agreement: %d", res.StatusCode)
	}
	changes, who := auditChanges(t, pool, id, "archive")
	if who == nil || *who != adminID || changes["archived_at"]["old"] != nil || changes["archived_at"]["new"] == nil {
		t.Errorf("audit of the archiving: %v by %v", changes, who)
	}
}

func TestPoliticianReadsOnly(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, _ := signedIn(t, srv.URL, pool, "ballerup", access.RolePolitician, "pol@ballerup.example")
	id := insertAgreement(t, pool, fixture{Municipality: "ballerup", Status: "draft", Title: "Udkast"})
	_, doc := servertest.Get(t, c, srv.URL+"/staff/agreements", "en")
	if doc.Find(`a[href="/staff/agreements/new"]`).Length() != 0 || doc.Find(".agreement-status--draft").Length() != 1 {
		t.Error("a politician is offered to create, or does not see the draft")
	}
	_, doc = servertest.Get(t, c, fmt.Sprintf("%s/staff/agreements/%d", srv.URL, id), "en")
	if doc.Find(`a[href$="/edit"], a[href$="/archive"]`).Length() != 0 {
		t.Error("a politician is offered to edit or archive")
	}
}
