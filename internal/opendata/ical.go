package opendata

import (
	"bufio"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one all-day event of the calendar.
type Event struct {
	// UID is permanent and unique, e.g. STU-2026-0007@portal.example.org.
	UID string
	// Stamp is when the event's information was last revised (for a trip: its
	// publication), so the file is the same from one download to the next.
	Stamp time.Time
	// Start is the first day; End the last day, inclusive (written exclusive, as
	// RFC 5545 wants for DTEND of a date).
	Start, End  time.Time
	Summary     string
	Location    string
	URL         string
	Description string
	Categories  []string
	// Status is the RFC 5545 STATUS of the event, e.g. TENTATIVE for one whose
	// date is a placeholder; empty writes none (a trip's dates are its own).
	Status string
	// SummaryLang is the LANGUAGE of the summary when it is the trip's own
	// words, "" when it is in the calendar's language.
	SummaryLang string
}

// Calendar is the head of an iCalendar object.
type Calendar struct {
	// ProdID names the product that wrote the file.
	ProdID      string
	Name        string
	Description string
	// URL is where the calendar is published.
	URL string
}

// ICSWriter streams an iCalendar object (RFC 5545): CRLF line ends, lines folded
// at 75 octets, TEXT values escaped. Events are written as they come.
type ICSWriter struct {
	w   *bufio.Writer
	err error
}

// NewICSWriter writes the head of the calendar.
func NewICSWriter(w io.Writer, c Calendar) *ICSWriter {
	iw := &ICSWriter{w: bufio.NewWriter(w)}
	iw.line("BEGIN:VCALENDAR")
	iw.line("VERSION:2.0")
	iw.line("PRODID:" + c.ProdID)
	iw.line("CALSCALE:GREGORIAN")
	if c.Name != "" {
		iw.line("NAME:" + EscapeText(c.Name))         // RFC 7986
		iw.line("X-WR-CALNAME:" + EscapeText(c.Name)) // what most calendar apps read
	}
	if c.Description != "" {
		iw.line("DESCRIPTION:" + EscapeText(c.Description))
		iw.line("X-WR-CALDESC:" + EscapeText(c.Description))
	}
	if c.URL != "" {
		iw.line("URL:" + c.URL)
		iw.line("SOURCE;VALUE=URI:" + c.URL)
	}
	iw.line("REFRESH-INTERVAL;VALUE=DURATION:PT12H")
	iw.line("X-PUBLISHED-TTL:PT12H")
	return iw
}

// Event writes one VEVENT. Trips are transparent: they do not make a subscriber
// look busy.
func (iw *ICSWriter) Event(e Event) error {
	iw.line("BEGIN:VEVENT")
	iw.line("UID:" + EscapeText(e.UID))
	iw.line("DTSTAMP:" + e.Stamp.UTC().Format("20060102T150405Z"))
	iw.line("DTSTART;VALUE=DATE:" + e.Start.Format("20060102"))
	iw.line("DTEND;VALUE=DATE:" + e.End.AddDate(0, 0, 1).Format("20060102"))
	if e.SummaryLang != "" {
		iw.line("SUMMARY;LANGUAGE=" + e.SummaryLang + ":" + EscapeText(e.Summary))
	} else {
		iw.line("SUMMARY:" + EscapeText(e.Summary))
	}
	if e.Location != "" {
		iw.line("LOCATION:" + EscapeText(e.Location))
	}
	if e.URL != "" {
		iw.line("URL:" + e.URL)
	}
	if e.Description != "" {
		iw.line("DESCRIPTION:" + EscapeText(e.Description))
	}
	if len(e.Categories) > 0 {
		cats := make([]string, len(e.Categories))
		for i, c := range e.Categories {
			cats[i] = EscapeText(c)
		}
		iw.line("CATEGORIES:" + strings.Join(cats, ","))
	}
	if e.Status != "" {
		iw.line("STATUS:" + e.Status)
	}
	iw.line("CLASS:PUBLIC")
	iw.line("TRANSP:TRANSPARENT")
	iw.line("END:VEVENT")
	return iw.err
}

// Flush writes any buffered lines to the underlying writer.
func (iw *ICSWriter) Flush() error {
	if iw.err != nil {
		return iw.err
	}
	return iw.w.Flush()
}

// Close ends the calendar and flushes.
func (iw *ICSWriter) Close() error {
	iw.line("END:VCALENDAR")
	return iw.Flush()
}

// line writes one content line, folded.
func (iw *ICSWriter) line(s string) {
	if iw.err != nil {
		return
	}
	_, iw.err = iw.w.WriteString(Fold(s))
}

// Fold splits a content line into lines of at most 75 octets, each ended by CRLF;
// a continuation line starts with one space (RFC 5545 §3.1). It never splits a
// UTF-8 sequence.
func Fold(s string) string {
	const limit = 75
	var b strings.Builder
	b.Grow(len(s) + len(s)/limit*3 + 2)
	width := limit
	for len(s) > width {
		cut := width
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if cut == 0 { // not UTF-8: cut at the octet limit
			cut = width
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		width = limit - 1 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}

// EscapeText escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma
// and line breaks; other control characters, which TEXT does not allow, are dropped.
func EscapeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c == ';':
			b.WriteString(`\;`)
		case c == ',':
			b.WriteString(`\,`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue // CRLF is one line break
			}
			b.WriteString(`\n`)
		case c < 0x20 && c != '\t', c == 0x7f:
			// dropped
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
