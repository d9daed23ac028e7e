package demo

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"time"
)

// dataset is all demo data, generated in memory before anything is written.
type dataset struct {
	accounts   []*demoAccount
	accountMun map[*demoAccount]*municipality
	budget     []*budgetLine
	trips      []*trip
	counters   []counter
	agreements []*agreement
	projects   []*project
}

type counter struct {
	m          *municipality
	year, last int
}

// generate makes the demo data for every municipality of w.
func generate(w *world, opts Options, now time.Time, minorUnits map[string]int) (*dataset, error) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	ds := &dataset{accountMun: map[*demoAccount]*municipality{}}
	counts := shares(w.municipalities, opts.Trips)
	for i, m := range w.municipalities {
		g := newGenerator(w, m, opts.Seed, now, today)
		for _, a := range g.accounts {
			ds.accounts = append(ds.accounts, a)
			ds.accountMun[a] = m
		}
		trips, err := g.makeTrips(counts[i])
		if err != nil {
			return nil, err
		}
		cs, err := numberTrips(m, trips)
		if err != nil {
			return nil, err
		}
		ds.counters = append(ds.counters, cs...)
		ds.trips = append(ds.trips, trips...)

		years := []int{today.Year() - 2, today.Year() - 1, today.Year()}
		for _, t := range trips {
			if !slices.Contains(years, t.starts.Year()) {
				years = append(years, t.starts.Year())
			}
		}
		slices.Sort(years)
		ds.budget = append(ds.budget, g.makeBudget(trips, years)...)
		ds.agreements = append(ds.agreements, g.makeAgreements(w.networks)...)
		ds.projects = append(ds.projects, g.makeProjects(w.networks, minorUnits)...)
	}
	// Ids follow the order in which the trips were created.
	slices.SortStableFunc(ds.trips, func(a, b *trip) int { return a.createdAt.Compare(b.createdAt) })
	return ds, nil
}

func newGenerator(w *world, m *municipality, seed int64, now, today time.Time) *generator {
	h := fnv.New64a()
	h.Write([]byte(m.slug))
	r := rand.New(rand.NewPCG(uint64(seed), h.Sum64()))
	g := &generator{r: r, m: m, p: profileFor(m), l: langFor(m.lang), now: now, today: today, modes: w.modes}
	g.people = people(r, g.l, g.p)
	g.accounts = accounts(g.people, g.p, m.slug, g.l.code)
	for _, a := range g.accounts {
		if a.role == "staff" {
			g.staff = append(g.staff, a)
		} else {
			g.pols = append(g.pols, a)
		}
	}
	if len(g.pols) == 0 { // a profile without committees: senior staff review
		g.pols, g.staff = g.staff[len(g.staff)-1:], g.staff[:len(g.staff)-1]
	}

	usable := func(p partner) bool {
		return p.status == "active" && p.hasCoords && p.country != "" && p.country != "RU" &&
			distanceKm(m.lat, m.lon, p.lat, p.lon) > 30
	}
	for i := range m.partners {
		p := &m.partners[i]
		if usable(*p) {
			g.partners = append(g.partners, place{name: p.name, nameEN: p.nameEN, country: p.country, lat: p.lat, lon: p.lon, partner: p})
		}
	}
	for _, c := range conferenceCities {
		if distanceKm(m.lat, m.lon, c.lat, c.lon) < 60 ||
			slices.ContainsFunc(g.partners, func(p place) bool { return p.nameEN == c.nameEN }) {
			continue
		}
		name := c.names[g.l.code]
		if name == "" {
			name = c.nameEN
		}
		g.confs = append(g.confs, place{name: name, nameEN: c.nameEN, country: c.country, lat: c.lat, lon: c.lon, themes: c.themes})
	}
	return g
}

// numberTrips gives every submitted trip its reference CODE-YEAR-NNNN: the year of
// its first submission and the next number of that year, in the order the trips
// were submitted, after any number already in use. It returns the counters.
func numberTrips(m *municipality, trips []*trip) ([]counter, error) {
	var sub []*trip
	for _, t := range trips {
		if t.status != "draft" {
			sub = append(sub, t)
		}
	}
	slices.SortStableFunc(sub, func(a, b *trip) int { return a.firstSubmit.Compare(b.firstSubmit) })
	last := map[int]int{}
	var years []int
	for _, t := range sub {
		y := t.firstSubmit.Year()
		if _, ok := last[y]; !ok {
			last[y] = m.lastNumber[y]
			years = append(years, y)
		}
		last[y]++
		if last[y] > 9999 {
			return nil, fmt.Errorf("%s: more than 9999 trip references in %d: load fewer trips", m.slug, y)
		}
		t.reference = fmt.Sprintf("%s-%04d-%04d", m.code, y, last[y])
	}
	var out []counter
	for _, y := range years {
		out = append(out, counter{m: m, year: y, last: last[y]})
	}
	return out, nil
}
