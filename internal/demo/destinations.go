package demo

import "slices"

// chooseDestinations picks one to three places: a partner city more often than
// not, near ones more often than far ones, further stops near the first.
func (g *generator) chooseDestinations(t *trip) {
	var first place
	if len(g.partners) > 0 && chance(g.r, 0.65) {
		first = g.weightedByDistance(g.partners)
	} else {
		first = g.weightedByDistance(g.confs)
	}
	t.dests = []destination{{place: first}}
	if first.partner != nil {
		t.partnership = first.partner.partnershipID
	}
	extra := 0
	if chance(g.r, 0.3) {
		extra++
		if chance(g.r, 0.3) {
			extra++
		}
	}
	for range extra {
		prev := t.dests[len(t.dests)-1].place
		var near []place
		for _, c := range slices.Concat(g.partners, g.confs) {
			if c.nameEN == prev.nameEN || slices.ContainsFunc(t.dests, func(d destination) bool { return d.place.nameEN == c.nameEN }) {
				continue
			}
			if distanceKm(prev.lat, prev.lon, c.lat, c.lon) < 1500 {
				near = append(near, c)
			}
		}
		if len(near) == 0 {
			break
		}
		slices.SortStableFunc(near, func(a, b place) int {
			da := distanceKm(prev.lat, prev.lon, a.lat, a.lon)
			db := distanceKm(prev.lat, prev.lon, b.lat, b.lon)
			switch {
			case da < db:
				return -1
			case da > db:
				return 1
			}
			return 0
		})
		next := near[g.r.IntN(min(len(near), 5))]
		t.dests = append(t.dests, destination{place: next})
		if t.partnership == 0 && next.partner != nil {
			t.partnership = next.partner.partnershipID
		}
	}
}

// weightedByDistance draws a place, a near one more likely than a far one.
func (g *generator) weightedByDistance(ps []place) place {
	ws := make([]float64, len(ps))
	var total float64
	for i, p := range ps {
		d := distanceKm(g.m.lat, g.m.lon, p.lat, p.lon)
		ws[i] = 1 / (1 + d/1500)
		total += ws[i]
	}
	x := g.r.Float64() * total
	for i, w := range ws {
		x -= w
		if x < 0 {
			return ps[i]
		}
	}
	return ps[len(ps)-1]
}

// chooseTopic takes the topic from the organiser, sometimes from what the
// conference city is known for, rarely from anywhere.
func (g *generator) chooseTopic(t *trip) {
	first := t.dests[0].place
	switch {
	case first.partner == nil && len(first.themes) > 0 && chance(g.r, 0.5):
		t.topic = pick(g.r, first.themes)
	case chance(g.r, 0.85):
		t.topic = pick(g.r, t.organiser.topics)
	default:
		t.topic = pick(g.r, topicKeys)
	}
	if t.topic == "twinning" && first.partner == nil {
		t.topic = "eu"
	}
}

// duration returns the number of days away, from the distance and the stops.
func (g *generator) duration(t *trip) int {
	far := 0.0
	for _, d := range t.dests {
		far = max(far, distanceKm(g.m.lat, g.m.lon, d.place.lat, d.place.lon))
	}
	var days int
	switch {
	case far < 1000:
		days = between(g.r, 1, 3)
	case far < 3700:
		days = between(g.r, 2, 4)
	default:
		days = between(g.r, 4, 7)
	}
	for range len(t.dests) - 1 {
		days += between(g.r, 1, 2)
	}
	return max(days, len(t.dests))
}
