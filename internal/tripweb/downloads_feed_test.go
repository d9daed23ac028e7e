package tripweb_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/opendata"
)

type odAtomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func TestOpenDataFeed(t *testing.T) {
	t.Parallel()
	srv, pool := openDataServer(t, 400)
	res, body := odGet(t, srv.URL+"/m/stuttgart/feed.atom?lang=de")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if got := res.Header.Get("Content-Type"); got != "application/atom+xml" {
		t.Errorf("Content-Type %q", got)
	}
	var f odAtomFeed
	if err := xml.Unmarshal(body, &f); err != nil {
		t.Fatal(err)
	}
	var published int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM trip t JOIN municipality m ON m.id = t.municipality_id
WHERE m.slug = 'stuttgart' AND t.status = 'published' AND t.archived_at IS NULL`).Scan(&published); err != nil {
		t.Fatal(err)
	}
	if want := min(published, opendata.FeedSize); len(f.Entries) != want {
		t.Errorf("%d entries, want %d", len(f.Entries), want)
	}
	if f.ID != "https://portal.example.org/m/stuttgart/feed.atom" || f.Title != "Stuttgart: veröffentlichte Reisen" || f.Author.Name != "Stuttgart" {
		t.Errorf("feed id %q, title %q, author %q", f.ID, f.Title, f.Author.Name)
	}
	rels := map[string]string{}
	for _, l := range f.Links {
		rels[l.Rel] = l.Href
	}
	if rels["self"] != "https://portal.example.org/m/stuttgart/feed.atom?lang=de" || rels["alternate"] != "https://portal.example.org/m/stuttgart/trips" {
		t.Errorf("links %v", rels)
	}
	if len(f.Entries) == 0 || f.Updated != f.Entries[0].Updated {
		t.Fatalf("feed updated %q is not the newest entry's", f.Updated)
	}
	prev := time.Time{}
	ids := map[string]bool{}
	for i, e := range f.Entries {
		u, err := time.Parse(time.RFC3339, e.Updated)
		if err != nil {
			t.Errorf("entry %d: updated %q", i, e.Updated)
		}
		if i > 0 && u.After(prev) {
			t.Errorf("entry %d (%s) is newer than the one before", i, e.Updated)
		}
		prev = u
		if e.ID == "" || e.Title == "" || e.Summary == "" || ids[e.ID] {
			t.Errorf("entry %d: id %q, title %q, summary %q (ids must be unique)", i, e.ID, e.Title, e.Summary)
		}
		ids[e.ID] = true
		if len(e.Links) != 1 || e.Links[0].Rel != "alternate" || e.Links[0].Href != e.ID {
			t.Errorf("entry %d: links %+v", i, e.Links)
		}
		if !strings.Contains(e.Summary, "Gesamtkosten") || !strings.Contains(e.Summary, "€") {
			t.Errorf("entry %d: summary %q has no total", i, e.Summary)
		}
	}
	if !strings.HasPrefix(f.Entries[0].Title, "Demo: STU-") {
		t.Errorf("a demo entry's title %q does not say so", f.Entries[0].Title)
	}

	// A municipality with nothing published has a valid, empty feed.
	if _, err := pool.Exec(context.Background(), `UPDATE trip SET archived_at = now() WHERE municipality_id = (SELECT id FROM municipality WHERE slug = 'berlin')`); err != nil {
		t.Fatal(err)
	}
	res, body = odGet(t, srv.URL+"/m/berlin/feed.atom")
	var empty odAtomFeed
	if err := xml.Unmarshal(body, &empty); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("empty feed: status %d, %v", res.StatusCode, err)
	}
	if len(empty.Entries) != 0 || empty.Updated != "2026-11-22T12:00:00Z" || empty.Title != "Berlin: published trips" {
		t.Errorf("empty feed: %d entries, updated %q, title %q", len(empty.Entries), empty.Updated, empty.Title)
	}
}
