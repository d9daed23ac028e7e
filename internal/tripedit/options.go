package tripedit

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/municipal-intl/portal/internal/geo"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/templates"
)

// options are the choices the trip form offers, all of the signed-in person's
// municipality: what a submitted value is checked against.
type options struct {
	partnerCities []partnerCity
	partnerships  []partnershipOption
	budgetLines   []budgetLineOption
	priorities    []priorityOption
	modes         []modeOption
	organisers    []string
	accounts      []accountOption
}

// accountOption is an account a traveller can be linked to.
type accountOption struct {
	ID   int64
	Name string
	Role string
}

type partnerCity struct {
	ID        int64
	Name      string
	Country   string // "" when no source says
	Latitude  string // "" when unknown
	Longitude string
}

type partnershipOption struct {
	ID   int64
	City string
	Kind string
}

type budgetLineOption struct {
	ID   int64
	Year int
	Code string
	Name string
}

type priorityOption struct {
	ID    int64
	Code  string
	Title string
}

type modeOption struct {
	Mode  string
	Label string
}

// defaultMode is the transport mode a new destination row starts with: most trips
// of European municipalities are short flights, and the factor with radiative
// forcing is the honest estimate of a flight's effect. People change it for rail.
const defaultMode = "short_haul_flight_rf"

// loadOptions reads the form's choices for municipality m in one round trip.
func loadOptions(ctx context.Context, db querier, m int64) (options, error) {
	var o options
	b := &pgx.Batch{}
	b.Queue(`
SELECT DISTINCT pc.id, pc.name, coalesce(pc.country, ''), coalesce(pc.latitude::text, ''), coalesce(pc.longitude::text, '')
FROM partnership ps JOIN partner_city pc ON pc.id = ps.partner_city_id
WHERE ps.municipality_id = $1 AND ps.archived_at IS NULL
ORDER BY 2, 1`, m).Query(func(rows pgx.Rows) error {
		var err error
		o.partnerCities, err = pgx.CollectRows(rows, pgx.RowToStructByPos[partnerCity])
		for i := range o.partnerCities {
			o.partnerCities[i].Latitude = trimDecimal(o.partnerCities[i].Latitude)
			o.partnerCities[i].Longitude = trimDecimal(o.partnerCities[i].Longitude)
		}
		return err
	})
	b.Queue(`
SELECT ps.id, pc.name, ps.kind
FROM partnership ps JOIN partner_city pc ON pc.id = ps.partner_city_id
WHERE ps.municipality_id = $1 AND ps.archived_at IS NULL
ORDER BY pc.name, ps.id`, m).Query(func(rows pgx.Rows) error {
		var err error
		o.partnerships, err = pgx.CollectRows(rows, pgx.RowToStructByPos[partnershipOption])
		return err
	})
	b.Queue(`
SELECT id, fiscal_year::int, code, name FROM budget_line
WHERE municipality_id = $1 AND archived_at IS NULL
ORDER BY fiscal_year DESC, code`, m).Query(func(rows pgx.Rows) error {
		var err error
		o.budgetLines, err = pgx.CollectRows(rows, pgx.RowToStructByPos[budgetLineOption])
		return err
	})
	b.Queue(`
SELECT pr.id, pr.code, pr.title
FROM priority pr JOIN policy p ON p.id = pr.policy_id
WHERE p.municipality_id = $1 AND p.archived_at IS NULL AND pr.archived_at IS NULL
ORDER BY pr.kind, pr.position`, m).Query(func(rows pgx.Rows) error {
		var err error
		o.priorities, err = pgx.CollectRows(rows, pgx.RowToStructByPos[priorityOption])
		return err
	})
	b.Queue(`SELECT mode, label FROM emission_factor ORDER BY id`).Query(func(rows pgx.Rows) error {
		var err error
		o.modes, err = pgx.CollectRows(rows, pgx.RowToStructByPos[modeOption])
		return err
	})
	b.Queue(`
SELECT DISTINCT organiser FROM trip
WHERE municipality_id = $1 AND organiser <> '' AND archived_at IS NULL
ORDER BY 1 LIMIT 200`, m).Query(func(rows pgx.Rows) error {
		var err error
		o.organisers, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	b.Queue(`
SELECT id, name, role FROM account
WHERE municipality_id = $1 AND active ORDER BY name, id`, m).Query(func(rows pgx.Rows) error {
		var err error
		o.accounts, err = pgx.CollectRows(rows, pgx.RowToStructByPos[accountOption])
		return err
	})
	if err := db.SendBatch(ctx, b).Close(); err != nil {
		return options{}, fmt.Errorf("trip form options of municipality %d: %w", m, err)
	}
	return o, nil
}

// trimDecimal drops the trailing zeros PostgreSQL writes for numeric(9,6):
// "55.733300" is "55.7333".
func trimDecimal(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

func (o options) partnerCity(id int64) (partnerCity, bool) {
	i := slices.IndexFunc(o.partnerCities, func(c partnerCity) bool { return c.ID == id })
	if i < 0 {
		return partnerCity{}, false
	}
	return o.partnerCities[i], true
}

func (o options) partnership(id int64) (partnershipOption, bool) {
	i := slices.IndexFunc(o.partnerships, func(p partnershipOption) bool { return p.ID == id })
	if i < 0 {
		return partnershipOption{}, false
	}
	return o.partnerships[i], true
}

func (o options) budgetLine(id int64) (budgetLineOption, bool) {
	i := slices.IndexFunc(o.budgetLines, func(b budgetLineOption) bool { return b.ID == id })
	if i < 0 {
		return budgetLineOption{}, false
	}
	return o.budgetLines[i], true
}

func (o options) priority(id int64) (priorityOption, bool) {
	i := slices.IndexFunc(o.priorities, func(p priorityOption) bool { return p.ID == id })
	if i < 0 {
		return priorityOption{}, false
	}
	return o.priorities[i], true
}

func (o options) modeLabel(mode string) (string, bool) {
	i := slices.IndexFunc(o.modes, func(m modeOption) bool { return m.Mode == mode })
	if i < 0 {
		return "", false
	}
	return o.modes[i].Label, true
}

// newRowMode is the transport mode of a new destination row.
func (o options) newRowMode() string {
	if _, ok := o.modeLabel(defaultMode); ok || len(o.modes) == 0 {
		return defaultMode
	}
	return o.modes[0].Mode
}

// countryOptions lists the countries by their name in the reader's language, in
// that language's alphabetical order, with chosen selected.
func countryOptions(l *i18n.Localizer, chosen string) []templates.Option {
	type named struct{ code, name string }
	list := make([]named, 0, len(geo.CountryCodes))
	for _, c := range geo.CountryCodes {
		if name := l.Country(c); name != "" && name != c {
			list = append(list, named{c, name})
		}
	}
	col := collate.New(language.Make(l.Lang))
	slices.SortFunc(list, func(a, b named) int { return col.CompareString(a.name, b.name) })
	out := []templates.Option{{Value: "", Label: l.T("tripedit.country_choose")}}
	for _, c := range list {
		out = append(out, templates.Option{Value: c.code, Label: c.name, Selected: c.code == chosen})
	}
	return out
}

func idString(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}
