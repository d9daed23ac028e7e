package fidelity_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestPoint8TextsForCitizens: what citizens read is the documents' own words,
// named as documents are named: each policy's source by title, publisher and
// date in the page's language; no repository path or working note on any
// public page of the five municipalities; the documents' headings as
// headings; partner notes and status-history notes in their own language, as
// is the body that adopted a policy; Brandenburg's partnership of 2014 in its
// history before it became a twin town; the emission factors' source named.
//
// From ballerup-international-strategi-2014.da.txt:
//
//	Partnerskaber
//	Wuxi, Kina (gennem Bycirkel-samarbejdet)
//	Brandenburg an der Havel, Tyskland
//
// From vasteras-grundlagen-internationale-arbeit-2014.de.txt:
//
//	Verabschiedet durch die Stadtverordnetenversammlung, 9 Oktober
//	2014
//
// From goteborg-positionspapper-vanorter.sv.txt (headings of the document):
//
//	Inriktning och ansvar
//
//	Utvärdering och uppföljning
func TestPoint8TextsForCitizens(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	anon := visitor(t, srv)

	// A published trip in every municipality, so that trip pages are read too.
	for slug, code := range map[string]string{"ballerup": "BAL", "stuttgart": "STR", "goteborg": "GBG", "vasteras": "VST", "berlin": "BER"} {
		servertest.InsertTrip(t, pool, servertest.Trip{Municipality: slug, Reference: code + "-2025-0001", Report: true,
			Destinations: []servertest.Destination{{City: "Brussels", Country: "BE", Lat: 50.8503, Lon: 4.3517}},
			Costs:        []servertest.Cost{{Category: "transport", Planned: 50000, Actual: 48000}}})
	}
	// Göteborg's staff write a partnership's note and a change of its status:
	// both are in the municipality's language.
	staff, _ := account(t, srv, pool, "goteborg", access.RoleStaff, "eva@goteborg.example")
	chicago := servertest.Scalar[int64](t, pool, `SELECT p.id FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id
JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'goteborg' AND c.name_en = 'Chicago'`)
	edit := servertest.FormValues(staff.page("/staff/partners/"+itoa(chicago)), "main form")
	edit.Set("note", "Samarbetet gäller hamnfrågor.")
	edit.Set("status", "active") // it was suspended
	edit.Set("status_note", "Återupptaget med en ny avsiktsförklaring.")
	staff.mustPost("/staff/partners/"+itoa(chicago), edit, http.StatusSeeOther)

	t.Run("sources named in the page's language", func(t *testing.T) {
		want := map[string]struct{ lang, source string }{
			"ballerup":  {"da", "Ballerup Kommunes Internationale Strategi, Ballerup Kommune, "},
			"vasteras":  {"de", "Grundlagen für internationale Arbeit in der Stadt Västerås, Stadt Västerås, "},
			"goteborg":  {"sv", "Positionspapper för Göteborg Stads vänorter Aarhus, Bergen och Åbo, Göteborgs Stad, "},
			"stuttgart": {"de", "Internationales Stuttgart, Landeshauptstadt Stuttgart, Abteilung Außenbeziehungen, "},
			"berlin":    {"de", "Strategie und Ziele, Land Berlin (berlin.de), "},
		}
		dates := map[string]map[string]string{ // page language → Ballerup's date, "undated"
			"en": {"ballerup": "Source: %s25 August 2014", "berlin": "Source: %sundated"},
			"de": {"ballerup": "Quelle: %s25. August 2014", "berlin": "Quelle: %sohne Datum"},
			"sv": {"ballerup": "Källa: %s25 augusti 2014", "berlin": "Källa: %sodaterat"},
			"da": {"ballerup": "Kilde: %s25. august 2014", "berlin": "Kilde: %sudateret"},
		}
		for lang, byCity := range dates {
			reader := &person{t: t, base: srv.URL, c: servertest.Client(t), lang: lang}
			for slug, w := range want {
				doc := reader.page("/m/" + slug + "/policy")
				p := doc.Find("main p").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find("cite").Length() == 1 })
				got := squash(p.Text())
				if cite := p.Find("cite"); cite.AttrOr("lang", "") != w.lang || p.Find("span").AttrOr("lang", "") != w.lang {
					t.Errorf("%s in %s: the title and publisher are not marked %s: %q", slug, lang, w.lang, got)
				}
				if f, ok := byCity[slug]; ok && got != strings.Replace(f, "%s", w.source, 1) {
					t.Errorf("%s in %s: %q", slug, lang, got)
				}
				if !strings.Contains(got, w.source) {
					t.Errorf("%s in %s: %q, want the title and publisher %q", slug, lang, got, w.source)
				}
			}
		}
	})

	// The seeded texts' paths and working notes the issue found are gone from
	// every public page, and so are the repository copies the partners'
	// coordinates and the exchange rates cited ("github:…") and the research
	// notes in the partnerships' history (migration 00117).
	t.Run("no repository paths or working notes on public pages", func(t *testing.T) {
		pages := crawl(t, anon, []string{"/", "/compare", "/m/ballerup", "/m/stuttgart", "/m/goteborg", "/m/vasteras", "/m/berlin"})
		t.Logf("%d pages", len(pages))
		if len(pages) < 100 {
			t.Errorf("only %d public pages found", len(pages))
		}
		for path, html := range pages {
			for _, bad := range []string{"seeds/", ".da.txt", ".de.txt", ".sv.txt", "brief expected", "(brief", "JulesProject", "defra_factors",
				"github:", "VoyInit", "eurofxref", "year per ", "start year not found", "assumed to be", "low confidence"} {
				if strings.Contains(html, bad) {
					t.Errorf("%s shows %q", path, bad)
				}
			}
		}
	})

	t.Run("headings of the documents are headings", func(t *testing.T) {
		for slug, headings := range map[string][]string{
			"ballerup":  {"Introduktion", "Tilskud og finansiering", "Åbenhed og dokumentation"},
			"goteborg":  {"Inriktning och ansvar", "Utvärdering och uppföljning"},
			"vasteras":  {"Definition der internationalen Arbeit", "Strategien für internationale Arbeit"},
			"stuttgart": {"Was die Abteilung Außenbeziehungen leistet"},
			"berlin":    {"Strategie und Ziele"},
		} {
			doc := anon.page("/m/" + slug + "/policy")
			body := doc.Find(".policy-text")
			var marked []string
			body.Find("h2, h3").Each(func(_ int, h *goquery.Selection) { marked = append(marked, text(h)) })
			for _, h := range headings {
				if !strings.Contains("|"+strings.Join(marked, "|")+"|", "|"+h+"|") {
					t.Errorf("%s: %q is not a heading of the text (headings: %v)", slug, h, marked)
				}
			}
			// Every heading of the contents leads to a heading, none is a paragraph.
			doc.Find(".policy-toc a").Each(func(_ int, a *goquery.Selection) {
				target := body.Find(a.AttrOr("href", "-"))
				if name := goquery.NodeName(target); name != "h2" && name != "h3" {
					t.Errorf("%s: the contents' %q leads to a %q", slug, text(a), name)
				}
			})
			body.Find("p").Each(func(_ int, p *goquery.Selection) {
				for _, h := range marked {
					if text(p) == h {
						t.Errorf("%s: the heading %q is also a paragraph", slug, h)
					}
				}
			})
		}
	})

	t.Run("notes carry their language", func(t *testing.T) {
		for _, slug := range []string{"ballerup", "stuttgart", "goteborg", "vasteras", "berlin"} {
			anon.page("/m/" + slug + "/partners").Find(`a[href^="/m/` + slug + `/partners/"]`).Each(func(_ int, a *goquery.Selection) {
				href := a.AttrOr("href", "")
				if strings.HasSuffix(href, ".csv") {
					return
				}
				doc := anon.page(href)
				doc.Find("#note").NextUntil("section").Filter("p").Each(func(_ int, p *goquery.Selection) {
					if p.AttrOr("lang", "") == "" {
						t.Errorf("%s: the partner note %q has no language", href, text(p))
					}
				})
				doc.Find("table.history tbody tr").Each(func(_ int, tr *goquery.Selection) {
					if note := tr.Find("td").Last(); text(note) != "" && note.AttrOr("lang", "") == "" {
						t.Errorf("%s: the status note %q has no language", href, text(note))
					}
				})
			})
		}
		doc := anon.page("/m/goteborg/partners/" + itoa(chicago))
		if p := doc.Find("#note").NextUntil("section").Filter("p"); p.AttrOr("lang", "") != "sv" || text(p) != "Samarbetet gäller hamnfrågor." {
			t.Errorf("a note written in Göteborg's workspace: %q lang %q", text(p), p.AttrOr("lang", ""))
		}
		if td := doc.Find("table.history tbody td").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return text(s) == "Återupptaget med en ny avsiktsförklaring."
		}); td.AttrOr("lang", "") != "sv" {
			t.Errorf("a status note written in Göteborg's workspace: lang %q (%d found)", td.AttrOr("lang", ""), td.Length())
		}
		// "Adopted by" is the body's name in the policy's language.
		by := anon.page("/m/vasteras/policy").Find("dt").FilterFunction(func(_ int, s *goquery.Selection) bool { return text(s) == "Adopted by" }).Next()
		if text(by) != "Stadtverordnetenversammlung" || by.AttrOr("lang", "") != "de" {
			t.Errorf("Adopted by: %q lang %q", text(by), by.AttrOr("lang", ""))
		}
	})

	t.Run("Brandenburg a partnership in 2014, a twin town from 2017", func(t *testing.T) {
		var href string
		anon.page("/m/ballerup/partners").Find(`a[href^="/m/ballerup/partners/"]`).Each(func(_ int, a *goquery.Selection) {
			if strings.Contains(text(a), "Brandenburg an der Havel") {
				href = a.AttrOr("href", "")
			}
		})
		rows := anon.page(href).Find("table.history tbody tr")
		if rows.Length() != 2 {
			t.Fatalf("Brandenburg's history has %d rows: %q", rows.Length(), text(rows))
		}
		if first := text(rows.Eq(0)); !strings.Contains(first, "25 August 2014") || !strings.Contains(first, "Active") || !strings.Contains(first, "not yet a twin town") {
			t.Errorf("2014: %q", first)
		}
		if second := text(rows.Eq(1)); !strings.Contains(second, "2017") || !strings.Contains(second, "Became a twin town") {
			t.Errorf("2017: %q", second)
		}
	})

	t.Run("emission factors' source named", func(t *testing.T) {
		doc := anon.page("/m/berlin/trips/BER-2025-0001")
		src := doc.Find("main p.small.muted").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.Contains(s.Text(), "DESNZ")
		})
		if !strings.Contains(text(src), "UK Government GHG Conversion Factors 2025 (DESNZ)") || src.Find(`span[lang="en"]`).Length() != 1 {
			t.Errorf("the emission factors' source: %q", text(src))
		}
	})
}

// crawl reads the public pages reachable from start, following the links a
// visitor follows (no query strings, no downloads, not the workspace), and
// returns each page's HTML by path.
func crawl(t *testing.T, v *person, start []string) map[string]string {
	t.Helper()
	seen := map[string]string{}
	queue := append([]string(nil), start...)
	for len(queue) > 0 && len(seen) < 800 {
		path := queue[0]
		queue = queue[1:]
		if _, ok := seen[path]; ok {
			continue
		}
		res, doc := servertest.Get(t, v.c, v.base+path, v.lang)
		seen[path] = ""
		switch {
		case res.StatusCode == http.StatusSeeOther || res.StatusCode == http.StatusMovedPermanently:
			queue = append(queue, res.Header.Get("Location"))
			continue
		case res.StatusCode != http.StatusOK:
			t.Errorf("%s: %d", path, res.StatusCode)
			continue
		}
		html, _ := doc.Html()
		seen[path] = html
		doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			u, err := url.Parse(a.AttrOr("href", ""))
			if err != nil || u.Host != "" || u.RawQuery != "" || !strings.HasPrefix(u.Path, "/") {
				return
			}
			p := u.Path
			for _, skip := range []string{"/staff", "/setup", "/static", "/api/v1", "/files/"} {
				if strings.HasPrefix(p, skip) || strings.Contains(p, skip) {
					return
				}
			}
			if i := strings.LastIndex(p, "."); i > strings.LastIndex(p, "/") {
				return // a download: .csv, .json, .ics, .atom, .css
			}
			if _, ok := seen[p]; !ok {
				queue = append(queue, p)
			}
		})
	}
	return seen
}
