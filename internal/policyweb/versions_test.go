package policyweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/servertest"
)

// versionForm opens the editor of a new version, started from the current policy.
func versionForm(t *testing.T, a servertest.Admin) url.Values {
	t.Helper()
	doc := a.Get(t, "/staff/policy/versions/new", http.StatusOK)
	f := servertest.FormValues(doc, "main form.version-form")
	f.Set("action", "save")
	return f
}

func multipartPage(t *testing.T, a servertest.Admin, f url.Values, files ...servertest.File) (int, *goquery.Document) {
	t.Helper()
	res := servertest.PostMultipart(t, a.Client, a.Srv.URL+"/staff/policy/versions", f, files...)
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, doc
}

// TestSuccessorPolicy: Västerås's administrator records a successor of the
// expired 2014 policy from its document. The editor starts from the current
// version (text, priorities, rules); saving makes the new one current, and the
// old one stays readable, in the workspace and publicly, marked as replaced.
func TestSuccessorPolicy(t *testing.T) {
	t.Parallel()
	a := servertest.NewAdmin(t, "vasteras")
	old := servertest.Scalar[int64](t, a.Pool, `SELECT p.id FROM policy p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'vasteras' AND p.archived_at IS NULL`)

	f := versionForm(t, a)
	if f.Get("priority-0-code") != "P1" || f.Get("rule-0-kind") != "no_new_twin_town_agreements" {
		t.Fatalf("the editor does not start from the current policy: %v", f)
	}
	// A heading that is not a line of the text, and a rule labelled enforced
	// whose kind can only inform: both refused, the input kept.
	f.Set("title", "Grundlagen für internationale Arbeit 2021")
	f.Set("valid_from", "2021-01-01")
	f.Set("valid_until", "")
	f.Set("headings", "Programm\nKein solcher Titel")
	f.Set("rule-1-kind", "twin_city_meeting_rotation")
	f.Set("rule-1-enforcement", "enforce")
	f.Set("rule-1-parameters", `{"interval_years": 2}`)
	f.Set("rule-1-sentence", "Neue Partnerschaftsabkommen werden nicht unterzeichnet.")
	status, doc := multipartPage(t, a, f)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", status)
	}
	if doc.Find("#headings-error").Length() != 1 || doc.Find("#rule-1-enforcement-error").Length() != 1 {
		t.Errorf("errors beside headings and label missing: %q", doc.Find(".form-error").Text())
	}
	if got := doc.Find("#title").AttrOr("value", ""); got != "Grundlagen für internationale Arbeit 2021" {
		t.Errorf("title not kept: %q", got)
	}

	f.Set("headings", "Vision Västerås für das Jahr 2026 mit internationalen Perspektiven\nStrategien für internationale Arbeit")
	// The seeded priorities quote no sentence yet: each must, before saving.
	for i := 0; f.Has(fmt.Sprintf("priority-%d-code", i)); i++ {
		f.Set(fmt.Sprintf("priority-%d-sentence", i), "Priorisierung der Internationalen Arbeit")
	}
	for _, k := range []string{"kind", "enforcement", "parameters", "sentence", "description"} {
		f.Del("rule-1-" + k)
	}
	f.Set("csrf", a.Token)
	status, doc = multipartPage(t, a, f)
	if status != http.StatusSeeOther {
		t.Fatalf("save: status %d, errors %q", status, doc.Find(".form-error").Text())
	}

	cur := servertest.Scalar[int64](t, a.Pool, `SELECT p.id FROM policy p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'vasteras' AND p.archived_at IS NULL`)
	if cur == old {
		t.Fatal("no new version")
	}
	if n := servertest.Scalar[int64](t, a.Pool, `SELECT count(*) FROM priority WHERE policy_id = $1`, cur); n != 11 {
		t.Errorf("new version has %d priorities, want the 11 it was started with", n)
	}
	if n := servertest.Scalar[int64](t, a.Pool, `SELECT count(*) FROM priority WHERE policy_id = $1`, old); n != 11 {
		t.Errorf("old version kept %d priorities, want 11", n)
	}

	// The public page: the new version, its heading as a heading with a link to
	// it, and the old version listed and readable.
	_, pub := servertest.Get(t, servertest.Client(t), a.Srv.URL+"/m/vasteras/policy", "en")
	if pub.Find("h1, h2, h3").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Text() == "Grundlagen für internationale Arbeit 2021"
	}).Length() == 0 {
		t.Error("public page does not show the new version")
	}
	if pub.Find(".policy-text h3").First().Text() != "Vision Västerås für das Jahr 2026 mit internationalen Perspektiven" || pub.Find(`.policy-toc a[href="#section-1"]`).Length() != 1 {
		t.Errorf("marked heading not rendered as a heading: %q", pub.Find(".policy-text h3").Text())
	}
	href, ok := pub.Find("#versions ~ ul a").Last().Attr("href")
	if !ok {
		t.Fatal("no list of versions on the public page")
	}
	res, oldDoc := servertest.Get(t, servertest.Client(t), a.Srv.URL+href, "en")
	if res.StatusCode != http.StatusOK || !strings.Contains(oldDoc.Find(".notice").Text(), "An earlier version") {
		t.Errorf("old version page: %d %q", res.StatusCode, oldDoc.Find(".notice").Text())
	}
	a.Get(t, "/staff/policy/versions/"+itoa(old), http.StatusOK)
}

// TestPolicyFromDocument: the text of an uploaded PDF lands in the form for
// checking, nothing saved; a scanned PDF (no text layer) gets a clear message.
func TestPolicyFromDocument(t *testing.T) {
	t.Parallel()
	a := servertest.NewAdmin(t, "vasteras")
	f := versionForm(t, a)
	f.Set("action", "extract")
	status, doc := multipartPage(t, a, f, servertest.File{Field: "document", Name: "grundlagen.pdf",
		Content: servertest.PDF("Grundlagen 2021", "", "Neue Partnerschaftsabkommen werden nicht unterzeichnet.")})
	if status != http.StatusOK {
		t.Fatalf("extract: status %d: %q", status, doc.Find(".form-error").Text())
	}
	if got := doc.Find("#full_text").Text(); !strings.Contains(got, "Grundlagen 2021") || !strings.Contains(got, "werden nicht unterzeichnet.") {
		t.Errorf("extracted text = %q", got)
	}
	if n := servertest.Scalar[int64](t, a.Pool, `SELECT count(*) FROM policy p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'vasteras'`); n != 1 {
		t.Errorf("reading the document saved something: %d versions", n)
	}
	status, doc = multipartPage(t, a, f, servertest.File{Field: "document", Name: "scan.pdf", Content: servertest.PDF()})
	if status != http.StatusUnprocessableEntity || !strings.Contains(doc.Find("#document-error").Text(), "probably a scan") {
		t.Errorf("scanned PDF: status %d, error %q", status, doc.Find("#document-error").Text())
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
