// Writing the map's SVG: clipping rings to the viewport, compact path data and
// escaping of labels and links.

package geo

import (
	"bytes"
	"encoding/xml"
	"math"
	"net/url"
	"strings"
	"unicode"
)

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
