package geo

import (
	"bytes"
	"math"
	"sort"
	"strings"
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
