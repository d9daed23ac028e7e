package demo

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/municipal-intl/portal/internal/money"
	tripkind "github.com/municipal-intl/portal/internal/trip"
)

// chooseTravellers sends one to five people: members of the organising committee
// with its secretary or someone of the international office, or officers of the
// organising department; now and then a representative of a civic body.
func (g *generator) chooseTravellers(t *trip, oi int) {
	r := g.r
	n := 1 + pickWeighted(r, []int{25, 30, 25, 12, 8})
	var own, ownStaff, office []*person
	for _, p := range g.people {
		switch {
		case p.organiser == oi && p.kind == tripkind.KindPolitician:
			own = append(own, p)
		case p.organiser == oi:
			ownStaff = append(ownStaff, p)
		case p.kind == tripkind.KindStaff && !g.p.organisers[p.organiser].political:
			office = append(office, p)
		}
	}
	var chosen []*person
	take := func(from []*person, k int) {
		idx := r.Perm(len(from))
		for _, i := range idx {
			if k == 0 {
				return
			}
			if !slices.Contains(chosen, from[i]) {
				chosen = append(chosen, from[i])
				k--
			}
		}
	}
	others := 0
	if n >= 3 && chance(r, 0.12) {
		others = 1
	}
	if len(own) > 0 {
		pols := max(1, n-1-others)
		take(own, pols)
		if chance(r, 0.5) {
			take(ownStaff, 1)
		} else {
			take(office[:min(len(office), 4)], 1)
		}
	} else {
		take(ownStaff, n-others)
	}
	take(office, n-others-len(chosen))
	for _, p := range chosen {
		t.travellers = append(t.travellers, traveller{name: p.name, role: p.role, kind: p.kind})
	}
	for range others {
		t.travellers = append(t.travellers, traveller{
			name: pick(r, slices.Concat(g.l.femaleFirst, g.l.maleFirst)) + " " + pick(r, g.l.lastNames),
			role: pick(r, g.l.others), kind: "other",
		})
	}
}

// pickWeighted returns an index drawn with the given weights.
func pickWeighted(r interface{ IntN(int) int }, ws []int) int {
	total := 0
	for _, w := range ws {
		total += w
	}
	x := r.IntN(total)
	for i, w := range ws {
		x -= w
		if x < 0 {
			return i
		}
	}
	return len(ws) - 1
}

// writeProgramme fills each day with one to three items: arrival on the first day
// at each stop, meetings and visits in between, the journey home on the last.
func (g *generator) writeProgramme(t *trip) {
	days := int(t.ends.Sub(t.starts)/day) + 1
	k := len(t.dests)
	// Days per stop: as even as possible, earlier stops get the remainder.
	var stopOf []int
	for i := range k {
		n := days / k
		if i < days%k {
			n++
		}
		for range n {
			stopOf = append(stopOf, i)
		}
	}
	// Visits and meetings do not repeat until all have been used.
	order := g.r.Perm(len(g.l.items))
	next := 0
	for d := range days {
		date := t.starts.Add(time.Duration(d) * day)
		stop := stopOf[d]
		city := t.dests[stop].place.name
		var its []item
		firstAtStop := d == 0 || stopOf[d-1] != stop
		last := d == days-1
		if firstAtStop {
			a := g.l.arrive
			if d > 0 {
				prev := t.dests[stopOf[d-1]].place.name
				a.desc = strings.ReplaceAll(a.desc, "{home}", prev)
			}
			its = append(its, a)
		}
		room := 3 - len(its)
		if last {
			room--
		}
		want := between(g.r, 1, 3)
		if firstAtStop || last {
			want = between(g.r, 0, room)
		}
		for range min(want, room) {
			its = append(its, g.l.items[order[next%len(order)]])
			next++
		}
		if last {
			its = append(its, g.l.depart)
		}
		for pos, it := range its {
			t.items = append(t.items, programmeItem{
				day: date, position: pos + 1,
				desc: g.fill(it.desc, t, city), loc: g.fill(it.loc, t, city),
			})
		}
	}
}

// eurRate is how many units of a currency a euro buys, roughly; it only scales
// invented amounts.
var eurRate = map[string]float64{"EUR": 1, "SEK": 11.2, "DKK": 7.46, "NOK": 11.6, "GBP": 0.85, "CHF": 0.95}

// money converts euros to minor units of the municipality's currency, rounded to
// ten major units for a planned amount.
func (g *generator) money(eur float64) int64 {
	rate, ok := eurRate[g.m.currency]
	if !ok {
		rate = 1
	}
	return int64(math.Round(eur*rate/10)) * 10 * money.Scale(g.m.minorUnits)
}

// writeCosts plans the costs per traveller, night and leg; completed trips also
// carry actual costs within ±20 % of the plan.
func (g *generator) writeCosts(t *trip) {
	r := g.r
	n := len(t.travellers)
	days := int(t.ends.Sub(t.starts)/day) + 1
	nights := days - 1
	// Legs: home → stops → home, each with its means of transport.
	lat, lon, country := g.m.lat, g.m.lon, g.m.country
	var transport float64
	mainMode, longest := "", 0.0
	leg := func(toLat, toLon float64, toCountry string) string {
		km := distanceKm(lat, lon, toLat, toLon)
		mode := transportMode(km, country, toCountry, n, r.Float64())
		lo, hi := legCost(mode)
		transport += float64(between(r, lo, hi))
		if km > longest {
			longest, mainMode = km, mode
		}
		lat, lon, country = toLat, toLon, toCountry
		return mode
	}
	for i := range t.dests {
		p := t.dests[i].place
		mode := leg(p.lat, p.lon, p.country)
		if g.modes[mode] {
			t.dests[i].mode = mode
		}
	}
	leg(g.m.lat, g.m.lon, g.m.country)

	add := func(category, desc string, eur float64) {
		if eur <= 0 {
			return
		}
		c := cost{category: category, desc: desc, planned: g.money(eur), actual: -1}
		if t.costsActual() {
			c.actual = int64(math.Round(float64(c.planned) * (0.8 + 0.4*r.Float64())))
		}
		t.costs = append(t.costs, c)
	}
	word := g.l.modeWords[mainMode]
	rep := strings.NewReplacer("{mode}", word, "{n}", strconv.Itoa(n), "{nights}", strconv.Itoa(nights))
	add("transport", rep.Replace(g.l.costTransport), transport*float64(n))
	longHaul := longest >= 3700
	if nights > 0 {
		lo, hi := 95, 190
		if longHaul {
			lo, hi = 110, 230
		}
		add("lodging", rep.Replace(g.l.costLodging), float64(between(r, lo, hi)*nights*n))
	}
	perDiem := map[string][2]int{"sv": {55, 80}, "de": {30, 60}, "da": {60, 75}}[g.l.code]
	if perDiem == [2]int{} {
		perDiem = [2]int{40, 70}
	}
	add("per_diem", g.l.costPerDiem, float64(between(r, perDiem[0], perDiem[1])*days*n))
	if chance(r, 0.4) {
		add("meals", g.l.costMeals, float64(between(r, 35, 85)*n))
	}
	conference := slices.ContainsFunc(t.dests, func(d destination) bool { return d.place.partner == nil })
	if conference && chance(r, 0.7) {
		add("fees", g.l.costFees, float64(between(r, 150, 650)*n))
	}
	if chance(r, 0.5) {
		add("other", g.l.costLocal, float64(between(r, 20, 60)*n))
	}
	if t.partnership != 0 && chance(r, 0.3) {
		add("other", g.l.costGifts, float64(between(r, 50, 250)))
	}
}

// legCost is the range of a one-way fare per person in euros.
func legCost(mode string) (int, int) {
	switch mode {
	case "national_rail":
		return 50, 150
	case "international_rail":
		return 90, 260
	case "coach":
		return 30, 90
	case "short_haul_flight_rf":
		return 90, 260
	default:
		return 380, 900
	}
}

// writeReport writes goal, programme as carried out, outcome and follow-up from
// sentences in the municipality's language.
func (g *generator) writeReport(t *trip) {
	r := g.r
	city := t.dests[0].place.name
	join := func(a, b string) string {
		a, b = g.fill(a, t, city), g.fill(b, t, city)
		if b == "" {
			return a
		}
		return a + " " + b
	}
	t.report.goal = join(pick(r, g.l.goal), pick(r, g.l.goalExtra))
	t.report.carriedOut = g.fill(pick(r, g.l.carriedOut), t, city)
	t.report.outcome = join(pick(r, g.l.outcome), pick(r, g.l.outcomeExtra))
	followUp := g.l.followUp
	if t.organiser.political {
		followUp = slices.Concat(followUp, g.l.followUpCommittee, g.l.followUpCommittee)
	}
	t.report.followUp = g.fill(pick(r, followUp), t, city)
}
