package opendata

import (
	"bytes"
	"encoding/xml"
	"testing"
	"time"
)

func TestWriteAtom(t *testing.T) {
	t.Parallel()
	t1 := time.Date(2026, 4, 20, 8, 30, 0, 0, time.UTC)
	f := Feed{
		ID: "https://x.org/m/stuttgart/feed.atom", Lang: "de", Title: "Stuttgart: veröffentlichte Reisen <&>",
		Updated: t1, Self: "https://x.org/m/stuttgart/feed.atom?lang=de", Alternate: "https://x.org/m/stuttgart/trips",
		Author: "Stuttgart", AuthorURI: "https://x.org/m/stuttgart",
		Entries: []Entry{
			{ID: "https://x.org/m/stuttgart/trips/STU-2026-0002", Title: "STU-2026-0002: Besuch \x01in Cardiff", Updated: t1, Published: t1, Summary: "14.–17. März", Demo: true},
			{ID: "https://x.org/m/stuttgart/trips/STU-2026-0001", Title: "STU-2026-0001", Updated: t1.Add(-time.Hour), Published: t1.Add(-time.Hour), Summary: "x"},
		},
	}
	var buf bytes.Buffer
	if err := WriteAtom(&buf, f); err != nil {
		t.Fatal(err)
	}
	var got struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Author struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []struct {
			ID       string `xml:"id"`
			Title    string `xml:"title"`
			Updated  string `xml:"updated"`
			Category []struct {
				Term string `xml:"term,attr"`
			} `xml:"category"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if got.Lang != "de" || got.ID != f.ID || got.Title != f.Title || got.Updated != "2026-04-20T08:30:00Z" || got.Author.Name != "Stuttgart" {
		t.Errorf("feed head %+v", got)
	}
	if len(got.Links) != 2 || got.Links[0].Rel != "self" || got.Links[0].Href != f.Self {
		t.Errorf("links %+v", got.Links)
	}
	if len(got.Entries) != 2 || len(got.Entries[0].Category) != 1 || len(got.Entries[1].Category) != 0 {
		t.Fatalf("entries %+v", got.Entries)
	}
	// A control character, not allowed in XML, is replaced rather than breaking the feed.
	if got.Entries[0].Title != "STU-2026-0002: Besuch \uFFFDin Cardiff" {
		t.Errorf("title %q", got.Entries[0].Title)
	}
}
