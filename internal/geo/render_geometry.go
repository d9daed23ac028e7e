// The map's geometry: the viewport fitted to the markers and great-circle routes.

package geo

import (
	"bytes"
	"math"
)

// fitViewport chooses the part of the world to show: the bounding box of
// the markers and routes with padding (fractional, plus fixed room for
// labels), at the output's aspect ratio. Views that would cover most of the
// world snap to the whole world, which reads better than an arbitrary crop;
// tiny clusters are not zoomed in further than about 40° of longitude, so
// there is always geographic context.
func fitViewport(ms []Marker, routes [][]Point, w, h float64) viewport {
	const (
		padFrac  = 0.08
		marginX  = 70.0 // labels run sideways
		marginY  = 28.0
		minSpanX = 0.7 // Equal Earth units, ≈ 40° of longitude
	)
	sWorld := math.Min(w/(2*worldHalfW*1.02), h/(2*worldHalfH*1.02))
	worldView := viewport{minX: -w / sWorld / 2, maxY: h / sWorld / 2, scale: sWorld}

	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	add := func(p Point) {
		x, y := equalEarth(p.Lon, p.Lat)
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, y), math.Max(maxY, y)
	}
	for _, m := range ms {
		add(m.Point)
	}
	for _, r := range routes {
		for _, p := range r {
			add(p)
		}
	}
	if len(ms) == 0 {
		return worldView
	}
	spanX, spanY := maxX-minX, maxY-minY
	s := math.Inf(1)
	if spanX > 0 {
		s = (w - 2*marginX) / (spanX * (1 + 2*padFrac))
	}
	if spanY > 0 {
		s = math.Min(s, (h-2*marginY)/(spanY*(1+2*padFrac)))
	}
	s = math.Min(s, w/minSpanX)
	if s <= sWorld*1.3 {
		return worldView
	}
	ww, wh := w/s, h/s
	cx := clampCentre((minX+maxX)/2, ww, worldHalfW)
	cy := clampCentre((minY+maxY)/2, wh, worldHalfH)
	return viewport{minX: cx - ww/2, maxY: cy + wh/2, scale: s}
}

// clampCentre keeps a window of size span inside [-half, half] where it
// fits, so a zoomed view never shows empty space beyond the world's edge.
func clampCentre(c, span, half float64) float64 {
	if span >= 2*half {
		return 0
	}
	return math.Max(-half+span/2, math.Min(half-span/2, c))
}

// greatCircle samples the great circle from a to b, about every 2°, so long
// routes curve as they do on the globe (Europe to China bends north).
func greatCircle(a, b Point) []Point {
	d := Distance(a, b) / EarthRadiusKm // central angle, radians
	if d < 1e-9 {
		return nil
	}
	n := int(math.Ceil(d / radians(2)))
	if n < 1 {
		n = 1
	}
	ax, ay, az := unitVec(a)
	bx, by, bz := unitVec(b)
	sinD := math.Sin(d)
	out := make([]Point, 0, n+1)
	for i := 0; i <= n; i++ {
		f := float64(i) / float64(n)
		var x, y, z float64
		if sinD < 1e-12 { // antipodal or identical: no unique circle
			x, y, z = ax+(bx-ax)*f, ay+(by-ay)*f, az+(bz-az)*f
		} else {
			ka, kb := math.Sin((1-f)*d)/sinD, math.Sin(f*d)/sinD
			x, y, z = ka*ax+kb*bx, ka*ay+kb*by, ka*az+kb*bz
		}
		out = append(out, Point{
			Lat: math.Atan2(z, math.Hypot(x, y)) * 180 / math.Pi,
			Lon: math.Atan2(y, x) * 180 / math.Pi,
		})
	}
	return out
}

func unitVec(p Point) (x, y, z float64) {
	lat, lon := radians(p.Lat), radians(p.Lon)
	return math.Cos(lat) * math.Cos(lon), math.Cos(lat) * math.Sin(lon), math.Sin(lat)
}

// routeLines projects a route to the view as polylines (flat x,y pairs),
// starting a new one where it crosses the antimeridian (the map's
// left/right edge) rather than drawing a line across the whole map.
func routeLines(vp viewport, r []Point) [][]float64 {
	var lines [][]float64
	var cur []float64
	for i, p := range r {
		if i > 0 && math.Abs(p.Lon-r[i-1].Lon) > 180 {
			if len(cur) >= 4 {
				lines = append(lines, cur)
			}
			cur = nil
		}
		x, y := vp.px(equalEarth(p.Lon, p.Lat))
		cur = append(cur, x, y)
	}
	if len(cur) >= 4 {
		lines = append(lines, cur)
	}
	return lines
}

func writeRoute(b *bytes.Buffer, lines [][]float64) {
	var pw pathWriter
	for _, l := range lines {
		pw.moveTo(b, l[0], l[1])
		for i := 2; i+1 < len(l); i += 2 {
			pw.lineTo(b, l[i], l[i+1])
		}
	}
}

// sphereRing is the outline of the Equal Earth world in projected units:
// the meridian at +180° down, then -180° up (the poles are straight lines).
func sphereRing() []float64 {
	var r []float64
	for lat := 90.0; lat >= -90; lat -= 5 {
		x, y := equalEarth(180, lat)
		r = append(r, x, y)
	}
	for lat := -90.0; lat <= 90; lat += 5 {
		x, y := equalEarth(-180, lat)
		r = append(r, x, y)
	}
	return r
}
