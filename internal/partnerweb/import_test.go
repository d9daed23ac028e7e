package partnerweb_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestImportPartnershipsRoundTrip: Berlin's open-data partnerships.csv, read
// back by a new municipality's administrator, brings in every partnership,
// matching Berlin's partner cities instead of adding them again; the
// download of the new municipality then holds the same rows.
func TestImportPartnershipsRoundTrip(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.AddMunicipality(t, pool, "odense", "ODE", "admin@odense.example")
	anon := servertest.Client(t)
	res, _ := anon.Get(srv.URL + "/m/berlin/partners/partnerships.csv")
	berlin, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("partnerships.csv: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	want := servertest.Scalar[int](t, pool, `SELECT count(*) FROM partnership p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'berlin' AND p.archived_at IS NULL`)
	if lines := strings.Count(string(berlin), "\r\n"); lines != want+1 || want == 0 {
		t.Fatalf("%d lines for %d partnerships", lines, want)
	}
	cities := servertest.Scalar[int](t, pool, `SELECT count(*) FROM partner_city`)

	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "admin@odense.example")
	_, doc := servertest.Get(t, c, srv.URL+"/staff/partners/import", "en")
	res = servertest.PostMultipart(t, c, srv.URL+"/staff/partners/import", url.Values{"csrf": {servertest.CSRF(doc)}},
		servertest.File{Field: "file", Name: "berlin.csv", Content: berlin})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("import: status %d", res.StatusCode)
	}
	got := servertest.Scalar[int](t, pool, `SELECT count(*) FROM partnership p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'odense'`)
	if got != want {
		t.Errorf("imported %d partnerships, want %d", got, want)
	}
	if n := servertest.Scalar[int](t, pool, `SELECT count(*) FROM partner_city`); n != cities {
		t.Errorf("partner cities %d → %d: Berlin's cities were not matched", cities, n)
	}
	res, _ = anon.Get(srv.URL + "/m/odense/partners/partnerships.csv")
	odense, _ := io.ReadAll(res.Body)
	res.Body.Close()
	strip := func(b []byte) string { // the url column names the municipality
		var out []string
		for _, l := range strings.Split(string(b), "\r\n") {
			if i := strings.LastIndex(l, ",http"); i >= 0 {
				l = l[:i]
			}
			out = append(out, l)
		}
		return strings.Join(out, "\n")
	}
	if strip(odense) != strip(berlin) {
		t.Errorf("the new download differs:\n%s\n---\n%s", strip(odense), strip(berlin))
	}
}

// TestImportPartnershipsRefused: a file with wrong rows saves nothing and lists
// every problem by line and column in the reader's language; a spreadsheet's
// semicolons and a missing column are understood and explained.
func TestImportPartnershipsRefused(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.AddMunicipality(t, pool, "odense", "ODE", "admin@odense.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "admin@odense.example")
	_, doc := servertest.Get(t, c, srv.URL+"/staff/partners/import?lang=da", "da")
	tok := servertest.CSRF(doc)
	post := func(content string) (*http.Response, string) {
		res := servertest.PostMultipart(t, c, srv.URL+"/staff/partners/import", url.Values{"csrf": {tok}},
			servertest.File{Field: "file", Name: "p.csv", Content: []byte(content)})
		d := servertest.Doc(t, res)
		return res, d.Find("#import-errors tbody").Text() + d.Find("#file-error").Text()
	}
	file := "partner_city;country;kind;status;since_year\n" +
		"Kuopio;FI;twin_town;active;1956\n" +
		";SE;twin_town;active;1950\n" +
		"Harstad;NO;sister;active;1950\n" +
		"Kuopio;FI;friendship;ended;2001\n" +
		"Tartu;EE;friendship;ended;20x1\n"
	res, text := post(file)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad rows: status %d", res.StatusCode)
	}
	for _, want := range []string{"3partner_city", "4kind", "5partner_city", "6since_year"} {
		if !strings.Contains(strings.Join(strings.Fields(text), ""), want) {
			t.Errorf("no error %q in %q", want, text)
		}
	}
	if !strings.Contains(text, "Skal være en af") {
		t.Errorf("errors not in Danish: %q", text)
	}
	if n := servertest.Scalar[int](t, pool, `SELECT count(*) FROM partnership p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'odense'`); n != 0 {
		t.Fatalf("%d partnerships saved from a refused file", n)
	}
	if n := servertest.Scalar[int](t, pool, `SELECT count(*) FROM partner_city WHERE name = 'Harstad'`); n != 0 {
		t.Error("a partner city was saved from a refused file")
	}
	if res, text := post("city;kind\nKuopio;twin_town\n"); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text, "partner_city") {
		t.Errorf("missing column: %d %q", res.StatusCode, text)
	}
}

// TestImportRefusedByPolicyQuotesTheRule: a row the municipality's policy
// refuses comes back beside the column the rule is about, with the rule's
// sentence in its policy's language: Västerås's new twin town (its kind),
// Göteborg's twin town without the council's decision. Västerås's twin town
// from before the policy imports.
//
// Västerås: „Neue Partnerschaftsabkommen werden nicht unterzeichnet.“
// Göteborg: ”Göteborgs Stads vision och strategier för internationellt
// samarbete slår fast att Kommunfullmäktige fattar beslut om att etablera nya
// vänorter.”
func TestImportRefusedByPolicyQuotesTheRule(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	for _, tc := range []struct {
		slug, file, column, problem, lang, sentence string
	}{
		{"vasteras", "partner_city;country;kind;status;since_year\nTartu;EE;twin_town;active;2019\nKolding;DK;twin_town;active;1950\n",
			"kind", "rules out new partnerships of this kind", "de", "Neue Partnerschaftsabkommen werden nicht unterzeichnet."},
		{"goteborg", "partner_city;country;kind;status;since_year\nTartu;EE;twin_town;active;2019\n",
			"council_decision_ref", "requires a council decision", "sv",
			"Göteborgs Stads vision och strategier för internationellt samarbete slår fast att Kommunfullmäktige fattar beslut om att etablera nya vänorter."},
	} {
		t.Run(tc.slug, func(t *testing.T) {
			email := "admin@" + tc.slug + ".example"
			servertest.CreateAccount(t, pool, tc.slug, access.RoleAdmin, email)
			c := servertest.Client(t)
			servertest.SignIn(t, c, srv.URL, email)
			_, doc := servertest.Get(t, c, srv.URL+"/staff/partners/import", "en")
			res := servertest.PostMultipart(t, c, srv.URL+"/staff/partners/import", url.Values{"csrf": {servertest.CSRF(doc)}},
				servertest.File{Field: "file", Name: "p.csv", Content: []byte(tc.file)})
			doc = servertest.Doc(t, res)
			rows := doc.Find("#import-errors tbody tr")
			if res.StatusCode != http.StatusUnprocessableEntity || rows.Length() != 1 {
				t.Fatalf("a row the policy refuses: %d, %d errors %q", res.StatusCode, rows.Length(), rows.Text())
			}
			if got := rows.Find("td code").Text(); got != tc.column {
				t.Errorf("the error is in column %q, want %q", got, tc.column)
			}
			if !strings.Contains(rows.Text(), tc.problem) {
				t.Errorf("the problem reads %q", rows.Text())
			}
			if got := strings.Join(strings.Fields(rows.Find(`figure.rule-quote blockquote[lang="`+tc.lang+`"]`).Text()), " "); got != tc.sentence {
				t.Errorf("the refusal quotes %q, want %q", got, tc.sentence)
			}
		})
	}
}
