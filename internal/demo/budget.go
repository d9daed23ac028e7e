package demo

import (
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
	bodyID      int64 // 0: held by no body
}

// budgetTemplates returns the lines every fiscal year repeats: the structure of
// the municipality's own seeded lines where it has some (Ballerup's budget, each
// line held by the body that holds the seeded one), otherwise the profile's, held
// by the body named as their owner where the municipality has recorded it.
func budgetTemplates(m *municipality, p *profile) []budgetTemplate {
	unit := money.Scale(m.minorUnits)
	var out []budgetTemplate
	if len(m.seededBudget) > 0 {
		for _, l := range m.seededBudget {
			out = append(out, budgetTemplate{code: l.code, name: l.name, ownerKind: l.ownerKind,
				ownerName: l.ownerName, major: l.amountMinor / unit, carriesOver: l.carriesOver, bodyID: l.bodyID})
		}
		return out
	}
	for _, b := range p.budget {
		b.bodyID = m.bodyNamed(b.ownerName)
		out = append(out, b)
	}
	return out
}

// makeBudget writes a line per template and fiscal year. A line holds at least
// its template amount and, where the demo trips spend more (spend: by year of
// travel and budget code, see generator.lines), their cost plus a margin, so budgets
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
				amountMinor: amount, carriesOver: b.carriesOver, note: b.note, bodyID: b.bodyID,
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
