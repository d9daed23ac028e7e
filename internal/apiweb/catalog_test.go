package apiweb_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/piprate/json-gold/ld"

	"github.com/municipal-intl/portal/internal/servertest"
)

const (
	dcat  = "http://www.w3.org/ns/dcat#"
	dct   = "http://purl.org/dc/terms/"
	foaf  = "http://xmlns.com/foaf/0.1/"
	vcard = "http://www.w3.org/2006/vcard/ns#"
)

// expanded is a JSON-LD node after expansion: full IRIs as keys, values as lists.
type expanded = map[string]any

func nodes(n expanded, prop string) []expanded {
	var out []expanded
	list, _ := n[prop].([]any)
	for _, v := range list {
		if m, ok := v.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// has reports whether the node has a value for every property.
func has(t *testing.T, what string, n expanded, props ...string) {
	t.Helper()
	for _, p := range props {
		if len(nodes(n, p)) == 0 {
			t.Errorf("%s %v lacks %s", what, n["@id"], p)
		}
	}
}

func languagesOf(n expanded, prop string) map[string]bool {
	out := map[string]bool{}
	for _, v := range nodes(n, prop) {
		if l, ok := v["@language"].(string); ok {
			out[l] = true
		}
	}
	return out
}

func TestCatalogueIsDCATAPInJSONLD(t *testing.T) {
	srv, pool := servertest.New(t)
	seedTrips(t, pool)
	servertest.Exec(t, pool, `UPDATE municipality SET data_licence = 'CC0-1.0', data_contact_email = 'opendata@stuttgart.example' WHERE slug = 'stuttgart'`)
	res, err := http.Get(srv.URL + "/catalog.jsonld")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/ld+json" {
		t.Fatalf("GET /catalog.jsonld: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	var doc any
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	opts := ld.NewJsonLdOptions("")
	out, err := ld.NewJsonLdProcessor().Expand(doc, opts)
	if err != nil {
		t.Fatalf("catalogue is not valid JSON-LD: %v", err)
	}
	if len(out) != 1 {
		t.Fatalf("expanded to %d top nodes, want the catalogue", len(out))
	}
	cat := out[0].(map[string]any)
	if types, _ := cat["@type"].([]any); len(types) != 1 || types[0] != dcat+"Catalog" {
		t.Fatalf("top node type %v", cat["@type"])
	}
	// DCAT-AP: a catalogue's mandatory properties, and recommended ones.
	has(t, "catalogue", cat, dct+"title", dct+"description", dct+"publisher", dcat+"dataset", foaf+"homepage", dct+"language", dct+"modified", dct+"license")
	if l := languagesOf(cat, dct+"title"); !l["en"] || !l["de"] || !l["sv"] || !l["da"] {
		t.Errorf("catalogue title in %v, want en, de, sv, da", l)
	}
	datasets := nodes(cat, dcat+"dataset")
	if len(datasets) != 5*4 {
		t.Errorf("%d datasets, want 4 for each of the 5 municipalities", len(datasets))
	}
	seen := map[string]bool{}
	for _, ds := range datasets {
		id, _ := ds["@id"].(string)
		seen[id] = true
		// Mandatory: title, description; recommended: publisher, contact point,
		// language, distribution, modified, landing page; temporal where there is data.
		has(t, "dataset", ds, dct+"title", dct+"description", dct+"publisher", dcat+"contactPoint", dct+"language",
			dcat+"distribution", dct+"modified", dcat+"landingPage", dcat+"keyword")
		for _, d := range nodes(ds, dcat+"distribution") {
			has(t, "distribution", d, dcat+"accessURL", dct+"format", dct+"license", dcat+"mediaType")
		}
		for _, p := range nodes(ds, dct+"publisher") {
			has(t, "publisher", p, foaf+"name")
		}
		for _, c := range nodes(ds, dcat+"contactPoint") {
			has(t, "contact point", c, vcard+"fn")
		}
		if strings.Contains(id, "/m/stuttgart#dataset-trips") {
			checkStuttgartTrips(t, ds)
		}
	}
	if !seen["https://portal.example.org/m/stuttgart#dataset-trips"] || !seen["https://portal.example.org/m/ballerup#dataset-budgets"] {
		t.Errorf("datasets %v", seen)
	}
}

func checkStuttgartTrips(t *testing.T, ds expanded) {
	t.Helper()
	temporal := nodes(ds, dct+"temporal")
	if len(temporal) != 1 {
		t.Fatalf("trips dataset temporal %v", ds[dct+"temporal"])
	}
	start := nodes(temporal[0], dcat+"startDate")
	end := nodes(temporal[0], dcat+"endDate")
	if len(start) != 1 || start[0]["@value"] != "2025-02-03" || len(end) != 1 || end[0]["@value"] != "2026-06-30" {
		t.Errorf("temporal coverage %v – %v, want 2025-02-03 – 2026-06-30", start, end)
	}
	formats := map[string]bool{}
	for _, d := range nodes(ds, dcat+"distribution") {
		for _, f := range nodes(d, dct+"format") {
			formats[f["@id"].(string)] = true
		}
		for _, l := range nodes(d, dct+"license") {
			if l["@id"] != "https://creativecommons.org/publicdomain/zero/1.0/" {
				t.Errorf("licence %v, want the CC0 Stuttgart chose", l["@id"])
			}
		}
	}
	if !formats["http://publications.europa.eu/resource/authority/file-type/CSV"] || !formats["http://publications.europa.eu/resource/authority/file-type/JSON"] {
		t.Errorf("trips distributions in %v, want CSV and JSON", formats)
	}
	for _, c := range nodes(ds, dcat+"contactPoint") {
		if mail := nodes(c, vcard+"hasEmail"); len(mail) != 1 || mail[0]["@id"] != "mailto:opendata@stuttgart.example" {
			t.Errorf("contact %v", c)
		}
	}
}

func TestCatalogueInTurtle(t *testing.T) {
	srv, _ := servertest.New(t)
	res, err := http.Get(srv.URL + "/catalog.ttl")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	body := string(raw)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/turtle") {
		t.Fatalf("GET /catalog.ttl: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	// N-Triples are Turtle: one statement a line, each ending in " .".
	lines := strings.Split(strings.TrimSpace(body), "\n")
	for _, l := range lines {
		if !strings.HasSuffix(l, " .") || !strings.HasPrefix(l, "<") && !strings.HasPrefix(l, "_:") {
			t.Fatalf("not a triple: %q", l)
		}
	}
	if !strings.Contains(body, "<https://portal.example.org/catalog> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Catalog> .") ||
		strings.Count(body, "<http://www.w3.org/ns/dcat#Dataset> .") != 20 {
		t.Errorf("turtle lacks the catalogue or its 20 datasets (%d lines)", len(lines))
	}
}
