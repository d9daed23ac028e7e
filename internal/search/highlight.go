package search

import "strings"

// ts_headline marks the matched words with two characters from Unicode's private
// use area. search_text() in the migration strips them from the stored text before
// it is parsed, so every one in an answer is a marker PostgreSQL put there; it also
// stands in lessThan for "<", which the parser would take for the start of an HTML
// tag and ts_headline would delete.
const (
	startSel = '\uE000'
	stopSel  = '\uE001'
	lessThan = '\uE002'
)

// Segment is a piece of a highlighted text: plain, or a matched word to be marked.
type Segment struct {
	Text string
	Mark bool
}

// Highlight splits a ts_headline answer at its markers and puts back the "<"s.
// The pieces are plain text, never HTML: the templates escape them and wrap the
// marked ones in <mark>. A marker without its partner ends at the end of the text
// or is dropped.
func Highlight(s string) []Segment {
	var out []Segment
	var b strings.Builder
	mark := false
	flush := func() {
		if b.Len() > 0 {
			out = append(out, Segment{Text: b.String(), Mark: mark})
			b.Reset()
		}
	}
	for _, r := range s {
		switch r {
		case startSel:
			flush()
			mark = true
		case stopSel:
			flush()
			mark = false
		case lessThan:
			b.WriteByte('<')
		default:
			b.WriteRune(r)
		}
	}
	flush()
	return out
}

// Plain is the text of segs without the marks.
func Plain(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Text)
	}
	return b.String()
}
