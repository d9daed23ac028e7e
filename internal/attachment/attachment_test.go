package attachment

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/form"
)

func sampleImage(t *testing.T, encode func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	img := image.NewPaletted(image.Rect(0, 0, 2, 2), color.Palette{color.White, color.Black})
	img.SetColorIndex(1, 1, 1)
	var buf bytes.Buffer
	if err := encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func samplePNG(t *testing.T) []byte {
	return sampleImage(t, func(b *bytes.Buffer, i image.Image) error { return png.Encode(b, i) })
}

type zipEntry struct {
	name, body string
	store      bool
}

func sampleZip(t *testing.T, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.store {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sampleOOXML is the smallest Office Open XML package: its content types, the
// relationships and the main part in dir.
func sampleOOXML(t *testing.T, dir, part, mainType string, extra ...zipEntry) []byte {
	types := `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/` + dir + `/` + part + `" ContentType="` + mainType + `"/></Types>`
	entries := append([]zipEntry{
		{name: "[Content_Types].xml", body: types},
		{name: "_rels/.rels", body: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`},
		{name: dir + "/" + part, body: `<?xml version="1.0"?><document/>`},
	}, extra...)
	return sampleZip(t, entries...)
}

const ooxml = "application/vnd.openxmlformats-officedocument."

func sampleDOCX(t *testing.T) []byte {
	return sampleOOXML(t, "word", "document.xml", ooxml+"wordprocessingml.document.main+xml")
}

func sampleODF(t *testing.T, mimetype string) []byte {
	return sampleZip(t, zipEntry{name: "mimetype", body: mimetype, store: true},
		zipEntry{name: "content.xml", body: "<office:document-content/>"},
		zipEntry{name: "META-INF/manifest.xml", body: "<manifest/>"})
}

// sampleOLE is a compound file header and one directory sector holding the root
// entry and the given streams.
func sampleOLE(streams ...string) []byte {
	b := make([]byte, 1024)
	copy(b, oleMagic)
	binary.LittleEndian.PutUint16(b[0x1A:], 3)      // major version
	binary.LittleEndian.PutUint16(b[0x1C:], 0xFFFE) // byte order
	binary.LittleEndian.PutUint16(b[0x1E:], 9)      // 512-byte sectors
	entry := func(i int, name string, kind byte) {
		e := b[512+128*i : 512+128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			binary.LittleEndian.PutUint16(e[2*j:], c)
		}
		binary.LittleEndian.PutUint16(e[0x40:], uint16(2*(len(u)+1)))
		e[0x42] = kind
	}
	entry(0, "Root Entry", 5)
	for i, s := range streams {
		entry(i+1, s, 2)
	}
	return b
}

func TestValidate(t *testing.T) {
	pdf := []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	pngb := samplePNG(t)
	jpg := sampleImage(t, func(b *bytes.Buffer, i image.Image) error { return jpeg.Encode(b, i, nil) })
	gifb := sampleImage(t, func(b *bytes.Buffer, i image.Image) error { return gif.Encode(b, i, nil) })
	webp := append([]byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00"), make([]byte, 10)...)
	docx := sampleDOCX(t)
	xlsx := sampleOOXML(t, "xl", "workbook.xml", ooxml+"spreadsheetml.sheet.main+xml")
	pptx := sampleOOXML(t, "ppt", "presentation.xml", ooxml+"presentationml.presentation.main+xml")
	docm := sampleOOXML(t, "word", "document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml")
	docxWithMacros := sampleOOXML(t, "word", "document.xml", ooxml+"wordprocessingml.document.main+xml",
		zipEntry{name: "word/vbaProject.bin", body: "macro"})
	odt := sampleODF(t, "application/vnd.oasis.opendocument.text")
	ods := sampleODF(t, "application/vnd.oasis.opendocument.spreadsheet")
	doc := sampleOLE("WordDocument", "\x05SummaryInformation")
	xls := sampleOLE("Workbook")
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 200)...)
	html := []byte("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>")
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)
	jar := sampleZip(t, zipEntry{name: "META-INF/MANIFEST.MF", body: "Main-Class: x"})
	msi := sampleOLE("\u4840\u3b3f\u4577")
	tooBig := make([]byte, MaxSize+1)
	copy(tooBig, pdf)
	maxPDF := make([]byte, MaxSize)
	copy(maxPDF, pdf)

	const wordML = ooxml + "wordprocessingml.document"
	cases := []struct {
		name     string
		filename string
		content  []byte
		want     string
		err      error
	}{
		{"pdf", "Programme.pdf", pdf, "application/pdf", nil},
		{"pdf upper-case extension", "PROGRAMME.PDF", pdf, "application/pdf", nil},
		{"pdf of exactly MaxSize", "big.pdf", maxPDF, "application/pdf", nil},
		{"png", "foto.png", pngb, "image/png", nil},
		{"png without extension", "foto", pngb, "image/png", nil},
		{"png with a date for extension", "Møde 12.5.2024", pngb, "image/png", nil},
		{"jpeg .jpg", "photo.jpg", jpg, "image/jpeg", nil},
		{"jpeg .jpeg", "photo.JPEG", jpg, "image/jpeg", nil},
		{"gif", "anim.gif", gifb, "image/gif", nil},
		{"webp", "bild.webp", webp, "image/webp", nil},
		{"docx", "Rapport.docx", docx, wordML, nil},
		{"xlsx", "Budget.xlsx", xlsx, ooxml + "spreadsheetml.sheet", nil},
		{"pptx", "Slides.pptx", pptx, ooxml + "presentationml.presentation", nil},
		{"odt", "Bericht.odt", odt, "application/vnd.oasis.opendocument.text", nil},
		{"ods", "Tabelle.ods", ods, "application/vnd.oasis.opendocument.spreadsheet", nil},
		{"doc", "Referat.doc", doc, "application/msword", nil},
		{"xls", "Regnskab.xls", xls, "application/vnd.ms-excel", nil},
		{"path in name", `C:\Users\anna\Rejse.pdf`, pdf, "application/pdf", nil},

		{"empty", "x.pdf", nil, "", ErrEmpty},
		{"empty slice", "x.pdf", []byte{}, "", ErrEmpty},
		{"10 MiB + 1 byte", "big.pdf", tooBig, "", ErrTooLarge},
		{"exe named .pdf", "invoice.pdf", exe, "", ErrType},
		{"exe", "setup.exe", exe, "", ErrType},
		{"html named .pdf", "report.pdf", html, "", ErrType},
		{"html without extension", "report", html, "", ErrType},
		{"svg named .png", "logo.png", svg, "", ErrType},
		{"plain text", "notes.txt", []byte("just some notes"), "", ErrType},
		{"pdf named .docx", "Rapport.docx", pdf, "", ErrType},
		{"pdf named .html", "x.html", pdf, "", ErrType},
		{"png named .jpg", "foto.jpg", pngb, "", ErrType},
		{"docx named .xlsx", "Budget.xlsx", docx, "", ErrType},
		{"docx named .zip", "Rapport.zip", docx, "", ErrType},
		{"doc named .xls", "Referat.xls", doc, "", ErrType},
		{"macro-enabled document", "Rapport.docm", docm, "", ErrType},
		{"macro-enabled named .docx", "Rapport.docx", docm, "", ErrType},
		{"docx carrying a VBA project", "Rapport.docx", docxWithMacros, "", ErrType},
		{"jar", "tool.jar", jar, "", ErrType},
		{"zip of documents", "all.zip", sampleZip(t, zipEntry{name: "a.pdf", body: string(pdf)}), "", ErrType},
		{"msi", "setup.msi", msi, "", ErrType},
		{"msi named .doc", "setup.doc", msi, "", ErrType},
		{"truncated zip", "Rapport.docx", docx[:40], "", ErrType},
		{"truncated compound file", "Referat.doc", doc[:600], "", ErrType},
		{"rtl override hiding .exe", "Rechnung\u202Efdp.exe", exe, "", ErrType},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Validate(tc.filename, tc.content)
			if tc.err != nil {
				if !errors.Is(err, tc.err) || got != "" {
					t.Fatalf("Validate = %q, %v; want %v", got, err, tc.err)
				}
				var fe *form.Error
				if !errors.As(err, &fe) || !strings.HasPrefix(fe.Key, "form.error.file_") {
					t.Errorf("error %v carries no catalogue key", err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Validate = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestSanitizeFilename(t *testing.T) {
	long := strings.Repeat("ø", 150) + ".pdf"
	cases := []struct{ in, want string }{
		{"Rejseberetning.pdf", "Rejseberetning.pdf"},
		{"Reisebericht Ölstadt – März.pdf", "Reisebericht Ölstadt – März.pdf"},
		{"Ba\u0308llerup.pdf", "Bällerup.pdf"}, // decomposed, as macOS sends it
		{"東京 訪問.docx", "東京 訪問.docx"},
		{"/etc/passwd", "passwd"},
		{`C:\Users\anna\Rejse.pdf`, "Rejse.pdf"},
		{"../../secret.pdf", "secret.pdf"},
		{"..", "attachment"},
		{"", "attachment"},
		{"   ", "attachment"},
		{".htaccess", "htaccess"},
		{"report.pdf.", "report.pdf"},
		{"a\x00b\x1fc\x7f.pdf", "abc.pdf"},
		{"line\nbreak\r\t.pdf", "line break .pdf"},
		{"multiple     spaces.pdf", "multiple spaces.pdf"},
		{"Rechnung\u202Efdp.exe", "Rechnungfdp.exe"},
		{"zero\u200bwidth.pdf", "zerowidth.pdf"},
		{`what?<>:"|*.pdf`, "what_______.pdf"},
		{"bad\xffutf8.pdf", "badutf8.pdf"},
		{long, strings.Repeat("ø", 98) + ".pdf"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			if got := SanitizeFilename(tc.in); got != tc.want {
				t.Errorf("SanitizeFilename(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestContentDisposition(t *testing.T) {
	cases := []struct{ in, want string }{
		{"report.pdf", `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`},
		{"Rejse København.pdf", `attachment; filename="Rejse K_benhavn.pdf"; filename*=UTF-8''Rejse%20K%C3%B8benhavn.pdf`},
		{`a"b\c;d.pdf`, `attachment; filename="a_b_c;d.pdf"; filename*=UTF-8''a%22b%5Cc%3Bd.pdf`},
		{"東京.docx", `attachment; filename="__.docx"; filename*=UTF-8''%E6%9D%B1%E4%BA%AC.docx`},
		{"50%.pdf", `attachment; filename="50%.pdf"; filename*=UTF-8''50%25.pdf`},
	}
	for _, tc := range cases {
		if got := ContentDisposition(tc.in); got != tc.want {
			t.Errorf("ContentDisposition(%q) =\n %s\nwant\n %s", tc.in, got, tc.want)
		}
	}
}

func TestStoreGetServe(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	var ballerup, stuttgart, anna int64
	for slug, id := range map[string]*int64{"ballerup": &ballerup, "stuttgart": &stuttgart} {
		if err := pool.QueryRow(ctx, `SELECT id FROM municipality WHERE slug = $1`, slug).Scan(id); err != nil {
			t.Fatal(err)
		}
	}
	if err := pool.QueryRow(ctx, `INSERT INTO account (municipality_id, email, name, role, password_hash)
VALUES ($1, 'anna@example.dk', 'Anna', 'staff', 'x') RETURNING id`, ballerup).Scan(&anna); err != nil {
		t.Fatal(err)
	}
	pngb := samplePNG(t)
	docx := sampleDOCX(t)
	store := func(name string, content []byte, by *int64) (int64, error) {
		var id int64
		err := database.Transact(ctx, pool, func(tx pgx.Tx) error {
			var err error
			id, err = Store(ctx, tx, ballerup, by, name, content)
			return err
		})
		return id, err
	}

	cases := []struct {
		name, filename string
		content        []byte
		by             *int64
		wantName       string
		wantType       string
	}{
		{"png without extension", "Foto fra Wuxi", pngb, &anna, "Foto fra Wuxi.png", "image/png"},
		{"docx with a path", `C:\Dokumenter\Rejserapport Prag 10.docx`, docx, nil, "Rejserapport Prag 10.docx",
			ooxml + "wordprocessingml.document"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			id, err := store(tc.filename, tc.content, tc.by)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Get(ctx, pool, ballerup, id)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(tc.content)
			if a.ID != id || a.MunicipalityID != ballerup || a.Filename != tc.wantName || a.ContentType != tc.wantType ||
				a.Size != int64(len(tc.content)) || !bytes.Equal(a.SHA256, sum[:]) || !bytes.Equal(a.Content, tc.content) ||
				(tc.by == nil) != (a.UploadedBy == nil) || a.CreatedAt.IsZero() {
				t.Errorf("Get = %+v", a)
			}
			if _, err := Get(ctx, pool, stuttgart, id); !errors.Is(err, ErrNotFound) {
				t.Errorf("another municipality's Get: %v", err)
			}

			rec := httptest.NewRecorder()
			Serve(rec, a)
			res := rec.Result()
			if res.StatusCode != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), tc.content) {
				t.Errorf("Serve: %d, %d bytes", res.StatusCode, rec.Body.Len())
			}
			for k, want := range map[string]string{
				"Content-Type":           tc.wantType,
				"Content-Length":         strconv.Itoa(len(tc.content)),
				"Content-Disposition":    ContentDisposition(tc.wantName),
				"X-Content-Type-Options": "nosniff",
			} {
				if got := res.Header.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
		})
	}

	if _, err := Get(ctx, pool, ballerup, 987654); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a missing id: %v", err)
	}
	if _, err := store("invoice.pdf", []byte("MZ\x90\x00 not a pdf"), &anna); !errors.Is(err, ErrType) {
		t.Errorf("Store of an exe: %v", err)
	}
	if _, err := store("x.pdf", nil, &anna); !errors.Is(err, ErrEmpty) {
		t.Errorf("Store of nothing: %v", err)
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM attachment`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d attachments stored, want 2 (%v)", n, err)
	}
}
