package demo

import (
	"fmt"
	"hash/fnv"
	"maps"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/municipal-intl/portal/internal/access"
)

// The demo data is generated twice, so that a million trips never sit in memory at
// once. The first pass generates every trip, keeps only a few numbers per trip (when
// it was created and first submitted, what it costs per budget line) and makes the
// small rows: accounts, budget lines, reference counters, agreements and projects.
// The second pass, in insertTrips, generates the trips again from the same seeds,
// chunk by chunk, gives each the id and reference the first pass planned, and
// copies the chunk before generating the next. A trip is the same both times
// because each municipality's trips come from its own random stream, seeded the
// same way and drawn in the same order.

// dataset is the demo data apart from the trips, and the plan of the trips.
type dataset struct {
	w          *world
	seed       int64
	now, today time.Time
	accounts   []*demoAccount
	accountMun map[*demoAccount]*municipality
	// members are the demo politicians' memberships of bodies.
	members    []membership
	budget     []*budgetLine
	counters   []counter
	agreements []*agreement
	projects   []*project
	plans      []*tripPlan
	// order lists every trip by creation time (ties in generation order): the i-th
	// trip of this order gets the i-th id, as a real portal would have given them.
	order []tripKey
	// firstCreated is the earliest creation time of a trip.
	firstCreated time.Time
}

// tripPlan is what the first pass learnt about one municipality's trips, by the
// trip's position in the municipality's generation order.
type tripPlan struct {
	m      *municipality
	n      int
	number []int32 // reference number; 0: no reference (a draft)
	year   []int16 // year of first submission
	id     []int64 // set by insertTrips
}

// tripKey names a trip by its municipality (index in world.municipalities), its
// position in that municipality's generation order and its creation time.
type tripKey struct {
	created int64 // Unix nanoseconds
	m, i    int32
}

// membership makes an account a member of a body (body_member).
type membership struct {
	body    int64
	account *demoAccount
}

type counter struct {
	m          *municipality
	year, last int
}

// generate makes the first pass over every municipality of w.
func generate(w *world, opts Options, now time.Time, minorUnits map[string]int) (*dataset, error) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	ds := &dataset{w: w, seed: opts.Seed, now: now, today: today, accountMun: map[*demoAccount]*municipality{},
		firstCreated: now}
	counts := shares(w.municipalities, opts.Trips)
	for mi, m := range w.municipalities {
		g := newGenerator(w, m, opts.Seed, now, today)
		for _, a := range g.accounts {
			ds.accounts = append(ds.accounts, a)
			ds.accountMun[a] = m
		}
		for _, id := range slices.Sorted(maps.Keys(g.members)) {
			for _, a := range g.members[id] {
				ds.members = append(ds.members, membership{body: id, account: a})
			}
		}
		sts, err := g.planTrips(counts[mi])
		if err != nil {
			return nil, err
		}
		plan := &tripPlan{m: m, n: len(sts), number: make([]int32, len(sts)), year: make([]int16, len(sts))}
		tpls := g.tpls
		spend := map[int]map[string]int64{}
		years := []int{today.Year() - 2, today.Year() - 1, today.Year()}
		var subs []submission
		for i, s := range sts {
			t := g.makeTrip(s)
			ds.order = append(ds.order, tripKey{created: t.createdAt.UnixNano(), m: int32(mi), i: int32(i)})
			if t.createdAt.Before(ds.firstCreated) {
				ds.firstCreated = t.createdAt
			}
			if t.status != "draft" {
				subs = append(subs, submission{at: t.firstSubmit.UnixNano(), i: int32(i)})
			}
			y := t.starts.Year()
			if !slices.Contains(years, y) {
				years = append(years, y)
			}
			code := t.budgetCode
			if spend[y] == nil {
				spend[y] = map[string]int64{}
			}
			for _, c := range t.costs {
				spend[y][code] += max(c.planned, c.actual)
			}
		}
		cs, err := numberTrips(m, plan, subs)
		if err != nil {
			return nil, err
		}
		ds.counters = append(ds.counters, cs...)
		ds.plans = append(ds.plans, plan)

		slices.Sort(years)
		ds.budget = append(ds.budget, g.makeBudget(tpls, spend, years)...)
		ds.agreements = append(ds.agreements, g.makeAgreements(w.networks)...)
		ds.projects = append(ds.projects, g.makeProjects(w.networks, minorUnits)...)
	}
	// Ids follow the order in which the trips were created.
	slices.SortStableFunc(ds.order, func(a, b tripKey) int {
		switch {
		case a.created < b.created:
			return -1
		case a.created > b.created:
			return 1
		}
		return 0
	})
	return ds, nil
}

func newGenerator(w *world, m *municipality, seed int64, now, today time.Time) *generator {
	h := fnv.New64a()
	h.Write([]byte(m.slug))
	r := rand.New(rand.NewPCG(uint64(seed), h.Sum64()))
	p := profileFor(m)
	g := &generator{r: r, m: m, l: langFor(m.lang), now: now, today: today, modes: w.modes}
	g.tpls = budgetTemplates(m, p)
	g.p, g.rules = applyRules(m, p, g.tpls)
	bodies := deciders(m, g.p, g.rules)
	var members []int
	for _, orgs := range bodies {
		members = append(members, orgs...)
	}
	g.people = people(r, g.l, g.p)
	g.accounts = accounts(g.people, g.p, m.slug, g.l.code, members)
	g.members = memberships(bodies, g.accounts)
	for _, a := range g.accounts {
		if a.role == access.RoleStaff {
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

// submission is a submitted trip's first submission time and its position.
type submission struct {
	at int64 // Unix nanoseconds
	i  int32
}

// numberTrips gives every submitted trip its reference number in plan: within
// the year of its first submission, the next number of that year, in the order the
// trips were submitted, after any number already in use. It returns the counters.
func numberTrips(m *municipality, plan *tripPlan, sub []submission) ([]counter, error) {
	slices.SortStableFunc(sub, func(a, b submission) int {
		switch {
		case a.at < b.at:
			return -1
		case a.at > b.at:
			return 1
		}
		return 0
	})
	last := map[int]int{}
	var years []int
	for _, s := range sub {
		y := time.Unix(0, s.at).UTC().Year()
		if _, ok := last[y]; !ok {
			last[y] = m.lastNumber[y]
			years = append(years, y)
		}
		last[y]++
		if last[y] > maxNumber {
			return nil, fmt.Errorf("%s: more than %d trip references in %d: load fewer trips", m.slug, maxNumber, y)
		}
		plan.number[s.i] = int32(last[y])
		plan.year[s.i] = int16(y)
	}
	var out []counter
	for _, y := range years {
		out = append(out, counter{m: m, year: y, last: last[y]})
	}
	return out, nil
}

// reference is the trip reference CODE-YEAR-NNNN of the plan's trip i, or "".
func (p *tripPlan) reference(i int) string {
	if p.number[i] == 0 {
		return ""
	}
	return fmt.Sprintf("%s-%04d-%04d", p.m.code, p.year[i], p.number[i])
}
