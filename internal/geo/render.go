package geo

import (
	"bytes"
	"encoding/xml"
	"math"
	"net/url"
	"sort"
	"strings"
	"unicode"
)

// Marker is one labelled point on the map: the home municipality or one of
// its partner cities.
type Marker struct {
	Point
	// Label is shown next to the point. It is user data and is escaped.
	Label string
	// Home marks the municipality itself: it is drawn larger and in a
	// distinct colour, and every partner gets a line from it. Only the first
	// Home marker counts as home.
	Home bool
	// Status of the partnership: "active", "suspended" or "ended". Empty or
	// unknown values are drawn as active, the common case. Status is shown
	// by shape and line pattern as well as colour, so that it does not rely
	// on colour vision.
	Status string
	// Href, if set, makes the point and its label a link (for example to
	// the partner's page). Only relative and http(s) URLs are linked, so
	// that a stored "javascript:" URL cannot become an active link.
	Href string
}

// MapOptions describes the SVG to render.
type MapOptions struct {
	// Width and Height are the size in SVG user units (and the intrinsic
	// pixel size); 960×540 when not positive. The aspect ratio is kept and
	// the map area fitted to it.
	Width, Height int
	// Title and Description name and describe the map for assistive
	// technology (<title>/<desc>, referenced by aria-labelledby), so a
	// caller should say in words what the map shows, in the page language.
	Title, Description string
	// Lang is the language tag of Title, Description and labels, e.g. "da".
	Lang string
	// IDPrefix starts every id in the SVG (title, desc, clip path). Ids must
	// be unique in the page, so a page with two maps gives each its own
	// prefix. Characters other than ASCII letters, digits, '-' and '_' are
	// replaced; empty means "geomap".
	IDPrefix string
}

// Colours. Marks and lines have at least 3:1 contrast against both the sea
// and the land fill (WCAG 1.4.11, non-text contrast), label text at least
// 4.5:1 against its white halo and the land (WCAG 1.4.3); geo_test.go
// checks these ratios so that a later palette change cannot silently break
// them.
const (
	colSea       = "#eaf1f8"
	colLand      = "#d6dbe1"
	colBorder    = "#ffffff"
	colHome      = "#b00020"
	colActive    = "#0b5394"
	colSuspended = "#9a5b00"
	colEnded     = "#5f6368"
	colText      = "#1a1a1a"
	colHalo      = "#ffffff"
)

const (
	defaultWidth  = 960
	defaultHeight = 540
	labelSize     = 13.0 // px; home label is a little larger and bold
	homeLabelSize = 14.0
	homeRadius    = 7.5
	partnerRadius = 4.5
	clipMargin    = 2.0 // outlines are clipped this far outside the view
	simplifyDist  = 0.5 // user units: closer points are dropped
)

// viewport maps Equal Earth units to SVG user units:
// px = (x-minX)*scale, py = (maxY-y)*scale (SVG's y axis points down).
type viewport struct {
	minX, maxY, scale float64
}

func (v viewport) px(x, y float64) (float64, float64) {
	return (x - v.minX) * v.scale, (v.maxY - y) * v.scale
}

// RenderMap draws the markers on a world map and returns a self-contained
// inline SVG element.
//
// The view is fitted to the markers and the lines between them, with room
// for labels: partners all in Europe give a map of Europe, partners on
// several continents the whole world. The SVG uses presentation attributes
// only (no style attributes, scripts or external references), so it needs
// nothing beyond the site's CSP of style-src 'self'. When any marker links
// somewhere the root gets role="group" rather than role="img": an img's
// children are presentational, which would hide the links from screen
// readers.
func RenderMap(opts MapOptions, markers []Marker) []byte {
	w, h := float64(opts.Width), float64(opts.Height)
	if opts.Width <= 0 || opts.Height <= 0 {
		w, h = defaultWidth, defaultHeight
	}
	prefix := sanitizeID(opts.IDPrefix)

	ms := make([]Marker, 0, len(markers))
	for _, m := range markers {
		if isFinite(m.Lat) && isFinite(m.Lon) {
			m.Lat = math.Max(-90, math.Min(90, m.Lat))
			m.Lon = normLon(m.Lon)
			ms = append(ms, m)
		}
	}
	home := -1
	for i, m := range ms {
		if m.Home {
			home = i
			break
		}
	}

	// Great-circle routes from home to each partner, as lon/lat samples.
	routes := make([][]Point, len(ms))
	if home >= 0 {
		for i, m := range ms {
			if i != home {
				routes[i] = greatCircle(ms[home].Point, m.Point)
			}
		}
	}

	vp := fitViewport(ms, routes, w, h)

	var b bytes.Buffer
	b.Grow(64 << 10)
	title := opts.Title
	if title == "" {
		title = "Map"
	}
	titleID, descID, clipID := prefix+"-title", prefix+"-desc", prefix+"-clip"
	labelled := titleID
	if opts.Description != "" {
		labelled += " " + descID
	}
	role := "img"
	for _, m := range ms {
		if safeHref(m.Href) != "" {
			role = "group"
			break
		}
	}

	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="geo-map" viewBox="0 0 `)
	writeNum(&b, w)
	b.WriteByte(' ')
	writeNum(&b, h)
	b.WriteString(`" width="`)
	writeNum(&b, w)
	b.WriteString(`" height="`)
	writeNum(&b, h)
	b.WriteString(`" role="` + role + `" aria-labelledby="`)
	escape(&b, labelled)
	b.WriteByte('"')
	if opts.Lang != "" {
		b.WriteString(` lang="`)
		escape(&b, opts.Lang)
		b.WriteByte('"')
	}
	b.WriteString(">\n<title id=\"")
	escape(&b, titleID)
	b.WriteString(`">`)
	escape(&b, title)
	b.WriteString("</title>\n")
	if opts.Description != "" {
		b.WriteString(`<desc id="`)
		escape(&b, descID)
		b.WriteString(`">`)
		escape(&b, opts.Description)
		b.WriteString("</desc>\n")
	}
	b.WriteString(`<defs><clipPath id="`)
	escape(&b, clipID)
	b.WriteString(`"><rect width="`)
	writeNum(&b, w)
	b.WriteString(`" height="`)
	writeNum(&b, h)
	b.WriteString(`"/></clipPath></defs>` + "\n")
	b.WriteString(`<g clip-path="url(#`)
	escape(&b, clipID)
	b.WriteString(`)">` + "\n")

	cl := clipper{x0: -clipMargin, y0: -clipMargin, x1: w + clipMargin, y1: h + clipMargin}

	// Sea: the outline of the projected globe, so the world view shows the
	// familiar Equal Earth shape rather than a rectangle.
	b.WriteString(`<path fill="` + colSea + `" d="`)
	cl.writeRing(&b, vp, sphereRing(), true)
	b.WriteString("\"/>\n")

	// Land: one path for all countries keeps the SVG small; evenodd makes
	// holes (Lesotho inside South Africa) work whatever the ring winding.
	b.WriteString(`<path fill="` + colLand + `" stroke="` + colBorder + `" stroke-width="0.6" stroke-linejoin="round" fill-rule="evenodd" d="`)
	polys, err := world()
	if err == nil {
		for i := range polys {
			p := &polys[i]
			x0, y0 := vp.px(p.minX, p.maxY)
			x1, y1 := vp.px(p.maxX, p.minY)
			if x1 < cl.x0 || x0 > cl.x1 || y1 < cl.y0 || y0 > cl.y1 {
				continue // wholly outside the view
			}
			inside := x0 >= cl.x0 && x1 <= cl.x1 && y0 >= cl.y0 && y1 <= cl.y1
			for _, r := range p.rings {
				cl.writeRing(&b, vp, r, !inside)
			}
		}
	}
	b.WriteString("\"/>\n")

	// Routes, drawn under the markers.
	lines := make([][][]float64, len(routes))
	for i, r := range routes {
		lines[i] = routeLines(vp, r)
	}
	if home >= 0 {
		b.WriteString(`<g fill="none" stroke-width="1.6" stroke-linecap="round">` + "\n")
		for i, l := range lines {
			if len(l) == 0 {
				continue
			}
			st := statusOf(ms[i].Status)
			b.WriteString(`<path stroke="` + st.colour + `"`)
			if st.dash != "" {
				b.WriteString(` stroke-dasharray="` + st.dash + `"`)
			}
			b.WriteString(` d="`)
			writeRoute(&b, l)
			b.WriteString("\"/>\n")
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</g>\n")

	// Markers and labels.
	placed := placeLabels(ms, home, lines, vp, w, h)
	var leaders bytes.Buffer
	for i := range ms {
		if pl := placed[i]; pl.leader {
			leaders.WriteString(`<line x1="`)
			writeNum(&leaders, pl.cx)
			leaders.WriteString(`" y1="`)
			writeNum(&leaders, pl.cy)
			leaders.WriteString(`" x2="`)
			writeNum(&leaders, pl.lx)
			leaders.WriteString(`" y2="`)
			writeNum(&leaders, pl.ly)
			leaders.WriteString("\"/>\n")
		}
	}
	if leaders.Len() > 0 {
		b.WriteString(`<g stroke="` + colText + `" stroke-width="0.8">` + "\n")
		b.Write(leaders.Bytes())
		b.WriteString("</g>\n")
	}

	// Draw home first, then ended, suspended and active partners, so that
	// where points crowd (Strasbourg next to Stuttgart on a world map) the
	// smaller partner dot stays visible on the larger home mark, and active
	// partners on top of former ones.
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, c int) bool { return drawRank(ms, order[a], home) < drawRank(ms, order[c], home) })

	b.WriteString(`<g font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" font-size="13" fill="` + colText + `">` + "\n")
	for _, i := range order {
		m, pl := ms[i], placed[i]
		href := safeHref(m.Href)
		if href != "" {
			b.WriteString(`<a href="`)
			escape(&b, href)
			b.WriteString(`">`)
		} else {
			b.WriteString(`<g>`)
		}
		writeMarker(&b, pl.cx, pl.cy, i == home, statusOf(m.Status))
		if m.Label != "" {
			b.WriteString(`<text x="`)
			writeNum(&b, pl.tx)
			b.WriteString(`" y="`)
			writeNum(&b, pl.ty)
			b.WriteString(`"`)
			if pl.anchor != "start" {
				b.WriteString(` text-anchor="` + pl.anchor + `"`)
			}
			if i == home {
				b.WriteString(` font-size="14" font-weight="bold"`)
			}
			// The white halo is painted under the glyphs (paint-order), so
			// labels stay readable over borders, lines and other points.
			b.WriteString(` stroke="` + colHalo + `" stroke-width="3" stroke-linejoin="round" paint-order="stroke">`)
			escape(&b, m.Label)
			b.WriteString(`</text>`)
		}
		if href != "" {
			b.WriteString("</a>\n")
		} else {
			b.WriteString("</g>\n")
		}
	}
	b.WriteString("</g>\n</svg>\n")
	return b.Bytes()
}

// status is how a partnership status is drawn.
type status struct {
	colour string
	dash   string // route line pattern; solid when empty
	hollow bool   // ring instead of a filled dot
}

func statusOf(s string) status {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "suspended":
		return status{colour: colSuspended, dash: "6 3", hollow: true}
	case "ended":
		return status{colour: colEnded, dash: "1.5 3.5", hollow: true}
	default:
		return status{colour: colActive}
	}
}

func drawRank(ms []Marker, i, home int) int {
	if i == home {
		return -1
	}
	switch strings.ToLower(strings.TrimSpace(ms[i].Status)) {
	case "ended":
		return 0
	case "suspended":
		return 1
	}
	return 2
}

func writeMarker(b *bytes.Buffer, cx, cy float64, home bool, st status) {
	circle := func(r float64, fill, stroke string, sw float64) {
		b.WriteString(`<circle cx="`)
		writeNum(b, cx)
		b.WriteString(`" cy="`)
		writeNum(b, cy)
		b.WriteString(`" r="`)
		writeNum(b, r)
		b.WriteString(`" fill="` + fill + `"`)
		if stroke != "" {
			b.WriteString(` stroke="` + stroke + `" stroke-width="`)
			writeNum(b, sw)
			b.WriteByte('"')
		}
		b.WriteString(`/>`)
	}
	switch {
	case home:
		// A bullseye: larger, red, with a white centre, so home differs
		// from partners by size and shape as well as colour.
		circle(homeRadius, colHome, colHalo, 2)
		circle(2.5, colHalo, "", 0)
	case st.hollow:
		circle(partnerRadius-0.5, colHalo, st.colour, 2.5)
	default:
		circle(partnerRadius, st.colour, colHalo, 1.5)
	}
}

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

// clipper clips rings to a rectangle (Sutherland–Hodgman). Clipping before
// writing keeps a zoomed-in map from carrying the coordinates of the whole
// world; the edges it adds run along the rectangle, just outside the view.
type clipper struct {
	x0, y0, x1, y1 float64
	a, b           []float64    // scratch buffers reused between rings
	s              [2][]float64 // scratch for clip
}

// writeRing projects ring (flat Equal Earth x,y pairs) to the view,
// clips it if needed, drops points closer than simplifyDist to the last
// kept one, and writes it as a closed subpath. It reports whether
// anything was written.
func (c *clipper) writeRing(b *bytes.Buffer, vp viewport, ring []float64, clip bool) bool {
	pts := c.a[:0]
	for i := 0; i+1 < len(ring); i += 2 {
		x, y := vp.px(ring[i], ring[i+1])
		pts = append(pts, x, y)
	}
	c.a = pts
	if clip {
		pts = c.clip(pts)
	}
	// Simplify: keep a point only if it is far enough from the last kept.
	out := c.b[:0]
	for i := 0; i+1 < len(pts); i += 2 {
		x, y := pts[i], pts[i+1]
		if n := len(out); n >= 2 {
			dx, dy := x-out[n-2], y-out[n-1]
			if dx*dx+dy*dy < simplifyDist*simplifyDist {
				continue
			}
		}
		out = append(out, x, y)
	}
	// The data closes rings by repeating the first point; z does that.
	if n := len(out); n >= 4 {
		dx, dy := out[n-2]-out[0], out[n-1]-out[1]
		if dx*dx+dy*dy < simplifyDist*simplifyDist {
			out = out[:n-2]
		}
	}
	c.b = out
	if len(out) < 6 {
		return false
	}
	var pw pathWriter
	pw.moveTo(b, out[0], out[1])
	for i := 2; i+1 < len(out); i += 2 {
		pw.lineTo(b, out[i], out[i+1])
	}
	b.WriteByte('z')
	return true
}

// clip runs Sutherland–Hodgman against the four edges, ping-ponging
// between two scratch buffers. The result aliases one of them.
func (c *clipper) clip(pts []float64) []float64 {
	in := pts
	for edge := 0; edge < 4; edge++ {
		n := len(in) / 2
		if n == 0 {
			return in
		}
		out := c.s[edge%2][:0]
		px, py := in[2*(n-1)], in[2*(n-1)+1]
		pIn := c.inside(edge, px, py)
		for i := 0; i < n; i++ {
			x, y := in[2*i], in[2*i+1]
			cIn := c.inside(edge, x, y)
			if cIn != pIn {
				ix, iy := c.intersect(edge, px, py, x, y)
				out = append(out, ix, iy)
			}
			if cIn {
				out = append(out, x, y)
			}
			px, py, pIn = x, y, cIn
		}
		c.s[edge%2] = out
		in = out
	}
	return in
}

func (c *clipper) inside(edge int, x, y float64) bool {
	switch edge {
	case 0:
		return x >= c.x0
	case 1:
		return x <= c.x1
	case 2:
		return y >= c.y0
	default:
		return y <= c.y1
	}
}

func (c *clipper) intersect(edge int, ax, ay, bx, by float64) (float64, float64) {
	switch edge {
	case 0, 1:
		ex := c.x0
		if edge == 1 {
			ex = c.x1
		}
		t := (ex - ax) / (bx - ax)
		return ex, ay + t*(by-ay)
	default:
		ey := c.y0
		if edge == 3 {
			ey = c.y1
		}
		t := (ey - ay) / (by - ay)
		return ax + t*(bx-ax), ey
	}
}

// pathWriter writes path data compactly: coordinates in whole tenths of a
// unit (enough for a screen, and it halves the file), the first point of a
// subpath absolute and the rest relative, since small deltas are shorter.
// Working in integer tenths keeps relative steps from accumulating
// rounding drift.
type pathWriter struct {
	x, y   int  // last point, tenths
	inLine bool // an "l" command is open, so further pairs need no letter
}

func (p *pathWriter) moveTo(b *bytes.Buffer, x, y float64) {
	p.x, p.y = tenths(x), tenths(y)
	b.WriteByte('M')
	writeTenths(b, p.x, false)
	writeTenths(b, p.y, true)
	p.inLine = false
}

func (p *pathWriter) lineTo(b *bytes.Buffer, x, y float64) {
	tx, ty := tenths(x), tenths(y)
	dx, dy := tx-p.x, ty-p.y
	if dx == 0 && dy == 0 {
		return
	}
	sep := true
	if !p.inLine {
		b.WriteByte('l')
		p.inLine, sep = true, false
	}
	writeTenths(b, dx, sep)
	writeTenths(b, dy, true)
	p.x, p.y = tx, ty
}

func tenths(v float64) int { return int(math.Round(v * 10)) }

// writeTenths writes t/10 with at most one decimal; sep asks for a space
// before it unless a minus sign already separates it.
func writeTenths(b *bytes.Buffer, t int, sep bool) {
	var tmp [24]byte
	n := len(tmp)
	neg := t < 0
	if neg {
		t = -t
	}
	if d := t % 10; d != 0 {
		n -= 2
		tmp[n], tmp[n+1] = '.', byte('0'+d)
	}
	t /= 10
	for {
		n--
		tmp[n] = byte('0' + t%10)
		t /= 10
		if t == 0 {
			break
		}
	}
	if neg {
		n--
		tmp[n] = '-'
	} else if sep {
		n--
		tmp[n] = ' '
	}
	b.Write(tmp[n:])
}

// writeNum writes an attribute number rounded to one decimal.
func writeNum(b *bytes.Buffer, v float64) {
	writeTenths(b, tenths(v), false)
}

// escape writes s as XML character data, safe in text and in quoted
// attribute values alike.
func escape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // a bytes.Buffer write cannot fail
}

// safeHref returns href if it is a relative URL or an http(s) URL, and ""
// otherwise, so that no user-supplied "javascript:" or "data:" URL becomes
// a link.
func safeHref(href string) string {
	href = strings.TrimSpace(href)
	if href == "" {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
		return href
	}
	return ""
}

func sanitizeID(s string) string {
	if s == "" {
		return "geomap"
	}
	var b strings.Builder
	for i, r := range s {
		ok := r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_')
		if i == 0 && ok && !unicode.IsLetter(r) {
			b.WriteString("m") // an id must not start with a digit or '-' for CSS selectors
		}
		if ok {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func normLon(lon float64) float64 {
	lon = math.Mod(lon+180, 360)
	if lon < 0 {
		lon += 360
	}
	return lon - 180
}
