package opendata

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// BOM is the UTF-8 byte order mark that starts the CSV file. Without it Excel, the
// tool most readers of the CSV open it with, reads UTF-8 as a legacy code page and
// turns Västerås into VÃ¤sterÃ¥s; programs are pointed to the JSON download, and
// docs/open-data.md says how to read the CSV with a BOM (utf-8-sig).
const BOM = "\ufeff"

// CSVHeader is the header row of trips.csv; docs/open-data.md describes each column.
var CSVHeader = []string{
	"reference", "municipality", "starts_on", "ends_on", "purpose", "organiser",
	"destinations", "countries", "travellers", "priorities", "partnership_city", "budget_line_code",
	"currency",
	"planned_transport", "planned_lodging", "planned_meals", "planned_per_diem", "planned_fees", "planned_other", "planned_total",
	"actual_transport", "actual_lodging", "actual_meals", "actual_per_diem", "actual_fees", "actual_other", "actual_total",
	"total", "travellers_count", "distance_km", "co2e_kg", "approved_at", "published_at", "demo", "url",
	"title",
}

// ListSeparator joins the values of a list in one cell. City names may contain
// commas ("East Kilbride, South Lanarkshire"), semicolons they do not.
const ListSeparator = "; "

// CSVWriter writes trips.csv: RFC 4180 with CRLF line ends, UTF-8 after a BOM, one
// header row, then one row per trip.
type CSVWriter struct {
	w            *csv.Writer
	baseURL      string
	slug         string
	municipality string
	row          []string
}

// NewCSVWriter returns a writer of the trips of municipality (display name) whose
// slug and the portal's baseURL make the trip URLs. It writes the BOM and the header.
func NewCSVWriter(w io.Writer, baseURL, slug, municipality string) (*CSVWriter, error) {
	if _, err := io.WriteString(w, BOM); err != nil {
		return nil, err
	}
	cw := &CSVWriter{w: csv.NewWriter(w), baseURL: baseURL, slug: slug, municipality: municipality,
		row: make([]string, 0, len(CSVHeader))}
	cw.w.UseCRLF = true
	if err := cw.w.Write(CSVHeader); err != nil {
		return nil, err
	}
	return cw, nil
}

// Write writes the row of one trip.
func (cw *CSVWriter) Write(r *Record) error {
	row := cw.row[:0]
	row = append(row, r.Reference, cw.municipality, optDate(r.StartsOn), optDate(r.EndsOn), r.Purpose, r.Organiser)

	var b strings.Builder
	for i, city := range r.Cities {
		if i > 0 {
			b.WriteString(ListSeparator)
		}
		b.WriteString(city)
		if i < len(r.CityCountries) {
			b.WriteString(" (" + r.CityCountries[i] + ")")
		}
	}
	row = append(row, b.String(), strings.Join(r.Countries(), ListSeparator))

	b.Reset()
	for i, name := range r.TravellerNames {
		if i > 0 {
			b.WriteString(ListSeparator)
		}
		b.WriteString(name)
		if i < len(r.TravellerRoles) && r.TravellerRoles[i] != "" {
			b.WriteString(" (" + r.TravellerRoles[i] + ")")
		}
	}
	row = append(row, b.String(), strings.Join(r.PriorityCodes, ListSeparator),
		optString(r.PartnershipCity), optString(r.BudgetLineCode), r.Currency)

	for _, v := range r.Planned {
		row = append(row, Decimal(v, r.MinorUnits))
	}
	row = append(row, Decimal(r.PlannedTotal, r.MinorUnits))
	for _, v := range r.Actual {
		row = append(row, cw.actual(r, v))
	}
	row = append(row, cw.actual(r, r.ActualTotal), Decimal(r.Total, r.MinorUnits),
		strconv.Itoa(r.Travellers), optOneDecimal(r.DistanceKm), optOneDecimal(r.CO2eKg))
	approved := ""
	if r.ApprovedAt != nil {
		approved = Instant(*r.ApprovedAt)
	}
	published := ""
	if r.PublishedAt != nil {
		published = Instant(*r.PublishedAt)
	}
	row = append(row, approved, published, strconv.FormatBool(r.Demo), TripURL(cw.baseURL, cw.slug, r.Reference),
		r.Title)

	for i, cell := range row {
		row[i] = Neutralise(cell)
	}
	cw.row = row
	return cw.w.Write(row)
}

// actual is an actual amount, or an empty cell while a trip has no actual costs.
func (cw *CSVWriter) actual(r *Record, minor int64) string {
	if !r.HasActual {
		return ""
	}
	return Decimal(minor, r.MinorUnits)
}

// Flush writes any buffered rows to the underlying writer.
func (cw *CSVWriter) Flush() error {
	cw.w.Flush()
	return cw.w.Error()
}

// Neutralise defuses a cell a spreadsheet would run as a formula (CSV injection):
// a cell that starts with =, +, -, @, a tab or a carriage return, or the full-width
// forms of the first four, gets a leading single quote, as the OWASP guidance on
// CSV injection advises. The amounts and dates this package writes never start with
// one of these, so only text typed by people is ever changed.
func Neutralise(cell string) string {
	if cell == "" {
		return cell
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + cell
	}
	for _, p := range []string{"＝", "＋", "－", "＠"} {
		if strings.HasPrefix(cell, p) {
			return "'" + cell
		}
	}
	return cell
}

func optDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return Date(*t)
}

func optString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func optOneDecimal(v *float64) string {
	if v == nil {
		return ""
	}
	return OneDecimal(*v)
}
