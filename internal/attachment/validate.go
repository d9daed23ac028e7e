// Package attachment checks, stores and serves the files staff attach to trips,
// reports and agreements (signed documents, programmes, receipts). A file's type is
// decided by its content, never by its name alone, and only documents and images
// that browsers and office programs open safely are accepted.
package attachment

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"net/http"
	"path"
	"strings"
	"unicode/utf16"

	"github.com/municipal-intl/portal/internal/form"
)

// MaxSize is the largest file accepted: 10 MiB.
const MaxSize = 10 << 20

// Errors of Validate. They are form errors, so a handler adds them to the form's
// errors with form.Errors.AddErr and the message is the catalogue's.
var (
	ErrEmpty    = &form.Error{Key: "form.error.file_empty"}
	ErrTooLarge = &form.Error{Key: "form.error.file_size"}
	ErrType     = &form.Error{Key: "form.error.file_type"}
)

// fileType is an accepted kind of file: its media type and the extensions its name
// may end in, the first being the one added to a name that has none.
type fileType struct {
	contentType string
	exts        []string
}

var (
	typePDF  = &fileType{"application/pdf", []string{".pdf"}}
	typePNG  = &fileType{"image/png", []string{".png"}}
	typeJPEG = &fileType{"image/jpeg", []string{".jpg", ".jpeg", ".jpe", ".jfif"}}
	typeGIF  = &fileType{"image/gif", []string{".gif"}}
	typeWebP = &fileType{"image/webp", []string{".webp"}}
	typeDOCX = &fileType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", []string{".docx"}}
	typeXLSX = &fileType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []string{".xlsx"}}
	typePPTX = &fileType{"application/vnd.openxmlformats-officedocument.presentationml.presentation", []string{".pptx"}}
	typeODT  = &fileType{"application/vnd.oasis.opendocument.text", []string{".odt"}}
	typeODS  = &fileType{"application/vnd.oasis.opendocument.spreadsheet", []string{".ods"}}
	typeODP  = &fileType{"application/vnd.oasis.opendocument.presentation", []string{".odp"}}
	typeDOC  = &fileType{"application/msword", []string{".doc"}}
	typeXLS  = &fileType{"application/vnd.ms-excel", []string{".xls"}}
	typePPT  = &fileType{"application/vnd.ms-powerpoint", []string{".ppt"}}
)

func (t *fileType) allows(ext string) bool {
	for _, e := range t.exts {
		if e == ext {
			return true
		}
	}
	return false
}

// Validate decides the media type of a file from its content and checks that the
// file may be kept: not empty, at most MaxSize, a PDF, PNG, JPEG, GIF or WebP
// image, or an office document (DOCX, XLSX, PPTX, ODT, ODS, ODP, DOC, XLS, PPT),
// and not named with an extension of another type (a web page named report.pdf is
// refused). A name without extension is accepted; Store gives it one.
func Validate(filename string, content []byte) (contentType string, err error) {
	t, err := detect(filename, content)
	if err != nil {
		return "", err
	}
	return t.contentType, nil
}

func detect(filename string, content []byte) (*fileType, error) {
	if len(content) == 0 {
		return nil, ErrEmpty
	}
	if len(content) > MaxSize {
		return nil, ErrTooLarge
	}
	ext := extension(SanitizeFilename(filename))
	var candidates []*fileType
	switch {
	case bytes.HasPrefix(content, []byte("%PDF-")):
		candidates = []*fileType{typePDF}
	case bytes.HasPrefix(content, oleMagic):
		candidates = oleTypes(content)
	case bytes.HasPrefix(content, []byte("PK\x03\x04")):
		if t := zipType(content); t != nil {
			candidates = []*fileType{t}
		}
	default:
		switch http.DetectContentType(content) {
		case "image/png":
			candidates = []*fileType{typePNG}
		case "image/jpeg":
			candidates = []*fileType{typeJPEG}
		case "image/gif":
			candidates = []*fileType{typeGIF}
		case "image/webp":
			candidates = []*fileType{typeWebP}
		}
	}
	for _, t := range candidates {
		if ext == "" || t.allows(ext) {
			return t, nil
		}
	}
	return nil, ErrType
}

// extension returns the lower-cased extension of name, or "" when what follows the
// last dot does not look like one ("Referat 12.5.2024" has none).
func extension(name string) string {
	ext := path.Ext(name)
	if len(ext) < 2 || len(ext) > 6 {
		return ""
	}
	letter := false
	for _, r := range ext[1:] {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letter = true
		case r >= '0' && r <= '9':
		default:
			return ""
		}
	}
	if !letter {
		return ""
	}
	return strings.ToLower(ext)
}

// zipType recognises the office formats that are zip containers: Office Open XML
// by its [Content_Types].xml naming the main document part (macro-enabled
// documents are refused), OpenDocument by its leading "mimetype" entry.
func zipType(content []byte) *fileType {
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil || len(zr.File) == 0 {
		return nil
	}
	if f := zr.File[0]; f.Name == "mimetype" {
		switch string(readEntry(f, 100)) {
		case "application/vnd.oasis.opendocument.text":
			return typeODT
		case "application/vnd.oasis.opendocument.spreadsheet":
			return typeODS
		case "application/vnd.oasis.opendocument.presentation":
			return typeODP
		}
		return nil
	}
	var types []byte
	dirs := map[string]bool{}
	for _, f := range zr.File {
		if f.Name == "[Content_Types].xml" {
			types = readEntry(f, 1<<20)
		}
		if strings.Contains(strings.ToLower(f.Name), "vbaproject") {
			return nil
		}
		if dir, _, ok := strings.Cut(f.Name, "/"); ok {
			dirs[dir] = true
		}
	}
	if types == nil || bytes.Contains(bytes.ToLower(types), []byte("macroenabled")) {
		return nil
	}
	const ooxml = "application/vnd.openxmlformats-officedocument."
	switch {
	case dirs["word"] && bytes.Contains(types, []byte(ooxml+"wordprocessingml.document.main+xml")):
		return typeDOCX
	case dirs["xl"] && bytes.Contains(types, []byte(ooxml+"spreadsheetml.sheet.main+xml")):
		return typeXLSX
	case dirs["ppt"] && bytes.Contains(types, []byte(ooxml+"presentationml.presentation.main+xml")):
		return typePPTX
	}
	return nil
}

// readEntry reads at most limit bytes of a zip entry, so a zip bomb costs nothing.
func readEntry(f *zip.File, limit int64) []byte {
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit))
	if err != nil {
		return nil
	}
	return b
}

// oleMagic starts every OLE2 compound file: legacy Word, Excel and PowerPoint
// files, but also installers (MSI) and Outlook messages.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// oleTypes tells the legacy office formats apart by the streams their compound
// file holds: WordDocument, Workbook (or Book, before Excel 97) and PowerPoint
// Document. Directory entries are 128 bytes long and aligned to 128 bytes after
// the header, so they are found without following the sector chains. A document
// with another embedded in it holds both streams; the first is the likelier.
func oleTypes(content []byte) []*fileType {
	if len(content) < 1024 || binary.LittleEndian.Uint16(content[0x1C:]) != 0xFFFE {
		return nil
	}
	if shift := binary.LittleEndian.Uint16(content[0x1E:]); shift != 9 && shift != 12 {
		return nil
	}
	found := map[string]bool{}
	for off := 512; off+128 <= len(content); off += 128 {
		e := content[off : off+128]
		n := int(binary.LittleEndian.Uint16(e[0x40:]))
		if e[0x42] != 2 || n < 4 || n > 64 || n%2 != 0 {
			continue
		}
		u := make([]uint16, n/2-1)
		for i := range u {
			u[i] = binary.LittleEndian.Uint16(e[2*i:])
		}
		if binary.LittleEndian.Uint16(e[n-2:]) != 0 {
			continue
		}
		found[string(utf16.Decode(u))] = true
	}
	var types []*fileType
	if found["WordDocument"] {
		types = append(types, typeDOC)
	}
	if found["PowerPoint Document"] {
		types = append(types, typePPT)
	}
	if found["Workbook"] || found["Book"] {
		types = append(types, typeXLS)
	}
	return types
}
