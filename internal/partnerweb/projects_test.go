package partnerweb_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// ballerupIDs are records of Ballerup a project can link to, and one of Berlin's.
type ballerupIDs struct {
	prague, bycirklen, f1, f2, f3, berlinParis int64
}

func projectFixtures(t *testing.T, pool *pgxpool.Pool) ballerupIDs {
	t.Helper()
	priority := func(code string) int64 {
		return id(t, pool, `SELECT pr.id FROM priority pr JOIN policy p ON p.id = pr.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'ballerup' AND p.archived_at IS NULL AND pr.code = $1`, code)
	}
	partnership := func(slug, city string) int64 {
		return id(t, pool, `SELECT p.id FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = $1 AND c.name_en = $2`, slug, city)
	}
	return ballerupIDs{
		prague: partnership("ballerup", "Prague 10"), bycirklen: id(t, pool, `SELECT id FROM network WHERE name = 'Bycirklen'`),
		f1: priority("F1"), f2: priority("F2"), f3: priority("F3"), berlinParis: partnership("berlin", "Paris"),
	}
}

func TestProjects(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	ids := projectFixtures(t, pool)
	s := signIn(t, srv, pool, "ballerup", access.RoleStaff)

	// The currency defaults to the municipality's.
	_, doc := s.get("/staff/projects/new")
	if value(doc, "currency") != "DKK" || doc.Find("#funding-currency").Text() != "DKK" {
		t.Errorf("currency preselected: %q", value(doc, "currency"))
	}
	if doc.Find(`input[name="priority"]`).Length() != 4 {
		t.Errorf("%d priorities offered, want Ballerup's four focus areas", doc.Find(`input[name="priority"]`).Length())
	}

	// Mistakes: everything typed is kept, ticked priorities included.
	res, doc := s.post("/staff/projects", url.Values{
		"title": {""}, "description": {"Udveksling\nfor unge"}, "partnership": {itoa(ids.berlinParis)}, "network": {itoa(ids.bycirklen)},
		"funder": {"EU"}, "programme": {"Erasmus+"}, "currency": {"DKK"}, "funding": {"€ 1,000"},
		"starts_on": {"2026-09-01"}, "ends_on": {"2026-08-31"}, "status": {"running"},
		"priority": {itoa(ids.f1), itoa(ids.f3)},
	})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid project: %d", res.StatusCode)
	}
	for _, f := range []string{"title", "partnership", "funding", "ends_on"} {
		checkError(t, doc, f)
	}
	if !strings.Contains(doc.Find("#funding-error").Text(), "DKK") {
		t.Errorf("the currency error does not name the field's currency: %q", doc.Find("#funding-error").Text())
	}
	for id, want := range map[string]string{
		"description": "Udveksling\nfor unge", "network": itoa(ids.bycirklen), "funder": "EU", "funding": "€ 1,000",
		"starts_on": "2026-09-01", "ends_on": "2026-08-31", "status": "running", "currency": "DKK",
	} {
		if got := value(doc, id); got != want {
			t.Errorf("%s kept as %q, want %q", id, got, want)
		}
	}
	if doc.Find(`input[name="priority"][value="`+itoa(ids.f1)+`"][checked]`).Length() != 1 ||
		doc.Find(`input[name="priority"][value="`+itoa(ids.f3)+`"][checked]`).Length() != 1 ||
		doc.Find(`input[name="priority"][checked]`).Length() != 2 {
		t.Error("the ticked priorities were not kept")
	}

	// Corrected: amounts are read as the person writes them, stored in minor units.
	target := s.mustRedirect("/staff/projects", url.Values{
		"title": {"Ungdomsudveksling Prag"}, "description": {"Udveksling for unge"}, "partnership": {itoa(ids.prague)}, "network": {itoa(ids.bycirklen)},
		"funder": {"EU"}, "programme": {"Erasmus+"}, "currency": {"EUR"}, "funding": {"€250,000.50"},
		"starts_on": {"2026-09-01"}, "ends_on": {"2027-08-31"}, "status": {"running"},
		"priority": {itoa(ids.f1), itoa(ids.f3)},
	})
	pid := id(t, pool, `SELECT id FROM project WHERE title = 'Ungdomsudveksling Prag'`)
	if target != "/staff/projects/"+itoa(pid) {
		t.Errorf("created: redirected to %q", target)
	}
	var funding int64
	var currency string
	if err := pool.QueryRow(t.Context(), `SELECT funding_minor, currency FROM project WHERE id = $1`, pid).Scan(&funding, &currency); err != nil || funding != 25000050 || currency != "EUR" {
		t.Errorf("funding %d %s (%v)", funding, currency, err)
	}
	if n := id(t, pool, `SELECT count(*) FROM project_priority WHERE project_id = $1 AND priority_id IN ($2, $3)`, pid, ids.f1, ids.f3); n != 2 {
		t.Errorf("%d priorities linked", n)
	}
	created := lastAudit(t, pool, "project", pid, "create")
	if created["funding_minor"]["new"] != float64(25000050) || created["currency"]["new"] != "EUR" || !sameList(created["priorities"]["new"], "F1", "F3") {
		t.Errorf("create audit: %v", created)
	}

	// The edit form shows the amount in the reader's notation; a Danish save is
	// read the Danish way.
	edit := "/staff/projects/" + itoa(pid)
	_, doc = s.get(edit)
	if value(doc, "funding") != "250,000.50" || value(doc, "partnership") != itoa(ids.prague) {
		t.Errorf("edit form: funding %q partnership %q", value(doc, "funding"), value(doc, "partnership"))
	}
	version := s.version(edit)
	s.mustRedirect(edit+"?lang=da", url.Values{
		"version": {version}, "title": {"Ungdomsudveksling Prag"}, "partnership": {itoa(ids.prague)}, "currency": {"DKK"}, "funding": {"1.234.567,89 kr."},
		"starts_on": {"2026-09-01"}, "ends_on": {"2027-08-31"}, "status": {"running"}, "priority": {itoa(ids.f2)},
	})
	updated := lastAudit(t, pool, "project", pid, "update")
	if updated["funding_minor"]["old"] != float64(25000050) || updated["funding_minor"]["new"] != float64(123456789) ||
		updated["currency"]["old"] != "EUR" || updated["currency"]["new"] != "DKK" ||
		!sameList(updated["priorities"]["old"], "F1", "F3") || !sameList(updated["priorities"]["new"], "F2") ||
		updated["network_id"]["old"] != float64(ids.bycirklen) || updated["network_id"]["new"] != nil {
		t.Errorf("update audit: %v", updated)
	}
	if _, ok := updated["title"]; ok {
		t.Error("an unchanged field is in the audit entry")
	}

	// Two saves from the same version: the second meets the conflict.
	version = s.version(edit)
	s.mustRedirect(edit, url.Values{"version": {version}, "title": {"First title"}, "currency": {"DKK"}, "status": {"completed"}})
	res, doc = s.post(edit, url.Values{"version": {version}, "title": {"Second title"}, "currency": {"DKK"}, "funding": {"10"}, "status": {"cancelled"}, "priority": {itoa(ids.f1)}})
	if res.StatusCode != http.StatusConflict || doc.Find(".conflict").Length() != 1 {
		t.Fatalf("stale save: %d", res.StatusCode)
	}
	if value(doc, "title") != "Second title" || value(doc, "funding") != "10" ||
		doc.Find(`input[name="priority"][value="`+itoa(ids.f1)+`"][checked]`).Length() != 1 {
		t.Error("the conflict form lost the input")
	}
	if n := id(t, pool, `SELECT count(*) FROM project WHERE id = $1 AND title = 'First title' AND status = 'completed'`, pid); n != 1 {
		t.Error("the stale save overwrote the first")
	}

	// Archive.
	s.mustRedirect(edit+"/archive", nil)
	_, doc = s.get("/staff/projects")
	if strings.Contains(doc.Find("main").Text(), "First title") {
		t.Error("the archived project is still listed")
	}
	_, doc = s.get("/staff/projects?archived=1")
	if doc.Find(`tr:contains('First title') .pe-badge--archived`).Length() != 1 {
		t.Error("the archived project is not shown with the toggle")
	}
	if a := lastAudit(t, pool, "project", pid, "archive"); a["archived_at"]["new"] == nil {
		t.Errorf("archive audit: %v", a)
	}
}

// sameList reports whether an audit value is the list of want.
func sameList(v any, want ...string) bool {
	list, ok := v.([]any)
	if !ok || len(list) != len(want) {
		return false
	}
	for i, w := range want {
		if list[i] != w {
			return false
		}
	}
	return true
}
