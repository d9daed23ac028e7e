package agreementweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestPolicyNoNewTwinTownAgreements: Västerås's policy (rule
// no_new_twin_town_agreements) refuses new twin-town agreements, quoting the
// policy's sentence in the policy's language, and lets other types through;
// Stuttgart, without the rule, may create one.
func TestPolicyNoNewTwinTownAgreements(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	vst, _ := signedIn(t, srv.URL, pool, "vasteras", access.RoleStaff, "karin@vasteras.example")
	const sentence = "Neue Partnerschaftsabkommen werden nicht unterzeichnet."

	newForm := func(t *testing.T, c *http.Client, typ, title string) (string, url.Values) {
		_, doc := servertest.Get(t, c, srv.URL+"/staff/agreements/new?lang=sv", "sv")
		f := formValues(doc)
		f.Set("type", typ)
		f.Set("title", title)
		f.Set("status", "in_force")
		return srv.URL + "/staff/agreements", f
	}

	t.Run("Västerås refuses a new twin-town agreement", func(t *testing.T) {
		target, form := newForm(t, vst, "twin_town_agreement", "Vänortsavtal med Lahtis")
		form.Set("signed_on", "2016-05-01")
		res := servertest.PostMultipart(t, vst, target, form, servertest.File{Field: "document", Name: "avtal.pdf", Content: samplePDF})
		doc := parse(t, res)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", res.StatusCode)
		}
		q := doc.Find(`#type-error q[lang="de"]`)
		if q.Text() != sentence {
			t.Errorf("quoted sentence %q", q.Text())
		}
		if doc.Find(`.error-summary a[href="#type"]`).Length() != 1 || doc.Find(`#type[aria-invalid="true"]`).AttrOr("aria-describedby", "") != "type-error" {
			t.Error("the refusal is not in the summary and tied to the type field")
		}
		if !strings.Contains(doc.Find("#type-error").Text(), "Vänortsavtal") {
			t.Errorf("the error does not name the type in Swedish: %q", doc.Find("#type-error").Text())
		}
		if doc.Find("#title").AttrOr("value", "") != "Vänortsavtal med Lahtis" || doc.Find(`input[name="document_id"]`).Length() != 1 {
			t.Error("input or file lost")
		}
		var n int
		if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM agreement a JOIN municipality m ON m.id = a.municipality_id WHERE m.slug = 'vasteras'`).Scan(&n); err != nil || n != 0 {
			t.Errorf("%d agreements saved", n)
		}
	})

	for _, typ := range []string{"cooperation_agreement", "declaration", "convention"} {
		t.Run("Västerås accepts a "+typ, func(t *testing.T) {
			target, form := newForm(t, vst, typ, "Samarbete "+typ)
			createdID(t, servertest.PostMultipart(t, vst, target, form))
		})
	}

	t.Run("Västerås refuses turning an agreement into a twin-town agreement", func(t *testing.T) {
		id := insertAgreement(t, pool, fixture{Municipality: "vasteras", Type: "cooperation_agreement", Title: "Samarbete med Lahtis"})
		edit := fmt.Sprintf("%s/staff/agreements/%d", srv.URL, id)
		_, doc := servertest.Get(t, vst, edit+"/edit", "en")
		form := formValues(doc)
		form.Set("type", "twin_town_agreement")
		form.Set("signed_on", "2015-02-01")
		res := servertest.PostMultipart(t, vst, edit, form)
		doc = parse(t, res)
		if res.StatusCode != http.StatusUnprocessableEntity || doc.Find(`#type-error q[lang="de"]`).Text() != sentence {
			t.Errorf("status %d, quote %q", res.StatusCode, doc.Find(`#type-error q[lang="de"]`).Text())
		}
		var typ string
		if err := pool.QueryRow(t.Context(), `SELECT type FROM agreement WHERE id = $1`, id).Scan(&typ); err != nil || typ != "cooperation_agreement" {
			t.Errorf("type %q (%v)", typ, err)
		}
	})

	// "Neue Partnerschaftsabkommen werden nicht unterzeichnet." (adopted 9 October
	// 2014, valid until 2020): history stays registrable, and after the policy's
	// expiry the rule warns instead of refusing.
	t.Run("Västerås registers its 1972 twin-town agreement with Kassel", func(t *testing.T) {
		target, form := newForm(t, vst, "twin_town_agreement", "Partnerschaftsvertrag Västerås–Kassel")
		form.Set("signed_on", "1972-05-01")
		createdID(t, servertest.PostMultipart(t, vst, target, form))
	})

	t.Run("Västerås is warned, not refused, after the policy expired", func(t *testing.T) {
		target, form := newForm(t, vst, "twin_town_agreement", "Vänortsavtal 2022")
		form.Set("signed_on", "2022-06-01")
		id := createdID(t, servertest.PostMultipart(t, vst, target, form))
		_, doc := servertest.Get(t, vst, fmt.Sprintf("%s/staff/agreements/%d", srv.URL, id), "en")
		if flash := doc.Find(".notice--success").Text(); !strings.Contains(flash, "upphört att gälla") { // the page is in Swedish
			t.Errorf("no warning about the expired policy: %q", flash)
		}
	})

	t.Run("Västerås may still edit a twin-town agreement it has", func(t *testing.T) {
		id := insertAgreement(t, pool, fixture{Municipality: "vasteras", Type: "twin_town_agreement", Title: "Vänortsavtal 1960"})
		edit := fmt.Sprintf("%s/staff/agreements/%d", srv.URL, id)
		_, doc := servertest.Get(t, vst, edit+"/edit", "en")
		form := formValues(doc)
		form.Set("status", "terminated")
		res := servertest.PostMultipart(t, vst, edit, form)
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("status %d", res.StatusCode)
		}
	})

	t.Run("Stuttgart may create a twin-town agreement", func(t *testing.T) {
		stg, _ := signedIn(t, srv.URL, pool, "stuttgart", access.RoleStaff, "jonas@stuttgart.example")
		target, form := newForm(t, stg, "twin_town_agreement", "Städtepartnerschaftsvertrag")
		id := createdID(t, servertest.PostMultipart(t, stg, target, form))
		var typ string
		if err := pool.QueryRow(t.Context(), `SELECT a.type FROM agreement a JOIN municipality m ON m.id = a.municipality_id WHERE a.id = $1 AND m.slug = 'stuttgart'`, id).Scan(&typ); err != nil || typ != "twin_town_agreement" {
			t.Errorf("type %q (%v)", typ, err)
		}
	})
}
