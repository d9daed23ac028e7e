package reportweb

import (
	"math"
	"net/url"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/report"
	"github.com/municipal-intl/portal/templates"
)

// View is what the report page shows.
type View struct {
	Municipality municipality.Municipality
	Report       report.Report
	// Years are the years with published trips or budget lines, newest first.
	Years []int
	Today time.Time
}

func (v View) year() string   { return strconv.Itoa(v.Report.Year) }
func (v View) before() string { return strconv.Itoa(v.Report.Year - 1) }

func (v View) yearURL(y int) string {
	return "/m/" + v.Municipality.Slug + "/report/" + strconv.Itoa(y)
}

// registerURL is the register filtered by the report's year and, if given, a priority.
func (v View) registerURL(priority string) string {
	q := url.Values{"year": {v.year()}}
	if priority != "" {
		q.Set("priority", priority)
	}
	return "/m/" + v.Municipality.Slug + "/trips?" + q.Encode()
}

func (v View) money(p templates.Page, minor int64) string {
	return p.L.Money(minor, v.Municipality.Currency, v.Municipality.MinorUnits)
}

func (v View) amount(p templates.Page, minor int64) string {
	return p.L.Decimal(minor, v.Municipality.MinorUnits)
}

// co2e is a year's estimated CO2e, or "not estimated" when no trip has an estimate.
func co2e(p templates.Page, f report.Figures) string {
	if f.CO2eTrips == 0 {
		return p.L.T("budget.co2e_not_estimated")
	}
	return templates.CO2e(p, f.CO2eKg)
}

// without says how many of the year's trips have no CO2e estimate; "" if none.
func without(p templates.Page, f report.Figures) string {
	n := f.Trips - f.CO2eTrips
	switch {
	case n <= 0 || f.Trips == 0:
		return ""
	case n == 1:
		return p.L.T("budget.co2e_without_one")
	}
	return p.L.T("budget.co2e_without", p.L.Int(int64(n)))
}

func count(p templates.Page, n int) string { return p.L.Int(int64(n)) }

// modeName is a transport mode in the reader's language.
func modeName(p templates.Page, m report.Mode) string {
	if m.Mode == "" {
		return p.L.T("report.mode.none")
	}
	if p.L.Has("transport.mode." + m.Mode) {
		return p.L.T("transport.mode." + m.Mode)
	}
	return m.Label
}

func modeCO2e(p templates.Page, f report.ModeFigures) string {
	if f.CO2eLegs == 0 {
		if f.Legs == 0 {
			return "–"
		}
		return p.L.T("budget.co2e_not_estimated")
	}
	return templates.CO2e(p, f.CO2eKg)
}

func km(p templates.Page, f report.ModeFigures) string {
	return p.L.T("report.km", p.L.Int(int64(math.Round(f.DistanceKm))))
}

// lateShare is late and overdue reports as a share of those due, e.g. "3 of 12".
func lateShare(p templates.Page, l report.Late) string {
	return p.L.T("report.late_of", p.L.Int(int64(l.Late+l.Overdue)), p.L.Int(int64(l.Due())))
}

// Chart geometry in SVG user units: narrow, so that text stays readable when a
// phone scales the drawing down.
const (
	chartWidth  = 320
	chartBarMax = 190
	chartRowH   = 54
	chartTop    = 30
)

// bar is one row of a chart: two bars, the year's and the year before's.
type bar struct {
	Label, Lang string
	Values      [2]float64
	Texts       [2]string
}

// chart is a horizontal bar chart comparing the report's year with the year before.
type chart struct {
	ID, Title, Desc string
	Series          [2]string
	Bars            []bar
}

type chartRow struct {
	Y           int
	Label, Lang string
	W, End      [2]string
	Texts       [2]string
}

func (c chart) rows() []chartRow {
	var top float64
	for _, b := range c.Bars {
		top = max(top, b.Values[0], b.Values[1])
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
	out := make([]chartRow, len(c.Bars))
	for i, b := range c.Bars {
		label := b.Label
		if utf8.RuneCountInString(label) > 40 {
			label = string([]rune(label)[:38]) + "…"
		}
		row := chartRow{Y: chartTop + i*chartRowH, Label: label, Lang: b.Lang, Texts: b.Texts}
		for k, x := range b.Values {
			w := 0.0
			if top > 0 && x > 0 {
				w = max(1, x/top*chartBarMax)
			}
			row.W[k], row.End[k] = f(w), f(w+5)
		}
		out[i] = row
	}
	return out
}

func (c chart) height() string { return strconv.Itoa(chartTop + len(c.Bars)*chartRowH) }

func (c chart) viewBox() string { return "0 0 " + strconv.Itoa(chartWidth) + " " + c.height() }

func plus(a, b int) string { return strconv.Itoa(a + b) }

func (v View) series(p templates.Page) [2]string {
	return [2]string{v.year(), v.before()}
}

func (v View) priorityChart(p templates.Page) chart {
	c := chart{ID: "chart-priorities", Title: p.L.T("report.priorities.chart_title", v.year(), v.before()),
		Desc: p.L.T("report.chart_desc"), Series: v.series(p)}
	for _, pr := range v.Report.Priorities {
		c.Bars = append(c.Bars, bar{Label: pr.Code + " " + pr.Title, Lang: pr.Lang,
			Values: [2]float64{float64(pr.Now.Trips), float64(pr.Before.Trips)},
			Texts:  [2]string{count(p, pr.Now.Trips), count(p, pr.Before.Trips)}})
	}
	r := v.Report
	if r.NoPriorityNow.Trips+r.NoPriorityBefore.Trips > 0 {
		c.Bars = append(c.Bars, bar{Label: p.L.T("report.priorities.none"), Lang: p.L.Lang,
			Values: [2]float64{float64(r.NoPriorityNow.Trips), float64(r.NoPriorityBefore.Trips)},
			Texts:  [2]string{count(p, r.NoPriorityNow.Trips), count(p, r.NoPriorityBefore.Trips)}})
	}
	return c
}

func (v View) budgetChart(p templates.Page) chart {
	s := v.Report.Budget
	c := chart{ID: "chart-budget", Title: p.L.T("report.budget.chart_title", v.year(), s.Currency),
		Desc:   p.L.T("report.budget.chart_desc"),
		Series: [2]string{p.L.T("budget.col.available"), p.L.T("budget.col.spent")}}
	for _, r := range s.Rows {
		c.Bars = append(c.Bars, bar{Label: r.Code + " " + r.Name, Lang: v.Municipality.Language(),
			Values: [2]float64{float64(r.AvailableMinor()), float64(r.SpentMinor())},
			Texts:  [2]string{p.L.Decimal(r.AvailableMinor(), r.MinorUnits), p.L.Decimal(r.SpentMinor(), r.MinorUnits)}})
	}
	return c
}

func (v View) modeChart(p templates.Page) chart {
	c := chart{ID: "chart-modes", Title: p.L.T("report.modes.chart_title", v.year(), v.before()),
		Desc: p.L.T("report.chart_desc"), Series: v.series(p)}
	for _, m := range v.Report.Modes {
		if m.Mode == "" {
			continue
		}
		c.Bars = append(c.Bars, bar{Label: modeName(p, m), Lang: p.L.Lang,
			Values: [2]float64{m.Now.CO2eKg, m.Before.CO2eKg},
			Texts:  [2]string{modeCO2e(p, m.Now), modeCO2e(p, m.Before)}})
	}
	return c
}

// dormantSince is the first year of the span a partnership without visits had none.
func (v View) dormantSince() string { return strconv.Itoa(v.Report.Year - report.DormantYears + 1) }

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
