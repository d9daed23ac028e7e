package agreementedit_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/servertest"
)

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// auditChanges returns the changes of the latest audit entry of the agreement
// with action, and who made it.
func auditChanges(t *testing.T, pool *pgxpool.Pool, id int64, action string) (map[string]map[string]any, *int64) {
	t.Helper()
	var raw []byte
	var who *int64
	err := pool.QueryRow(t.Context(), `
SELECT changes, account_id FROM audit_log WHERE entity = 'agreement' AND entity_id = $1 AND action = $2
ORDER BY id DESC LIMIT 1`, id, action).Scan(&raw, &who)
	if err != nil {
		t.Fatalf("audit entry %s of agreement %d: %v", action, id, err)
	}
	var out map[string]map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out, who
}

// asJSON normalises a Go value to what it reads back as from JSON.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func optionValue(doc *goquery.Document, sel, label string) string {
	return doc.Find(sel+" option").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Text(), label)
	}).First().AttrOr("value", "")
}

func createdID(t *testing.T, res *http.Response) int64 {
	t.Helper()
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: status %d, want 303", res.StatusCode)
	}
	loc := res.Header.Get("Location")
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/staff/agreements/"), 10, 64)
	if err != nil {
		t.Fatalf("redirected to %q", loc)
	}
	return id
}

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

func TestUploadLimits(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, _ := signedIn(t, srv.URL, pool, "ballerup", access.RoleStaff, "anna@ballerup.example")
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 200)...)
	tooBig := make([]byte, attachment.MaxSize+1)
	copy(tooBig, samplePDF)
	html := []byte("<!DOCTYPE html><html><script>alert(1)</script></html>")
	cases := []struct {
		name, filename string
		content        []byte
		status         int
		errText        string
	}{
		{"exe disguised as pdf", "invoice.pdf", exe, 422, "must be a PDF, an image"},
		{"web page disguised as pdf", "report.pdf", html, 422, "must be a PDF, an image"},
		{"pdf named docx", "Aftale.docx", samplePDF, 422, "must be a PDF, an image"},
		{"10 MiB + 1 byte", "big.pdf", tooBig, 422, "smaller than 10 MB"},
		{"empty", "empty.pdf", []byte{}, 422, "is empty"},
		{"png", "underskrift.png", samplePNG, 303, ""},
		{"pdf of exactly 10 MiB", "max.pdf", tooBig[:attachment.MaxSize], 303, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, doc := servertest.Get(t, c, srv.URL+"/staff/agreements/new", "en")
			form := formValues(doc)
			form.Set("type", "declaration")
			form.Set("title", "Erklæring "+tc.name)
			var before int
			if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM attachment`).Scan(&before); err != nil {
				t.Fatal(err)
			}
			res := servertest.PostMultipart(t, c, srv.URL+"/staff/agreements", form, servertest.File{Field: "document", Name: tc.filename, Content: tc.content})
			if res.StatusCode != tc.status {
				res.Body.Close()
				t.Fatalf("status %d, want %d", res.StatusCode, tc.status)
			}
			if tc.status == http.StatusSeeOther {
				id := createdID(t, res)
				var size int64
				if err := pool.QueryRow(t.Context(), `SELECT d.size_bytes FROM agreement a JOIN attachment d ON d.id = a.document_id WHERE a.id = $1`, id).Scan(&size); err != nil || size != int64(len(tc.content)) {
					t.Errorf("stored %d bytes (%v)", size, err)
				}
				return
			}
			doc = parse(t, res)
			if !strings.Contains(doc.Find("#document-error").Text(), tc.errText) || doc.Find(`.error-summary a[href="#document"]`).Length() != 1 {
				t.Errorf("document error %q", doc.Find("#document-error").Text())
			}
			if doc.Find("#document[aria-invalid]").Length() != 1 || !strings.Contains(doc.Find("#document").AttrOr("aria-describedby", ""), "document-error") {
				t.Error("the error is not tied to the file input")
			}
			if doc.Find("#title").AttrOr("value", "") != "Erklæring "+tc.name || doc.Find(`input[name="document_id"]`).Length() != 0 {
				t.Error("input not kept, or a refused file kept")
			}
			var after int
			if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM attachment`).Scan(&after); err != nil || after != before {
				t.Errorf("a refused file was stored: %d → %d", before, after)
			}
		})
	}
}

// TestPendingDocumentOfSomeoneElse: the hidden document_id cannot attach a file
// this person did not upload for this form.
func TestPendingDocumentOfSomeoneElse(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, _ := signedIn(t, srv.URL, pool, "ballerup", access.RoleStaff, "anna@ballerup.example")
	other := insertAgreement(t, pool, fixture{Municipality: "ballerup", Document: samplePDF})
	berlin := insertAgreement(t, pool, fixture{Municipality: "berlin", Document: samplePDF})
	for name, id := range map[string]int64{"another agreement's document": other, "another municipality's document": berlin} {
		var docID int64
		if err := pool.QueryRow(t.Context(), `SELECT document_id FROM agreement WHERE id = $1`, id).Scan(&docID); err != nil {
			t.Fatal(err)
		}
		_, doc := servertest.Get(t, c, srv.URL+"/staff/agreements/new", "en")
		form := formValues(doc)
		form.Set("type", "declaration")
		form.Set("title", "Erklæring")
		form.Set("document_id", strconv.FormatInt(docID, 10))
		created := createdID(t, servertest.PostMultipart(t, c, srv.URL+"/staff/agreements", form))
		var got *int64
		if err := pool.QueryRow(t.Context(), `SELECT document_id FROM agreement WHERE id = $1`, created).Scan(&got); err != nil || got != nil {
			t.Errorf("%s was attached: %v (%v)", name, got, err)
		}
	}
}

func TestDocumentReplaceAndRemove(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, _ := signedIn(t, srv.URL, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	id := insertAgreement(t, pool, fixture{Municipality: "ballerup", Document: samplePDF})
	edit := fmt.Sprintf("%s/staff/agreements/%d", srv.URL, id)

	_, doc := servertest.Get(t, c, edit+"/edit", "en")
	if !strings.Contains(doc.Find(".document-current").Text(), "Signed agreement.pdf") || doc.Find("#remove_document").Length() != 1 {
		t.Fatal("the current document is not shown with a way to remove it")
	}
	res := servertest.PostMultipart(t, c, edit, formValues(doc), servertest.File{Field: "document", Name: "Underskrift.png", Content: samplePNG})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("replace: %d", res.StatusCode)
	}
	changes, _ := auditChanges(t, pool, id, "update")
	want := map[string]any{
		"old": asJSON(t, map[string]string{"filename": "Signed agreement.pdf", "sha256": sha(samplePDF)}),
		"new": asJSON(t, map[string]string{"filename": "Underskrift.png", "sha256": sha(samplePNG)}),
	}
	if !reflect.DeepEqual(changes["document"], want) || len(changes) != 1 {
		t.Errorf("audit of the replacement %v", changes)
	}
	res, err := c.Get(edit + "/document")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Content-Type") != "image/png" || res.Header.Get("Content-Disposition") != attachment.ContentDisposition("Underskrift.png") {
		t.Errorf("replaced document served as %q, %q", res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}

	_, doc = servertest.Get(t, c, edit+"/edit", "en")
	form := formValues(doc)
	form.Set("remove_document", "on")
	res = servertest.PostMultipart(t, c, edit, form)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", res.StatusCode)
	}
	changes, _ = auditChanges(t, pool, id, "update")
	if changes["document"]["new"] != nil || changes["document"]["old"] == nil {
		t.Errorf("audit of the removal %v", changes)
	}
	res, _ = servertest.Get(t, c, edit+"/document", "en")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("removed document: %d", res.StatusCode)
	}
}

func TestVersionConflict(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	staff, _ := signedIn(t, srv.URL, pool, "ballerup", access.RoleStaff, "anna@ballerup.example")
	admin, _ := signedIn(t, srv.URL, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	id := insertAgreement(t, pool, fixture{Municipality: "ballerup", Title: "Aftale 2024"})
	edit := fmt.Sprintf("%s/staff/agreements/%d", srv.URL, id)

	_, docA := servertest.Get(t, staff, edit+"/edit", "en")
	_, docB := servertest.Get(t, admin, edit+"/edit", "en")
	formA, formB := formValues(docA), formValues(docB)
	if formA.Get("version") != "1" || formB.Get("version") != "1" {
		t.Fatalf("versions %q %q", formA.Get("version"), formB.Get("version"))
	}
	formA.Set("title", "Aftale 2024 (staff)")
	res := servertest.PostMultipart(t, staff, edit, formA)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", res.StatusCode)
	}
	formB.Set("title", "Aftale 2024 (admin)")
	formB.Set("status", "terminated")
	res = servertest.PostMultipart(t, admin, edit, formB)
	doc := parse(t, res)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("second save: %d, want 409", res.StatusCode)
	}
	if doc.Find(`.conflict[role="alert"]`).Length() != 1 {
		t.Error("no conflict notice")
	}
	var titleRow *goquery.Selection
	doc.Find(".conflict tbody tr").Each(func(_ int, s *goquery.Selection) {
		if s.Find("th").Text() == "Title" {
			titleRow = s
		}
	})
	if titleRow == nil || titleRow.Find("td").Eq(0).Text() != "Aftale 2024 (admin)" || titleRow.Find("td").Eq(1).Text() != "Aftale 2024 (staff)" || !titleRow.HasClass("conflict__differs") {
		t.Error("the conflict does not show the admin's title beside the saved one")
	}
	if doc.Find("#title").AttrOr("value", "") != "Aftale 2024 (admin)" || doc.Find("#status option[selected]").AttrOr("value", "") != "terminated" ||
		doc.Find(`input[name="version"]`).AttrOr("value", "") != "2" {
		t.Error("the form does not hold the admin's input with the current version")
	}
	var title, status string
	var version int
	if err := pool.QueryRow(t.Context(), `SELECT title, status, version FROM agreement WHERE id = $1`, id).Scan(&title, &status, &version); err != nil ||
		title != "Aftale 2024 (staff)" || status != "in_force" || version != 2 {
		t.Errorf("after the conflict: %q %s v%d (%v)", title, status, version, err)
	}
	var n int
	if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM audit_log WHERE entity = 'agreement' AND entity_id = $1`, id).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d audit entries, want 1", n)
	}

	// Saving the conflict form again is a deliberate overwrite.
	res = servertest.PostMultipart(t, admin, edit, formValues(doc))
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("save after the conflict: %d", res.StatusCode)
	}
}

func TestAuditOfChanges(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, staffID := signedIn(t, srv.URL, pool, "ballerup", access.RoleStaff, "anna@ballerup.example")
	ballerup := municipalityID(t, pool, "ballerup")
	id := insertAgreement(t, pool, fixture{Municipality: "ballerup", Title: "Aftale"})
	edit := fmt.Sprintf("%s/staff/agreements/%d", srv.URL, id)

	_, doc := servertest.Get(t, c, edit+"/edit", "en")
	form := formValues(doc)
	praha := optionValue(doc, "#party-0-link", "Praha 10")
	f1 := doc.Find(`input[name="priority"]`).First().AttrOr("value", "")
	form.Set("title", "Aftale med Praha 10")
	form.Set("party-1-name", "")
	form.Set("party-1-link", praha)
	form.Set("priority", f1)
	form.Set("status", "terminated")
	res := servertest.PostMultipart(t, c, edit, form)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	changes, who := auditChanges(t, pool, id, "update")
	if who == nil || *who != staffID {
		t.Errorf("changed by %v", who)
	}
	var prahaID int64
	fmt.Sscanf(praha, "c%d", &prahaID)
	want := map[string]map[string]any{
		"title":  {"old": "Aftale", "new": "Aftale med Praha 10"},
		"status": {"old": "in_force", "new": "terminated"},
		"parties": {
			"old": asJSON(t, []map[string]any{{"name": "Ballerup Kommune", "municipality_id": ballerup}, {"name": "Nordic Council of Ministers"}}),
			"new": asJSON(t, []map[string]any{{"name": "Ballerup Kommune", "municipality_id": ballerup}, {"name": "Praha 10", "partner_city_id": prahaID}}),
		},
		"priorities": {"old": []any{}, "new": []any{"F1"}},
	}
	if !reflect.DeepEqual(changes, want) {
		t.Errorf("audit changes\n got %v\nwant %v", changes, want)
	}

	// Saving without a change saves nothing and logs nothing.
	_, doc = servertest.Get(t, c, edit+"/edit", "en")
	res = servertest.PostMultipart(t, c, edit, formValues(doc))
	res.Body.Close()
	_, doc = servertest.Get(t, c, edit, "en")
	var n, version int
	if err := pool.QueryRow(t.Context(), `SELECT (SELECT count(*) FROM audit_log WHERE entity = 'agreement' AND entity_id = $1), version FROM agreement WHERE id = $1`, id).Scan(&n, &version); err != nil || n != 1 || version != 2 {
		t.Errorf("after an empty save: %d audit entries, version %d (%v)", n, version, err)
	}
	if doc.Find(".notice--success").Text() != "Nothing was changed, so nothing was saved." {
		t.Errorf("flash %q", doc.Find(".notice--success").Text())
	}
}

func TestArchive(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, adminID := signedIn(t, srv.URL, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	id := insertAgreement(t, pool, fixture{Municipality: "ballerup", Title: "Gammel aftale"})
	keep := insertAgreement(t, pool, fixture{Municipality: "ballerup", Title: "Udkast til aftale", Status: "draft"})
	rec := fmt.Sprintf("%s/staff/agreements/%d", srv.URL, id)

	_, doc := servertest.Get(t, c, srv.URL+"/staff/agreements", "en")
	if doc.Find(fmt.Sprintf(`a[href="/staff/agreements/%d"]`, id)).Length() != 1 || doc.Find(fmt.Sprintf(`a[href="/staff/agreements/%d"]`, keep)).Length() != 1 {
		t.Fatal("the list does not show the agreement and the draft")
	}
	res, doc := servertest.Get(t, c, rec+"/archive", "en")
	if res.StatusCode != http.StatusOK || doc.Find(`main form button[value="archive"]`).Length() != 1 {
		t.Fatalf("confirmation page: %d", res.StatusCode)
	}
	res = servertest.Post(t, c, rec+"/archive", formValues(doc))
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/agreements" {
		t.Fatalf("archive: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, doc = servertest.Get(t, c, srv.URL+"/staff/agreements", "en")
	if doc.Find(fmt.Sprintf(`a[href="/staff/agreements/%d"]`, id)).Length() != 0 || doc.Find(".notice--success").Text() != "The agreement was archived." {
		t.Error("the archived agreement is still listed")
	}
	if res, _ := servertest.Get(t, c, rec, "en"); res.StatusCode != http.StatusNotFound {
		t.Errorf("archived agreement: %d", res.StatusCode)
	}
	changes, who := auditChanges(t, pool, id, "archive")
	if who == nil || *who != adminID || changes["archived_at"]["old"] != nil || changes["archived_at"]["new"] == nil {
		t.Errorf("audit of the archiving: %v by %v", changes, who)
	}
}

func TestPoliticianReadsOnly(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, _ := signedIn(t, srv.URL, pool, "ballerup", access.RolePolitician, "pol@ballerup.example")
	id := insertAgreement(t, pool, fixture{Municipality: "ballerup", Status: "draft", Title: "Udkast"})
	_, doc := servertest.Get(t, c, srv.URL+"/staff/agreements", "en")
	if doc.Find(`a[href="/staff/agreements/new"]`).Length() != 0 || doc.Find(".agreement-status--draft").Length() != 1 {
		t.Error("a politician is offered to create, or does not see the draft")
	}
	_, doc = servertest.Get(t, c, fmt.Sprintf("%s/staff/agreements/%d", srv.URL, id), "en")
	if doc.Find(`a[href$="/edit"], a[href$="/archive"]`).Length() != 0 {
		t.Error("a politician is offered to edit or archive")
	}
}
