package opendata

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestJSONWriter(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 3} {
		var buf bytes.Buffer
		doc := Document{Municipality: Municipality{Slug: "stuttgart", Name: "Stuttgart", Currency: "EUR", MinorUnits: 2, Languages: []string{"de"}},
			GeneratedAt: "2026-11-22T12:00:00Z", Filters: Filters{Sort: "date_desc"}}
		jw, err := NewJSONWriter(&buf, doc, "https://portal.example.org")
		if err != nil {
			t.Fatal(err)
		}
		for range n {
			if err := jw.Write(sampleRecord()); err != nil {
				t.Fatal(err)
			}
		}
		if err := jw.Close(); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Municipality Municipality
			Filters      map[string]any
			Trips        []map[string]any
		}
		dec := json.NewDecoder(&buf)
		dec.UseNumber()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("%d trips: %v\n%s", n, err, buf.String())
		}
		if len(got.Trips) != n || got.Municipality.Slug != "stuttgart" {
			t.Fatalf("%d trips: decoded %d, municipality %q", n, len(got.Trips), got.Municipality.Slug)
		}
		if v, ok := got.Filters["year"]; !ok || v != nil {
			t.Errorf("unset year filter = %v (present %v), want null", v, ok)
		}
		if n == 0 {
			continue
		}
		tr := got.Trips[0]
		if tr["total"] != "1430.50" || tr["currency"] != "EUR" || tr["starts_on"] != "2026-03-14" || tr["demo"] != true {
			t.Errorf("trip %v", tr)
		}
		if tr["co2e_kg"] != json.Number("441.8") {
			t.Errorf("co2e_kg %#v", tr["co2e_kg"])
		}
		planned := tr["planned"].(map[string]any)
		if planned["lodging"] != "500.50" || planned["total"] != "1520.55" {
			t.Errorf("planned %v", planned)
		}
		// The purpose is data, not a spreadsheet cell: JSON keeps it as entered.
		if tr["purpose"] != `=HYPERLINK("http://evil")` {
			t.Errorf("purpose %q", tr["purpose"])
		}
	}
}

func TestJSONTripWithoutActual(t *testing.T) {
	t.Parallel()
	r := sampleRecord()
	r.HasActual, r.BudgetLineCode = false, nil
	b, err := json.Marshal(NewJSONTrip(r, "https://x.org", "stuttgart"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if v, ok := m["actual"]; !ok || v != nil {
		t.Errorf("actual = %v (present %v), want null", v, ok)
	}
	if v, ok := m["budget_line"]; !ok || v != nil {
		t.Errorf("budget_line = %v (present %v), want null", v, ok)
	}
}
