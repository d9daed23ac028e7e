package agreementweb_test

import (
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/servertest"
)

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
