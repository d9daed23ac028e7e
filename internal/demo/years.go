package demo

import (
	"fmt"
	"slices"
	"time"
)

// A trip's reference holds the year of its first submission and a number of at
// most maxNumber in that year, and numbers are never reused, not even after Remove.
// So the demo trips must fit into the numbers a year has left: published trips are
// first submitted in the years Now.Year()-2 … Now.Year(), reaching further back
// when those years lack numbers (earlier loads).

// maxNumber is the highest reference number of a year (migration 00061).
const maxNumber = 999_999

// typicalChain is about how many days a published trip takes from first submission
// to publication; it only estimates how much of this year is open to them.
const typicalChain = 130

// fillFactor leaves room for chance: a year is planned to be filled to this share.
const fillFactor = 0.85

// inProgressDays is how far back the first submission of a trip in progress lies
// at most.
const inProgressDays = 170

// recentYears are the years trips in progress may have been first submitted in.
func (g *generator) recentYears() []int {
	ys := []int{g.today.Year()}
	if y := g.today.AddDate(0, 0, -inProgressDays).Year(); y != ys[0] {
		ys = append(ys, y)
	}
	return ys
}

// fitInProgress publishes trips in progress that the recent years have no
// reference numbers left for: they were submitted in the last months, so they
// cannot move to earlier years as published trips can.
func (g *generator) fitInProgress(sts []string) []string {
	room := maxNumber
	for _, y := range g.recentYears() {
		room = min(room, maxNumber-g.m.lastNumber[y])
	}
	limit := int(fillFactor * float64(room))
	n := 0
	for i, s := range sts {
		if s == "draft" || s == "published" {
			continue
		}
		if n++; n > limit {
			sts[i] = "published"
		}
	}
	return sts
}

// planYears chooses the years published trips are first submitted in and weighs
// each by the numbers it has left, after the trips in progress (submitted in the
// last months) have taken theirs.
func (g *generator) planYears(published, inProgress int) error {
	cur := g.today.Year()
	recent := g.recentYears()
	avail := func(y int) float64 {
		n := maxNumber - g.m.lastNumber[y]
		if slices.Contains(recent, y) {
			n -= inProgress
		}
		return float64(max(n, 0))
	}
	latest := g.today.AddDate(0, 0, -typicalChain)
	for k := 2; cur-k >= 1991; k++ {
		from := time.Date(cur-k, 1, 1, 0, 0, 0, 0, time.UTC)
		var years []int
		var weights []float64
		var total float64
		for y := cur - k; y <= cur; y++ {
			start := later(from, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
			end := earlier(latest, time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC))
			frac := max(end.Sub(start).Hours()/24/365, 0)
			w := avail(y) * frac
			years = append(years, y)
			weights = append(weights, w)
			total += w
		}
		if float64(published) <= fillFactor*total {
			g.pubYears, g.pubWeights = years, weights
			return nil
		}
	}
	return fmt.Errorf("%s: too few trip reference numbers left for %d published trips: load fewer trips", g.m.slug, published)
}

// publishedSubmission picks the day a published trip was first submitted: in a
// year drawn by its weight, no later than latest (so the trip is published before
// today).
func (g *generator) publishedSubmission(latest time.Time) time.Time {
	var total float64
	for i, y := range g.pubYears {
		if time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).After(latest) {
			break
		}
		total += g.pubWeights[i]
	}
	year := latest.Year()
	if total > 0 {
		x := g.r.Float64() * total
		for i, y := range g.pubYears {
			x -= g.pubWeights[i]
			if x < 0 {
				year = y
				break
			}
		}
	}
	first := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	last := earlier(latest, time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC))
	if last.Before(first) {
		return latest
	}
	return first.AddDate(0, 0, g.r.IntN(int(last.Sub(first)/day)+1))
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
