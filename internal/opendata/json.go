package opendata

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"time"
)

// Document is the head of trips.json: everything but the trips, which stream after
// it. docs/trips.schema.json is its JSON Schema.
type Document struct {
	Municipality Municipality `json:"municipality"`
	GeneratedAt  string       `json:"generated_at"`
	Filters      Filters      `json:"filters"`
}

// Municipality describes whose trips a download holds.
type Municipality struct {
	Slug       string   `json:"slug"`
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	NameEn     string   `json:"name_en"`
	Country    string   `json:"country"`
	Currency   string   `json:"currency"`
	MinorUnits int      `json:"minor_units"`
	Languages  []string `json:"languages"`
	URL        string   `json:"url"`
}

// Filters echoes the register filters a download was made with; null is unset.
type Filters struct {
	Year      *int    `json:"year"`
	Traveller *string `json:"traveller"`
	Country   *string `json:"country"`
	Priority  *string `json:"priority"`
	Organiser *string `json:"organiser"`
	// Min and Max bound the total, as decimal amounts of the municipality's currency.
	Min  *string `json:"min"`
	Max  *string `json:"max"`
	Sort string  `json:"sort"`
}

// JSONTrip is one trip of trips.json.
type JSONTrip struct {
	Reference       string            `json:"reference"`
	URL             string            `json:"url"`
	StartsOn        *string           `json:"starts_on"`
	EndsOn          *string           `json:"ends_on"`
	Title           string            `json:"title"`
	Purpose         string            `json:"purpose"`
	Organiser       string            `json:"organiser"`
	Destinations    []JSONDestination `json:"destinations"`
	Countries       []string          `json:"countries"`
	Travellers      []JSONTraveller   `json:"travellers"`
	Priorities      []JSONPriority    `json:"priorities"`
	PartnershipCity *string           `json:"partnership_city"`
	BudgetLine      *JSONBudgetLine   `json:"budget_line"`
	Currency        string            `json:"currency"`
	Planned         JSONCosts         `json:"planned"`
	Actual          *JSONCosts        `json:"actual"`
	Total           string            `json:"total"`
	TravellersCount int               `json:"travellers_count"`
	DistanceKm      *json.Number      `json:"distance_km"`
	CO2eKg          *json.Number      `json:"co2e_kg"`
	ApprovedAt      *string           `json:"approved_at"`
	PublishedAt     *string           `json:"published_at"`
	Demo            bool              `json:"demo"`
}

// JSONDestination is one destination of a trip.
type JSONDestination struct {
	City    string `json:"city"`
	Country string `json:"country"`
}

// JSONTraveller is one person on a trip.
type JSONTraveller struct {
	Name string `json:"name"`
	Role string `json:"role"`
	Kind string `json:"kind"`
}

// JSONPriority is a policy priority a trip serves.
type JSONPriority struct {
	Code  string `json:"code"`
	Title string `json:"title"`
}

// JSONBudgetLine is the budget line a trip is charged to.
type JSONBudgetLine struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	FiscalYear *int   `json:"fiscal_year"`
}

// JSONCosts are the amounts per cost category and their total, as decimal strings.
type JSONCosts struct {
	Transport string `json:"transport"`
	Lodging   string `json:"lodging"`
	Meals     string `json:"meals"`
	PerDiem   string `json:"per_diem"`
	Fees      string `json:"fees"`
	Other     string `json:"other"`
	Total     string `json:"total"`
}

func costs(v [NumCategories]int64, total int64, minorUnits int) JSONCosts {
	return JSONCosts{
		Transport: Decimal(v[0], minorUnits), Lodging: Decimal(v[1], minorUnits),
		Meals: Decimal(v[2], minorUnits), PerDiem: Decimal(v[3], minorUnits),
		Fees: Decimal(v[4], minorUnits), Other: Decimal(v[5], minorUnits),
		Total: Decimal(total, minorUnits),
	}
}

// NewJSONTrip converts a record; baseURL and slug make its URL.
func NewJSONTrip(r *Record, baseURL, slug string) JSONTrip {
	t := JSONTrip{
		Reference: r.Reference, URL: TripURL(baseURL, slug, r.Reference),
		StartsOn: optDatePtr(r.StartsOn), EndsOn: optDatePtr(r.EndsOn),
		Title: r.Title, Purpose: r.Purpose, Organiser: r.Organiser,
		Destinations:    make([]JSONDestination, len(r.Cities)),
		Countries:       r.Countries(),
		Travellers:      make([]JSONTraveller, len(r.TravellerNames)),
		Priorities:      make([]JSONPriority, len(r.PriorityCodes)),
		Currency:        r.Currency,
		Planned:         costs(r.Planned, r.PlannedTotal, r.MinorUnits),
		Total:           Decimal(r.Total, r.MinorUnits),
		TravellersCount: r.Travellers,
		DistanceKm:      optNumber(r.DistanceKm),
		CO2eKg:          optNumber(r.CO2eKg),
		ApprovedAt:      optInstant(r.ApprovedAt),
		PublishedAt:     optInstant(r.PublishedAt),
		Demo:            r.Demo,
		PartnershipCity: r.PartnershipCity,
	}
	for i, city := range r.Cities {
		t.Destinations[i] = JSONDestination{City: city, Country: at(r.CityCountries, i)}
	}
	for i, name := range r.TravellerNames {
		t.Travellers[i] = JSONTraveller{Name: name, Role: at(r.TravellerRoles, i), Kind: at(r.TravellerKinds, i)}
	}
	for i, code := range r.PriorityCodes {
		t.Priorities[i] = JSONPriority{Code: code, Title: at(r.PriorityTitles, i)}
	}
	if r.BudgetLineCode != nil {
		t.BudgetLine = &JSONBudgetLine{Code: *r.BudgetLineCode, Name: optString(r.BudgetLineName), FiscalYear: r.BudgetLineYear}
	}
	if r.HasActual {
		a := costs(r.Actual, r.ActualTotal, r.MinorUnits)
		t.Actual = &a
	}
	return t
}

// JSONWriter streams trips.json: the head, then one trip at a time into the
// "trips" array, so that the document never sits in memory whole.
type JSONWriter struct {
	w       *bufio.Writer
	buf     bytes.Buffer // one trip, reused
	enc     *json.Encoder
	baseURL string
	slug    string
	n       int
}

// NewJSONWriter writes the head of the document and opens the trips array.
func NewJSONWriter(w io.Writer, doc Document, baseURL string) (*JSONWriter, error) {
	bw := bufio.NewWriter(w)
	head, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	// The head is an object; reopen it to append the trips array.
	bw.Write(head[:len(head)-1])
	bw.WriteString(`,"trips":[`)
	jw := &JSONWriter{w: bw, baseURL: baseURL, slug: doc.Municipality.Slug}
	jw.enc = json.NewEncoder(&jw.buf)
	return jw, nil
}

// Write appends one trip, on a line of its own.
func (jw *JSONWriter) Write(r *Record) error {
	jw.buf.Reset()
	if err := jw.enc.Encode(NewJSONTrip(r, jw.baseURL, jw.slug)); err != nil {
		return err
	}
	if jw.n > 0 {
		jw.w.WriteByte(',')
	}
	jw.n++
	jw.w.WriteByte('\n')
	_, err := jw.w.Write(bytes.TrimSuffix(jw.buf.Bytes(), []byte("\n")))
	return err
}

// Flush writes any buffered trips to the underlying writer.
func (jw *JSONWriter) Flush() error { return jw.w.Flush() }

// Close closes the trips array and the document and flushes.
func (jw *JSONWriter) Close() error {
	jw.w.WriteString("\n]}\n")
	return jw.w.Flush()
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

func optDatePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := Date(*t)
	return &s
}

func optInstant(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := Instant(*t)
	return &s
}

func optNumber(v *float64) *json.Number {
	if v == nil {
		return nil
	}
	n := json.Number(OneDecimal(*v))
	return &n
}
