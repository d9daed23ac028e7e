package policyweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
)

// ballerupCodes lists the codes of Ballerup's current priorities of kind in order,
// archived ones left out.
func ballerupCodes(t *testing.T, f fixture, kind string) []string {
	t.Helper()
	rows, err := f.Pool.Query(t.Context(), `
SELECT pr.code FROM priority pr JOIN policy p ON p.id = pr.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'ballerup' AND p.archived_at IS NULL AND pr.kind = $1 AND pr.archived_at IS NULL ORDER BY pr.position`, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

func priorityID(t *testing.T, f fixture, code string) int64 {
	t.Helper()
	return servertest.Scalar[int64](t, f.Pool, `
SELECT pr.id FROM priority pr JOIN policy p ON p.id = pr.policy_id JOIN municipality m ON m.id = p.municipality_id
WHERE m.slug = 'ballerup' AND p.archived_at IS NULL AND pr.code = $1`, code)
}

func TestPriorities(t *testing.T) {
	t.Parallel()
	f := setup(t)

	doc := f.Get(t, "/staff/policy/priorities", http.StatusOK)
	if n := doc.Find("#kind-focus_area + ol > li").Length(); n != 4 {
		t.Fatalf("%d focus areas listed", n)
	}
	if doc.Find(`li:first-child button[value="up"]`).Length() != 0 || doc.Find(`li:last-child button[value="down"]`).Length() != 0 {
		t.Error("the first can move up or the last down")
	}

	t.Run("mistakes come back with the input kept", func(t *testing.T) {
		res, page := f.Post(t, "/staff/policy/priorities", url.Values{
			"kind": {"focus_area"}, "code": {"f5"}, "title": {""}, "description": {"Kultur og idræt på tværs af grænser."}, "position": {"first"},
		})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", res.StatusCode)
		}
		for _, field := range []string{"code", "title", "position"} {
			if page.Find("#"+field+"-error").Length() != 1 {
				t.Errorf("no error beside %s", field)
			}
		}
		if page.Find("#code").AttrOr("value", "") != "f5" || page.Find("#description").Text() != "Kultur og idræt på tværs af grænser." ||
			page.Find("#position").AttrOr("value", "") != "first" || page.Find("#kind option[selected]").AttrOr("value", "") != "focus_area" {
			t.Error("input not kept")
		}
		if page.Find("#title").AttrOr("lang", "") != "da" || page.Find("#description").AttrOr("lang", "") != "da" {
			t.Error("title and description are not marked as the policy's language")
		}
		res, page = f.Post(t, "/staff/policy/priorities", url.Values{"kind": {"focus_area"}, "code": {"F2"}, "title": {"Kultur"}})
		if res.StatusCode != http.StatusUnprocessableEntity || page.Find("#code-error").Length() != 1 {
			t.Errorf("a taken code: %d", res.StatusCode)
		}
	})

	// Created at position 2, the others of its kind move down one, each logged.
	f.MustPost(t, "/staff/policy/priorities", url.Values{
		"kind": {"focus_area"}, "code": {"F5"}, "title": {"Kultur og idræt"}, "position": {"2"},
	}, http.StatusSeeOther)
	if got := ballerupCodes(t, f, "focus_area"); !reflect.DeepEqual(got, []string{"F1", "F5", "F2", "F3", "F4"}) {
		t.Fatalf("order %v", got)
	}
	f5 := priorityID(t, f, "F5")
	changes, _ := servertest.AuditChanges(t, f.Pool, "priority", f5, "create")
	if changes["position"]["new"] != float64(2) || changes["code"]["new"] != "F5" || changes["title"]["new"] != "Kultur og idræt" {
		t.Errorf("create changes %v", changes)
	}
	changes, _ = servertest.AuditChanges(t, f.Pool, "priority", priorityID(t, f, "F4"), "update")
	if changes["position"]["old"] != float64(4) || changes["position"]["new"] != float64(5) {
		t.Errorf("F4 moved %v", changes)
	}

	// Move up and down with the buttons.
	f.MustPost(t, fmt.Sprintf("/staff/policy/priorities/%d/move", f5), url.Values{"direction": {"up"}}, http.StatusSeeOther)
	f.MustPost(t, fmt.Sprintf("/staff/policy/priorities/%d/move", f5), url.Values{"direction": {"up"}}, http.StatusSeeOther) // already first
	if got := ballerupCodes(t, f, "focus_area"); !reflect.DeepEqual(got, []string{"F5", "F1", "F2", "F3", "F4"}) {
		t.Fatalf("after moving up: %v", got)
	}
	f4 := priorityID(t, f, "F4")
	f.MustPost(t, fmt.Sprintf("/staff/policy/priorities/%d/move", f4), url.Values{"direction": {"down"}}, http.StatusSeeOther)
	f.MustPost(t, fmt.Sprintf("/staff/policy/priorities/%d/move", f4), url.Values{"direction": {"up"}}, http.StatusSeeOther)
	if got := ballerupCodes(t, f, "focus_area"); !reflect.DeepEqual(got, []string{"F5", "F1", "F2", "F4", "F3"}) {
		t.Fatalf("after moving F4 up: %v", got)
	}
	changes, _ = servertest.AuditChanges(t, f.Pool, "priority", f4, "update")
	if changes["position"]["old"] != float64(5) || changes["position"]["new"] != float64(4) {
		t.Errorf("move logged as %v", changes)
	}

	// Edit: two administrators open F5; the second save is a conflict.
	edit := fmt.Sprintf("/staff/policy/priorities/%d", f5)
	doc = f.Get(t, edit, http.StatusOK)
	first := servertest.FormValues(doc, "main form.admin-form")
	second := servertest.FormValues(doc, "main form.admin-form")
	first.Set("title", "Kultur, idræt og foreninger")
	first.Set("kind", "focus_theme")
	f.MustPost(t, edit, first, http.StatusSeeOther)
	changes, _ = servertest.AuditChanges(t, f.Pool, "priority", f5, "update")
	if changes["title"]["old"] != "Kultur og idræt" || changes["title"]["new"] != "Kultur, idræt og foreninger" ||
		changes["kind"]["old"] != "focus_area" || changes["kind"]["new"] != "focus_theme" {
		t.Errorf("edit changes %v", changes)
	}
	if got := ballerupCodes(t, f, "focus_area"); !reflect.DeepEqual(got, []string{"F1", "F2", "F4", "F3"}) {
		t.Errorf("the old kind was not closed up: %v", got)
	}
	second.Set("description", "Foreningsliv.")
	res, page := f.Post(t, edit, second)
	if res.StatusCode != http.StatusConflict || page.Find(".conflict").Length() != 1 || page.Find("#description").Text() != "Foreningsliv." {
		t.Fatalf("stale save: %d", res.StatusCode)
	}
	if d := servertest.Scalar[string](t, f.Pool, `SELECT title || '|' || description FROM priority WHERE id = $1`, f5); d != "Kultur, idræt og foreninger|" {
		t.Errorf("after the conflict: %q", d)
	}
	// Saved again from the conflict page (its state is current), it goes through.
	again := servertest.FormValues(page, "main form.admin-form")
	again.Set("kind", "focus_theme") // the person takes over the other's change of kind
	f.MustPost(t, edit, again, http.StatusSeeOther)

	// Archived: no longer offered (the public policy leaves it out), still linked.
	f1 := priorityID(t, f, "F1")
	if _, err := f.Pool.Exec(t.Context(), `
INSERT INTO trip (municipality_id, purpose, currency) SELECT id, 'Studietur', currency FROM municipality WHERE slug = 'ballerup'`); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Pool.Exec(t.Context(), `INSERT INTO trip_priority (trip_id, priority_id) SELECT max(id), $1 FROM trip`, f1); err != nil {
		t.Fatal(err)
	}
	f.MustPost(t, fmt.Sprintf("/staff/policy/priorities/%d/archive", f1), url.Values{}, http.StatusSeeOther)
	if got := ballerupCodes(t, f, "focus_area"); !reflect.DeepEqual(got, []string{"F2", "F4", "F3"}) {
		t.Errorf("after archiving: %v", got)
	}
	if n := servertest.Scalar[int](t, f.Pool, `SELECT count(*) FROM trip_priority WHERE priority_id = $1`, f1); n != 1 {
		t.Error("the archived priority lost its trip")
	}
	changes, _ = servertest.AuditChanges(t, f.Pool, "priority", f1, "archive")
	if changes["archived_at"]["old"] != nil || changes["archived_at"]["new"] == nil {
		t.Errorf("archive changes %v", changes)
	}
	_, public := servertest.Get(t, servertest.Client(t), f.Srv.URL+"/m/ballerup/policy", "da")
	if codes := public.Find(".priorities .priority__code").Text(); strings.Contains(codes, "F1") || !strings.Contains(codes, "F2") {
		t.Errorf("the public policy lists %q", codes)
	}
	doc = f.Get(t, "/staff/policy/priorities", http.StatusOK)
	if doc.Find("#archived").Length() != 1 || doc.Find(fmt.Sprintf("#priority-%d.admin-list__item--archived", f1)).Length() != 1 {
		t.Error("the archived priority is not listed as archived")
	}
	// The form shows the place among the active ones: F2 is first now, and
	// saving it unchanged keeps it there although F1 still holds position 1.
	f2 := fmt.Sprintf("/staff/policy/priorities/%d", priorityID(t, f, "F2"))
	unchanged := servertest.FormValues(f.Get(t, f2, http.StatusOK), "main form.admin-form")
	if unchanged.Get("position") != "1" {
		t.Errorf("F2 shown at position %q", unchanged.Get("position"))
	}
	f.MustPost(t, f2, unchanged, http.StatusSeeOther)
	if got := ballerupCodes(t, f, "focus_area"); !reflect.DeepEqual(got, []string{"F2", "F4", "F3"}) {
		t.Errorf("after saving F2 unchanged: %v", got)
	}
	f.MustPost(t, fmt.Sprintf("/staff/policy/priorities/%d/restore", f1), url.Values{}, http.StatusSeeOther)
	if got := ballerupCodes(t, f, "focus_area"); len(got) != 4 {
		t.Errorf("after restoring: %v", got)
	}

	// The record page shows its history.
	doc = f.Get(t, edit, http.StatusOK)
	if n := doc.Find(".history .audit-entry").Length(); n < 4 {
		t.Errorf("%d history entries", n)
	}
}
