package partnerweb_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

func TestPartnershipCreateEditArchive(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	s := signIn(t, srv, pool, "ballerup", access.RoleStaff)

	// Mistakes come back with 422, everything typed kept and each error beside its field.
	res, doc := s.post("/staff/partners", url.Values{
		"city_name": {"Ærøskøbing"}, "city_name_en": {""}, "country": {""}, "latitude": {"91"}, "longitude": {"10,4"},
		"kind": {""}, "since_year": {"1700"}, "status": {"active"}, "contacts": {"Åse Ølgaard\nkultur@example.dk"},
		"note": {"  spaced <b>note</b>"}, "source": {"KB 2026"},
	})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid create: status %d", res.StatusCode)
	}
	for _, f := range []string{"country", "latitude", "kind", "since_year"} {
		checkError(t, doc, f)
	}
	if doc.Find("#city_name-error").Length() != 0 || doc.Find("#longitude-error").Length() != 0 {
		t.Error("an error beside a field that is fine")
	}
	for id, want := range map[string]string{
		"city_name": "Ærøskøbing", "latitude": "91", "longitude": "10,4", "since_year": "1700",
		"contacts": "Åse Ølgaard\nkultur@example.dk", "note": "  spaced <b>note</b>", "source": "KB 2026", "status": "active",
	} {
		if got := value(doc, id); got != want {
			t.Errorf("%s kept as %q, want %q", id, got, want)
		}
	}
	if title := doc.Find("title").Text(); !strings.HasPrefix(title, "Error:") {
		t.Errorf("title %q does not say there is an error", title)
	}

	// Corrected, the partnership and its new city are created and logged.
	target := s.mustRedirect("/staff/partners", url.Values{
		"city_name": {"Tartu"}, "city_name_en": {""}, "country": {"EE"}, "latitude": {"58,38"}, "longitude": {"26.72"},
		"kind": {"friendship"}, "since_year": {"1998"}, "status": {"active"}, "contacts": {"Mari Tamm"},
	})
	pid := id(t, pool, `SELECT p.id FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id WHERE c.name = 'Tartu'`)
	if target != "/staff/partners/"+itoa(pid) {
		t.Errorf("created: redirected to %q", target)
	}
	var nameEn, country string
	var lat, lon float64
	if err := pool.QueryRow(t.Context(), `SELECT name_en, country, latitude::float8, longitude::float8 FROM partner_city WHERE name = 'Tartu'`).
		Scan(&nameEn, &country, &lat, &lon); err != nil || nameEn != "Tartu" || country != "EE" || lat != 58.38 || lon != 26.72 {
		t.Errorf("new city: %q %q %v %v (%v)", nameEn, country, lat, lon, err)
	}
	_, doc = s.get(target)
	if doc.Find(".notice--success").Length() != 1 {
		t.Error("no message after saving")
	}
	created := lastAudit(t, pool, "partnership", pid, "create")
	if created["kind"]["new"] != "friendship" || created["since_year"]["new"] != float64(1998) || created["kind"]["old"] != nil {
		t.Errorf("create audit: %v", created)
	}
	cityID := id(t, pool, `SELECT id FROM partner_city WHERE name = 'Tartu'`)
	if c := lastAudit(t, pool, "partner_city", cityID, "create"); c["name"]["new"] != "Tartu" || c["country"]["new"] != "EE" {
		t.Errorf("city audit: %v", c)
	}

	// A change of status goes to the status history and the audit log, with old
	// and new values.
	edit := "/staff/partners/" + itoa(pid)
	s.mustRedirect(edit, url.Values{
		"version": {s.version(edit)}, "kind": {"friendship"}, "since_year": {"1998"}, "status": {"suspended"},
		"status_note": {"Paused during the renovation"}, "contacts": {"Mari Tamm"}, "note": {"Dormant"},
	})
	var year int
	var status, note string
	if err := pool.QueryRow(t.Context(), `SELECT year, status, note FROM partnership_status_change WHERE partnership_id = $1`, pid).
		Scan(&year, &status, &note); err != nil || year != servertest.Now.Year() || status != "suspended" || note != "Paused during the renovation" {
		t.Errorf("status history: %d %q %q (%v)", year, status, note, err)
	}
	updated := lastAudit(t, pool, "partnership", pid, "update")
	if updated["status"]["old"] != "active" || updated["status"]["new"] != "suspended" ||
		updated["note"]["old"] != "" || updated["note"]["new"] != "Dormant" || updated["status_change"]["new"] == nil {
		t.Errorf("update audit: %v", updated)
	}
	if _, ok := updated["kind"]; ok {
		t.Errorf("an unchanged field is in the audit entry: %v", updated)
	}
	// The record page shows its history.
	_, doc = s.get(edit)
	if doc.Find(".history").Length() != 1 {
		t.Error("no history on the record page")
	}

	// Two people save from the same version: the second meets the conflict, the
	// first's data stays.
	version := s.version(edit)
	first := url.Values{"version": {version}, "kind": {"friendship"}, "since_year": {"1998"}, "status": {"suspended"}, "note": {"First"}}
	s.mustRedirect(edit, first)
	res, doc = s.post(edit, url.Values{"version": {version}, "kind": {"partnership"}, "since_year": {"1999"}, "status": {"active"}, "note": {"Second"}})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("stale save: status %d", res.StatusCode)
	}
	if doc.Find(".conflict").Length() != 1 || !strings.Contains(doc.Find(".conflict").Text(), "First") {
		t.Error("the conflict does not show the saved values")
	}
	if value(doc, "note") != "Second" || value(doc, "kind") != "partnership" {
		t.Error("the form lost the input of the stale save")
	}
	if v := doc.Find(`input[name="version"]`).AttrOr("value", ""); v == version {
		t.Error("the conflict form still carries the stale version")
	}
	if got := id(t, pool, `SELECT count(*) FROM partnership WHERE id = $1 AND note = 'First' AND kind = 'friendship'`, pid); got != 1 {
		t.Error("the stale save overwrote the first")
	}

	// Archive: a confirmation page, then the partnership leaves the list.
	res, doc = s.get(edit + "/archive")
	if res.StatusCode != http.StatusOK || doc.Find(`main form[action="`+edit+`/archive"]`).Length() != 1 {
		t.Fatalf("archive confirmation: %d", res.StatusCode)
	}
	if target := s.mustRedirect(edit+"/archive", nil); target != "/staff/partners" {
		t.Errorf("archived: redirected to %q", target)
	}
	_, doc = s.get("/staff/partners")
	if strings.Contains(doc.Find("main table").Text(), "Tartu") {
		t.Error("the archived partnership is still listed")
	}
	_, doc = s.get("/staff/partners?archived=1")
	if row := doc.Find("main tbody tr:contains('Tartu')"); row.Find(".pe-badge--archived").Length() != 1 {
		t.Error("the archived partnership is not shown as archived with the toggle")
	}
	if a := lastAudit(t, pool, "partnership", pid, "archive"); a["archived_at"]["new"] == nil {
		t.Errorf("archive audit: %v", a)
	}
	// It left the public pages too.
	res, _ = servertest.Get(t, servertest.Client(t), srv.URL+"/m/ballerup/partners/"+itoa(pid), "en")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("public page of the archived partnership: %d", res.StatusCode)
	}
}

func TestPartnershipWithExistingCity(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	s := signIn(t, srv, pool, "ballerup", access.RoleStaff)
	// Aarhus takes part in Ballerup's network Bycirklen here: a partner city of
	// Ballerup's own records without a partnership of Ballerup.
	aarhus := id(t, pool, `SELECT id FROM partner_city WHERE name_en = 'Aarhus'`)
	if _, err := pool.Exec(t.Context(), `INSERT INTO network_partner_city (network_id, partner_city_id) SELECT id, $1 FROM network WHERE name = 'Bycirklen'`, aarhus); err != nil {
		t.Fatal(err)
	}
	paris := id(t, pool, `SELECT id FROM partner_city WHERE name_en = 'Paris'`)

	_, doc := s.get("/staff/partners/new")
	if doc.Find(`#city option[value="`+itoa(aarhus)+`"]`).Length() != 1 {
		t.Fatal("Aarhus is not offered")
	}
	if doc.Find(`#city option[value="`+itoa(paris)+`"]`).Length() != 0 {
		t.Error("Berlin's partner city is offered to Ballerup")
	}
	// A city that is not offered is refused, whatever its id.
	res, doc := s.post("/staff/partners", url.Values{"city": {itoa(paris)}, "kind": {"partnership"}, "status": {"active"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("another municipality's city: %d", res.StatusCode)
	}
	checkError(t, doc, "city")
	s.mustRedirect("/staff/partners", url.Values{"city": {itoa(aarhus)}, "kind": {"partnership"}, "status": {"active"}})
	if n := id(t, pool, `SELECT count(*) FROM partnership p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'ballerup' AND p.partner_city_id = $1`, aarhus); n != 1 {
		t.Errorf("%d partnerships with Aarhus", n)
	}
	if n := id(t, pool, `SELECT count(*) FROM partner_city WHERE name_en = 'Aarhus'`); n != 1 {
		t.Errorf("the chosen city was duplicated: %d", n)
	}
	// Now it has a partnership, Aarhus is no longer offered.
	_, doc = s.get("/staff/partners/new")
	if doc.Find(`#city option[value="`+itoa(aarhus)+`"]`).Length() != 0 {
		t.Error("a city with a partnership is still offered")
	}
}

// TestCouncilDecisionRule: Göteborg's policy says new twin cities are decided
// by the City Council, so a new twin-town partnership needs the decision's
// reference; Ballerup's policy has no such rule.
func TestCouncilDecisionRule(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	gbg := signIn(t, srv, pool, "goteborg", access.RoleStaff)
	twin := url.Values{"city_name": {"Reykjavík"}, "country": {"IS"}, "kind": {"twin_town"}, "status": {"active"}}
	countGbg := func() int64 {
		return id(t, pool, `SELECT count(*) FROM partnership p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'goteborg'`)
	}
	before := countGbg()

	res, doc := gbg.post("/staff/partners", twin)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("twin town without a council decision: status %d", res.StatusCode)
	}
	checkError(t, doc, "council_decision_ref")
	quote := doc.Find(`#council_decision_ref-policy blockquote[lang="sv"]`)
	if !strings.Contains(quote.Text(), "Kommunfullmäktige fattar beslut om att etablera nya vänorter") {
		t.Errorf("the policy sentence is not quoted in Swedish: %q", quote.Text())
	}
	if !strings.Contains(doc.Find("#council_decision_ref").AttrOr("aria-describedby", ""), "council_decision_ref-policy") {
		t.Error("the quote is not tied to the field")
	}
	if value(doc, "city_name") != "Reykjavík" || value(doc, "kind") != "twin_town" {
		t.Error("input not kept")
	}
	if countGbg() != before {
		t.Fatal("the refused partnership was saved")
	}

	// With other mistakes, the rule's error shows at once with them.
	res, doc = gbg.post("/staff/partners", url.Values{"city_name": {""}, "country": {"IS"}, "kind": {"twin_town"}, "status": {"active"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.StatusCode)
	}
	checkError(t, doc, "city_name")
	checkError(t, doc, "council_decision_ref")

	// With the reference, it is saved.
	withRef := url.Values{"council_decision_ref": {"KF 2026-11-19 § 7"}}
	for k, v := range twin {
		withRef[k] = v
	}
	gbg.mustRedirect("/staff/partners", withRef)
	if countGbg() != before+1 {
		t.Error("the twin town with a council decision was not saved")
	}

	// Changing a partnership to a twin town needs the decision too…
	chicago := id(t, pool, `SELECT p.id FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'goteborg' AND c.name_en = 'Chicago'`)
	edit := "/staff/partners/" + itoa(chicago)
	res, doc = gbg.post(edit, url.Values{"version": {gbg.version(edit)}, "kind": {"twin_town"}, "status": {"active"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("changed to a twin town without a decision: status %d", res.StatusCode)
	}
	checkError(t, doc, "council_decision_ref")
	if k := id(t, pool, `SELECT count(*) FROM partnership WHERE id = $1 AND kind = 'partnership'`, chicago); k != 1 {
		t.Error("the refused change was saved")
	}
	// …but the twin towns of 1946, recorded without one, stay editable.
	aarhus := id(t, pool, `SELECT p.id FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'goteborg' AND c.name_en = 'Aarhus'`)
	edit = "/staff/partners/" + itoa(aarhus)
	_, doc = gbg.get(edit)
	gbg.mustRedirect(edit, url.Values{"version": {gbg.version(edit)}, "kind": {"twin_town"}, "since_year": {value(doc, "since_year")},
		"status": {"active"}, "note": {"Vänort sedan 1946."}})

	// Ballerup has no such rule: a twin town needs no council decision there.
	bal := signIn(t, srv, pool, "ballerup", access.RoleAdmin)
	bal.mustRedirect("/staff/partners", url.Values{"city_name": {"Reykjavík"}, "country": {"IS"}, "kind": {"twin_town"}, "status": {"active"}})
}

func TestPoliticianSeesListOnly(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	s := signIn(t, srv, pool, "ballerup", access.RolePolitician)
	for _, path := range []string{"/staff/partners", "/staff/networks", "/staff/projects"} {
		res, doc := s.get(path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		if n := doc.Find(`main a[href$="/new"], main a[href^="/staff/partners/"], main a[href^="/staff/networks/"], main a[href^="/staff/projects/"]`).Length(); n != 0 {
			t.Errorf("%s offers a politician %d links to forms they may not use", path, n)
		}
	}
	_, doc := s.get("/staff/partners")
	if !strings.Contains(doc.Find("main table").Text(), "Prague 10") && !strings.Contains(doc.Find("main table").Text(), "Praha 10") {
		t.Error("the politician does not see the partnerships")
	}
}
