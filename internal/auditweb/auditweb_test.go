package auditweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/servertest"
)

// entry writes an audit entry as of at; account 0 is the command line.
func entry(t *testing.T, pool *pgxpool.Pool, at time.Time, slug string, account int64, entity string, id int64, action, changes string) {
	t.Helper()
	var acc *int64
	if account != 0 {
		acc = &account
	}
	if _, err := pool.Exec(t.Context(), `
INSERT INTO audit_log (at, account_id, municipality_id, entity, entity_id, action, changes)
SELECT $1, $2, id, $4, $5, $6, $7::jsonb FROM municipality WHERE slug = $3`, at, acc, slug, entity, id, action, changes); err != nil {
		t.Fatal(err)
	}
}

func day(d int) time.Time { return time.Date(2026, 3, d, 9, 30, 0, 0, time.UTC) }

type logFixture struct {
	base  string
	ids   map[string]int64
	admin *http.Client
}

func setup(t *testing.T) (logFixture, *pgxpool.Pool) {
	t.Helper()
	srv, pool := servertest.New(t)
	ids := servertest.People(t, pool)
	anna, jens := ids["ballerup/staff"], ids["ballerup/politician"]
	berlin := ids["berlin/staff"]
	// The accounts' own creation entries would only get in the way.
	if _, err := pool.Exec(t.Context(), `DELETE FROM audit_log`); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Ballerup Kommune har en lang tradition for et internationalt engagement. ", 5)
	entry(t, pool, day(1), "ballerup", anna, "trip", 7, "create", `{"purpose": {"old": null, "new": "Studietur til Prag 10"}}`)
	entry(t, pool, day(2), "ballerup", anna, "trip", 7, "transition", `{"status": {"old": "draft", "new": "submitted"}}`)
	entry(t, pool, day(3), "ballerup", jens, "trip", 7, "transition", `{"status": {"old": "submitted", "new": "approved"}}`)
	entry(t, pool, day(4), "ballerup", 0, "budget_line", 3, "update", `{"amount_minor": {"old": 6500000, "new": 7000000}}`)
	entry(t, pool, day(5), "ballerup", anna, "policy", 4, "update", fmt.Sprintf(`{"full_text": {"old": %q, "new": %q}}`, long, long+"Ny sætning."))
	entry(t, pool, day(6), "ballerup", jens, "agreement", 9, "delete", `{}`)
	// Berlin's entries: same kinds, same ids, never shown to Ballerup.
	entry(t, pool, day(2), "berlin", berlin, "trip", 7, "transition", `{"status": {"old": "draft", "new": "SECRET-BERLIN"}}`)
	entry(t, pool, day(4), "berlin", berlin, "budget_line", 3, "update", `{"note": {"old": "", "new": "SECRET-BERLIN"}}`)
	admin := servertest.Client(t)
	servertest.SignIn(t, admin, srv.URL, "admin@ballerup.example")
	return logFixture{base: srv.URL, ids: ids, admin: admin}, pool
}

func (f logFixture) get(t *testing.T, query url.Values) (*http.Response, *goquery.Document) {
	t.Helper()
	u := f.base + "/staff/audit"
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	return servertest.Get(t, f.admin, u, "en")
}

// shown lists the entries of a page as "entity id action".
func shown(doc *goquery.Document) []string {
	var out []string
	doc.Find("main .audit-entries > .audit-entry").Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.Join(strings.Fields(s.Find(".audit-entry__what").Text()), " ")+" "+s.Find(".audit-entry__action").Text())
	})
	return out
}

func TestAuditLogFilters(t *testing.T) {
	t.Parallel()
	f, _ := setup(t)
	anna := fmt.Sprint(f.ids["ballerup/staff"])
	cases := []struct {
		name  string
		query url.Values
		want  string
	}{
		{"everything, newest first", nil, "Agreement 9 deleted|Policy 4 changed|Budget line 3 changed|Trip 7 status changed|Trip 7 status changed|Trip 7 created"},
		{"entity", url.Values{"entity": {"trip"}}, "Trip 7 status changed|Trip 7 status changed|Trip 7 created"},
		{"entity and id", url.Values{"entity": {"budget_line"}, "id": {"3"}}, "Budget line 3 changed"},
		{"another id", url.Values{"entity": {"trip"}, "id": {"8"}}, ""},
		{"action", url.Values{"action": {"transition"}}, "Trip 7 status changed|Trip 7 status changed"},
		{"person", url.Values{"person": {anna}}, "Policy 4 changed|Trip 7 status changed|Trip 7 created"},
		{"from", url.Values{"from": {"2026-03-04"}}, "Agreement 9 deleted|Policy 4 changed|Budget line 3 changed"},
		{"to, the whole day", url.Values{"to": {"2026-03-02"}}, "Trip 7 status changed|Trip 7 created"},
		{"from and to", url.Values{"from": {"2026-03-02"}, "to": {"2026-03-03"}}, "Trip 7 status changed|Trip 7 status changed"},
		{"one day", url.Values{"from": {"2026-03-04"}, "to": {"2026-03-04"}}, "Budget line 3 changed"},
		{"all together", url.Values{"entity": {"trip"}, "action": {"transition"}, "person": {anna}, "from": {"2026-03-01"}, "to": {"2026-03-31"}}, "Trip 7 status changed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, doc := f.get(t, tc.query)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			if got := strings.Join(shown(doc), "|"); got != tc.want {
				t.Errorf("shown\n%s\nwant\n%s", got, tc.want)
			}
			if strings.Contains(doc.Text(), "SECRET-BERLIN") {
				t.Error("another municipality's entry is shown")
			}
			// The form keeps the filter.
			for k, v := range tc.query {
				sel := fmt.Sprintf(`#%s[value="%s"], #%s option[selected][value="%s"]`, k, v[0], k, v[0])
				if doc.Find(sel).Length() != 1 {
					t.Errorf("filter %s=%s not kept in the form", k, v[0])
				}
			}
		})
	}

	// One entry in full: when, who, what with its link, and the changes.
	_, doc := f.get(t, url.Values{"entity": {"budget_line"}})
	e := doc.Find(".audit-entry").First()
	if got := e.Find("time").Text(); got != "4 March 2026, 09:30 UTC" {
		t.Errorf("when %q", got)
	}
	if e.Find(".audit-entry__who").Text() != "command line" || e.Find(`a[href="/staff/budget-lines/3"]`).Length() != 1 {
		t.Errorf("who %q, what %q", e.Find(".audit-entry__who").Text(), e.Find(".audit-entry__what").Text())
	}
	row := e.Find(".audit-changes tbody tr")
	// In people's words: the form's label and the amounts as money (issue 14, point 7).
	if row.Find("th").Text() != "Amount" || row.Find("td").Eq(0).Text() != "DKK\u00a065,000.00" || row.Find("td").Eq(1).Text() != "DKK\u00a070,000.00" {
		t.Errorf("change %q", row.Text())
	}
	_, doc = f.get(t, url.Values{"entity": {"policy"}})
	if doc.Find(".audit-entry details.audit-long").Length() != 2 || !strings.HasSuffix(doc.Find(".audit-long__text").Eq(1).Text(), "Ny sætning.") {
		t.Error("long texts are not shortened with the whole a click away")
	}
	_, doc = f.get(t, url.Values{"entity": {"agreement"}})
	if doc.Find(".audit-entry__what a").Length() != 0 {
		t.Error("a deleted record is linked")
	}
	// The person filter offers the municipality's accounts only.
	if doc.Find("#person option").Length() != 4 || doc.Find(fmt.Sprintf(`#person option[value="%d"]`, f.ids["berlin/staff"])).Length() != 0 {
		t.Errorf("person options %q", doc.Find("#person").Text())
	}
}

func TestAuditLogBadFilters(t *testing.T) {
	t.Parallel()
	f, _ := setup(t)
	cases := []struct {
		name  string
		query url.Values
		field string
	}{
		{"from is not a date", url.Values{"from": {"2026-02-30"}}, "from"},
		{"to is not a date", url.Values{"to": {"yesterday"}}, "to"},
		{"to before from", url.Values{"from": {"2026-03-05"}, "to": {"2026-03-01"}}, "to"},
		{"another municipality's person", url.Values{"person": {fmt.Sprint(f.ids["berlin/staff"])}}, "person"},
		{"person not a number", url.Values{"person": {"anna"}}, "person"},
		{"unknown action", url.Values{"action": {"publish"}}, "action"},
		{"entity not a name", url.Values{"entity": {"Trip; DROP"}}, "entity"},
		{"id not a number", url.Values{"entity": {"trip"}, "id": {"-7"}}, "id"},
		{"page zero", url.Values{"page": {"0"}}, "page"},
		{"page not a number", url.Values{"page": {"two"}}, "page"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, doc := f.get(t, tc.query)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d", res.StatusCode)
			}
			if doc.Find(`.error-summary a[href="#`+tc.field+`"]`).Length() != 1 {
				t.Errorf("the summary does not say %s is wrong: %q", tc.field, doc.Find(".error-summary").Text())
			}
			if tc.field != "page" && doc.Find("#"+tc.field+"-error").Length() != 1 {
				t.Errorf("no error beside %s", tc.field)
			}
			if len(shown(doc)) != 0 {
				t.Error("entries listed with a bad filter")
			}
			for k, v := range tc.query {
				if k != "page" && doc.Find(fmt.Sprintf(`#%s[value="%s"], #%s option[selected][value="%s"]`, k, v[0], k, v[0])).Length() != 1 &&
					k != "person" && k != "action" {
					t.Errorf("input %s=%s not kept", k, v[0])
				}
			}
		})
	}
}

func TestAuditLogPages(t *testing.T) {
	t.Parallel()
	f, pool := setup(t)
	for i := range 60 {
		entry(t, pool, day(10).Add(time.Duration(i)*time.Minute), "ballerup", 0, "priority", int64(100+i), "update", `{"position": {"old": 1, "new": 2}}`)
	}
	_, doc := f.get(t, url.Values{"entity": {"priority"}})
	if n := len(shown(doc)); n != 50 {
		t.Fatalf("%d entries on page 1", n)
	}
	if !strings.Contains(doc.Find("#audit-results").Text(), "60") {
		t.Errorf("count %q", doc.Find("#audit-results").Text())
	}
	next := doc.Find(`.pagination a[rel="next"]`).AttrOr("href", "")
	if next != "/staff/audit?entity=priority&page=2" {
		t.Fatalf("next page %q", next)
	}
	_, doc = servertest.Get(t, f.admin, f.base+next, "en")
	got := shown(doc)
	if len(got) != 10 || got[9] != "Priority 100 changed" || doc.Find(`.pagination a[aria-current="page"]`).Text() != "2" {
		t.Errorf("page 2: %v", got)
	}
	if doc.Find(`.audit-entry__what a[href="/staff/policy/priorities/100"]`).Length() != 1 {
		t.Error("a priority is not linked to its page")
	}
	_, doc = f.get(t, url.Values{"entity": {"priority"}, "page": {"9"}})
	if len(shown(doc)) != 0 || doc.Find(`main a[href="/staff/audit?entity=priority"]`).Length() == 0 {
		t.Error("a page past the end does not lead back")
	}
}

func TestHistory(t *testing.T) {
	t.Parallel()
	_, pool := setup(t)
	var ballerup, berlin int64
	if err := pool.QueryRow(t.Context(), `SELECT (SELECT id FROM municipality WHERE slug = 'ballerup'), (SELECT id FROM municipality WHERE slug = 'berlin')`).Scan(&ballerup, &berlin); err != nil {
		t.Fatal(err)
	}
	rows, err := audit.NewStore(pool).History(t.Context(), ballerup, "trip", 7)
	if err != nil || len(rows) != 3 || rows[0].Action != "transition" || rows[2].Action != "create" || rows[0].AccountName == "" {
		t.Fatalf("ballerup trip 7: %+v, %v", rows, err)
	}
	rows, _ = audit.NewStore(pool).History(t.Context(), berlin, "trip", 7)
	if len(rows) != 1 || rows[0].Changes["status"].New != "SECRET-BERLIN" {
		t.Errorf("berlin trip 7: %+v", rows)
	}
	for _, tc := range []struct {
		entity string
		id     int64
	}{{"trip", 0}, {"", 7}, {"trip", 8}} {
		if rows, err := audit.NewStore(pool).History(t.Context(), ballerup, tc.entity, tc.id); err != nil || len(rows) != 0 {
			t.Errorf("History(%q, %d) = %d rows, %v", tc.entity, tc.id, len(rows), err)
		}
	}
}

func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	ids := servertest.People(t, pool)
	W := servertest.Want
	routes := []servertest.Route{
		{Method: "GET", Path: "/staff/audit", Action: access.AuditView, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "GET", Path: "/staff/audit?entity=trip&action=update&from=2026-01-01&to=2026-12-31&page=2", Action: access.AuditView, Want: W(303, 403, 403, 200, 403, 200)},
		{Method: "GET", Path: "/staff/audit?from=31.12.2026", Action: access.AuditView, Want: W(303, 403, 403, 400, 403, 400)},
		// A Ballerup account: Berlin's administrator cannot filter by it.
		{Method: "GET", Path: fmt.Sprintf("/staff/audit?person=%d", ids["ballerup/staff"]), Action: access.AuditView, Want: W(303, 403, 403, 200, 403, 400)},
		{Method: "POST", Path: "/staff/audit", Action: access.AuditView, Want: W(303, 403, 403, 405, 403, 405)},
	}
	servertest.CheckCoverage(t, srv, routes, "auditweb")
	servertest.CheckMatrix(t, srv, routes)
}

// TestNewRecordsInPeoplesWords: the records added with the bodies, policy
// versions and notices are named in the log, and their fields by their labels,
// with people and versions by name instead of ids.
func TestNewRecordsInPeoplesWords(t *testing.T) {
	t.Parallel()
	f, pool := setup(t)
	jens := f.ids["ballerup/politician"]
	var policyID int64
	var title string
	if err := pool.QueryRow(t.Context(), `SELECT p.id, p.title FROM policy p JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'ballerup' AND p.archived_at IS NULL`).Scan(&policyID, &title); err != nil {
		t.Fatal(err)
	}
	entry(t, pool, day(7), "ballerup", f.ids["ballerup/admin"], "body", 41, "update", fmt.Sprintf(`{"members": {"old": [], "new": [%d]}}`, jens))
	entry(t, pool, day(8), "ballerup", f.ids["ballerup/admin"], "policy", 42, "create", fmt.Sprintf(`{"previous_version": {"old": null, "new": %d}}`, policyID))
	entry(t, pool, day(9), "ballerup", f.ids["ballerup/admin"], "cooperation_notice", 43, "update", `{"noted": {"old": false, "new": true}}`)
	_, doc := f.get(t, url.Values{"from": {"2026-03-07"}})
	text := strings.Join(strings.Fields(doc.Find("main .audit-entries").Text()), " ")
	var jensName string
	if err := pool.QueryRow(t.Context(), `SELECT name FROM account WHERE id = $1`, jens).Scan(&jensName); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Body 41", "Members", jensName, "Previous version", title, "Notice of cooperation 43", "Taken note of"} {
		if !strings.Contains(text, want) {
			t.Errorf("the log lacks %q: %s", want, text)
		}
	}
	for _, column := range []string{"previous_version", "noted", "members"} {
		if strings.Contains(text, column) {
			t.Errorf("the log shows the column name %q", column)
		}
	}
}
