package tripweb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// editForm reads the edit form of trip id as the browser would submit it.
func editForm(t *testing.T, c *http.Client, base string, id int64) url.Values {
	t.Helper()
	res, doc := servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d/edit", base, id), "")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("edit form: %d", res.StatusCode)
	}
	return formValues(doc)
}

// formValues collects the successful controls of the page's main form.
func formValues(doc *goquery.Document) url.Values {
	v := url.Values{}
	f := doc.Find("main form").First()
	f.Find("input").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		typ := s.AttrOr("type", "text")
		if !ok || typ == "file" || ((typ == "checkbox" || typ == "radio") && s.AttrOr("checked", "-") == "-") {
			return
		}
		v.Add(name, s.AttrOr("value", ""))
	})
	f.Find("textarea").Each(func(_ int, s *goquery.Selection) {
		v.Add(s.AttrOr("name", ""), strings.TrimPrefix(s.Text(), "\n"))
	})
	f.Find("select").Each(func(_ int, s *goquery.Selection) {
		opt := s.Find("option[selected]").First()
		if opt.Length() == 0 {
			opt = s.Find("option").First()
		}
		v.Add(s.AttrOr("name", ""), opt.AttrOr("value", ""))
	})
	v.Set("action", "save")
	return v
}

// TestVersionConflict saves the same version twice: the second save is refused
// with the person's input beside the current record, and the first stays.
func TestVersionConflict(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "first@ballerup.example", "en")
	id := createTrip(t, srv, c, tripForm(token))
	target := fmt.Sprintf("%s/staff/trips/%d", srv.URL, id)

	first := editForm(t, c, srv.URL, id)
	second := editForm(t, c, srv.URL, id)
	first.Set("purpose", "Purpose of the first save")
	first.Set("traveller-1-name", "Jens Holm Olsen")
	res, _ := post(t, c, target, first)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", res.StatusCode)
	}
	second.Set("purpose", "Purpose of the second save")
	second.Del("traveller-1-name")
	second.Del("traveller-1-role")
	second.Del("traveller-1-kind")
	res, doc := post(t, c, target, second)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("second save: %d", res.StatusCode)
	}
	if doc.Find(`.conflict[role="alert"]`).Length() != 1 {
		t.Fatal("no conflict notice")
	}
	cells := map[string][2]string{}
	doc.Find(".conflict tbody tr").Each(func(_ int, s *goquery.Selection) {
		cells[s.Find("th").Text()] = [2]string{s.Find("td").Eq(0).Text(), s.Find("td").Eq(1).Text()}
	})
	if got := cells["Purpose"]; got != [2]string{"Purpose of the second save", "Purpose of the first save"} {
		t.Errorf("purpose row %q", got)
	}
	if got := cells["Travellers"]; got != [2]string{"1: Anne Hansen", "2: Anne Hansen; Jens Holm Olsen"} {
		t.Errorf("travellers row %q", got)
	}
	if _, ok := cells["Costs"]; !ok || len(cells) < 8 {
		t.Errorf("conflict rows %v", cells)
	}
	// The form holds the person's input and the current version.
	if got := strings.TrimSpace(doc.Find("#purpose").Text()); got != "Purpose of the second save" {
		t.Errorf("input not kept: %q", got)
	}
	if got := doc.Find(`input[name="version"]`).AttrOr("value", ""); got != "2" {
		t.Errorf("form version %q, want the current 2", got)
	}
	var purpose string
	var version, travellers int
	if err := pool.QueryRow(context.Background(), `SELECT purpose, version, (SELECT count(*) FROM trip_traveller WHERE trip_id = trip.id) FROM trip WHERE id = $1`, id).Scan(&purpose, &version, &travellers); err != nil {
		t.Fatal(err)
	}
	if purpose != "Purpose of the first save" || version != 2 || travellers != 2 {
		t.Errorf("after the conflict: %q, version %d, %d travellers", purpose, version, travellers)
	}
	// Saved again deliberately, from the current version, it goes through.
	res, _ = post(t, c, target, formValues(doc))
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("saving again: %d", res.StatusCode)
	}
}

// TestAudit checks that a creation and an update are logged with the old and new
// values of the fields and of the repeated rows.
func TestAudit(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "audit@ballerup.example", "en")
	id := createTrip(t, srv, c, tripForm(token))
	ctx := context.Background()

	type change struct {
		Old json.RawMessage `json:"old"`
		New json.RawMessage `json:"new"`
	}
	entry := func(action string) (map[string]change, string) {
		t.Helper()
		var raw []byte
		var who string
		if err := pool.QueryRow(ctx, `
SELECT l.changes, a.email FROM audit_log l JOIN account a ON a.id = l.account_id
WHERE l.entity = 'trip' AND l.entity_id = $1 AND l.action = $2 ORDER BY l.id DESC LIMIT 1`, id, action).Scan(&raw, &who); err != nil {
			t.Fatalf("%s entry: %v", action, err)
		}
		var m map[string]change
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		return m, who
	}
	created, who := entry("create")
	if who != "audit@ballerup.example" {
		t.Errorf("create logged for %s", who)
	}
	if string(created["purpose"].New) != `"Study visit on school exchange with Wuxi"` || string(created["purpose"].Old) != "null" {
		t.Errorf("create purpose %s → %s", created["purpose"].Old, created["purpose"].New)
	}
	if !strings.Contains(string(created["costs"].New), `"planned_minor": 260050`) || string(created["status"].New) != `"draft"` {
		t.Errorf("create costs %s, status %s", created["costs"].New, created["status"].New)
	}

	form := editForm(t, c, srv.URL, id)
	form.Set("organiser", "Økonomiudvalget")
	form.Set("traveller-1-name", "Jens Holm Olsen")
	form.Set("cost-2-planned", "900")
	res, _ := post(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d", res.StatusCode)
	}
	updated, _ := entry("update")
	if string(updated["organiser"].Old) != `"Børne- og Skoleudvalget"` || string(updated["organiser"].New) != `"Økonomiudvalget"` {
		t.Errorf("organiser %s → %s", updated["organiser"].Old, updated["organiser"].New)
	}
	if !strings.Contains(string(updated["travellers"].Old), `"Jens Holm"`) || !strings.Contains(string(updated["travellers"].New), `"Jens Holm Olsen"`) {
		t.Errorf("travellers %s → %s", updated["travellers"].Old, updated["travellers"].New)
	}
	if !strings.Contains(string(updated["costs"].Old), `"planned_minor": 80000`) || !strings.Contains(string(updated["costs"].New), `"planned_minor": 90000`) {
		t.Errorf("costs %s → %s", updated["costs"].Old, updated["costs"].New)
	}
	for _, unchanged := range []string{"purpose", "starts_on", "destinations", "programme", "priorities"} {
		if _, ok := updated[unchanged]; ok {
			t.Errorf("unchanged %s logged as a change", unchanged)
		}
	}
	// The trip page shows the history.
	_, doc := servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "")
	if doc.Find("section.history").Length() != 1 {
		t.Error("no history on the trip page")
	}
}

// TestWarnings shows the policy warnings on the trip page and above the form,
// without blocking the save.
func TestWarnings(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "warn@ballerup.example", "en")
	ctx := context.Background()
	var line, priority int64
	if err := pool.QueryRow(ctx, `
UPDATE budget_line SET amount_minor = 1000000
WHERE municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup') AND fiscal_year = 2026 AND code = 'SRF' RETURNING id`).Scan(&line); err != nil {
		t.Fatal(err)
	}
	approved := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0001", Status: "approved",
		Start: servertest.Now.AddDate(0, -3, 0), Costs: []servertest.Cost{{Category: "transport", Planned: 300000, Actual: -1}}})
	if _, err := pool.Exec(ctx, `UPDATE trip SET budget_line_id = $2 WHERE id = $1`, approved, line); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, `
SELECT pr.id FROM priority pr JOIN policy p ON p.id = pr.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'ballerup' AND p.archived_at IS NULL ORDER BY pr.position LIMIT 1`).Scan(&priority); err != nil {
		t.Fatal(err)
	}

	// 7,600.50 planned against 10,000 − 3,000 remaining, and no priority.
	form := tripForm(token)
	form.Set("budget_line", fmt.Sprint(line))
	id := createTrip(t, srv, c, form)
	_, doc := servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "")
	warnings := doc.Find(".trip-warnings li")
	if warnings.Length() != 2 {
		t.Fatalf("%d warnings on the trip page: %q", warnings.Length(), doc.Find(".trip-warnings").Text())
	}
	if got := warnings.Eq(1).Text(); !strings.Contains(got, "DKK\u00a07,600.50") || !strings.Contains(got, "SRF") || !strings.Contains(got, "DKK\u00a07,000.00") {
		t.Errorf("over-budget warning %q", got)
	}
	_, doc = servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d/edit", srv.URL, id), "")
	if doc.Find("main > section.trip-warnings").NextAllFiltered("form").Length() != 1 || doc.Find(".trip-warnings li").Length() != 2 {
		t.Error("the warnings are not above the form")
	}

	// With a priority and planned costs within the line, no warnings remain.
	form = formValues(doc)
	form.Set("priority", fmt.Sprint(priority))
	form.Set("cost-0-planned", "3000")
	res, _ := post(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	_, doc = servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "")
	if n := doc.Find(".trip-warnings").Length(); n != 0 {
		t.Errorf("warnings remain: %q", doc.Find(".trip-warnings").Text())
	}
	if doc.Find(".trip-missing").Length() != 0 {
		t.Errorf("a complete trip lists missing items: %q", doc.Find(".trip-missing").Text())
	}
}

// TestMissingBeforeSubmission lists what an incomplete draft lacks.
func TestMissingBeforeSubmission(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "miss@ballerup.example", "en")
	id := createTrip(t, srv, c, url.Values{"csrf": {token}, "action": {"save"}, "title": {"Only a title"}, "purpose": {"Only a purpose"},
		"traveller-0-name": {"Anne Hansen"}, "traveller-0-kind": {trip.KindPolitician}})
	_, doc := servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "")
	// Ballerup publishes its politicians' trips with their programme, so a plan
	// needs one: "Oplysninger om politikernes og administrationens udlandsrejser
	// offentliggøres på ballerup.dk. Disse oplysninger indeholder bl.a. program og
	// regnskab for udlandsrejsen."
	if n := doc.Find(".trip-missing li").Length(); n != 4 || !strings.Contains(doc.Find(".trip-missing").Text(), "The programme is missing") {
		t.Errorf("missing %d items, want dates, destination, costs, programme: %q", n, doc.Find(".trip-missing").Text())
	}
}

// TestStatuses checks what can be changed in each status: everything in a draft
// or returned trip, the actual costs of an approved one, nothing of one under
// review or published (409 with an explanation).
func TestStatuses(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "status@ballerup.example", "en")
	ctx := context.Background()
	trip := func(status, ref string) int64 {
		return servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: ref, Status: status,
			Costs: []servertest.Cost{{Category: "transport", Planned: 100000, Actual: -1}, {Category: "lodging", Planned: 50000, Actual: -1}}})
	}
	for _, tc := range []struct {
		status, ref string
		edit        int
		report      int
	}{
		{"draft", "", http.StatusOK, http.StatusConflict},
		{"returned", "BAL-2025-0001", http.StatusOK, http.StatusConflict},
		{"submitted", "BAL-2025-0002", http.StatusConflict, http.StatusConflict},
		{"approved", "BAL-2025-0003", http.StatusOK, http.StatusOK},
		{"completed", "BAL-2025-0004", http.StatusOK, http.StatusOK},
		{"report_submitted", "BAL-2025-0005", http.StatusConflict, http.StatusConflict},
		{"report_returned", "BAL-2025-0006", http.StatusOK, http.StatusOK},
		{"report_approved", "BAL-2025-0007", http.StatusConflict, http.StatusConflict},
		{"published", "BAL-2025-0008", http.StatusConflict, http.StatusConflict},
	} {
		t.Run(tc.status, func(t *testing.T) {
			id := trip(tc.status, tc.ref)
			res, doc := servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d/edit", srv.URL, id), "")
			if res.StatusCode != tc.edit {
				t.Errorf("edit form: %d, want %d", res.StatusCode, tc.edit)
			}
			if tc.edit == http.StatusConflict {
				if !strings.Contains(doc.Find("main").Text(), "cannot be changed now") {
					t.Errorf("409 without explanation: %q", doc.Find("main").Text())
				}
				res, _ := post(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), url.Values{"csrf": {token}, "version": {"1"}, "purpose": {"changed"}})
				if res.StatusCode != http.StatusConflict {
					t.Errorf("save: %d", res.StatusCode)
				}
			}
			res, _ = servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d/report", srv.URL, id), "")
			if res.StatusCode != tc.report {
				t.Errorf("report form: %d, want %d", res.StatusCode, tc.report)
			}
			_, doc = servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "")
			if links := doc.Find(`main a[href$="/edit"]`).Length(); (links == 1) != (tc.edit == http.StatusOK) {
				t.Errorf("edit link shown %d times", links)
			}
		})
	}

	// An approved trip: only the actual costs, and new cost lines.
	id := trip("approved", "BAL-2025-0010")
	res, doc := servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d/edit", srv.URL, id), "")
	if res.StatusCode != http.StatusOK || doc.Find("#purpose").Length() != 0 || doc.Find("#cost-0-planned").Length() != 0 || doc.Find("#cost-0-actual").Length() != 1 {
		t.Fatalf("actuals form: %d", res.StatusCode)
	}
	if doc.Find(`button[value="remove:cost:0"]`).Length() != 0 {
		t.Error("an approved cost line can be removed")
	}
	form := formValues(doc)
	form.Set("action", "add:cost")
	res, doc = post(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), form)
	if res.StatusCode != http.StatusOK || doc.Find("#cost-2-category").Length() != 1 || doc.Find("#cost-2-planned").Length() != 0 {
		t.Fatalf("add a cost line: %d", res.StatusCode)
	}
	form = formValues(doc)
	form.Set("cost-0-actual", "1,100.00")
	form.Set("cost-1-actual", "480")
	form.Set("cost-2-category", "meals")
	form.Set("cost-2-description", "Dinner with the hosts")
	form.Set("cost-2-actual", "350")
	form.Set("purpose", "Not to be changed") // not a field of this form: ignored
	res, _ = post(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save actual costs: %d", res.StatusCode)
	}
	var planned, actual string
	var purpose string
	if err := pool.QueryRow(ctx, `
SELECT string_agg(coalesce(planned_minor::text, '-'), ' ' ORDER BY position), string_agg(coalesce(actual_minor::text, '-'), ' ' ORDER BY position),
       (SELECT purpose FROM trip WHERE id = $1)
FROM trip_cost WHERE trip_id = $1`, id).Scan(&planned, &actual, &purpose); err != nil {
		t.Fatal(err)
	}
	if planned != "100000 50000 -" || actual != "110000 48000 35000" || strings.Contains(purpose, "Not to be changed") {
		t.Errorf("after saving actual costs: planned %s, actual %s, purpose %q", planned, actual, purpose)
	}
}
