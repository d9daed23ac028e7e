package server_test

import (
	"encoding/xml"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/servertest"
)

// uiLanguages are the interface languages every page is read in.
var uiLanguages = []string{"en", "de", "sv", "da"}

var slugs = []string{"vasteras", "goteborg", "ballerup", "stuttgart", "berlin"}

// TestContentCarriesItsLanguage reads every public page type of the five
// municipalities, and the workspace pages that show content, in each interface
// language, and checks that every stored text they show sits in an element whose
// nearest lang is the language the text is written in (WCAG 3.1.2), that no lang
// is empty or not a BCP 47 tag, and that <html lang> is the interface language.
func TestContentCarriesItsLanguage(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	if _, err := demo.Load(t.Context(), pool, demo.Options{Trips: 40, Seed: 7, Now: servertest.Now}); err != nil {
		t.Fatalf("demo: %v", err)
	}
	start := time.Now()
	putInReview(t, pool)
	ours := ourTrips(t, pool)
	admins := map[string]*http.Client{}
	for _, slug := range slugs {
		email := "admin@" + slug + ".example"
		id := servertest.CreateAccount(t, pool, slug, access.RoleAdmin, email)
		if slug == "goteborg" {
			addRecords(t, pool, id)
		}
		admins[slug] = servertest.Client(t)
		servertest.SignIn(t, admins[slug], srv.URL, email)
	}
	ck := &langCheck{needles: contentNeedles(t, pool), found: map[string]int{}, failures: map[string]bool{}}

	public := &walk{base: srv.URL, client: servertest.Client(t), allow: publicPage, perKey: map[string]int{}, seen: map[string]bool{}}
	// The search's words are shorter than the texts looked for: the page
	// repeats them in its own language.
	public.queue = append(public.queue, "/", "/compare", "/search?q=skole", "/search?q=Klima")
	for _, slug := range slugs {
		public.queue = append(public.queue, "/m/"+slug)
	}
	public.queue = append(public.queue, recordPages(t, pool)...)
	public.run(t, ck)
	for _, slug := range slugs {
		staff := &walk{base: srv.URL, client: admins[slug], allow: staffPage, perKey: map[string]int{}, seen: map[string]bool{}}
		staff.queue = []string{"/staff", "/staff/review", "/staff/trips", "/staff/policy/rules"}
		if slug == "goteborg" {
			staff.queue = append(staff.queue, "/staff/meetings", "/staff/meetings/notices")
		}
		staff.run(t, ck)
		public.pages += staff.pages
	}
	t.Logf("%d pages read in %d languages, %d texts checked, in %v", public.pages, len(uiLanguages), ck.checked, time.Since(start).Round(time.Millisecond))
	checkFeeds(t, srv.URL, ours)

	if testing.Verbose() {
		t.Logf("texts checked by kind: %v", ck.found)
	}
	for _, k := range contentKinds {
		if ck.found[k] == 0 {
			t.Errorf("no page showed a %s: the walk or the test's reading of it is wrong", k)
		}
	}
	fails := slices.Sorted(func(yield func(string) bool) {
		for f := range ck.failures {
			if !yield(f) {
				return
			}
		}
	})
	const show = 1000
	for i, f := range fails {
		if i == show {
			t.Errorf("… and %d more", len(fails)-show)
			break
		}
		t.Error(f)
	}
}

// putInReview takes each municipality's two latest published trips back into
// review, one plan and one report, for the review queue and pages.
func putInReview(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	_, err := pool.Exec(t.Context(), `
WITH latest AS (
  SELECT id, row_number() OVER (PARTITION BY municipality_id ORDER BY starts_on DESC, id) AS n
  FROM trip WHERE status = 'published' AND EXISTS (SELECT 1 FROM trip_report r WHERE r.trip_id = trip.id))
UPDATE trip SET status = CASE n WHEN 1 THEN 'report_submitted' ELSE 'submitted' END,
       published_at = NULL, report_approved_at = NULL,
       approved_at = CASE n WHEN 1 THEN approved_at END, completed_at = CASE n WHEN 1 THEN completed_at END
FROM latest WHERE latest.id = trip.id AND n <= 2`)
	if err != nil {
		t.Fatalf("trips in review: %v", err)
	}
}

// ourTrip is a published trip of a municipality's own (not demonstration data),
// whose title the feed and calendar give in its language.
type ourTrip struct{ slug, ref, title, lang string }

// ourTrips publishes a trip in each municipality, in its language.
func ourTrips(t *testing.T, pool *pgxpool.Pool) []ourTrip {
	t.Helper()
	list := []ourTrip{
		{"vasteras", "VAS-2026-0901", "Studiebesök i Lahtis om cirkulär ekonomi", "sv"},
		{"goteborg", "GOT-2026-0901", "Vänortsmöte i Bergen om klimatanpassning", "sv"},
		{"ballerup", "BAL-2026-0901", "Studietur til Wuxi om erhvervssamarbejde", "da"},
		{"stuttgart", "STU-2026-0901", "Fachbesuch in Straßburg zur Radverkehrsplanung", "de"},
		{"berlin", "BER-2026-0901", "Arbeitsbesuch in Paris zum Klimaschutz", "de"},
	}
	for _, o := range list {
		id := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: o.slug, Reference: o.ref, Title: o.title,
			Purpose: o.title + ".", Start: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)})
		// The fixture's traveller role is English ("Member").
		if _, err := pool.Exec(t.Context(), `UPDATE trip_traveller SET role = '' WHERE trip_id = $1`, id); err != nil {
			t.Fatal(err)
		}
	}
	return list
}

// checkFeeds reads each municipality's Atom feed and calendar in every
// interface language: the feed is in the reader's language, a trip's own title
// in the trip's (xml:lang on the entry's title, LANGUAGE on the event's SUMMARY).
func checkFeeds(t *testing.T, base string, ours []ourTrip) {
	t.Helper()
	c := servertest.Client(t)
	fetch := func(path, ui string) string {
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		req.Header.Set("Accept-Language", ui)
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %v", path, res.StatusCode, err)
		}
		return string(b)
	}
	type text struct {
		Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Text string `xml:",chardata"`
	}
	var feed struct {
		Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Entries []struct {
			Title text `xml:"title"`
		} `xml:"entry"`
	}
	for _, o := range ours {
		for _, ui := range uiLanguages {
			if err := xml.Unmarshal([]byte(fetch("/m/"+o.slug+"/feed.atom", ui)), &feed); err != nil {
				t.Fatalf("%s feed: %v", o.slug, err)
			}
			if feed.Lang != ui {
				t.Errorf("%s feed (%s): xml:lang %q", o.slug, ui, feed.Lang)
			}
			i := slices.IndexFunc(feed.Entries, func(e struct {
				Title text `xml:"title"`
			}) bool {
				return strings.Contains(e.Title.Text, o.title)
			})
			if i < 0 {
				t.Errorf("%s feed (%s): no entry %s", o.slug, ui, o.ref)
			} else if got := feed.Entries[i].Title.Lang; got != o.lang {
				t.Errorf("%s feed (%s): the title of %s has xml:lang %q, want %q", o.slug, ui, o.ref, got, o.lang)
			}
			cal := strings.ReplaceAll(fetch("/m/"+o.slug+"/calendar.ics", ui), "\r\n ", "")
			if want := "SUMMARY;LANGUAGE=" + o.lang + ":" + o.ref + ": "; !strings.Contains(cal, want) {
				t.Errorf("%s calendar (%s): no %q", o.slug, ui, want)
			}
		}
	}
}

// addRecords gives Göteborg twin-city meetings, a department's notice of a new
// cooperation and a partnership's council decision, and Ballerup a membership of
// Stuttgart's network (whose description is German): records the demo data
// have none of.
func addRecords(t *testing.T, pool *pgxpool.Pool, adminID int64) {
	t.Helper()
	for _, sql := range []string{`
INSERT INTO twin_city_meeting (municipality_id, year, host, place, participants, note)
SELECT m.id, v.year, v.host, v.place, v.participants, v.note FROM municipality m,
(VALUES (2022, 'Bergen', 'Bergens rådhus, Bergen', 'Kommunstyrelsens ordförande och två tjänstepersoner', 'Mötet handlade om klimatanpassning i hamnstäderna'),
        (2024, 'Turku', 'Åbo stadshus, Åbo', 'Kommunfullmäktiges presidium', 'Vänorterna enades om ett gemensamt ungdomsprogram')) AS v (year, host, place, participants, note)
WHERE m.slug = 'goteborg'`, `
INSERT INTO cooperation_notice (municipality_id, department, partner, summary, created_by)
SELECT m.id, 'Kulturförvaltningen', 'Bergen', 'Utbyte mellan stadsbiblioteken om läsfrämjande för unga', $1::bigint
FROM municipality m WHERE m.slug = 'goteborg'`, `
UPDATE partnership SET council_decision_ref = 'Kommunfullmäktiges beslut den 14 mars 2019, § 12'
WHERE id = (SELECT min(p.id) FROM partnership p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'goteborg')`, `
INSERT INTO network_membership (network_id, municipality_id, role, since_year)
SELECT n.id, m.id, 'member', 2020 FROM network n, municipality m WHERE n.name = 'Cities for Mobility' AND m.slug = 'ballerup'`,
	} {
		args := []any{}
		if strings.Contains(sql, "$1") {
			args = append(args, adminID)
		}
		if _, err := pool.Exec(t.Context(), sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
}

// recordPages are pages of records the walk may not come to within its bounds,
// for each municipality: its first partnership with a note, with a note in its
// status history and with a council decision, and its latest trip with a report.
func recordPages(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	rows, err := pool.Query(t.Context(), `
SELECT path FROM (
  SELECT DISTINCT ON (m.slug, k.kind) m.slug, '/m/' || m.slug || '/partners/' || p.id AS path
  FROM partnership p JOIN municipality m ON m.id = p.municipality_id,
  LATERAL (SELECT 'note' AS kind WHERE p.note <> ''
           UNION ALL SELECT 'decision' WHERE p.council_decision_ref <> ''
           UNION ALL SELECT 'history' FROM partnership_status_change c WHERE c.partnership_id = p.id AND c.note <> '') k
  WHERE p.archived_at IS NULL
  ORDER BY m.slug, k.kind, p.id) AS partners
UNION ALL
SELECT path FROM (
  SELECT DISTINCT ON (m.slug) m.slug, '/m/' || m.slug || '/trips/' || t.reference AS path
  FROM trip t JOIN municipality m ON m.id = t.municipality_id JOIN trip_report r ON r.trip_id = t.id
  WHERE t.status = 'published' AND r.outcome <> ''
  ORDER BY m.slug, t.starts_on DESC, t.reference) AS trips
ORDER BY path`)
	if err != nil {
		t.Fatalf("record pages: %v", err)
	}
	var out []string
	for rows.Next() {
		var path string
		if err := rows.Scan(&path); err != nil {
			t.Fatal(err)
		}
		out = append(out, path)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
