package tripweb_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestOpenDataJSON(t *testing.T) {
	t.Parallel()
	srv, pool := openDataServer(t, 200)
	res, body := odGet(t, srv.URL+"/m/stuttgart/trips.json?year=2025")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if got := res.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type %q", got)
	}
	var doc struct {
		Municipality struct {
			Slug       string
			Currency   string
			MinorUnits int `json:"minor_units"`
		}
		GeneratedAt string `json:"generated_at"`
		Filters     struct {
			Year    *int
			Country *string
			Sort    string
		}
		Trips []struct {
			Reference string
			StartsOn  string `json:"starts_on"`
			Total     string
			Demo      bool
			Planned   struct{ Total string }
		}
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("%v\n%.500s", err, body)
	}
	if doc.Municipality.Slug != "stuttgart" || doc.Municipality.Currency != "EUR" || doc.Municipality.MinorUnits != 2 {
		t.Errorf("municipality %+v", doc.Municipality)
	}
	if doc.GeneratedAt != "2026-11-22T12:00:00Z" {
		t.Errorf("generated_at %q", doc.GeneratedAt)
	}
	if doc.Filters.Year == nil || *doc.Filters.Year != 2025 || doc.Filters.Country != nil || doc.Filters.Sort != "date_desc" {
		t.Errorf("filters %+v", doc.Filters)
	}
	_, csvBody := odGet(t, srv.URL+"/m/stuttgart/trips.csv?year=2025")
	_, rows := odReadCSV(t, csvBody)
	if len(doc.Trips) != len(rows) || len(rows) == 0 {
		t.Fatalf("JSON has %d trips, CSV %d", len(doc.Trips), len(rows))
	}
	for i, tr := range doc.Trips {
		if tr.Reference != rows[i]["reference"] || tr.Total != rows[i]["total"] || !strings.HasPrefix(tr.StartsOn, "2025-") {
			t.Errorf("trip %d: JSON %+v, CSV %s %s", i, tr, rows[i]["reference"], rows[i]["total"])
		}
	}

	// The document follows its published schema, field by field.
	schema := odLoadSchema(t)
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	for _, e := range schema.validate(schema.root, v, "$") {
		t.Error(e)
	}
	// And a document of every Stuttgart trip, with its nulls, does too.
	_, body = odGet(t, srv.URL+"/m/stuttgart/trips.json")
	dec = json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	errs := schema.validate(schema.root, v, "$")
	for _, e := range errs[:min(len(errs), 10)] {
		t.Error(e)
	}
	_ = pool
}

// odSchema is docs/trips.schema.json with a validator for the keywords it uses.
type odSchema struct {
	root map[string]any
}

func odLoadSchema(t *testing.T) odSchema {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "trips.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatalf("docs/trips.schema.json: %v", err)
	}
	return odSchema{root: root}
}

// validate checks v against schema s: type, enum, pattern, minimum, maximum,
// properties, required, additionalProperties: false, items, anyOf and local $ref.
// A keyword it does not know fails, so the schema cannot outgrow the check.
func (d odSchema) validate(s map[string]any, v any, at string) []string {
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	for k := range s {
		switch k {
		case "$schema", "$id", "$defs", "title", "description", "format",
			"type", "enum", "pattern", "minimum", "maximum", "properties", "required",
			"additionalProperties", "items", "anyOf", "$ref":
		default:
			fail("schema keyword %q is not checked by this test", k)
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		def, ok := d.root["$defs"].(map[string]any)[name].(map[string]any)
		if !ok {
			fail("unknown $ref %q", ref)
			return errs
		}
		errs = append(errs, d.validate(def, v, at)...)
	}
	if alts, ok := s["anyOf"].([]any); ok {
		matched := false
		for _, alt := range alts {
			if len(d.validate(alt.(map[string]any), v, at)) == 0 {
				matched = true
				break
			}
		}
		if !matched {
			fail("%v matches none of anyOf", v)
		}
	}
	if typ, ok := s["type"]; ok {
		var types []string
		switch typ := typ.(type) {
		case string:
			types = []string{typ}
		case []any:
			for _, x := range typ {
				types = append(types, x.(string))
			}
		}
		if !slices.Contains(types, odJSONType(v)) && !(odJSONType(v) == "integer" && slices.Contains(types, "number")) {
			fail("type %s, want %v", odJSONType(v), types)
			return errs
		}
	}
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, v) {
		fail("%v not in %v", v, enum)
	}
	if p, ok := s["pattern"].(string); ok {
		if str, ok := v.(string); ok && !regexp.MustCompile(p).MatchString(str) {
			fail("%q does not match %s", str, p)
		}
	}
	if n, ok := v.(json.Number); ok {
		f, _ := n.Float64()
		if lo, ok := s["minimum"].(float64); ok && f < lo {
			fail("%v below %v", n, lo)
		}
		if hi, ok := s["maximum"].(float64); ok && f > hi {
			fail("%v above %v", n, hi)
		}
	}
	if obj, ok := v.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		for _, r := range odStrings(s["required"]) {
			if _, ok := obj[r]; !ok {
				fail("required %q missing", r)
			}
		}
		for k, val := range obj {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if s["additionalProperties"] == false {
					fail("property %q is not in the schema", k)
				}
				continue
			}
			errs = append(errs, d.validate(ps, val, at+"."+k)...)
		}
	}
	if arr, ok := v.([]any); ok {
		if items, ok := s["items"].(map[string]any); ok {
			for i, it := range arr {
				errs = append(errs, d.validate(items, it, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return errs
}

func odStrings(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		out = append(out, x.(string))
	}
	return out
}

func odJSONType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}
