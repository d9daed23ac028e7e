package trip

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// PerPage is the number of trips on one page of the register.
const PerPage = 25

// Sort orders of the register.
const (
	SortDateDesc = "date_desc"
	SortDateAsc  = "date_asc"
	SortCostDesc = "cost_desc"
	SortCostAsc  = "cost_asc"
)

// Sorts lists the register's sort orders; the first is the default.
var Sorts = []string{SortDateDesc, SortDateAsc, SortCostDesc, SortCostAsc}

// Filter selects and orders published trips. Zero values select everything.
type Filter struct {
	Year      int
	Traveller string
	Country   string // ISO 3166 alpha-2
	Priority  string // priority code, e.g. "F1"
	Organiser string
	// MinCost and MaxCost bound the total in minor units.
	MinCost *int64
	MaxCost *int64
	// BudgetLine selects the trips charged to one budget line (its id).
	BudgetLine int64
	// Partnership selects the trips made for a partnership or to its city (its id).
	Partnership int64
	Sort        string
	Page        int // 1-based
}

// summaryColumns selects a Summary from trip t, figures f, municipality m, currency c.
const summaryColumns = `
t.id, t.reference, t.title, t.purpose, t.starts_on, t.ends_on, t.organiser,
coalesce((SELECT array_agg(d.city ORDER BY d.position) FROM trip_destination d WHERE d.trip_id = t.id), '{}'),
coalesce((SELECT array_agg(d.country ORDER BY d.position) FROM trip_destination d WHERE d.trip_id = t.id), '{}'),
coalesce((SELECT array_agg(v.name ORDER BY v.position) FROM trip_traveller v WHERE v.trip_id = t.id), '{}'),
t.currency, c.minor_units, f.planned_minor, f.actual_minor, f.has_actual, f.total_minor, f.co2e_kg,
t.published_at, t.is_demo, m.slug, m.name, m.languages[1]`

func scanSummary(row pgx.Row) (Summary, error) {
	var s Summary
	var cities, countries []string
	err := row.Scan(&s.ID, &s.Reference, &s.Title, &s.Purpose, &s.StartsOn, &s.EndsOn, &s.Organiser,
		&cities, &countries, &s.TravellerNames, &s.Currency, &s.MinorUnits,
		&s.PlannedMinor, &s.ActualMinor, &s.HasActual, &s.TotalMinor, &s.CO2eKg,
		&s.PublishedAt, &s.IsDemo, &s.MunicipalitySlug, &s.MunicipalityName, &s.Language)
	s.setPlaces(cities, countries)
	s.Travellers = strings.Join(s.TravellerNames, ", ")
	return s, err
}

// setPlaces fills Destinations and Countries from a trip's cities and their
// countries, both in the trip's order.
func (s *Summary) setPlaces(cities, countries []string) {
	s.Destinations, s.Countries = nil, nil
	for i, city := range cities {
		p := Place{City: city}
		if i < len(countries) {
			p.Country = countries[i]
		}
		s.Destinations = append(s.Destinations, p)
		if !slices.Contains(s.Countries, p.Country) {
			s.Countries = append(s.Countries, p.Country)
		}
	}
	slices.Sort(s.Countries)
}

// Where builds the register's conditions on register_entry e (one row per published
// trip, migration 00031) for municipalityID (0: every municipality) and f. The
// arguments are numbered parameters from $1, never spliced values. The register
// page and the downloads both select with it, so they always agree.
func Where(municipalityID int64, f Filter) (string, []any) {
	return where(municipalityID, f, travellersAnywhere, 0)
}

// How the traveller filter matches the names of register_entry (migration 00063):
// anywhere, or split in two disjoint parts for an index-only count: a match in the
// first 600 characters (travellers_head, in the covering index), and a match only
// after them (the few entries with more names).
const (
	travellersAnywhere = iota
	travellersInHead
	travellersBeyondHead
)

// where is Where with the traveller filter matched as travellers says and the
// parameters numbered from $after+1.
func where(municipalityID int64, f Filter, travellers, after int) (string, []any) {
	conds := []string{"true"}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(after+len(args))
	}
	if municipalityID != 0 {
		conds = append(conds, "e.municipality_id = "+arg(municipalityID))
	}
	if f.Year != 0 {
		conds = append(conds, "e.starts_on >= "+arg(time.Date(f.Year, 1, 1, 0, 0, 0, 0, time.UTC))+
			" AND e.starts_on < "+arg(time.Date(f.Year+1, 1, 1, 0, 0, 0, 0, time.UTC)))
	}
	if f.Traveller != "" {
		p := "'%' || lower(" + arg(escapeLike(f.Traveller)) + ") || '%'"
		switch travellers {
		case travellersInHead:
			conds = append(conds, "e.travellers_head LIKE "+p)
		case travellersBeyondHead:
			conds = append(conds, "e.travellers_long AND e.travellers_head NOT LIKE "+p+" AND e.travellers LIKE "+p)
		default:
			conds = append(conds, "(e.travellers_head LIKE "+p+" OR (e.travellers_long AND e.travellers LIKE "+p+"))")
		}
	}
	if f.Country != "" {
		conds = append(conds, "e.countries @> ARRAY["+arg(f.Country)+"::text]")
	}
	if f.Priority != "" {
		conds = append(conds, "e.priorities @> ARRAY["+arg(f.Priority)+"::text]")
	}
	if f.Organiser != "" {
		conds = append(conds, "e.organiser = "+arg(f.Organiser))
	}
	if f.MinCost != nil {
		conds = append(conds, "e.total_minor >= "+arg(*f.MinCost))
	}
	if f.MaxCost != nil {
		conds = append(conds, "e.total_minor <= "+arg(*f.MaxCost))
	}
	if f.BudgetLine != 0 {
		conds = append(conds, "e.budget_line_id = "+arg(f.BudgetLine))
	}
	if f.Partnership != 0 {
		// register_partnership (migration 00062) lists a partnership's trips: those
		// made for it and those to its city.
		conds = append(conds, "e.trip_id IN (SELECT rp.trip_id FROM register_partnership rp WHERE rp.partnership_id = "+
			arg(f.Partnership)+")")
	}
	return strings.Join(conds, " AND "), args
}

// totalsQuery is the statement that counts the trips f selects and sums their
// totals and CO2e, with whether any of them has an estimate, from the cheapest rows
// that hold them: register_sum for all trips, a year or a priority (migration
// 00062); register_facet for one country or one organiser (00064); otherwise the
// selection's own entries, a traveller's name in two disjoint parts so that the
// first, nearly all, is an index-only scan (00063).
func totalsQuery(municipalityID int64, f Filter) (string, []any) {
	if cond, args, ok := sumWhere(municipalityID, f); ok {
		return `SELECT coalesce(sum(s.trips), 0), coalesce(sum(s.total_minor), 0), coalesce(sum(s.co2e_kg), 0)::float8,
       coalesce(bool_or(s.co2e_known), false)
FROM register_sum s WHERE ` + cond, args
	}
	if cond, args, ok := facetWhere(municipalityID, f); ok {
		return `SELECT coalesce(sum(r.trips), 0), coalesce(sum(r.total_minor), 0), coalesce(sum(r.co2e_kg), 0)::float8,
       coalesce(sum(r.co2e_trips), 0) > 0
FROM register_facet r WHERE ` + cond, args
	}
	if f.Traveller != "" {
		head, headArgs := where(municipalityID, f, travellersInHead, 0)
		beyond, beyondArgs := where(municipalityID, f, travellersBeyondHead, len(headArgs))
		return `SELECT count(*), coalesce(sum(x.total_minor), 0), coalesce(sum(x.co2e_kg), 0), count(x.co2e_kg) > 0 FROM (
SELECT e.total_minor, e.co2e_kg FROM register_entry e WHERE ` + head + `
UNION ALL
SELECT e.total_minor, e.co2e_kg FROM register_entry e WHERE ` + beyond + `) x`, append(headArgs, beyondArgs...)
	}
	cond, args := Where(municipalityID, f)
	return `SELECT count(*), coalesce(sum(e.total_minor), 0), coalesce(sum(e.co2e_kg), 0), count(e.co2e_kg) > 0
FROM register_entry e WHERE ` + cond, args
}

// sumWhere is Where on register_sum s (migration 00062) for the filters those rows
// can answer: none, the year and the priority. ok is false for any other filter,
// whose selection is then totalled from register_entry.
func sumWhere(municipalityID int64, f Filter) (cond string, args []any, ok bool) {
	if f.Traveller != "" || f.Country != "" || f.Organiser != "" || f.MinCost != nil || f.MaxCost != nil ||
		f.BudgetLine != 0 || f.Partnership != 0 {
		return "", nil, false
	}
	conds := []string{"true"}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if municipalityID != 0 {
		conds = append(conds, "s.municipality_id = "+arg(municipalityID))
	}
	if f.Year != 0 {
		conds = append(conds, "s.year = "+arg(f.Year))
	}
	if f.Priority != "" {
		conds = append(conds, "s.priorities @> ARRAY["+arg(f.Priority)+"::text]")
	}
	return strings.Join(conds, " AND "), args, true
}

// facetWhere is Where on register_facet r (migrations 00031, 00064) for a filter by
// one country or one organiser of one municipality and nothing else, whose row holds
// the selection's count and sums. ok is false for any other filter.
func facetWhere(municipalityID int64, f Filter) (cond string, args []any, ok bool) {
	if municipalityID == 0 || (f.Country == "") == (f.Organiser == "") || f.Year != 0 || f.Traveller != "" ||
		f.Priority != "" || f.MinCost != nil || f.MaxCost != nil || f.BudgetLine != 0 || f.Partnership != 0 {
		return "", nil, false
	}
	kind, value := "country", f.Country
	if f.Organiser != "" {
		kind, value = "organiser", f.Organiser
	}
	return "r.municipality_id = $1 AND r.kind = $2 AND r.value = $3", []any{municipalityID, kind, value}, true
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// OrderBy is the ORDER BY of a register sort on register_entry e; every order ends
// in the reference, so it is total and a page or a download is reproducible.
func OrderBy(sort string) string {
	switch sort {
	case SortDateAsc:
		return "e.starts_on, e.reference"
	case SortCostDesc:
		return "e.total_minor DESC, e.starts_on DESC, e.reference"
	case SortCostAsc:
		return "e.total_minor, e.starts_on DESC, e.reference"
	default:
		return "e.starts_on DESC, e.reference DESC"
	}
}

const fromPublished = `
FROM trip t
JOIN trip_figures f ON f.trip_id = t.id
JOIN municipality m ON m.id = t.municipality_id
JOIN currency c ON c.code = t.currency`

// RegisterPage is one page of the register with the totals of the whole selection.
type RegisterPage struct {
	Trips []Summary
	// Total is the number of trips the filter selects; SumMinor their summed totals.
	Total    int
	SumMinor int64
	SumCO2e  float64
	// CO2eKnown is whether any trip of the selection has a CO2e estimate: a sum of
	// none is "not estimated", not zero.
	CO2eKnown bool
}

// MaxPage bounds the page the register reads, so that an offset cannot overflow
// (at 25 a page, a million trips); a page past the end shows the last page.
const MaxPage = 40_000

// Register returns page f.Page of the published trips of a municipality that f
// selects. The count and sums come from register_entry's index alone, and the
// page's trips are chosen there before their destinations and travellers are
// looked up, so a deep page does not compute them for every row it skips.
func (s *Store) Register(ctx context.Context, municipalityID int64, f Filter) (RegisterPage, error) {
	cond, args := Where(municipalityID, f)
	var p RegisterPage
	totals, totalArgs := totalsQuery(municipalityID, f)
	err := s.db.QueryRow(ctx, totals, totalArgs...).Scan(&p.Total, &p.SumMinor, &p.SumCO2e, &p.CO2eKnown)
	if err != nil {
		return p, fmt.Errorf("count register of municipality %d: %w", municipalityID, err)
	}
	page := min(max(f.Page, 1), MaxPage)
	rows, err := s.db.Query(ctx, `SELECT `+summaryColumns+fromPublished+`
JOIN register_entry e ON e.trip_id = t.id
WHERE t.id IN (SELECT e.trip_id FROM register_entry e WHERE `+cond+
		` ORDER BY `+OrderBy(f.Sort)+fmt.Sprintf(` LIMIT %d OFFSET %d)`, PerPage, (page-1)*PerPage)+
		` ORDER BY `+OrderBy(f.Sort), args...)
	if err != nil {
		return p, fmt.Errorf("list register of municipality %d: %w", municipalityID, err)
	}
	p.Trips, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (Summary, error) { return scanSummary(r) })
	if err != nil {
		return p, fmt.Errorf("list register of municipality %d: %w", municipalityID, err)
	}
	return p, nil
}

// Latest returns the n most recently published trips of a municipality, or of all
// municipalities when municipalityID is 0.
func (s *Store) Latest(ctx context.Context, municipalityID int64, n int) ([]Summary, error) {
	cond, args := Where(municipalityID, Filter{})
	args = append(args, n)
	rows, err := s.db.Query(ctx, `SELECT `+summaryColumns+fromPublished+`
WHERE t.id IN (SELECT e.trip_id FROM register_entry e WHERE `+cond+
		` ORDER BY e.published_at DESC, e.trip_id DESC LIMIT $`+strconv.Itoa(len(args))+`)
ORDER BY t.published_at DESC, t.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("latest trips: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Summary, error) { return scanSummary(r) })
	if err != nil {
		return nil, fmt.Errorf("latest trips: %w", err)
	}
	return list, nil
}

// Options are the values the register's filters can take for a municipality.
type Options struct {
	Years      []int
	Countries  []string
	Organisers []string
	Priorities []Priority
}

// FilterOptions returns the years, countries, organisers and priorities that occur
// among a municipality's published trips.
func (s *Store) FilterOptions(ctx context.Context, municipalityID int64) (Options, error) {
	var o Options
	// register_facet holds the values with their counts (migration 00031).
	err := s.db.QueryRow(ctx, `
SELECT coalesce((SELECT array_agg(value::int ORDER BY value::int DESC) FROM register_facet
                 WHERE municipality_id = $1 AND kind = 'year'), '{}'),
       coalesce((SELECT array_agg(value ORDER BY value) FROM register_facet
                 WHERE municipality_id = $1 AND kind = 'country'), '{}'),
       coalesce((SELECT array_agg(value ORDER BY value) FROM register_facet
                 WHERE municipality_id = $1 AND kind = 'organiser'), '{}')`, municipalityID).
		Scan(&o.Years, &o.Countries, &o.Organisers)
	if err != nil {
		return o, fmt.Errorf("register options of municipality %d: %w", municipalityID, err)
	}
	rows, err := s.db.Query(ctx, `
SELECT p.id, p.code, p.title, pol.language FROM priority p JOIN policy pol ON pol.id = p.policy_id
WHERE pol.municipality_id = $1 AND pol.archived_at IS NULL AND p.archived_at IS NULL AND p.offered_for_trips
ORDER BY min(p.id) OVER (PARTITION BY p.kind), p.position`, municipalityID)
	if err != nil {
		return o, fmt.Errorf("register priorities of municipality %d: %w", municipalityID, err)
	}
	o.Priorities, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Priority])
	if err != nil {
		return o, fmt.Errorf("register priorities of municipality %d: %w", municipalityID, err)
	}
	return o, nil
}

// Overdue is a trip whose report is late: the trip is over and its report was due
// report_deadline_days after its end, but has not been submitted.
type Overdue struct {
	ID          int64
	Reference   string
	Title       string
	Purpose     string
	Organiser   string
	EndsOn      time.Time
	DueOn       time.Time
	DaysOverdue int
	Language    string
	IsDemo      bool
}

// reportOwed are the statuses of a trip whose report is still to be submitted:
// approved, carried out, or returned to its author.
var reportOwed = []string{StatusApproved, StatusCompleted, StatusReportReturned}

// OverdueShown is how many late reports the register lists, the latest first-due;
// the late reports page lists them all, LatePerPage at a time.
const (
	OverdueShown = 10
	LatePerPage  = 50
)

// OverdueReports lists the municipality's late reports on day today, most late first.
// Approved plans are public decisions, so their late reports are shown to citizens.
func (s *Store) OverdueReports(ctx context.Context, municipalityID int64, today time.Time) ([]Overdue, error) {
	list, _, err := s.LateReports(ctx, municipalityID, today, 0, 0)
	return list, err
}

// overdueFrom selects the municipality's ($1) trips whose report is late on day $2.
const overdueFrom = `
FROM trip t JOIN municipality m ON m.id = t.municipality_id
WHERE t.municipality_id = $1 AND t.archived_at IS NULL AND t.reference IS NOT NULL
  AND t.status = ANY($3)
  AND t.ends_on + m.report_deadline_days < $2::date`

// LateReports returns limit of the municipality's late reports on day today from
// offset on, most late first (limit 0: all), and how many there are.
func (s *Store) LateReports(ctx context.Context, municipalityID int64, today time.Time, limit, offset int) ([]Overdue, int, error) {
	var total int
	if err := s.db.QueryRow(ctx, `SELECT count(*)`+overdueFrom, municipalityID, today, reportOwed).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count overdue reports of municipality %d: %w", municipalityID, err)
	}
	var lim *int
	if limit > 0 {
		lim = &limit
	}
	rows, err := s.db.Query(ctx, `
SELECT t.id, t.reference, t.title, t.purpose, t.organiser, t.ends_on, t.ends_on + m.report_deadline_days,
       ($2::date - (t.ends_on + m.report_deadline_days))::int, m.languages[1], t.is_demo`+overdueFrom+`
ORDER BY t.ends_on, t.reference
LIMIT $4 OFFSET $5`, municipalityID, today, reportOwed, lim, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("overdue reports of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Overdue])
	if err != nil {
		return nil, 0, fmt.Errorf("overdue reports of municipality %d: %w", municipalityID, err)
	}
	return list, total, nil
}

// LineRef names a budget line that the register can be filtered by.
type LineRef struct {
	ID   int64
	Code string
	Name string
	Year int
}

// BudgetLine returns the municipality's budget line id; ErrNotFound when it has none
// of that id.
func (s *Store) BudgetLine(ctx context.Context, municipalityID, id int64) (LineRef, error) {
	var l LineRef
	err := s.db.QueryRow(ctx, `SELECT id, code, name, fiscal_year::int FROM budget_line
WHERE municipality_id = $1 AND id = $2 AND archived_at IS NULL`, municipalityID, id).Scan(&l.ID, &l.Code, &l.Name, &l.Year)
	if errors.Is(err, pgx.ErrNoRows) {
		return l, fmt.Errorf("budget line %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return l, fmt.Errorf("budget line %d: %w", id, err)
	}
	return l, nil
}

// PartnershipCity returns the name of the city of the municipality's partnership
// id; ErrNotFound when it has none of that id.
func (s *Store) PartnershipCity(ctx context.Context, municipalityID, id int64) (string, error) {
	var city string
	err := s.db.QueryRow(ctx, `SELECT pc.name FROM partnership ps JOIN partner_city pc ON pc.id = ps.partner_city_id
WHERE ps.municipality_id = $1 AND ps.id = $2 AND ps.archived_at IS NULL`, municipalityID, id).Scan(&city)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("partnership %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("partnership %d: %w", id, err)
	}
	return city, nil
}
