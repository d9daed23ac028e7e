package policyweb_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
)

func TestPolicyEdit(t *testing.T) {
	t.Parallel()
	f := setup(t)
	policyID := servertest.Scalar[int64](t, f.Pool, `SELECT p.id FROM policy p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'ballerup' AND p.archived_at IS NULL`)

	doc := f.Get(t, "/staff/policy", http.StatusOK)
	if got := doc.Find("#title").AttrOr("value", ""); got != "Ballerup Kommunes Internationale Strategi" {
		t.Fatalf("title %q", got)
	}
	for _, id := range []string{"#title", "#summary", "#full_text"} {
		if doc.Find(id).AttrOr("lang", "") != "da" {
			t.Errorf("%s is not marked as Danish", id)
		}
	}
	if doc.Find("#language").AttrOr("lang", "") != "" {
		t.Error("the language select is in the interface language")
	}
	form := servertest.FormValues(doc, "main form.admin-form")
	if form.Get("version") != "1" || !strings.Contains(form.Get("full_text"), "børne- og ungeområdet") {
		t.Fatalf("form %v", form)
	}

	t.Run("mistakes come back with the input kept", func(t *testing.T) {
		bad := servertest.FormValues(doc, "main form.admin-form")
		bad.Set("title", "  ")
		bad.Set("summary", "Ny sammenfatning med æ, ø og å.")
		bad.Set("valid_from", "2015-01-01")
		bad.Set("valid_until", "2014-12-31")
		bad.Set("adopted_on", "25.8.2014")
		bad.Set("language", "fr")
		res, page := f.Post(t, "/staff/policy", bad)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", res.StatusCode)
		}
		for _, field := range []string{"title", "valid_until", "adopted_on", "language"} {
			if page.Find("#"+field+"-error").Length() != 1 || page.Find(`.error-summary a[href="#`+field+`"]`).Length() != 1 {
				t.Errorf("no error for %s", field)
			}
		}
		if page.Find("#summary").Text() != "Ny sammenfatning med æ, ø og å." || page.Find("#valid_from").AttrOr("value", "") != "2015-01-01" ||
			page.Find("#adopted_on").AttrOr("value", "") != "25.8.2014" {
			t.Error("input not kept")
		}
		if !strings.HasPrefix(page.Find("title").Text(), "Error: ") {
			t.Errorf("title %q does not say there are errors", page.Find("title").Text())
		}
		if v := servertest.Scalar[int](t, f.Pool, `SELECT version FROM policy WHERE id = $1`, policyID); v != 1 {
			t.Errorf("saved: version %d", v)
		}
	})

	t.Run("a sentence a rule quotes must stay", func(t *testing.T) {
		bad := servertest.FormValues(doc, "main form.admin-form")
		bad.Set("full_text", strings.Replace(bad.Get("full_text"), "Disse rapporter behandles og godkendes i udvalgene", "Disse rapporter behandles", 1))
		res, page := f.Post(t, "/staff/policy", bad)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page.Find("#full_text-error").Text(), "Disse rapporter behandles og godkendes i udvalgene") {
			t.Errorf("status %d, error %q", res.StatusCode, page.Find("#full_text-error").Text())
		}
	})

	// Two administrators open the form; the first saves, the second meets a conflict.
	first := servertest.FormValues(doc, "main form.admin-form")
	second := servertest.FormValues(doc, "main form.admin-form")
	oldText := first.Get("full_text")
	newText := oldText + "\n\nStrategien revideres i 2027."
	first.Set("full_text", newText)
	first.Set("valid_until", "2027-12-31")
	f.MustPost(t, "/staff/policy", first, http.StatusSeeOther)

	changes, actor := servertest.AuditChanges(t, f.Pool, "policy", policyID, "update")
	if actor != f.ID {
		t.Errorf("update attributed to %d", actor)
	}
	if changes["full_text"]["old"] != strings.TrimSpace(oldText) || changes["full_text"]["new"] != strings.TrimSpace(newText) {
		t.Errorf("full text change not recorded word for word")
	}
	if changes["valid_until"]["old"] != nil || changes["valid_until"]["new"] != "2027-12-31" || len(changes) != 2 {
		t.Errorf("changes %v", changes)
	}

	second.Set("title", "Ballerups internationale strategi")
	res, page := f.Post(t, "/staff/policy", second)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("stale save: %d", res.StatusCode)
	}
	if page.Find(".conflict").Length() != 1 || page.Find(`input[name="version"]`).AttrOr("value", "") != "2" ||
		page.Find("#title").AttrOr("value", "") != "Ballerups internationale strategi" {
		t.Error("conflict page does not show the current version with the input kept")
	}
	var title, until string
	if err := f.Pool.QueryRow(t.Context(), `SELECT title, valid_until::text FROM policy WHERE id = $1`, policyID).Scan(&title, &until); err != nil ||
		title != "Ballerup Kommunes Internationale Strategi" || until != "2027-12-31" {
		t.Errorf("after the conflict: %q %q %v", title, until, err)
	}

	// The history on the page shows the change, the date written as a date.
	doc = f.Get(t, "/staff/policy", http.StatusOK)
	if doc.Find(".history .audit-entry").Length() != 1 || !strings.Contains(doc.Find(".history").Text(), "31 December 2027") {
		t.Errorf("history: %q", doc.Find(".history").Text())
	}
	if doc.Find(".history details.audit-long").Length() != 2 {
		t.Error("the long full texts are not shortened")
	}

	// Saving without a change writes nothing.
	same := servertest.FormValues(doc, "main form.admin-form")
	f.MustPost(t, "/staff/policy", same, http.StatusSeeOther)
	if n := servertest.Scalar[int](t, f.Pool, `SELECT count(*) FROM audit_log WHERE entity = 'policy'`); n != 1 {
		t.Errorf("%d policy entries", n)
	}
}

// TestPolicyCreate: a municipality without a current policy creates one.
func TestPolicyCreate(t *testing.T) {
	t.Parallel()
	f := setup(t)
	if _, err := f.Pool.Exec(t.Context(), `UPDATE policy SET archived_at = now() WHERE municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup')`); err != nil {
		t.Fatal(err)
	}
	doc := f.Get(t, "/staff/policy", http.StatusOK)
	if doc.Find(`input[name="version"]`).AttrOr("value", "") != "0" || doc.Find("main .notice").Length() == 0 {
		t.Error("the empty form does not say it creates the policy")
	}
	f.Get(t, "/staff/policy/priorities", http.StatusNotFound)
	form := servertest.FormValues(doc, "main form.admin-form")
	form.Set("title", "Ny strategi")
	form.Set("language", "da")
	form.Set("full_text", "Kommunen samarbejder internationalt.")
	f.MustPost(t, "/staff/policy", form, http.StatusSeeOther)
	id := servertest.Scalar[int64](t, f.Pool, `SELECT id FROM policy WHERE title = 'Ny strategi' AND archived_at IS NULL`)
	changes, _ := servertest.AuditChanges(t, f.Pool, "policy", id, "create")
	if changes["title"]["new"] != "Ny strategi" || changes["language"]["new"] != "da" {
		t.Errorf("changes %v", changes)
	}
	// The same form again (version 0) meets the policy just created.
	res, _ := f.Post(t, "/staff/policy", form)
	if res.StatusCode != http.StatusConflict {
		t.Errorf("second create: %d", res.StatusCode)
	}
}
