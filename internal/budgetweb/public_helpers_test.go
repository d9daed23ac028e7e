package budgetweb_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/servertest"
)

// Destinations of the trips the tests charge to budget lines.
var (
	prague = servertest.Destination{City: "Prague", Country: "CZ", Lat: 50.0755, Lon: 14.4378, Mode: "short_haul_flight_rf"}
	wuxi   = servertest.Destination{City: "Wuxi", Country: "CN", Lat: 31.5689, Lon: 120.2886, Mode: "long_haul_flight_rf"}
)

// budgetAmountRE finds an amount as the English interface writes it: "−1,234.56".
var budgetAmountRE = regexp.MustCompile(`[−-]?[0-9][0-9,]*\.[0-9]{2}`)

// budgetAmount reads the first English-formatted amount of s in minor units (two decimals).
func budgetAmount(t *testing.T, s string) int64 {
	t.Helper()
	m := budgetAmountRE.FindString(s)
	if m == "" {
		t.Fatalf("no amount in %q", s)
	}
	neg := strings.HasPrefix(m, "−") || strings.HasPrefix(m, "-")
	digits := strings.NewReplacer("−", "", "-", "", ",", "", ".", "").Replace(m)
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", m, err)
	}
	if neg {
		n = -n
	}
	return n
}

// budgetColumns are the amount columns of the budget table, in order, after the
// row header (the line, or "Total"); the CO2e column (td.budget-co2e) comes last.
var budgetColumns = []string{"allocated", "carried", "available", "spent_published", "spent_unpublished", "spent", "remaining", "committed"}

// budgetRow is one row of the budget table, by column.
type budgetRow struct {
	code   string
	amount map[string]int64
}

func budgetRows(t *testing.T, doc *goquery.Document) (rows []budgetRow, total map[string]int64) {
	t.Helper()
	doc.Find("table.budget-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		r := budgetRow{code: strings.TrimSpace(tr.Find("th .budget-code").Text()), amount: map[string]int64{}}
		cells := tr.Find("td:not(.budget-co2e)")
		if cells.Length() != len(budgetColumns) {
			t.Fatalf("row %s has %d cells", r.code, cells.Length())
		}
		for i, col := range budgetColumns {
			r.amount[col] = budgetAmount(t, cells.Eq(i).Text())
		}
		rows = append(rows, r)
	})
	total = map[string]int64{}
	cells := doc.Find("table.budget-table tfoot tr td:not(.budget-co2e)")
	if cells.Length() != len(budgetColumns) {
		t.Fatalf("totals row has %d cells", cells.Length())
	}
	for i, col := range budgetColumns {
		total[col] = budgetAmount(t, cells.Eq(i).Text())
	}
	return rows, total
}

// budgetCheckTotals fails unless every column of the totals row is the sum of its rows,
// and each row's derived columns follow from the others.
func budgetCheckTotals(t *testing.T, rows []budgetRow, total map[string]int64) {
	t.Helper()
	for _, col := range budgetColumns {
		var sum int64
		for _, r := range rows {
			sum += r.amount[col]
		}
		if sum != total[col] {
			t.Errorf("column %s: rows sum to %d, totals row says %d", col, sum, total[col])
		}
	}
	for _, r := range rows {
		a := r.amount
		if a["available"] != a["allocated"]+a["carried"] || a["spent"] != a["spent_published"]+a["spent_unpublished"] ||
			a["remaining"] != a["available"]-a["spent"] {
			t.Errorf("row %s does not add up: %v", r.code, a)
		}
	}
}

// budgetExec runs fixture SQL.
func budgetExec(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// budgetLoadDemo fills the database with demo data at the tests' clock.
func budgetLoadDemo(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	if _, err := demo.Load(context.Background(), pool, demo.Options{Trips: 400, Seed: 7, Now: servertest.Now}); err != nil {
		t.Fatal(err)
	}
}

// budgetEURCentsSQL is the independent computation of a municipality's published travel
// costs of a year in euro cents, in SQL numeric arithmetic.
const budgetEURCentsSQL = `
SELECT count(t.id), coalesce(sum(f.actual_minor), 0)::bigint,
       round(coalesce(sum(f.actual_minor), 0)::numeric / 10 ^ c.minor_units * r.rate * 100)::bigint,
       round(coalesce(sum(f.actual_minor), 0)::numeric / 10 ^ c.minor_units * r.rate * 100 * 1000 / m.population)::bigint
FROM municipality m JOIN currency c ON c.code = m.currency
CROSS JOIN LATERAL (
  SELECT CASE WHEN m.currency = 'EUR' THEN 1::numeric ELSE
    (SELECT eur_per_unit FROM exchange_rate x WHERE x.currency = m.currency AND x.year <= $2 ORDER BY x.year DESC LIMIT 1) END AS rate) r
LEFT JOIN trip t ON t.municipality_id = m.id AND t.status = 'published' AND t.archived_at IS NULL
     AND extract(year FROM t.starts_on) = $2
LEFT JOIN trip_figures f ON f.trip_id = t.id
WHERE m.slug = $1
GROUP BY m.id, c.minor_units, r.rate`

// budgetGroupThousands writes n with English thousands separators.
func budgetGroupThousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// budgetCO2eRE reads a CO2e figure as the English interface writes it.
var budgetCO2eRE = regexp.MustCompile(`^([0-9][0-9,]*(?:\.[0-9])?) (kg|t) CO₂e`)

// budgetCO2eCell splits a CO2e cell into its figure in kg (as shown, rounded) and its
// note; ok is false when the cell shows no figure.
func budgetCO2eCell(t *testing.T, td *goquery.Selection) (kg float64, note string, ok bool) {
	t.Helper()
	note = strings.TrimSpace(td.Find(".budget-note").Text())
	text := strings.TrimSpace(td.Clone().Find(".budget-note").Remove().End().Text())
	m := budgetCO2eRE.FindStringSubmatch(text)
	if m == nil {
		return 0, note, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
	if err != nil {
		t.Fatalf("CO2e %q: %v", text, err)
	}
	if m[2] == "t" {
		v *= 1000
	}
	return v, note, true
}
