package tripweb

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/geo"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/trip"
)

// Repeated groups of the trip form and their fields: row i's input is named
// form.RowName(group, i, field).
const (
	groupDestination = "destination"
	groupTraveller   = "traveller"
	groupProgramme   = "programme"
	groupCost        = "cost"
)

var (
	destinationFields = []string{"partner", "city", "country", "lat", "lon", "mode", "place"}
	travellerFields   = []string{"name", "role", "kind", "account"}
	programmeFields   = []string{"day", "description", "location"}
	costFields        = []string{"category", "description", "planned", "actual"}
)

// Lengths beyond which a text is refused: generous for what people write, small
// enough that a pasted document is noticed.
const (
	maxPurpose = 2000
	maxTitle   = 120
	maxLine    = 300
)

// Input is the trip form exactly as typed, so that it can be shown again.
type Input struct {
	Version      int
	Title        string
	Purpose      string
	StartsOn     string
	EndsOn       string
	Organiser    string
	Partnership  string
	BudgetLine   string
	Meeting      string
	Priorities   []string
	Destinations []map[string]string
	Travellers   []map[string]string
	Programme    []map[string]string
	Costs        []map[string]string
}

// readInput reads the posted trip form.
func readInput(f url.Values) Input {
	version, _ := strconv.Atoi(f.Get("version"))
	return Input{
		Version:      version,
		Title:        f.Get("title"),
		Purpose:      f.Get("purpose"),
		StartsOn:     f.Get("starts_on"),
		EndsOn:       f.Get("ends_on"),
		Organiser:    f.Get("organiser"),
		Partnership:  f.Get("partnership"),
		BudgetLine:   f.Get("budget_line"),
		Meeting:      f.Get("meeting"),
		Priorities:   f["priority"],
		Destinations: form.Rows(f, groupDestination, destinationFields...),
		Travellers:   form.Rows(f, groupTraveller, travellerFields...),
		Programme:    form.Rows(f, groupProgramme, programmeFields...),
		Costs:        form.Rows(f, groupCost, costFields...),
	}
}

// editRows applies an add or remove button to the group it names and reports
// whether it was one. A new destination row starts without a transport mode, so
// that nobody's journey is a flight unless they say so; in the actuals mode the
// first locked cost rows cannot be removed.
func (in *Input) editRows(action string, locked int) bool {
	if verb, group, i := form.ParseAction(action); verb == form.VerbRemove && group == groupCost && i < locked {
		return true
	}
	var edited bool
	if in.Destinations, edited = form.EditRows(in.Destinations, action, groupDestination, destinationFields...); edited {
		return true
	}
	if in.Travellers, edited = form.EditRows(in.Travellers, action, groupTraveller, travellerFields...); edited {
		return true
	}
	if in.Programme, edited = form.EditRows(in.Programme, action, groupProgramme, programmeFields...); edited {
		return true
	}
	in.Costs, edited = form.EditRows(in.Costs, action, groupCost, costFields...)
	return edited
}

// newInput is the form of a new trip: one empty row of each group.
func newInput() Input {
	return Input{
		Destinations: []map[string]string{blankRow(destinationFields)},
		Travellers:   []map[string]string{blankRow(travellerFields)},
		Programme:    []map[string]string{blankRow(programmeFields)},
		Costs:        []map[string]string{blankRow(costFields)},
	}
}

func blankRow(fields []string, kv ...string) map[string]string {
	row := make(map[string]string, len(fields))
	for _, f := range fields {
		row[f] = ""
	}
	for i := 0; i+1 < len(kv); i += 2 {
		row[kv[i]] = kv[i+1]
	}
	return row
}

// inputOf writes a stored record into the form, amounts as lang writes them.
func inputOf(r trip.Record, lang string) Input {
	money := func(v *int64) string {
		if v == nil {
			return ""
		}
		return form.FormatMoneyInput(*v, lang, r.MinorUnits)
	}
	date := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return form.FormatDateInput(*t)
	}
	in := Input{
		Version: r.Version, Title: r.Title, Purpose: r.Purpose, StartsOn: date(r.StartsOn), EndsOn: date(r.EndsOn),
		Organiser: r.Organiser, Partnership: idString(r.PartnershipID), BudgetLine: idString(r.BudgetLineID),
		Meeting: idString(r.MeetingID),
	}
	for _, id := range r.Priorities {
		in.Priorities = append(in.Priorities, strconv.FormatInt(id, 10))
	}
	for _, d := range r.Destinations {
		row := map[string]string{"partner": idString(d.PartnerCityID), "city": d.City, "country": d.Country,
			"lat": d.Latitude, "lon": d.Longitude, "mode": d.Mode}
		if d.PartnerCityID != nil {
			// The place comes from the partner city; its fields are typed only for
			// another city.
			row["city"], row["country"], row["lat"], row["lon"] = "", "", "", ""
		}
		in.Destinations = append(in.Destinations, row)
	}
	for _, t := range r.Travellers {
		account := ""
		if t.AccountID != 0 {
			account = strconv.FormatInt(t.AccountID, 10)
		}
		in.Travellers = append(in.Travellers, map[string]string{"name": t.Name, "role": t.Role, "kind": t.Kind, "account": account})
	}
	for _, p := range r.Programme {
		in.Programme = append(in.Programme, map[string]string{"day": form.FormatDateInput(p.Day), "description": p.Description, "location": p.Location})
	}
	for _, c := range r.Costs {
		in.Costs = append(in.Costs, map[string]string{"category": c.Category, "description": c.Description,
			"planned": money(c.Planned), "actual": money(c.Actual)})
	}
	return in
}

// blank reports whether a row has nothing typed in fields: such a row is not saved.
func blank(row map[string]string, fields ...string) bool {
	for _, f := range fields {
		if strings.TrimSpace(row[f]) != "" {
			return false
		}
	}
	return true
}

// parser turns an Input into a Record, collecting the problems of what was typed.
// A draft may be incomplete: only what is typed must be valid.
type parser struct {
	l          *i18n.Localizer
	o          trip.FormOptions
	currency   string
	minorUnits int
	errs       form.Errors
}

func (p *parser) text(field, v string, max int) string {
	v = strings.TrimSpace(v)
	if utf8.RuneCountInString(v) > max {
		p.errs.Add(field, "tripedit.error.too_long", max)
	}
	return v
}

func (p *parser) date(field, v string) *time.Time {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	d, err := form.ParseDate(v)
	if err != nil {
		p.errs.AddErr(field, err)
		return nil
	}
	if d.Year() < 1990 || d.Year() > 2200 {
		p.errs.Add(field, "tripedit.error.date_range")
		return nil
	}
	return &d
}

func (p *parser) money(field, v string) *int64 {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	n, err := form.ParseMoneyIn(v, p.l.Lang, p.currency, p.minorUnits)
	if err != nil {
		p.errs.AddErr(field, err)
		return nil
	}
	return &n
}

func (p *parser) id(field, v string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || id <= 0 {
		p.errs.Add(field, "tripedit.error.choice")
		return 0, false
	}
	return id, true
}

// parse checks the whole form.
func (p *parser) parse(in Input) trip.Record {
	var r trip.Record
	r.Version = in.Version
	if r.Title = p.text("title", in.Title, maxTitle); r.Title == "" {
		p.errs.Add("title", "tripedit.error.title_required")
	}
	r.Purpose = p.text("purpose", in.Purpose, maxPurpose)
	r.StartsOn = p.date("starts_on", in.StartsOn)
	r.EndsOn = p.date("ends_on", in.EndsOn)
	start, end := r.StartsOn, r.EndsOn
	if start != nil && end != nil && end.Before(*start) {
		p.errs.Add("ends_on", "tripedit.error.end_before_start")
		start, end = nil, nil // the programme cannot be checked against them
	}
	r.Organiser = p.text("organiser", in.Organiser, maxLine)

	r.Destinations = p.destinations(in.Destinations)
	r.Travellers = p.travellers(in.Travellers)
	r.Programme = p.programme(in.Programme, start, end)
	r.Costs = p.costs(in.Costs)

	for _, v := range in.Priorities {
		if id, ok := p.id("priorities", v); ok {
			if _, known := p.o.Priority(id); !known {
				p.errs.Add("priorities", "tripedit.error.choice")
			} else if !slices.Contains(r.Priorities, id) {
				r.Priorities = append(r.Priorities, id)
			}
		}
	}
	if in.Partnership != "" {
		if id, ok := p.id("partnership", in.Partnership); ok {
			if _, known := p.o.Partnership(id); known {
				r.PartnershipID = &id
			} else {
				p.errs.Add("partnership", "tripedit.error.choice")
			}
		}
	}
	if in.Meeting != "" {
		if id, ok := p.id("meeting", in.Meeting); ok {
			if _, known := p.o.Meeting(id); known {
				r.MeetingID = &id
			} else {
				p.errs.Add("meeting", "tripedit.error.choice")
			}
		}
	}
	if in.BudgetLine != "" {
		if id, ok := p.id("budget_line", in.BudgetLine); ok {
			line, known := p.o.BudgetLine(id)
			switch {
			case !known:
				p.errs.Add("budget_line", "tripedit.error.choice")
			case r.StartsOn != nil && line.Year != r.StartsOn.Year():
				p.errs.Add("budget_line", "tripedit.error.budget_line_year", line.Year, r.StartsOn.Year())
			default:
				r.BudgetLineID = &id
			}
		}
	}
	return r
}

func (p *parser) destinations(rows []map[string]string) []trip.Destination {
	var out []trip.Destination
	for i, row := range rows {
		if blank(row, "partner", "city", "country", "lat", "lon") {
			continue
		}
		name := func(f string) string { return form.RowName(groupDestination, i, f) }
		var d trip.Destination
		if row["partner"] != "" {
			id, ok := p.id(name("partner"), row["partner"])
			if !ok {
				continue
			}
			pc, known := p.o.PartnerCity(id)
			if !known {
				p.errs.Add(name("partner"), "tripedit.error.choice")
				continue
			}
			d.PartnerCityID, d.City, d.Country, d.Latitude, d.Longitude = &id, pc.Name, pc.Country, pc.Latitude, pc.Longitude
			if d.Country == "" {
				// A partner city whose country no source gives: the person says.
				d.Country = p.country(name("country"), row["country"], true)
			}
		} else {
			d.City = p.text(name("city"), row["city"], maxLine)
			if d.City == "" {
				p.errs.Add(name("city"), "tripedit.error.city_required")
			}
			d.Country = p.country(name("country"), row["country"], true)
		}
		if strings.TrimSpace(row["lat"]) != "" || strings.TrimSpace(row["lon"]) != "" || d.PartnerCityID == nil {
			d.Latitude, d.Longitude = p.coordinates(name("lat"), name("lon"), row["lat"], row["lon"])
		}
		if row["mode"] != "" {
			if _, ok := p.o.Mode(row["mode"]); ok {
				d.Mode = row["mode"]
			} else {
				p.errs.Add(name("mode"), "tripedit.error.choice")
			}
		}
		out = append(out, d)
	}
	return out
}

func (p *parser) country(field, v string, required bool) string {
	v = strings.ToUpper(strings.TrimSpace(v))
	switch {
	case v == "" && required:
		p.errs.Add(field, "tripedit.error.country_required")
	case v != "" && !geo.ValidCountry(v):
		p.errs.Add(field, "tripedit.error.choice")
		return ""
	}
	return v
}

// coordinates reads decimal degrees, with a point or a comma, both or neither.
func (p *parser) coordinates(latField, lonField, lat, lon string) (string, string) {
	lat, lon = strings.TrimSpace(lat), strings.TrimSpace(lon)
	if lat == "" && lon == "" {
		return "", ""
	}
	parse := func(field, v string, limit float64) (string, bool) {
		if v == "" {
			p.errs.Add(field, "tripedit.error.coordinates_both")
			return "", false
		}
		f, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
		if err != nil || f < -limit || f > limit || strings.ContainsAny(v, "eEnNiI") {
			p.errs.Add(field, "tripedit.error.coordinate", int(limit), int(limit))
			return "", false
		}
		return trip.TrimDecimal(strconv.FormatFloat(f, 'f', 6, 64)), true
	}
	la, okLat := parse(latField, lat, 90)
	lo, okLon := parse(lonField, lon, 180)
	if !okLat || !okLon {
		return "", ""
	}
	return la, lo
}

func (p *parser) travellers(rows []map[string]string) []trip.TravellerRow {
	var out []trip.TravellerRow
	for i, row := range rows {
		if blank(row, travellerFields...) {
			continue
		}
		name := func(f string) string { return form.RowName(groupTraveller, i, f) }
		t := trip.TravellerRow{Name: p.text(name("name"), row["name"], maxLine), Role: p.text(name("role"), row["role"], maxLine), Kind: row["kind"]}
		if t.Name == "" {
			p.errs.Add(name("name"), "tripedit.error.name_required")
		}
		if !slices.Contains(trip.Kinds, t.Kind) {
			p.errs.Add(name("kind"), "tripedit.error.kind_required")
		}
		if v := strings.TrimSpace(row["account"]); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || !slices.ContainsFunc(p.o.Accounts, func(a trip.AccountOption) bool { return a.ID == id }) {
				p.errs.Add(name("account"), "security.traveller.error.account")
			} else {
				t.AccountID = id
			}
		}
		out = append(out, t)
	}
	return out
}

func (p *parser) programme(rows []map[string]string, start, end *time.Time) []trip.ProgrammeRow {
	var out []trip.ProgrammeRow
	for i, row := range rows {
		if blank(row, programmeFields...) {
			continue
		}
		name := func(f string) string { return form.RowName(groupProgramme, i, f) }
		var item trip.ProgrammeRow
		if d := p.date(name("day"), row["day"]); d != nil {
			item.Day = *d
			if (start != nil && d.Before(*start)) || (end != nil && d.After(*end)) {
				p.errs.Add(name("day"), "tripedit.error.day_outside", p.span(start, end))
			}
		} else if strings.TrimSpace(row["day"]) == "" {
			p.errs.Add(name("day"), "tripedit.error.day_required")
		}
		item.Description = p.text(name("description"), row["description"], maxLine)
		if item.Description == "" {
			p.errs.Add(name("description"), "tripedit.error.description_required")
		}
		item.Location = p.text(name("location"), row["location"], maxLine)
		out = append(out, item)
	}
	return out
}

// span writes the trip's dates for a message, as far as they are known.
func (p *parser) span(start, end *time.Time) string {
	switch {
	case start != nil && end != nil:
		return p.l.Date(*start) + " – " + p.l.Date(*end)
	case start != nil:
		return p.l.T("tripedit.from_date", p.l.Date(*start))
	case end != nil:
		return p.l.T("tripedit.until_date", p.l.Date(*end))
	}
	return ""
}

func (p *parser) costs(rows []map[string]string) []trip.Cost {
	var out []trip.Cost
	for i, row := range rows {
		if blank(row, costFields...) {
			continue
		}
		name := func(f string) string { return form.RowName(groupCost, i, f) }
		c := trip.Cost{Category: row["category"], Description: p.text(name("description"), row["description"], maxLine)}
		if !slices.Contains(trip.Categories, c.Category) {
			p.errs.Add(name("category"), "tripedit.error.category_required")
		}
		c.Planned = p.money(name("planned"), row["planned"])
		c.Actual = p.money(name("actual"), row["actual"])
		if strings.TrimSpace(row["planned"]) == "" && strings.TrimSpace(row["actual"]) == "" {
			p.errs.Add(name("planned"), "tripedit.error.amount_required")
		}
		out = append(out, c)
	}
	return out
}
