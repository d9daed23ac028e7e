package geo

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	ballerup := Point{Lat: 55.7333, Lon: 12.3667}
	wuxi := Point{Lat: 31.5689, Lon: 120.2886}
	// Expected value computed independently with the spherical law of
	// cosines (a different formula from the haversine under test):
	//   sin φ1 = sin 55.7333° = 0.826426   cos φ1 = 0.563046
	//   sin φ2 = sin 31.5689° = 0.523524   cos φ2 = 0.852011
	//   Δλ = 120.2886° − 12.3667° = 107.9219°, cos Δλ = −0.307720
	//   cos c = 0.826426·0.523524 + 0.563046·0.852011·(−0.307720)
	//         = 0.432653 − 0.147620 = 0.285033
	//   c = acos 0.285033 = 73.4392° = 1.281745 rad
	//   d = 1.281745 · 6371.0088 km ≈ 8166.07 km
	if got := Distance(ballerup, wuxi); math.Abs(got-8166.07) > 0.5 {
		t.Errorf("Distance(Ballerup, Wuxi) = %.2f km, want ≈ 8166.07", got)
	}
	if got, back := Distance(ballerup, wuxi), Distance(wuxi, ballerup); math.Abs(got-back) > 1e-9 {
		t.Errorf("not symmetric: %v vs %v", got, back)
	}
	if got := Distance(ballerup, ballerup); got != 0 {
		t.Errorf("Distance to itself = %v, want 0", got)
	}
	// Stuttgart → Strasbourg, a short hop: law of cosines gives 107.69 km.
	if got := Distance(Point{48.7775, 9.18}, Point{48.583, 7.743}); math.Abs(got-107.69) > 0.05 {
		t.Errorf("Distance(Stuttgart, Strasbourg) = %.3f km, want ≈ 107.69", got)
	}
	// Antipodes: half the circumference, and no NaN from rounding.
	if got, want := Distance(Point{0, 0}, Point{0, 180}), math.Pi*EarthRadiusKm; math.Abs(got-want) > 1e-6 {
		t.Errorf("antipodal distance = %v, want %v", got, want)
	}
	// One degree of latitude ≈ 111.2 km on the mean sphere.
	if got := Distance(Point{10, 5}, Point{11, 5}); math.Abs(got-111.195) > 0.01 {
		t.Errorf("one degree of latitude = %v km", got)
	}
}

func TestEqualEarthMonotonic(t *testing.T) {
	// x grows with longitude along every parallel, y with latitude along
	// every meridian; the origin maps to the origin; the map is symmetric.
	for lat := -85.0; lat <= 85; lat += 5 {
		prev := math.Inf(-1)
		for lon := -180.0; lon <= 180; lon += 5 {
			x, _ := equalEarth(lon, lat)
			if x <= prev {
				t.Fatalf("x not increasing at lon %v lat %v", lon, lat)
			}
			prev = x
		}
	}
	for lon := -180.0; lon <= 180; lon += 10 {
		prev := math.Inf(-1)
		for lat := -90.0; lat <= 90; lat += 5 {
			_, y := equalEarth(lon, lat)
			if y <= prev {
				t.Fatalf("y not increasing at lon %v lat %v", lon, lat)
			}
			prev = y
		}
	}
	if x, y := equalEarth(0, 0); x != 0 || y != 0 {
		t.Errorf("origin maps to %v,%v", x, y)
	}
	x1, y1 := equalEarth(30, 40)
	x2, y2 := equalEarth(-30, -40)
	if math.Abs(x1+x2) > 1e-12 || math.Abs(y1+y2) > 1e-12 {
		t.Errorf("not symmetric: %v,%v vs %v,%v", x1, y1, x2, y2)
	}
	// Published extent of Equal Earth on the unit sphere.
	if math.Abs(worldHalfW-2.7066) > 0.001 || math.Abs(worldHalfH-1.3173) > 0.001 {
		t.Errorf("world half extent %v × %v, want ≈ 2.7066 × 1.3173", worldHalfW, worldHalfH)
	}
}

func TestWorldData(t *testing.T) {
	polys, err := world()
	if err != nil {
		t.Fatal(err)
	}
	if len(polys) < 250 {
		t.Errorf("only %d polygons in the embedded outlines", len(polys))
	}
	if len(world110mJSON) > 300<<10 {
		t.Errorf("world110m.json is %d bytes, want < 300 KB", len(world110mJSON))
	}
}

func stuttgart() []Marker {
	return []Marker{
		{Point: Point{48.7775, 9.18}, Label: "Stuttgart", Home: true},
		{Point: Point{53.45, -2.73}, Label: "St Helens", Href: "/partners/st-helens"},
		{Point: Point{51.48, -3.18}, Label: "Cardiff", Href: "/partners/cardiff"},
		{Point: Point{38.627, -90.198}, Label: "St. Louis", Href: "/partners/st-louis"},
		{Point: Point{48.583, 7.743}, Label: "Strasbourg", Href: "/partners/strasbourg"},
		{Point: Point{37.15, 9.78}, Label: "Menzel Bourguiba", Href: "/partners/menzel-bourguiba"},
		{Point: Point{19.07, 72.88}, Label: "Mumbai", Href: "/partners/mumbai"},
		{Point: Point{30.04, 31.24}, Label: "Cairo", Href: "/partners/cairo"},
		{Point: Point{51.77, 19.46}, Label: "Łódź", Href: "/partners/lodz"},
		{Point: Point{49.19, 16.61}, Label: "Brno", Href: "/partners/brno"},
		{Point: Point{53.2, 50.15}, Label: "Samara", Status: "suspended", Href: "/partners/samara"},
	}
}

func ballerup() []Marker {
	return []Marker{
		{Point: Point{55.7333, 12.3667}, Label: "Ballerup", Home: true},
		{Point: Point{50.07, 14.47}, Label: "Prague 10", Status: "active", Href: "/partners/prague-10"},
		{Point: Point{55.76, -4.18}, Label: "East Kilbride", Status: "active", Href: "/partners/east-kilbride"},
		{Point: Point{52.41, 12.53}, Label: "Brandenburg an der Havel", Status: "active", Href: "/partners/brandenburg"},
		{Point: Point{31.5689, 120.2886}, Label: "Wuxi", Status: "ended", Href: "/partners/wuxi"},
	}
}

// europe is Ballerup without its (ended) Chinese partner.
func europe() []Marker { return ballerup()[:4] }

// parseSVG decodes the whole document and counts elements by local name.
func parseSVG(t *testing.T, svg []byte) map[string]int {
	t.Helper()
	counts := map[string]int{}
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
		}
		if se, ok := tok.(xml.StartElement); ok {
			counts[se.Name.Local]++
		}
	}
	return counts
}

func TestRenderMapXML(t *testing.T) {
	ms := append(stuttgart(), Marker{Point: Point{41.9, 12.5}, Label: `Rome <script>&"`})
	svg := RenderMap(MapOptions{Title: "Partner cities of Stuttgart", Description: "Stuttgart & its 11 partners", Lang: "de", IDPrefix: "p1"}, ms)
	counts := parseSVG(t, svg)
	s := string(svg)
	if counts["svg"] != 1 || counts["title"] != 1 || counts["desc"] != 1 {
		t.Errorf("want one svg, title, desc; got %v", counts)
	}
	if !strings.Contains(s, `Rome &lt;script&gt;&amp;&#34;`) {
		t.Errorf("label not escaped")
	}
	if strings.Contains(s, "<script") {
		t.Errorf("unescaped <script in output")
	}
	if !strings.Contains(s, `Stuttgart &amp; its 11 partners`) {
		t.Errorf("description not escaped")
	}
	if counts["a"] != 10 {
		t.Errorf("%d links, want 10 (one per marker with Href)", counts["a"])
	}
	if !strings.Contains(s, `<a href="/partners/cardiff">`) {
		t.Errorf("no link for Cardiff")
	}
	for _, want := range []string{`aria-labelledby="p1-title p1-desc"`, `<title id="p1-title">`, `<desc id="p1-desc">`, `clip-path="url(#p1-clip)"`, `lang="de"`, `role="group"`, `viewBox="0 0 960 540"`} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	// CSP: no style attributes or elements, scripts, event handlers or
	// external references.
	for _, bad := range []string{"style", "<script", " on", "xlink", "http://", "https://", "<image", "<foreignObject"} {
		if bad == "http://" {
			s = strings.ReplaceAll(s, `xmlns="http://www.w3.org/2000/svg"`, "")
		}
		if strings.Contains(s, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	if counts["path"] < 3 {
		t.Errorf("expected sea, land and route paths, got %d paths", counts["path"])
	}
}

func TestRenderMapRoleAndLinks(t *testing.T) {
	ms := []Marker{
		{Point: Point{55.7333, 12.3667}, Label: "Home", Home: true},
		{Point: Point{50.07, 14.47}, Label: "Bad", Href: "javascript:alert(1)"},
		{Point: Point{52.41, 12.53}, Label: "Data", Href: "data:text/html,x"},
	}
	svg := RenderMap(MapOptions{Title: "T"}, ms)
	counts := parseSVG(t, svg)
	if counts["a"] != 0 || bytes.Contains(svg, []byte("javascript")) || bytes.Contains(svg, []byte("data:")) {
		t.Errorf("unsafe hrefs became links:\n%s", svg)
	}
	// Without links the map is a single image to assistive technology, and
	// aria-labelledby points only at ids that exist.
	if !bytes.Contains(svg, []byte(`role="img" aria-labelledby="geomap-title"`)) {
		t.Errorf("want role=img labelled by the default-prefixed title")
	}
	if counts["desc"] != 0 {
		t.Errorf("desc without Description")
	}
	// Two maps on one page: prefixes keep ids distinct; odd prefixes are
	// made safe.
	other := RenderMap(MapOptions{IDPrefix: `2 "x"`}, ms)
	parseSVG(t, other)
	if !bytes.Contains(other, []byte(`id="m2--x--title"`)) {
		t.Errorf("prefix not sanitised: %s", other[:300])
	}
}

func TestRenderMapEdgeCases(t *testing.T) {
	for name, ms := range map[string][]Marker{
		"none":       nil,
		"home only":  {{Point: Point{55.7, 12.4}, Label: "Solo", Home: true}},
		"no home":    {{Point: Point{10, 10}, Label: "A"}, {Point: Point{-30, 150}, Label: "B"}},
		"nan":        {{Point: Point{math.NaN(), 1}, Label: "X", Home: true}},
		"antipode":   {{Point: Point{0, 0}, Label: "A", Home: true}, {Point: Point{0, 180}, Label: "B"}},
		"dateline":   {{Point: Point{35.7, 139.7}, Label: "Tokyo", Home: true}, {Point: Point{21.3, -157.8}, Label: "Honolulu"}},
		"same place": {{Point: Point{1, 1}, Label: "A", Home: true}, {Point: Point{1, 1}, Label: "B"}},
	} {
		svg := RenderMap(MapOptions{Width: 400, Height: 300, Title: name}, ms)
		parseSVG(t, svg)
		if bytes.Contains(svg, []byte("NaN")) || bytes.Contains(svg, []byte("Inf")) {
			t.Errorf("%s: NaN/Inf in output", name)
		}
	}
}

func TestFitViewport(t *testing.T) {
	const w, h = 960, 540
	worldW := w / fitViewport(nil, nil, w, h).scale
	if worldW < 2*worldHalfW {
		t.Fatalf("world view %v narrower than the world %v", worldW, 2*worldHalfW)
	}
	routes := func(ms []Marker) [][]Point {
		r := make([][]Point, len(ms))
		for i := 1; i < len(ms); i++ {
			r[i] = greatCircle(ms[0].Point, ms[i].Point)
		}
		return r
	}
	eu := europe()
	vp := fitViewport(eu, routes(eu), w, h)
	if euW := w / vp.scale; euW > worldW/4 {
		t.Errorf("Europe-only view is %.2f units wide, want < a quarter of the world's %.2f", euW, worldW)
	}
	// Every marker of the Europe set is inside the view.
	for _, m := range eu {
		x, y := vp.px(equalEarth(m.Lon, m.Lat))
		if x < 0 || x > w || y < 0 || y > h {
			t.Errorf("%s at %.0f,%.0f outside the view", m.Label, x, y)
		}
	}
	// Europe and China: a view of Eurasia, much wider than Europe, with
	// Wuxi in it.
	bal := ballerup()
	balVP := fitViewport(bal, routes(bal), w, h)
	if got := w / balVP.scale; got < 2.5*w/vp.scale {
		t.Errorf("Ballerup with Wuxi: view %.2f units wide, want well over Europe's %.2f", got, w/vp.scale)
	}
	if x, y := balVP.px(equalEarth(120.2886, 31.5689)); x < 0 || x > w || y < 0 || y > h {
		t.Errorf("Wuxi at %.0f,%.0f outside the view", x, y)
	}
	// Partners on every side of the globe: the whole world.
	spread := []Marker{
		{Point: Point{55.7, 12.4}, Home: true}, {Point: Point{-33.9, 151.2}}, {Point: Point{-34.6, -58.4}}, {Point: Point{61.2, -149.9}},
	}
	if got := w / fitViewport(spread, nil, w, h).scale; got < worldW*0.99 {
		t.Errorf("world-wide partners: view %.2f units wide, want the world (%.2f)", got, worldW)
	}
	// The SVG of a Europe-only map carries far fewer outline points.
	euSVG := RenderMap(MapOptions{}, eu)
	worldSVG := RenderMap(MapOptions{}, bal)
	if len(euSVG) > len(worldSVG) {
		t.Errorf("Europe map %d bytes > world map %d bytes", len(euSVG), len(worldSVG))
	}
}

func TestLabelsDoNotOverlap(t *testing.T) {
	for name, ms := range map[string][]Marker{"stuttgart": stuttgart(), "ballerup": ballerup(), "europe": europe()} {
		vp := fitViewport(ms, nil, 960, 540)
		pl := placeLabels(ms, 0, nil, vp, 960, 540)
		var boxes []rect
		for i, p := range pl {
			fs := labelSize
			if i == 0 {
				fs = homeLabelSize
			}
			tw := textWidth(ms[i].Label, fs, i == 0)
			b := rect{y0: p.ty - 0.78*fs, y1: p.ty + 0.25*fs}
			switch p.anchor {
			case "start":
				b.x0, b.x1 = p.tx, p.tx+tw
			case "end":
				b.x0, b.x1 = p.tx-tw, p.tx
			default:
				b.x0, b.x1 = p.tx-tw/2, p.tx+tw/2
			}
			for j, o := range boxes {
				if b.overlap(o) > 0 {
					t.Errorf("%s: label %q overlaps %q", name, ms[i].Label, ms[j].Label)
				}
			}
			boxes = append(boxes, b)
		}
	}
}

// TestPaletteContrast keeps the colours accessible: marks ≥ 3:1 against sea
// and land (WCAG 1.4.11), text ≥ 4.5:1 against its halo and the land.
func TestPaletteContrast(t *testing.T) {
	for _, c := range []string{colHome, colActive, colSuspended, colEnded} {
		for _, bg := range []string{colSea, colLand, colHalo} {
			if r := contrast(c, bg); r < 3 {
				t.Errorf("mark %s on %s: %.2f:1 < 3:1", c, bg, r)
			}
		}
	}
	for _, bg := range []string{colHalo, colLand, colSea} {
		if r := contrast(colText, bg); r < 4.5 {
			t.Errorf("text on %s: %.2f:1 < 4.5:1", bg, r)
		}
	}
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	v, _ := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	ch := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(v>>16&0xff) + 0.7152*ch(v>>8&0xff) + 0.0722*ch(v&0xff)
}

// TestWriteArtifacts writes example maps for people (and reviews) to look
// at: TEST_ARTIFACTS_DIR, or test-artifacts/ at the module root.
func TestWriteArtifacts(t *testing.T) {
	dir := os.Getenv("TEST_ARTIFACTS_DIR")
	if dir == "" {
		root, err := moduleRoot()
		if err != nil {
			t.Skip(err)
		}
		dir = filepath.Join(root, "test-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		opts MapOptions
		ms   []Marker
	}{
		"map-europe.svg":   {MapOptions{Title: "Ballerup's partner cities in Europe", Description: "Ballerup and its partners Prague 10, East Kilbride and Brandenburg an der Havel.", Lang: "en", IDPrefix: "eu"}, europe()},
		"map-world.svg":    {MapOptions{Title: "Stuttgart's partner cities", Description: "Stuttgart and its ten partner cities in Europe, Africa, Asia and North America.", Lang: "en", IDPrefix: "world"}, stuttgart()},
		"map-ballerup.svg": {MapOptions{Title: "Ballerup's partner cities", Description: "Ballerup and its partners; the partnership with Wuxi has ended.", Lang: "en", IDPrefix: "bal"}, ballerup()},
	} {
		svg := RenderMap(tc.opts, tc.ms)
		parseSVG(t, svg)
		if err := os.WriteFile(filepath.Join(dir, name), svg, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", name, len(svg))
	}
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found")
		}
		dir = parent
	}
}

func BenchmarkRenderMap(b *testing.B) {
	if _, err := world(); err != nil { // decode once, outside the timing
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		ms   []Marker
	}{{"europe", europe()}, {"world", stuttgart()}, {"ballerup-world", ballerup()}} {
		b.Run(bc.name, func(b *testing.B) {
			opts := MapOptions{Title: "Partner cities", IDPrefix: "bench"}
			var n int
			for b.Loop() {
				n = len(RenderMap(opts, bc.ms))
			}
			b.ReportMetric(float64(n), "svg-bytes")
		})
	}
}
