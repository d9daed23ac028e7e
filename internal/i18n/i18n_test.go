package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var verbRE = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// TestCatalogueComplete fails when any key lacks a translation, a translation is
// empty, or the languages disagree on the fmt verbs of a message.
func TestCatalogueComplete(t *testing.T) {
	c := MustLoad()
	base := c.Keys("en")
	if len(base) == 0 {
		t.Fatal("the English catalogue is empty")
	}
	for _, lang := range Supported {
		keys := map[string]bool{}
		for _, k := range c.Keys(lang) {
			keys[k] = true
		}
		for _, k := range base {
			m, ok := c.Message(lang, k)
			if !ok {
				t.Errorf("%s: missing %q", lang, k)
				continue
			}
			if strings.TrimSpace(m) == "" {
				t.Errorf("%s: %q is empty", lang, k)
			}
			en, _ := c.Message("en", k)
			if got, want := verbRE.FindAllString(m, -1), verbRE.FindAllString(en, -1); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s: %q has verbs %v, English has %v", lang, k, got, want)
			}
			delete(keys, k)
		}
		for k := range keys {
			t.Errorf("%s: %q is not in the English catalogue", lang, k)
		}
	}
}

var (
	// T("literal.key") and templates.T(l, "literal.key", …) in templates and Go code.
	literalKeyRE = regexp.MustCompile(`(?:\.T|SetFlash\(w, r,|Key:|BadRequest\(|templates\.T\([a-zA-Z.]+,) ?\(?"([a-z0-9_]+\.[a-z0-9_.]+)"`)
	// T("prefix." + value): the prefix must have entries; data-driven suffixes are
	// checked by enumValues below.
	prefixKeyRE = regexp.MustCompile(`\.T\("([a-z0-9_]+\.(?:[a-z0-9_]+\.)*)"\s*\+`)
)

// enumValues lists, for each key prefix built from data, the values the database
// allows (see the CHECK constraints in migrations/).
var enumValues = map[string][]string{
	"priority.kind.":      {"priority", "strategy", "field_of_activity", "direction", "responsibility", "focus_area", "guideline", "focus_theme"},
	"partnership.kind.":   {"twin_town", "partnership", "friendship", "network"},
	"partnership.status.": {"active", "suspended", "ended"},
	"agreements.type.":    {"twin_town_agreement", "cooperation_agreement", "declaration", "convention", "memorandum", "network_membership"},
	"transport.mode.": {"domestic_flight_rf", "domestic_flight_no_rf", "short_haul_flight_rf", "short_haul_flight_no_rf",
		"long_haul_flight_rf", "long_haul_flight_no_rf", "national_rail", "international_rail", "coach", "bus",
		"car_unknown", "car_petrol", "car_diesel"},
	"operator.field.": {"name", "name_en", "slug", "code", "country", "region", "currency", "languages",
		"population", "population_year", "latitude", "longitude", "website",
		"election_body", "election_starts", "election_ends", "admin_name", "admin_email", "admin_password"},
	"operator.hint.": {"slug", "code", "country", "region", "currency", "languages", "latitude", "election_body", "admin_password"},
	"body.kind.":     {"council", "finance_committee", "standing_committee", "committee", "department"},
	"month.":         {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"},
	"error.":         {"400.heading", "400.message", "404.heading", "404.message", "405.heading", "405.message", "500.heading", "500.message", "503.heading", "503.message"},
}

// TestEveryUsedKeyExists scans the templates and Go code for message keys and fails
// on any key the catalogue does not have.
func TestEveryUsedKeyExists(t *testing.T) {
	c := MustLoad()
	root := filepath.Join("..", "..")
	used := map[string]string{}
	prefixes := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || strings.HasSuffix(path, "_templ.go") || strings.HasSuffix(path, "_test.go") ||
			!(strings.HasSuffix(path, ".templ") || strings.HasSuffix(path, ".go")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range literalKeyRE.FindAllStringSubmatch(string(b), -1) {
			if !strings.HasSuffix(m[1], ".") {
				used[m[1]] = path
			}
		}
		for _, m := range prefixKeyRE.FindAllStringSubmatch(string(b), -1) {
			prefixes[m[1]] = path
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 10 {
		t.Fatalf("found only %d keys in use: is the scan broken?", len(used))
	}
	for k, where := range used {
		if _, ok := c.Message("en", k); !ok {
			t.Errorf("%s uses %q, which is not in the catalogue", where, k)
		}
	}
	for p, where := range prefixes {
		if _, ok := enumValues[p]; !ok {
			t.Errorf("%s builds keys from %q + a value: list its values in enumValues", where, p)
		}
	}
	for p, values := range enumValues {
		for _, v := range values {
			if _, ok := c.Message("en", p+v); !ok {
				t.Errorf("%q is not in the catalogue", p+v)
			}
		}
	}
}

func TestNegotiate(t *testing.T) {
	c := MustLoad()
	for header, want := range map[string]string{
		"":                                 "en",
		"de-DE,de;q=0.9,en;q=0.5":          "de",
		"sv":                               "sv",
		"da-DK":                            "da",
		"nb-NO,nb;q=0.9":                   "da", // Norwegian readers are best served in Danish
		"fr-FR,fr;q=0.9":                   "en",
		"fr;q=0.9,sv;q=0.8":                "sv",
		"de-AT":                            "de",
		"this is not a header ;;; q=weird": "en",
	} {
		if got := c.Negotiate(header); got != want {
			t.Errorf("Negotiate(%q) = %s, want %s", header, got, want)
		}
	}
}

func TestFormats(t *testing.T) {
	c := MustLoad()
	cases := []struct {
		lang, currency string
		minor          int64
		want           string
	}{
		{"de", "EUR", 123456, "1.234,56\u00a0€"},
		{"sv", "SEK", 123456, "1\u00a0234,56\u00a0kr"},
		{"da", "DKK", 52200000, "522.000,00\u00a0kr."},
		{"en", "EUR", 123456, "€1,234.56"},
		{"en", "DKK", 5, "DKK\u00a00.05"},
		{"sv", "DKK", 100, "1,00\u00a0DKK"},
		{"de", "SEK", -123456, "−1.234,56\u00a0SEK"},
	}
	for _, tc := range cases {
		if got := c.Localizer(tc.lang).Money(tc.minor, tc.currency, 2); got != tc.want {
			t.Errorf("%s Money(%d %s) = %q, want %q", tc.lang, tc.minor, tc.currency, got, tc.want)
		}
	}
	d := time.Date(2014, 10, 9, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"en": "9 October 2014", "de": "9. Oktober 2014", "sv": "9 oktober 2014", "da": "9. oktober 2014"} {
		if got := c.Localizer(lang).Date(d); got != want {
			t.Errorf("%s Date = %q, want %q", lang, got, want)
		}
	}
	if got := c.Localizer("de").Country("SE"); got != "Schweden" {
		t.Errorf("de Country(SE) = %q", got)
	}
	if got := c.Localizer("sv").LanguageName("da"); got != "danska" {
		t.Errorf("sv LanguageName(da) = %q", got)
	}
}
