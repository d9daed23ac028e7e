package demo

import (
	"slices"
	"time"

	"github.com/municipal-intl/portal/internal/money"
)

// agreement is one generated agreement with its parties and priorities.
type agreement struct {
	id          int64
	m           *municipality
	typ         string
	title       string
	summary     string
	partnership int64
	network     int64
	signed      time.Time // zero: NULL
	validFrom   time.Time
	validUntil  time.Time
	status      string
	parties     []party
	priorities  []int64
}

type party struct {
	municipality int64
	partnerCity  int64
	name         string
}

// project is one generated project with external funding.
type project struct {
	id                 int64
	m                  *municipality
	title, description string
	partnership        int64
	network            int64
	funder, programme  string
	fundingMinor       int64
	currency           string
	starts, ends       time.Time
	status             string
	priorities         []int64
}

// makeAgreements turns the profile's agreements into rows dated relative to now.
// A municipality whose policy rules out new twin-town agreements (Västerås) gets
// none, whatever the profile says.
func (g *generator) makeAgreements(networks map[string]int64) []*agreement {
	var out []*agreement
	for _, s := range g.p.agreements {
		if s.typ == "twin_town_agreement" && g.m.rules["no_new_twin_town_agreements"] {
			continue
		}
		a := &agreement{m: g.m, typ: s.typ, title: s.title, summary: s.summary, network: networks[s.network]}
		a.parties = append(a.parties, party{municipality: g.m.id, name: g.m.name})
		for _, name := range s.partners {
			if p := g.m.partnerByName(name); p != nil {
				if a.partnership == 0 {
					a.partnership = p.partnershipID
				}
				a.parties = append(a.parties, party{partnerCity: p.cityID, name: p.name})
			}
		}
		if s.otherParty != "" {
			a.parties = append(a.parties, party{name: s.otherParty})
		}
		if len(a.parties) == 1 {
			continue // none of its partners is seeded
		}
		switch {
		case s.draft:
			a.status = "draft"
		case s.signed != "":
			a.signed = mustDate(s.signed)
			a.validFrom = a.signed
			if s.until != "" {
				a.validUntil = mustDate(s.until)
			}
		default:
			a.signed = time.Date(g.today.Year()-s.signedYearsAgo, time.Month(between(g.r, 1, 12)), between(g.r, 1, 28), 0, 0, 0, 0, time.UTC)
			if !a.signed.Before(g.today) {
				a.signed = g.today.AddDate(0, 0, -between(g.r, 10, 60))
			}
			a.validFrom = a.signed
			if s.validYears > 0 {
				a.validUntil = a.signed.AddDate(s.validYears, 0, -1)
			}
		}
		if a.status == "" {
			a.status = "in_force"
			if !a.validUntil.IsZero() && a.validUntil.Before(g.today) {
				a.status = "expired"
			}
		}
		a.priorities = dedupe(g.m.priorityIDs(s.priorities))
		out = append(out, a)
	}
	return out
}

// makeProjects turns the profile's projects into rows dated relative to now.
func (g *generator) makeProjects(networks map[string]int64, minorUnits map[string]int) []*project {
	var out []*project
	for _, s := range g.p.projects {
		cur := s.currency
		if cur == "" {
			cur = g.m.currency
		}
		units, ok := minorUnits[cur]
		if !ok {
			cur, units = g.m.currency, g.m.minorUnits
		}
		p := &project{m: g.m, title: s.title, description: s.description, funder: s.funder,
			programme: s.programme, network: networks[s.network], currency: cur}
		p.fundingMinor = s.fundingMajor * money.Scale(units)
		if pc := g.m.partnerByName(s.partner); s.partner != "" && pc != nil {
			p.partnership = pc.partnershipID
		}
		first := time.Date(g.today.Year(), g.today.Month(), 1, 0, 0, 0, 0, time.UTC)
		p.starts = first.AddDate(0, -s.startMonthsAgo, 0)
		p.ends = p.starts.AddDate(0, s.months, -1)
		switch {
		case s.cancelled:
			p.status = "cancelled"
		case p.starts.After(g.today):
			p.status = "planned"
		case p.ends.Before(g.today):
			p.status = "completed"
		default:
			p.status = "running"
		}
		p.priorities = dedupe(g.m.priorityIDs(s.priorities))
		out = append(out, p)
	}
	return out
}

func mustDate(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic("demo: bad date " + s)
	}
	return t
}

func dedupe(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
