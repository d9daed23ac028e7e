package demo

import (
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// statusShare is the share of each lifecycle state among the trips; the rest,
// about 80 %, are published.
var statusShare = []struct {
	status string
	share  float64
}{
	{"draft", 0.03}, {"submitted", 0.025}, {"returned", 0.015}, {"approved", 0.03},
	{"completed", 0.025}, {"report_submitted", 0.025}, {"report_returned", 0.015},
}

// inProgressShare is the sum of the shares above.
const inProgressShare = 0.165

// maxInProgress caps the unpublished trips of one municipality: they all fall in
// the last few months, as a real portal's would.
const maxInProgress = 2000

// trip is one generated trip with its rows, before it has an id.
type trip struct {
	id          int64
	m           *municipality
	status      string
	reference   string
	title       string
	purpose     string
	organiser   *organiser
	topic       string
	starts      time.Time
	ends        time.Time
	partnership int64 // 0: none
	budgetCode  string
	budgetLine  int64
	author      *demoAccount
	submittedAt time.Time // zero: NULL
	approvedAt  time.Time
	completedAt time.Time
	reportAppAt time.Time
	publishedAt time.Time
	firstSubmit time.Time
	createdAt   time.Time
	updatedAt   time.Time
	version     int
	dests       []destination
	travellers  []traveller
	items       []programmeItem
	costs       []cost
	priorities  []int64
	report      *report
	events      []event
}

type destination struct {
	place place
	mode  string // "" means unknown
}

type traveller struct{ name, role, kind string }

type programmeItem struct {
	day       time.Time
	position  int
	desc, loc string
}

type cost struct {
	category, desc  string
	planned, actual int64 // minor units; actual < 0 means NULL
}

type report struct {
	goal, carriedOut, outcome, followUp string
	submittedAt, createdAt, updatedAt   time.Time
	version                             int
}

type event struct {
	action, from, to string
	actor            *demoAccount
	comment          string
	at               time.Time
	// A committee's decision: the body, the day of its meeting, the item of
	// its minutes and their reference (see generator.minutes).
	body    int64
	meeting time.Time
	item    int
	minutes string
}

// generator makes the demo data of one municipality from its own random stream.
type generator struct {
	r     *rand.Rand
	m     *municipality
	p     *profile
	l     *lang
	now   time.Time
	today time.Time // now's date at midnight UTC
	// pubYears are the years published trips are first submitted in, pubWeights
	// how likely each is.
	pubYears   []int
	pubWeights []float64
	modes      map[string]bool
	people     []*person
	accounts   []*demoAccount
	staff      []*demoAccount
	pols       []*demoAccount
	// tpls are the budget lines every year repeats; rules what the policy's
	// rules ask of each organiser's trips (by index in p.organisers); members
	// the politician accounts who belong to each body that may decide.
	tpls     []budgetTemplate
	rules    []orgRules
	members  map[int64][]*demoAccount
	partners []place
	confs    []place
}

// shares spreads n trips over the municipalities: half equally, half by population.
func shares(ms []*municipality, n int) []int {
	var pop float64
	for _, m := range ms {
		pop += float64(m.population)
	}
	out := make([]int, len(ms))
	rest := make([]float64, len(ms))
	given := 0
	for i, m := range ms {
		x := float64(n) * (0.5/float64(len(ms)) + 0.5*float64(m.population)/pop)
		out[i] = int(x)
		rest[i] = x - float64(out[i])
		given += out[i]
	}
	for given < n {
		best := 0
		for i := range rest {
			if rest[i] > rest[best] {
				best = i
			}
		}
		out[best]++
		rest[best] = -1
		given++
	}
	return out
}

// statuses returns n lifecycle states in random order, about 80 % published and
// each other state present once n allows it.
func statuses(r *rand.Rand, n int) []string {
	var out []string
	inProgress := 0
	for _, s := range statusShare {
		k := int(math.Round(float64(n) * s.share))
		if k == 0 && n >= 25 {
			k = 1
		}
		k = min(k, int(maxInProgress*s.share/inProgressShare))
		inProgress += k
		for range k {
			out = append(out, s.status)
		}
	}
	if inProgress > n {
		out = out[:n]
	}
	for len(out) < n {
		out = append(out, "published")
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// planTrips draws the lifecycle states of n trips and plans the years they are
// submitted in; makeTrip then generates them one by one, in this order.
func (g *generator) planTrips(n int) ([]string, error) {
	sts := g.fitInProgress(g.settle(statuses(g.r, n)))
	published, inProgress := 0, 0
	for _, s := range sts {
		switch s {
		case "published":
			published++
		case "draft":
		default:
			inProgress++
		}
	}
	if err := g.planYears(published, inProgress); err != nil {
		return nil, err
	}
	return sts, nil
}

func (g *generator) makeTrip(status string) *trip {
	t := &trip{m: g.m, status: status}
	oi := g.organiserFor(status)
	t.organiser = &g.p.organisers[oi]
	t.budgetCode = g.tpls[g.rules[oi].line].code
	g.chooseDestinations(t)
	g.chooseTopic(t)
	g.chooseTravellers(t, oi)
	days := g.duration(t)
	g.timeline(t, days, g.rules[oi])
	g.writePurpose(t)
	g.choosePriorities(t)
	g.writeProgramme(t)
	g.writeCosts(t)
	if t.reportDue() {
		g.writeReport(t)
	}
	return t
}

func (g *generator) writePurpose(t *trip) {
	first := t.dests[0].place
	tpl := pick(g.r, g.l.conferencePurposes)
	switch {
	case t.organiser.political && chance(g.r, 0.3):
		tpl = pick(g.r, g.l.politicalPurposes)
	case first.partner != nil:
		tpl = pick(g.r, g.l.partnerPurposes)
	}
	s := g.fill(tpl, t, first.name)
	// The title names the trip by its first destination and topic; the purpose
	// adds the other places visited.
	t.title = s
	for _, d := range t.dests[1:] {
		s += strings.ReplaceAll(g.l.alsoVisiting, "{city}", d.place.name)
	}
	t.purpose = s
}

// choosePriorities links the priorities the topic serves: one or two, none for
// some drafts.
func (g *generator) choosePriorities(t *trip) {
	offered := g.m.tripPriorities()
	if t.status == "draft" && chance(g.r, 0.3) || len(offered) == 0 {
		return
	}
	ids := g.m.tripPriorityIDs(g.p.priorities[t.topic])
	if len(ids) == 0 {
		ids = []int64{pick(g.r, offered).id}
	}
	k := 1
	if len(ids) > 1 && chance(g.r, 0.5) {
		k = 2
	}
	t.priorities = ids[:k]
}

// fill replaces the template slots.
func (g *generator) fill(tpl string, t *trip, city string) string {
	return strings.NewReplacer(
		"{city}", city,
		"{topic}", g.l.topics[t.topic],
		"{org}", t.organiser.name,
		"{home}", homeName(g.m),
	).Replace(tpl)
}

// homeName is the municipality's name without "Kommune" and the like.
func homeName(m *municipality) string {
	for _, suffix := range []string{" Kommune", " kommun", " Municipality"} {
		if s, ok := strings.CutSuffix(m.name, suffix); ok {
			return s
		}
	}
	return m.name
}

// reportDue reports whether the trip has reached the report stage.
func (t *trip) reportDue() bool {
	switch t.status {
	case "report_submitted", "report_returned", "report_approved", "published":
		return true
	}
	return false
}

// costsActual reports whether the trip has been completed, so actual costs exist.
func (t *trip) costsActual() bool {
	return t.reportDue() || t.status == "completed"
}
