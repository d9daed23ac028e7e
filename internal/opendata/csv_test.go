package opendata

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/access"
)

func TestNeutralise(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"=1+1":              "'=1+1",
		"+1":                "'+1",
		"-1":                "'-1",
		"@SUM(A1:A2)":       "'@SUM(A1:A2)",
		"\tcmd":             "'\tcmd",
		"\rcmd":             "'\rcmd",
		"＝1+1":              "'＝1+1",
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"":                  "",
		"Study visit":       "Study visit",
		"1234.50":           "1234.50",
		"2026-03-14":        "2026-03-14",
		"a=b":               "a=b",
		"Göteborg (SE)":     "Göteborg (SE)",
		" =1+1":             " =1+1",
		"https://x.org/m/a": "https://x.org/m/a",
	} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func sampleRecord() *Record {
	start := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	return &Record{
		ID: 1, Reference: "STU-2026-0007", Purpose: "=HYPERLINK(\"http://evil\")",
		StartsOn: &start, EndsOn: ptr(start.AddDate(0, 0, 3)), Organiser: "Abteilung Außenbeziehungen",
		Cities: []string{"East Kilbride, South Lanarkshire", "Cardiff"}, CityCountries: []string{"GB", "GB"},
		TravellerNames: []string{"Anna Lund", "Per Berg"}, TravellerRoles: []string{"Mayor", ""}, TravellerKinds: []string{access.RolePolitician, access.RoleStaff},
		PriorityCodes: []string{"F1", "F3"}, PriorityTitles: []string{"Mobility", "Climate"},
		PartnershipCity: ptr("Cardiff"), BudgetLineCode: ptr("OB-INT"), BudgetLineName: ptr("International"), BudgetLineYear: ptr(2026),
		Currency: "EUR", MinorUnits: 2,
		Planned: [NumCategories]int64{100000, 50050, 0, 2000, 0, 5}, PlannedTotal: 152055,
		Actual: [NumCategories]int64{90000, 50050, 1000, 2000, 0, 0}, ActualTotal: 143050, HasActual: true,
		Total: 143050, Travellers: 2, DistanceKm: ptr(2761.449), CO2eKg: ptr(441.83),
		ApprovedAt:  ptr(time.Date(2026, 2, 1, 10, 0, 0, 0, time.FixedZone("CET", 3600))),
		PublishedAt: ptr(time.Date(2026, 4, 20, 8, 30, 15, 0, time.UTC)),
		Demo:        true,
	}
}

func TestCSVWriter(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	cw, err := NewCSVWriter(&buf, "https://portal.example.org/", "stuttgart", "Stuttgart")
	if err != nil {
		t.Fatal(err)
	}
	rec := sampleRecord()
	if err := cw.Write(rec); err != nil {
		t.Fatal(err)
	}
	noActual := sampleRecord()
	noActual.Reference, noActual.HasActual, noActual.Total, noActual.DistanceKm, noActual.CO2eKg = "STU-2026-0008", false, noActual.PlannedTotal, nil, nil
	noActual.PartnershipCity, noActual.BudgetLineCode, noActual.ApprovedAt = nil, nil, nil
	if err := cw.Write(noActual); err != nil {
		t.Fatal(err)
	}
	if err := cw.Flush(); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	if !strings.HasPrefix(raw, BOM+"reference,") {
		t.Fatalf("no BOM and header at the start: %q", raw[:20])
	}
	if strings.Count(raw, "\r\n") != 3 || strings.Count(raw, "\n") != 3 {
		t.Errorf("want 3 CRLF-terminated lines, got %q", raw)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(raw, BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	got := func(row int, name string) string {
		i, ok := col[name]
		if !ok {
			t.Fatalf("no column %q", name)
		}
		return rows[row][i]
	}
	for name, want := range map[string]string{
		"reference":         "STU-2026-0007",
		"municipality":      "Stuttgart",
		"starts_on":         "2026-03-14",
		"ends_on":           "2026-03-17",
		"purpose":           "'=HYPERLINK(\"http://evil\")",
		"organiser":         "Abteilung Außenbeziehungen",
		"destinations":      "East Kilbride, South Lanarkshire (GB); Cardiff (GB)",
		"countries":         "GB",
		"travellers":        "Anna Lund (Mayor); Per Berg",
		"priorities":        "F1; F3",
		"partnership_city":  "Cardiff",
		"budget_line_code":  "OB-INT",
		"currency":          "EUR",
		"planned_transport": "1000.00",
		"planned_lodging":   "500.50",
		"planned_other":     "0.05",
		"planned_total":     "1520.55",
		"actual_meals":      "10.00",
		"actual_other":      "0.00",
		"actual_total":      "1430.50",
		"total":             "1430.50",
		"travellers_count":  "2",
		"distance_km":       "2761.4",
		"co2e_kg":           "441.8",
		"approved_at":       "2026-02-01T09:00:00Z",
		"published_at":      "2026-04-20T08:30:15Z",
		"demo":              "true",
		"url":               "https://portal.example.org/m/stuttgart/trips/STU-2026-0007",
	} {
		if g := got(1, name); g != want {
			t.Errorf("%s = %q, want %q", name, g, want)
		}
	}
	for name, want := range map[string]string{
		"actual_transport": "", "actual_total": "", "total": "1520.55", "distance_km": "", "co2e_kg": "",
		"partnership_city": "", "budget_line_code": "", "approved_at": "",
	} {
		if g := got(2, name); g != want {
			t.Errorf("without actual costs: %s = %q, want %q", name, g, want)
		}
	}
	if len(rows[0]) != len(CSVHeader) || len(rows[1]) != len(CSVHeader) {
		t.Errorf("header %d, row %d cells", len(rows[0]), len(rows[1]))
	}
}
