package demo

import (
	"slices"
	"strconv"
	"strings"

	"github.com/municipal-intl/portal/internal/money"
)

// budgetLine is one generated budget line.
type budgetLine struct {
	id          int64
	m           *municipality
	year        int
	code        string // the template's code, without the D- prefix
	dbCode      string // as stored
	name        string
	ownerKind   string
	ownerName   string
	amountMinor int64
	carriesOver bool
	note        string
}

// budgetTemplates returns the lines every fiscal year repeats: the structure of
// the municipality's own seeded lines where it has some (Ballerup's 2015 budget),
// otherwise the profile's.
func (g *generator) budgetTemplates() []budgetTemplate {
	unit := money.Scale(g.m.minorUnits)
	if len(g.m.seededBudget) > 0 {
		var out []budgetTemplate
		for _, l := range g.m.seededBudget {
			out = append(out, budgetTemplate{code: l.code, name: l.name, ownerKind: l.ownerKind,
				ownerName: l.ownerName, major: l.amountMinor / unit, carriesOver: l.carriesOver})
		}
		return out
	}
	return g.p.budget
}

// fixBudgetCode charges a trip whose organiser's budget code the templates lack to
// the first template's line, and returns the trip's budget code.
func fixBudgetCode(tpls []budgetTemplate, t *trip) string {
	if !slices.ContainsFunc(tpls, func(b budgetTemplate) bool { return b.code == t.budgetCode }) {
		t.budgetCode = tpls[0].code
	}
	return t.budgetCode
}

// makeBudget writes a line per template and fiscal year. A line holds at least
// its template amount and, where the demo trips spend more (spend: by year of
// travel and budget code, see fixBudgetCode), their cost plus a margin, so budgets
// look planned rather than overrun.
func (g *generator) makeBudget(tpls []budgetTemplate, spend map[int]map[string]int64, years []int) []*budgetLine {
	unit := money.Scale(g.m.minorUnits)
	var out []*budgetLine
	for _, y := range years {
		for _, b := range tpls {
			amount := b.major * unit
			if s := spend[y][b.code]; s > 0 {
				step := 1000 * unit
				want := int64(float64(s) * (1.05 + 0.3*g.r.Float64()))
				amount = max(amount, (want+step-1)/step*step)
			}
			out = append(out, &budgetLine{
				m: g.m, year: y, code: b.code, dbCode: g.freeCode(y, "D-"+b.code),
				name: b.name, ownerKind: b.ownerKind, ownerName: b.ownerName,
				amountMinor: amount, carriesOver: b.carriesOver, note: b.note,
			})
		}
	}
	return out
}

// freeCode returns code, or code with a suffix when the year has it already.
func (g *generator) freeCode(year int, code string) string {
	code = strings.ToUpper(code)
	c := code
	for i := 2; g.m.budgetCodes[year][c]; i++ {
		c = code + "-" + strconv.Itoa(i)
	}
	return c
}
