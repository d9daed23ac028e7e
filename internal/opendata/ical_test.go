package opendata

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestEscapeText(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`a\b`:           `a\\b`,
		"a;b,c":         `a\;b\,c`,
		"line1\nline2":  `line1\nline2`,
		"line1\r\nline": `line1\nline`,
		"bell\x07":      "bell",
		"tab\there":     "tab\there",
		"Göteborg":      "Göteborg",
	} {
		if got := EscapeText(in); got != want {
			t.Errorf("EscapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"SUMMARY:short",
		"DESCRIPTION:" + strings.Repeat("x", 200),
		"LOCATION:" + strings.Repeat("Göteborg, Århus; ", 20),
		"SUMMARY:" + strings.Repeat("€", 100),
		"X:" + strings.Repeat("a", 73),
	} {
		folded := Fold(s)
		if !strings.HasSuffix(folded, "\r\n") {
			t.Errorf("%q does not end in CRLF", folded)
		}
		lines := strings.Split(strings.TrimSuffix(folded, "\r\n"), "\r\n")
		for i, l := range lines {
			if len(l) > 75 {
				t.Errorf("line %d has %d octets", i, len(l))
			}
			if !utf8.ValidString(l) {
				t.Errorf("line %d splits a UTF-8 sequence: %q", i, l)
			}
			if i > 0 && !strings.HasPrefix(l, " ") {
				t.Errorf("continuation line %d does not start with a space", i)
			}
		}
		// Unfolding gives the line back.
		if got := strings.ReplaceAll(strings.TrimSuffix(folded, "\r\n"), "\r\n ", ""); got != s {
			t.Errorf("unfolded %q, want %q", got, s)
		}
	}
	if got := Fold("X:" + strings.Repeat("a", 73)); strings.Count(got, "\r\n") != 1 {
		t.Errorf("a line of exactly 75 octets was folded: %q", got)
	}
}

func TestICSWriter(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	iw := NewICSWriter(&buf, Calendar{ProdID: "-//test//EN", Name: "Stuttgart: Reisen", URL: "https://x.org/m/stuttgart/calendar.ics"})
	start := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	err := iw.Event(Event{
		UID: "STU-2026-0007@x.org", Stamp: time.Date(2026, 4, 20, 8, 30, 15, 0, time.FixedZone("CEST", 7200)),
		Start: start, End: start.AddDate(0, 0, 3), Summary: "STU-2026-0007: Besuch, Austausch; Netzwerk",
		Location: "Cardiff, Vereinigtes Königreich", URL: "https://x.org/m/stuttgart/trips/STU-2026-0007",
		Description: "Organisiert von: Abteilung\nReisende: A, B",
	})
	if err != nil {
		t.Fatal(err)
	}
	err = iw.Event(Event{UID: "meeting-plan-3-2029@x.org", Start: time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC),
		End: time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC), Summary: "Meeting", Status: "TENTATIVE"})
	if err != nil {
		t.Fatal(err)
	}
	if err := iw.Close(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n",
		"UID:STU-2026-0007@x.org\r\n",
		"DTSTAMP:20260420T063015Z\r\n",
		"DTSTART;VALUE=DATE:20260314\r\n",
		"DTEND;VALUE=DATE:20260318\r\n", // exclusive: the day after the 17th
		`SUMMARY:STU-2026-0007: Besuch\, Austausch\; Netzwerk` + "\r\n",
		`DESCRIPTION:Organisiert von: Abteilung\nReisende: A\, B` + "\r\n",
		"DTSTART;VALUE=DATE:20290101\r\nDTEND;VALUE=DATE:20290102\r\n",
		"STATUS:TENTATIVE\r\n",
		"END:VEVENT\r\nEND:VCALENDAR\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if n := strings.Count(out, "STATUS:"); n != 1 {
		t.Errorf("%d STATUS lines, want only the tentative event's", n)
	}
}
