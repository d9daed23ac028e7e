package agreementweb_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/servertest"
)

func TestCreateKeepsInputAndUpload(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, staffID := signedIn(t, srv.URL, pool, "ballerup", access.RoleStaff, "anna@ballerup.example")
	ballerup := municipalityID(t, pool, "ballerup")

	// The new form has the municipality as first party.
	res, doc := servertest.Get(t, c, srv.URL+"/staff/agreements/new", "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("new form: %d", res.StatusCode)
	}
	own := fmt.Sprintf("m%d", ballerup)
	if doc.Find("#party-0-name").AttrOr("value", "") != "Ballerup Kommune" || doc.Find("#party-0-link option[selected]").AttrOr("value", "") != own {
		t.Errorf("first party not prefilled: %q", doc.Find("#party-0-name").AttrOr("value", ""))
	}
	if doc.Find(`main form[enctype="multipart/form-data"] input[type="file"]#document`).Length() != 1 {
		t.Error("no file input in a multipart form")
	}
	if doc.Find("#status option[selected]").AttrOr("value", "") != "draft" {
		t.Error("a new agreement does not start as a draft")
	}
	praha := optionValue(doc, "#party-0-link", "Praha 10")
	if praha == "" {
		t.Fatal("Praha 10 is not offered as a partner city")
	}
	var prio []string
	doc.Find(`input[name="priority"]`).Each(func(_ int, s *goquery.Selection) { prio = append(prio, s.AttrOr("value", "")) })
	if len(prio) < 3 {
		t.Fatalf("priorities offered: %v", prio)
	}

	// A first try with mistakes and a file: 422, everything kept, the file too.
	form := url.Values{
		"csrf": {servertest.CSRF(doc)}, "type": {"cooperation_agreement"}, "title": {"  "},
		"summary": {"Skoleudveksling mellem Ballerup og Praha 10"}, "partnership": {""}, "network": {""},
		"party-0-name": {"Ballerup Kommune"}, "party-0-link": {own},
		"party-1-name": {""}, "party-1-link": {praha},
		"party-2-name": {""}, "party-2-link": {""},
		"signed_on": {"2020-01-01"}, "valid_from": {"2020-01-01"}, "valid_until": {"2019-12-31"},
		"status": {"in_force"}, "priority": {prio[0], prio[2]}, "source": {"Byrådsbeslutning 2024/17"},
	}
	res = servertest.PostMultipart(t, c, srv.URL+"/staff/agreements", form, servertest.File{Field: "document", Name: "Aftale om skoleudveksling.pdf", Content: samplePDF})
	doc = parse(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("first try: %d", res.StatusCode)
	}
	for _, f := range []string{"title", "valid_until"} {
		if doc.Find(`.error-summary a[href="#`+f+`"]`).Length() != 1 || doc.Find("#"+f+"-error").Length() != 1 {
			t.Errorf("error of %s not in the summary and beside the field", f)
		}
	}
	if !strings.HasPrefix(doc.Find("title").Text(), "Error:") {
		t.Errorf("title %q", doc.Find("title").Text())
	}
	if doc.Find(".error-summary a").Length() != 2 {
		t.Errorf("summary lists %d errors, want 2", doc.Find(".error-summary a").Length())
	}
	kept := map[string]string{
		"#party-0-name": "Ballerup Kommune", "#party-1-name": "", "#party-2-name": "",
		"#signed_on": "2020-01-01", "#valid_from": "2020-01-01", "#valid_until": "2019-12-31", "#source": "Byrådsbeslutning 2024/17",
	}
	for sel, want := range kept {
		if s := doc.Find(sel); s.Length() != 1 || s.AttrOr("value", "") != want {
			t.Errorf("%s = %q, want %q", sel, s.AttrOr("value", "<missing>"), want)
		}
	}
	if got := strings.TrimSpace(doc.Find("#summary").Text()); got != "Skoleudveksling mellem Ballerup og Praha 10" {
		t.Errorf("summary %q", got)
	}
	if doc.Find("#party-1-link option[selected]").AttrOr("value", "") != praha || doc.Find("#status option[selected]").AttrOr("value", "") != "in_force" {
		t.Error("selects not kept")
	}
	var checked []string
	doc.Find(`input[name="priority"][checked]`).Each(func(_ int, s *goquery.Selection) { checked = append(checked, s.AttrOr("value", "")) })
	if !reflect.DeepEqual(checked, []string{prio[0], prio[2]}) {
		t.Errorf("priorities kept %v", checked)
	}
	pending := doc.Find(`input[type="hidden"][name="document_id"]`).AttrOr("value", "")
	if pending == "" || !strings.Contains(doc.Find("#document-pending").Text(), "Aftale om skoleudveksling.pdf") {
		t.Fatalf("the accepted file is not kept: %q", pending)
	}

	// A second try fixes the title but not the dates, without sending the file
	// again: the file is still there.
	form = formValues(doc)
	form.Set("title", "Samarbejdsaftale om skoleudveksling")
	res = servertest.PostMultipart(t, c, srv.URL+"/staff/agreements", form)
	doc = parse(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || doc.Find("#title-error").Length() != 0 || doc.Find("#valid_until-error").Length() != 1 {
		t.Fatalf("second try: %d", res.StatusCode)
	}
	if doc.Find(`input[name="document_id"]`).AttrOr("value", "") != pending || doc.Find("#title").AttrOr("value", "") != "Samarbejdsaftale om skoleudveksling" {
		t.Error("the file or the title was lost after a later field error")
	}

	// Corrected, it is saved with the file accepted on the first try.
	form = formValues(doc)
	form.Set("valid_until", "2026-12-31")
	id := createdID(t, servertest.PostMultipart(t, c, srv.URL+"/staff/agreements", form))
	var docID int64
	var title, status string
	if err := pool.QueryRow(t.Context(), `SELECT document_id, title, status FROM agreement WHERE id = $1 AND municipality_id = $2`, id, ballerup).Scan(&docID, &title, &status); err != nil {
		t.Fatal(err)
	}
	if strconv.FormatInt(docID, 10) != pending || title != "Samarbejdsaftale om skoleudveksling" || status != "in_force" {
		t.Errorf("saved document %d, title %q, status %s", docID, title, status)
	}

	// The audit entry has the new values, parties and priorities as lists and the
	// document by name and checksum.
	changes, who := auditChanges(t, pool, id, "create")
	if who == nil || *who != staffID {
		t.Errorf("created by %v", who)
	}
	var prahaID int64
	fmt.Sscanf(praha, "c%d", &prahaID)
	wantParties := asJSON(t, []map[string]any{{"name": "Ballerup Kommune", "municipality_id": ballerup}, {"name": "Praha 10", "partner_city_id": prahaID}})
	if !reflect.DeepEqual(changes["parties"]["new"], wantParties) || changes["parties"]["old"] != nil {
		t.Errorf("audit parties %v, want new %v", changes["parties"], wantParties)
	}
	wantDoc := asJSON(t, map[string]string{"filename": "Aftale om skoleudveksling.pdf", "sha256": sha(samplePDF)})
	if !reflect.DeepEqual(changes["document"]["new"], wantDoc) {
		t.Errorf("audit document %v", changes["document"])
	}
	if codes, ok := changes["priorities"]["new"].([]any); !ok || len(codes) != 2 {
		t.Errorf("audit priorities %v", changes["priorities"])
	}
	if changes["title"]["new"] != "Samarbejdsaftale om skoleudveksling" || changes["valid_until"]["new"] != "2026-12-31" {
		t.Errorf("audit fields %v", changes)
	}

	// The page shows it all, with the document to download.
	res, doc = servertest.Get(t, c, fmt.Sprintf("%s/staff/agreements/%d", srv.URL, id), "en")
	if res.StatusCode != http.StatusOK || doc.Find(".notice--success").Text() != "The agreement was saved." {
		t.Errorf("record page %d, flash %q", res.StatusCode, doc.Find(".notice--success").Text())
	}
	if doc.Find("h1").Text() != "Samarbejdsaftale om skoleudveksling" || doc.Find(`h1[lang="da"]`).Length() != 1 {
		t.Errorf("h1 %q", doc.Find("h1").Text())
	}
	if doc.Find(".record-facts li").Length() != 4 || !strings.Contains(doc.Find(".record-facts").Text(), "Praha 10") {
		t.Errorf("parties and priorities not shown: %q", doc.Find(".record-facts").Text())
	}
	href := doc.Find(`.record-facts a[download]`).AttrOr("href", "")
	if href != fmt.Sprintf("/staff/agreements/%d/document", id) || !strings.Contains(doc.Find(".document-hash").Text(), sha(samplePDF)) {
		t.Errorf("document link %q", href)
	}

	// The document comes back with its type and name.
	res, err := c.Get(srv.URL + href)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !bytes.Equal(body, samplePDF) {
		t.Fatalf("document: %d, %d bytes", res.StatusCode, len(body))
	}
	for k, want := range map[string]string{
		"Content-Type":           "application/pdf",
		"Content-Disposition":    attachment.ContentDisposition("Aftale om skoleudveksling.pdf"),
		"X-Content-Type-Options": "nosniff",
		"Cache-Control":          "private, no-store",
	} {
		if got := res.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if !strings.Contains(res.Header.Get("Content-Disposition"), `filename="Aftale om skoleudveksling.pdf"`) {
		t.Errorf("Content-Disposition %q", res.Header.Get("Content-Disposition"))
	}
}

func TestPartyRowsWithoutJavaScript(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, _ := signedIn(t, srv.URL, pool, "ballerup", access.RoleStaff, "anna@ballerup.example")
	_, doc := servertest.Get(t, c, srv.URL+"/staff/agreements/new", "en")
	if doc.Find(`main form button[name="action"]`).First().AttrOr("value", "") != "save" {
		t.Error("Enter would not save: the first submit button is not the default action")
	}

	// Adding a row keeps what was typed, including a file chosen meanwhile.
	form := formValues(doc)
	form.Set("title", "Venskabsbyaftale")
	form.Set("action", "add:party")
	res := servertest.PostMultipart(t, c, srv.URL+"/staff/agreements", form, servertest.File{Field: "document", Name: "scan.png", Content: samplePNG})
	doc = parse(t, res)
	if res.StatusCode != http.StatusOK || doc.Find(".error-summary").Length() != 0 {
		t.Fatalf("add row: %d", res.StatusCode)
	}
	if doc.Find(".party-row").Length() != 2 || doc.Find("#party-1-name").Length() != 1 || doc.Find("#title").AttrOr("value", "") != "Venskabsbyaftale" {
		t.Errorf("rows after add: %d", doc.Find(".party-row").Length())
	}
	if doc.Find(`input[name="document_id"]`).Length() != 1 {
		t.Error("the chosen file was lost when a row was added")
	}
	if b, l := doc.Find(`button[value="remove:party:1"]`).Text(), strings.TrimSpace(doc.Find(`label[for="party-1-name"]`).Text()); b != "Remove party 2" || l != "Name of party 2" {
		t.Logf("button %q, label %q", b, l)
		t.Error("row controls are not named by their row")
	}

	// Removing the first row moves the second up.
	form = formValues(doc)
	form.Set("party-1-name", "East Kilbride")
	form.Set("action", "remove:party:0")
	res = servertest.PostMultipart(t, c, srv.URL+"/staff/agreements", form)
	doc = parse(t, res)
	if res.StatusCode != http.StatusOK || doc.Find(".party-row").Length() != 1 || doc.Find("#party-0-name").AttrOr("value", "") != "East Kilbride" {
		t.Errorf("remove row: %d, %d rows, first %q", res.StatusCode, doc.Find(".party-row").Length(), doc.Find("#party-0-name").AttrOr("value", ""))
	}

	// All parties removed: saving asks for one.
	form = formValues(doc)
	form.Set("type", "declaration")
	form.Set("party-0-name", "")
	res = servertest.PostMultipart(t, c, srv.URL+"/staff/agreements", form)
	doc = parse(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || doc.Find(`.error-summary a[href="#parties"]`).Length() != 1 || doc.Find("#parties.form-error").Length() != 1 {
		t.Errorf("no party: %d", res.StatusCode)
	}
}
