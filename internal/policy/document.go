package policy

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// The document a policy version is entered from: plain text, or a PDF whose
// text is extracted (github.com/ledongthuc/pdf: pure Go, no C library or
// WebAssembly runtime, kept up to date; it reads the text layer, which is what
// a policy PDF exported from a word processor has).
var (
	// ErrNoText: a PDF without a text layer, such as a scan; its text must be
	// typed or taken from the original.
	ErrNoText = errors.New("policy document: the PDF has no text layer")
	// ErrDocumentType: neither a PDF nor UTF-8 plain text.
	ErrDocumentType = errors.New("policy document: not a PDF or plain text")
	// ErrUnreadablePDF: a PDF the library cannot read (damaged or encrypted).
	ErrUnreadablePDF = errors.New("policy document: the PDF cannot be read")
)

// MaxDocumentBytes bounds an uploaded policy document.
const MaxDocumentBytes = 10 << 20

// DocumentText returns the text of a policy document: plain text as it is
// (line ends normalised), a PDF's text layer with one line per printed line and
// a blank line where the gap between lines shows a new paragraph.
func DocumentText(data []byte) (string, error) {
	if bytes.HasPrefix(bytes.TrimLeft(data, "\x00\t\r\n "), []byte("%PDF-")) {
		return pdfText(data)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return "", ErrDocumentType
	}
	return strings.TrimSpace(strings.ReplaceAll(string(data), "\r\n", "\n")), nil
}

func pdfText(data []byte) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("%w: %v", ErrUnreadablePDF, r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrUnreadablePDF, err)
	}
	var out strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		page := r.Page(i)
		if page.V.IsNull() {
			continue
		}
		prevY, prevSize := math.NaN(), 0.0
		for _, row := range textRows(page.Content().Text) {
			line, size := rowText(row)
			if strings.TrimSpace(line) == "" {
				continue
			}
			y := row[0].Y
			if !math.IsNaN(prevY) && prevY-y > 1.8*math.Max(size, prevSize) && size > 0 {
				out.WriteString("\n")
			}
			out.WriteString(strings.TrimSpace(line))
			out.WriteString("\n")
			prevY, prevSize = y, size
		}
		out.WriteString("\n")
	}
	text = strings.TrimSpace(out.String())
	if text == "" {
		return "", ErrNoText
	}
	return text, nil
}

// textRows groups the pieces of text of a page into printed lines, top to
// bottom, each left to right.
func textRows(pieces []pdf.Text) [][]pdf.Text {
	var rows [][]pdf.Text
	for _, t := range pieces {
		i := slices.IndexFunc(rows, func(r []pdf.Text) bool { return math.Abs(r[0].Y-t.Y) < 0.5*math.Max(t.FontSize, 1) })
		if i < 0 {
			rows = append(rows, []pdf.Text{t})
			continue
		}
		rows[i] = append(rows[i], t)
	}
	for _, r := range rows {
		slices.SortStableFunc(r, func(a, b pdf.Text) int { return cmp.Compare(a.X, b.X) })
	}
	slices.SortStableFunc(rows, func(a, b []pdf.Text) int { return cmp.Compare(b[0].Y, a[0].Y) })
	return rows
}

// rowText joins the pieces of one printed line, with a space where the gap
// between two pieces is wider than a letter, and returns the line's font size.
func rowText(pieces []pdf.Text) (string, float64) {
	var b strings.Builder
	size := 0.0
	end := math.NaN()
	for _, t := range pieces {
		size = math.Max(size, t.FontSize)
		if !math.IsNaN(end) && t.X-end > 0.15*t.FontSize && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(t.S, " ") {
			b.WriteString(" ")
		}
		b.WriteString(t.S)
		w := t.W
		if w == 0 {
			w = float64(utf8.RuneCountInString(t.S)) * 0.5 * t.FontSize
		}
		end = t.X + w
	}
	return b.String(), size
}
