package meetingweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

func post(t *testing.T, c *http.Client, target string, fields map[string]string, file string, content []byte) *http.Response {
	t.Helper()
	form := url.Values{}
	for k, v := range fields {
		form.Set(k, v)
	}
	var files []servertest.File
	if file != "" {
		files = append(files, servertest.File{Field: file, Name: file + ".pdf", Content: content})
	}
	return servertest.PostMultipart(t, c, target, form, files...)
}

func TestGoteborgMeetings(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "goteborg", access.RoleStaff, "eva@goteborg.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "eva@goteborg.example")
	_, doc := servertest.Get(t, c, srv.URL+"/staff/meetings", "en")
	token := servertest.CSRF(doc)
	if !strings.Contains(doc.Find("main").Text(), "No meeting has been recorded yet") {
		t.Errorf("empty outlook: %q", doc.Find("main").Text())
	}
	// A mistake comes back with what was typed.
	res := post(t, c, srv.URL+"/staff/meetings", map[string]string{"csrf": token, "year": "20x4", "host": "Oslo", "place": "Åbo slott"}, "", nil)
	d, _ := goquery.NewDocumentFromReader(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity || d.Find("#year").AttrOr("value", "") != "20x4" || d.Find("#place").AttrOr("value", "") != "Åbo slott" || d.Find(".error-summary a").Length() != 2 {
		t.Fatalf("invalid meeting: %d", res.StatusCode)
	}
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	// The policy names no order of hosts ("Vänortsmötena sker vartannat år med
	// roterande värdskap."): it comes from the records, one round of four.
	for i, m := range []map[string]string{{"year": "2018", "host": "Aarhus"}, {"year": "2020", "host": "Bergen"},
		{"year": "2022", "host": "Turku"}, {"year": "2024", "host": "Göteborg"}} {
		m["csrf"] = token
		res := post(t, c, srv.URL+"/staff/meetings", m, "report", pdf)
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("record %v: %d", m, res.StatusCode)
		}
		if i == 1 {
			_, doc = servertest.Get(t, servertest.Client(t), srv.URL+"/m/goteborg", "en")
			if sec := doc.Find(`section[aria-labelledby="meetings"]`).Text(); !strings.Contains(sec, "cannot yet tell who hosts next") {
				t.Errorf("two meetings recorded: %q", sec)
			}
		}
	}
	// Göteborg hosted in 2024: next is Aarhus in 2026, and the evaluation is
	// due, late after the report deadline as a trip report would be.
	_, doc = servertest.Get(t, servertest.Client(t), srv.URL+"/m/goteborg", "en")
	sec := doc.Find(`section[aria-labelledby="meetings"]`).Text()
	if !strings.Contains(sec, "Next meeting: 2026, hosted by Aarhus.") || !strings.Contains(sec, "evaluation report of the 2024 meeting") ||
		!strings.Contains(sec, "Aarhus → Bergen → Turku → Göteborg") || !strings.Contains(sec, "Late") {
		t.Errorf("public outlook: %q", sec)
	}
	// Attaching the evaluation clears the notice.
	var id int64
	if err := pool.QueryRow(t.Context(), `SELECT id FROM twin_city_meeting WHERE year = 2024`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	res = post(t, c, fmt.Sprintf("%s/staff/meetings/%d", srv.URL, id), map[string]string{"csrf": token, "year": "2024", "host": "Göteborg", "version": "1"}, "evaluation", pdf)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("attach evaluation: %d", res.StatusCode)
	}
	_, doc = servertest.Get(t, servertest.Client(t), srv.URL+"/m/goteborg", "en")
	if strings.Contains(doc.Find(`section[aria-labelledby="meetings"]`).Text(), "is due and not yet attached") {
		t.Error("evaluation still shown as due")
	}
	// A second save from the old version is a conflict, nothing overwritten.
	res = post(t, c, fmt.Sprintf("%s/staff/meetings/%d", srv.URL, id), map[string]string{"csrf": token, "year": "2024", "host": "Göteborg", "place": "Gothia Towers", "version": "1"}, "", nil)
	res.Body.Close()
	if res.StatusCode != http.StatusConflict {
		t.Errorf("stale save: %d", res.StatusCode)
	}
	// Municipalities without the rotation have no meetings page; others' pages do not show it.
	_, doc = servertest.Get(t, servertest.Client(t), srv.URL+"/m/ballerup", "en")
	if doc.Find(`section[aria-labelledby="meetings"]`).Length() != 0 {
		t.Error("Ballerup shows twin-city meetings")
	}
	var audits int
	if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM audit_log WHERE entity = 'twin_city_meeting'`).Scan(&audits); err != nil || audits != 5 {
		t.Errorf("%d audit entries", audits)
	}
}

// TestMeetingsMatrix checks every meetings route for visitors, each role of
// Ballerup (whose meeting the routes name) and Berlin's staff and administrator.
// Neither policy has a meeting rotation, so both get Göteborg's: Berlin's people
// then miss Ballerup's meeting because it is Ballerup's, not for want of a rotation.
func TestMeetingsMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	if _, err := pool.Exec(t.Context(), `
INSERT INTO policy_rule (policy_id, kind, enforcement, parameters, source_sentence)
SELECT p.id, r.kind, r.enforcement, r.parameters, r.source_sentence
FROM policy_rule r JOIN policy gp ON gp.id = r.policy_id JOIN municipality g ON g.id = gp.municipality_id,
     policy p JOIN municipality m ON m.id = p.municipality_id
WHERE g.slug = 'goteborg' AND gp.archived_at IS NULL AND r.kind IN ('twin_city_meeting_rotation', 'inform_office_of_cooperation')
  AND m.slug IN ('ballerup', 'berlin') AND p.archived_at IS NULL`); err != nil {
		t.Fatal(err)
	}
	var notice int64
	if err := pool.QueryRow(t.Context(), `
INSERT INTO cooperation_notice (municipality_id, department, partner, summary, created_by)
SELECT m.id, 'Kulturförvaltningen', 'Aarhus', 'Utställning', a.id FROM municipality m JOIN account a ON a.municipality_id = m.id
WHERE m.slug = 'ballerup' ORDER BY a.id LIMIT 1 RETURNING id`).Scan(&notice); err != nil {
		t.Fatal(err)
	}
	noted := fmt.Sprintf("/staff/meetings/notices/%d/noted", notice)
	var id int64
	if err := pool.QueryRow(t.Context(), `
INSERT INTO twin_city_meeting (municipality_id, year, host) SELECT id, 2024, 'Aarhus' FROM municipality WHERE slug = 'ballerup' RETURNING id`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	at := fmt.Sprintf("/staff/meetings/%d", id)
	// A year that cannot be read: the form comes back, nothing is saved.
	invalid := url.Values{"year": {"20x4"}, "host": {"Aarhus"}, "version": {"1"}}
	W := servertest.Want
	routes := []servertest.Route{
		{Method: "GET", Path: "/staff/meetings", Action: access.MeetingView, Want: W(303, 200, 200, 200, 200, 200).New(404).Op(404)},
		{Method: "GET", Path: "/staff/meetings/new", Action: access.MeetingEdit, Want: W(303, 200, 403, 200, 200, 200).New(404)},
		{Method: "POST", Path: "/staff/meetings", Form: invalid, Action: access.MeetingEdit, Want: W(303, 422, 403, 422, 422, 422).New(404)},
		{Method: "GET", Path: at, Action: access.MeetingEdit, Want: W(303, 200, 403, 200, 404, 404)},
		{Method: "POST", Path: at, Form: invalid, Action: access.MeetingEdit, Want: W(303, 422, 403, 422, 404, 404)},
		{Method: "GET", Path: "/staff/meetings/999999", Action: access.MeetingEdit, Want: W(303, 404, 403, 404, 404, 404)},
		{Method: "POST", Path: "/staff/meetings/999999", Form: invalid, Action: access.MeetingEdit, Want: W(303, 404, 403, 404, 404, 404)},
		{Method: "GET", Path: "/staff/meetings/abc", Action: access.MeetingEdit, Want: W(303, 404, 403, 404, 404, 404)},

		{Method: "GET", Path: "/staff/meetings/notices", Action: access.MeetingView, Want: W(303, 200, 200, 200, 200, 200).New(404).Op(404)},
		{Method: "POST", Path: "/staff/meetings/notices", Form: url.Values{"department": {""}}, Action: access.MeetingEdit, Want: W(303, 422, 403, 422, 422, 422).New(404)},
		{Method: "POST", Path: "/staff/meetings/notices/999999/noted", Action: access.MeetingEdit, Want: W(303, 404, 403, 404, 404, 404)},
		{Method: "POST", Path: noted, Action: access.MeetingEdit, Want: W(303, 303, 403, 303, 404, 404)},
	}
	servertest.CheckCoverage(t, srv, routes, "meetingweb")
	servertest.CheckMatrix(t, srv, routes)
	var meetings, version int
	if err := pool.QueryRow(t.Context(), `SELECT count(*), max(version) FROM twin_city_meeting`).Scan(&meetings, &version); err != nil || meetings != 1 || version != 1 {
		t.Errorf("after the matrix: %d meetings, version %d (%v)", meetings, version, err)
	}
}

// TestMeetingsWithoutRotation: a municipality whose policy has no meeting
// rotation (Ballerup, as seeded) has no meetings pages.
func TestMeetingsWithoutRotation(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	servertest.CheckMatrix(t, srv, []servertest.Route{
		{Method: "GET", Path: "/staff/meetings", Action: access.MeetingView, Want: servertest.Want(303, 404, 404, 404, 404, 404).Op(404)},
		{Method: "GET", Path: "/staff/meetings/new", Action: access.MeetingEdit, Want: servertest.Want(303, 404, 403, 404, 404, 404)},
		{Method: "POST", Path: "/staff/meetings", Form: url.Values{"year": {"2024"}}, Action: access.MeetingEdit, Want: servertest.Want(303, 404, 403, 404, 404, 404)},
	})
}
