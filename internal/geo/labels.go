package geo

import (
	"math"
	"unicode"
)

// placement is where one marker and its label are drawn, in SVG units.
type placement struct {
	cx, cy float64 // marker centre
	tx, ty float64 // label anchor point on the baseline
	anchor string  // text-anchor: start, middle or end
	leader bool    // label moved away from its point: draw a connecting line
	lx, ly float64 // leader end on the label's box
}

type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) overlap(o rect) float64 {
	w := math.Min(r.x1, o.x1) - math.Max(r.x0, o.x0)
	h := math.Min(r.y1, o.y1) - math.Max(r.y0, o.y0)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// labelDirs are the candidate label positions around a point, in order of
// preference (cartographic convention: right, left, then diagonals, then
// above and below). dx, dy scale the distance from the point; base shifts
// the baseline by a multiple of the font size so the text box, not its
// baseline, sits at that distance.
var labelDirs = []struct {
	dx, dy, base float64
	anchor       string
}{
	{1, 0, 0.35, "start"},
	{-1, 0, 0.35, "end"},
	{0.7, -0.7, 0, "start"},
	{0.7, 0.7, 0.72, "start"},
	{-0.7, -0.7, 0, "end"},
	{-0.7, 0.7, 0.72, "end"},
	{0, -1, -0.1, "middle"},
	{0, 1, 0.8, "middle"},
}

// candidate is one possible label position with its fixed cost: what it
// covers or crosses regardless of where the other labels go.
type candidate struct {
	pl   placement
	box  rect
	cost float64
}

// placeLabels positions the labels. Each label has 32 candidate positions
// (8 directions around its point at 4 distances; the farther ones get a
// leader line). A candidate costs: covering any point, crossing a route
// line (the halo keeps the text readable, but it looks untidy), leaving
// the map, being about as near another point as its own (ambiguous), and
// distance from its point; plus overlap with other labels. Placement is
// greedy (home first, then partners in order) followed by a few rounds in
// which each label moves to its cheapest candidate given all the others,
// which untangles clusters such as Stuttgart, Strasbourg, Brno and Łódź on
// a world map. For the dozen or so partners a municipality has this costs
// microseconds and is deterministic.
func placeLabels(ms []Marker, home int, lines [][][]float64, vp viewport, w, h float64) []placement {
	pl := make([]placement, len(ms))
	markers := make([]rect, len(ms))
	for i, m := range ms {
		x, y := equalEarth(m.Lon, m.Lat)
		cx, cy := vp.px(x, y)
		pl[i] = placement{cx: cx, cy: cy, anchor: "start"}
		r := markerRadius(i == home) + 1
		markers[i] = rect{cx - r, cy - r, cx + r, cy + r}
	}
	view := rect{0, 0, w, h}
	// Bounding boxes let most candidates skip most route lines.
	var flat [][]float64
	var lineBoxes []rect
	for _, ls := range lines {
		for _, l := range ls {
			bb := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
			for k := 0; k+1 < len(l); k += 2 {
				bb.x0, bb.x1 = math.Min(bb.x0, l[k]), math.Max(bb.x1, l[k])
				bb.y0, bb.y1 = math.Min(bb.y0, l[k+1]), math.Max(bb.y1, l[k+1])
			}
			flat, lineBoxes = append(flat, l), append(lineBoxes, bb)
		}
	}
	cands := make([][]candidate, len(ms))
	for i := range ms {
		if ms[i].Label == "" {
			continue
		}
		fs := labelSize
		if i == home {
			fs = homeLabelSize
		}
		tw := textWidth(ms[i].Label, fs, i == home)
		cx, cy := pl[i].cx, pl[i].cy
		r := markerRadius(i == home)
		for level := 0; level < 4; level++ {
			d := r + 3 + float64(level)*11
			for di, dir := range labelDirs {
				tx := cx + dir.dx*d
				ty := cy + dir.dy*d + dir.base*fs
				box := rect{y0: ty - 0.78*fs - 1.5, y1: ty + 0.25*fs + 1.5}
				switch dir.anchor {
				case "start":
					box.x0, box.x1 = tx-1.5, tx+tw+1.5
				case "end":
					box.x0, box.x1 = tx-tw-1.5, tx+1.5
				default:
					box.x0, box.x1 = tx-tw/2-1.5, tx+tw/2+1.5
				}
				cost := float64(level)*levelCost + float64(di)*0.5
				own := box.dist(cx, cy)
				for k, o := range markers {
					if k == i {
						continue
					}
					cost += 4 * box.overlap(o)
					// A label must read as belonging to its own point.
					if box.dist(pl[k].cx, pl[k].cy) < 1.5*own+8 {
						cost += ambiguityCost
					}
				}
				// Every route starts at home, so home's label cannot avoid
				// them all; it only avoids points and other labels.
				if i != home {
					for li, l := range flat {
						if box.overlap(lineBoxes[li]) > 0 || box.touches(lineBoxes[li]) {
							cost += lineCrossCost * float64(box.crossings(l))
						}
					}
				}
				area := (box.x1 - box.x0) * (box.y1 - box.y0)
				cost += 8 * (area - box.overlap(view))
				c := candidate{pl: placement{tx: tx, ty: ty, anchor: dir.anchor}, box: box, cost: cost}
				if level > 0 {
					c.pl.leader = true
					c.pl.lx = math.Max(box.x0+1.5, math.Min(box.x1-1.5, cx))
					c.pl.ly = math.Max(box.y0+1.5, math.Min(box.y1-1.5, cy))
					// A leader passing close by another point would tie
					// the label to the wrong place.
					for k := range ms {
						if k != i && segDist(pl[k].cx, pl[k].cy, cx, cy, c.pl.lx, c.pl.ly) < markerRadius(k == home)+3 {
							c.cost += ambiguityCost
						}
					}
				}
				cands[i] = append(cands[i], c)
			}
		}
	}

	order := make([]int, 0, len(ms))
	if home >= 0 && ms[home].Label != "" {
		order = append(order, home)
	}
	for i := range ms {
		if i != home && ms[i].Label != "" {
			order = append(order, i)
		}
	}
	chosen := make([]int, len(ms))
	placed := make([]bool, len(ms))
	best := func(i int) int {
		bi, bc := 0, math.Inf(1)
		for ci, c := range cands[i] {
			cost := c.cost
			for _, k := range order {
				if k != i && placed[k] {
					cost += 10 * c.box.overlap(cands[k][chosen[k]].box)
				}
			}
			if cost < bc {
				bi, bc = ci, cost
			}
		}
		return bi
	}
	for _, i := range order {
		chosen[i] = best(i)
		placed[i] = true
	}
	for round := 0; round < 8; round++ {
		changed := false
		for _, i := range order {
			if b := best(i); b != chosen[i] {
				chosen[i], changed = b, true
			}
		}
		if !changed {
			break
		}
	}
	for _, i := range order {
		c := cands[i][chosen[i]].pl
		c.cx, c.cy = pl[i].cx, pl[i].cy
		pl[i] = c
	}
	return pl
}

// levelCost is the cost of moving a label one step further from its point.
const levelCost = 40

// ambiguityCost is the cost of a label about as near another point as its
// own; more than a few line crossings, less than covering text.
const ambiguityCost = 150

// touches reports whether r and o intersect, counting shared edges and
// degenerate (zero-width) boxes such as that of a vertical line.
func (r rect) touches(o rect) bool {
	return r.x0 <= o.x1 && o.x0 <= r.x1 && r.y0 <= o.y1 && o.y0 <= r.y1
}

// dist is the distance from (x, y) to the nearest point of r.
func (r rect) dist(x, y float64) float64 {
	dx := math.Max(0, math.Max(r.x0-x, x-r.x1))
	dy := math.Max(0, math.Max(r.y0-y, y-r.y1))
	return math.Hypot(dx, dy)
}

// segDist is the distance from (px, py) to the segment a–b.
func segDist(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/l2))
	}
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}

// lineCrossCost is the cost of a route segment through a label box, in
// the same unit as overlap (square user units).
const lineCrossCost = 20

// crossings counts the segments of polyline l (flat x,y pairs) that pass
// through r.
func (r rect) crossings(l []float64) int {
	n := 0
	for i := 0; i+3 < len(l); i += 2 {
		if r.hitsSegment(l[i], l[i+1], l[i+2], l[i+3]) {
			n++
		}
	}
	return n
}

// hitsSegment reports whether segment a–b meets r: their bounding boxes
// overlap and the rectangle's corners are not all on one side of the line.
func (r rect) hitsSegment(ax, ay, bx, by float64) bool {
	if math.Max(ax, bx) < r.x0 || math.Min(ax, bx) > r.x1 || math.Max(ay, by) < r.y0 || math.Min(ay, by) > r.y1 {
		return false
	}
	side := func(x, y float64) float64 { return (bx-ax)*(y-ay) - (by-ay)*(x-ax) }
	s1, s2, s3, s4 := side(r.x0, r.y0), side(r.x1, r.y0), side(r.x0, r.y1), side(r.x1, r.y1)
	return !(s1 > 0 && s2 > 0 && s3 > 0 && s4 > 0) && !(s1 < 0 && s2 < 0 && s3 < 0 && s4 < 0)
}

func markerRadius(home bool) float64 {
	if home {
		return homeRadius
	}
	return partnerRadius
}

// textWidth estimates the advance width of s in a typical sans-serif face.
// The server has no font metrics; per-class averages are within about 10 %
// for Latin text, and the halo padding absorbs the rest.
func textWidth(s string, fs float64, bold bool) float64 {
	em := 0.0
	for _, r := range s {
		switch {
		case r == ' ' || r == '.' || r == ',' || r == '\'' || r == 'i' || r == 'l' || r == 'j' || r == 'I' || r == '!' || r == '|':
			em += 0.28
		case r == 'f' || r == 't' || r == 'r' || r == '(' || r == ')' || r == '-':
			em += 0.36
		case r == 'm' || r == 'w' || r == 'M' || r == 'W':
			em += 0.85
		case unicode.IsUpper(r):
			em += 0.68
		case unicode.IsDigit(r):
			em += 0.56
		case r > 0x2E80: // CJK and other wide scripts
			em += 1.0
		default:
			em += 0.55
		}
	}
	if bold {
		em *= 1.07
	}
	return em * fs
}
