package opendata

import (
	"encoding/xml"
	"io"
	"time"
)

// FeedSize is the number of entries the Atom feed carries.
const FeedSize = 50

// Feed is an Atom 1.0 feed (RFC 4287) of published trips.
type Feed struct {
	// ID is a permanent IRI of the feed: its own canonical address.
	ID       string
	Lang     string // xml:lang of the feed's text, the interface language
	Title    string
	Subtitle string
	// Updated is when the newest entry was published, or the time of the request
	// for a feed without entries.
	Updated time.Time
	// Self is the address the feed was fetched from; Alternate the register page.
	Self      string
	Alternate string
	// Author is the municipality; AuthorURI its page.
	Author    string
	AuthorURI string
	Entries   []Entry
}

// Entry is one published trip in the feed.
type Entry struct {
	// ID is the trip's permanent URL, which is also its alternate link.
	ID        string
	Title     string
	Updated   time.Time
	Published time.Time
	Summary   string
	// Demo marks fictional demonstration data with the category "demo".
	Demo bool
	// TitleLang is the xml:lang of the title when it is the trip's own words,
	// "" when it is in the feed's language.
	TitleLang string
}

// xmlFeed and the types below are the wire form of Feed.
type xmlFeed struct {
	XMLName  xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string     `xml:"xml:lang,attr,omitempty"`
	ID       string     `xml:"id"`
	Title    xmlText    `xml:"title"`
	Subtitle *xmlText   `xml:"subtitle,omitempty"`
	Updated  string     `xml:"updated"`
	Links    []xmlLink  `xml:"link"`
	Author   xmlPerson  `xml:"author"`
	Entries  []xmlEntry `xml:"entry"`
}

type xmlText struct {
	Type string `xml:"type,attr"`
	Lang string `xml:"xml:lang,attr,omitempty"`
	Text string `xml:",chardata"`
}

type xmlLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type xmlPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type xmlCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type xmlEntry struct {
	ID         string        `xml:"id"`
	Title      xmlText       `xml:"title"`
	Updated    string        `xml:"updated"`
	Published  string        `xml:"published"`
	Links      []xmlLink     `xml:"link"`
	Categories []xmlCategory `xml:"category"`
	Summary    xmlText       `xml:"summary"`
}

// WriteAtom writes f as an Atom document.
func WriteAtom(w io.Writer, f Feed) error {
	x := xmlFeed{
		Lang: f.Lang, ID: f.ID, Title: xmlText{Type: "text", Text: f.Title},
		Updated: Instant(f.Updated),
		Links: []xmlLink{
			{Rel: "self", Type: "application/atom+xml", Href: f.Self},
			{Rel: "alternate", Type: "text/html", Href: f.Alternate},
		},
		Author:  xmlPerson{Name: f.Author, URI: f.AuthorURI},
		Entries: make([]xmlEntry, len(f.Entries)),
	}
	if f.Subtitle != "" {
		x.Subtitle = &xmlText{Type: "text", Text: f.Subtitle}
	}
	for i, e := range f.Entries {
		x.Entries[i] = xmlEntry{
			ID: e.ID, Title: xmlText{Type: "text", Lang: e.TitleLang, Text: e.Title},
			Updated: Instant(e.Updated), Published: Instant(e.Published),
			Links:   []xmlLink{{Rel: "alternate", Type: "text/html", Href: e.ID}},
			Summary: xmlText{Type: "text", Text: e.Summary},
		}
		if e.Demo {
			x.Entries[i].Categories = []xmlCategory{{Term: "demo", Label: "Demo"}}
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(x); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
