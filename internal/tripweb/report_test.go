package tripweb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/servertest"
)

type upload struct{ name, content string }

// postMultipart sends a multipart form with files in the field "files" and
// parses the answer.
func postMultipart(t *testing.T, c *http.Client, target string, fields url.Values, files []upload) (*http.Response, *goquery.Document) {
	t.Helper()
	var fs []servertest.File
	for _, f := range files {
		fs = append(fs, servertest.File{Field: "files", Name: f.name, Content: []byte(f.content)})
	}
	res := servertest.PostMultipart(t, c, target, fields, fs...)
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, doc
}

const pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"

// TestReport writes the report of an approved trip with files: an accepted file
// is kept while the form comes back for a refused one, and saved with the report.
func TestReport(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "report@ballerup.example", "en")
	ctx := context.Background()
	id := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2025-0001", Status: "completed"})
	target := fmt.Sprintf("%s/staff/trips/%d/report", srv.URL, id)

	res, doc := servertest.Get(t, c, target, "")
	if res.StatusCode != http.StatusOK || doc.Find(`main form[enctype="multipart/form-data"] input[type="file"][multiple]`).Length() != 1 {
		t.Fatalf("report form: %d", res.StatusCode)
	}
	fields := url.Values{"csrf": {token}, "version": {"0"}, "action": {"save"},
		"goal": {"Learn how Stockholm runs school exchanges."}, "programme": {"As planned."},
		"outcome": {"Two schools will exchange pupils."}, "follow_up": {"Report to the committee in June."}}
	res, doc = postMultipart(t, c, target, fields, []upload{
		{"programme.pdf", pdf},
		{"notes.pdf", "<html><script>alert(1)</script></html>"},
	})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("with a refused file: %d", res.StatusCode)
	}
	if got := doc.Find("#files-error").Text(); !strings.Contains(got, "notes.pdf") {
		t.Errorf("files error %q", got)
	}
	pending := doc.Find(`input[name="pending_attachment"]`)
	if pending.Length() != 1 || !strings.Contains(doc.Find("main").Text(), "programme.pdf") {
		t.Fatalf("the accepted file is not kept: %d", pending.Length())
	}
	if got := strings.TrimSpace(doc.Find("#outcome").Text()); got != "Two schools will exchange pupils." {
		t.Errorf("outcome not kept: %q", got)
	}

	// Sent again without the refused file, the report is saved with the kept one.
	fields.Set("pending_attachment", pending.AttrOr("value", ""))
	res, _ = postMultipart(t, c, target, fields, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	var goal string
	var version, files int
	if err := pool.QueryRow(ctx, `SELECT goal, version, (SELECT count(*) FROM trip_attachment WHERE trip_id = $1) FROM trip_report WHERE trip_id = $1`, id).Scan(&goal, &version, &files); err != nil {
		t.Fatal(err)
	}
	if goal != "Learn how Stockholm runs school exchanges." || version != 1 || files != 1 {
		t.Errorf("stored report: %q v%d, %d files", goal, version, files)
	}
	var changes string
	if err := pool.QueryRow(ctx, `SELECT changes::text FROM audit_log WHERE entity = 'trip_report' AND entity_id = $1 AND action = 'create'`, id).Scan(&changes); err != nil ||
		!strings.Contains(changes, "programme.pdf") || !strings.Contains(changes, "Two schools") {
		t.Errorf("audit %s (%v)", changes, err)
	}

	// The trip page shows the report and the file, which can be downloaded.
	_, doc = servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "")
	link := doc.Find(`.trip-attachments a`)
	if !strings.Contains(doc.Find(".trip-report").Text(), "Two schools") || link.Text() != "programme.pdf" {
		t.Fatalf("trip page: report %q, file %q", doc.Find(".trip-report").Text(), link.Text())
	}
	dl, err := c.Get(srv.URL + link.AttrOr("href", ""))
	if err != nil {
		t.Fatal(err)
	}
	dl.Body.Close()
	if dl.StatusCode != http.StatusOK || !strings.HasPrefix(dl.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("download: %d %q", dl.StatusCode, dl.Header.Get("Content-Disposition"))
	}

	// Two edits from the same version: the second meets a conflict.
	_, doc = servertest.Get(t, c, target, "")
	fields = formValues(doc)
	fields.Set("goal", "First")
	res, _ = postMultipart(t, c, target, fields, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first edit: %d", res.StatusCode)
	}
	fields.Set("goal", "Second")
	res, doc = postMultipart(t, c, target, fields, []upload{{"later.pdf", pdf}})
	if res.StatusCode != http.StatusConflict || doc.Find(".conflict").Length() != 1 {
		t.Fatalf("second edit: %d", res.StatusCode)
	}
	if doc.Find(`input[name="pending_attachment"]`).Length() != 1 || doc.Find(`input[name="version"]`).AttrOr("value", "") != "2" {
		t.Error("the conflict form lost the new file or the current version")
	}
	if err := pool.QueryRow(ctx, `SELECT goal FROM trip_report WHERE trip_id = $1`, id).Scan(&goal); err != nil || goal != "First" {
		t.Errorf("after the conflict: %q", goal)
	}

	// Removing the file.
	_, doc = servertest.Get(t, c, target, "")
	fields = formValues(doc)
	fields.Set("remove_attachment", doc.Find(`input[name="remove_attachment"]`).AttrOr("value", ""))
	res, _ = postMultipart(t, c, target, fields, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", res.StatusCode)
	}
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM trip_attachment WHERE trip_id = $1`, id).Scan(&files); err != nil || files != 0 {
		t.Errorf("%d files after removing", files)
	}
}
