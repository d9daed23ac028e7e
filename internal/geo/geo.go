// Package geo holds the portal's small amount of geography: great-circle
// distances between cities (the basis of travel CO2e estimates) and a
// server-rendered SVG map of a municipality and its partner cities.
//
// The map is drawn on the server, with no tiles, no JavaScript and no
// external resources, so that it works under the site's strict Content
// Security Policy, costs citizens no third-party requests, and stays
// accessible. Country outlines come from Natural Earth (public domain) via
// the world-atlas package, converted at build time by scripts/worldmap and
// embedded here; see NOTICE.md.
package geo

import "math"

// EarthRadiusKm is the mean Earth radius (IUGG R1) in kilometres. The mean
// radius keeps the spherical error of a great-circle distance below about
// 0.5 % anywhere, which is far smaller than the uncertainty of any travel
// emission factor the distance is multiplied with.
const EarthRadiusKm = 6371.0088

// Point is a position in WGS 84 degrees: latitude north positive, longitude
// east positive.
type Point struct {
	Lat, Lon float64
}

// Distance returns the great-circle distance between a and b in kilometres.
//
// It uses the haversine formula because, unlike the spherical law of
// cosines, it stays numerically accurate for nearby points (two partner
// towns a few kilometres apart), and it needs no iteration, unlike an
// ellipsoidal (Vincenty) solution whose extra precision CO2e estimates do
// not need.
func Distance(a, b Point) float64 {
	lat1, lat2 := radians(a.Lat), radians(b.Lat)
	dLat := lat2 - lat1
	dLon := radians(b.Lon - a.Lon)
	s1, s2 := math.Sin(dLat/2), math.Sin(dLon/2)
	h := s1*s1 + math.Cos(lat1)*math.Cos(lat2)*s2*s2
	// Rounding can push h a hair above 1 for antipodal points; asin would
	// then return NaN.
	h = math.Min(1, math.Max(0, h))
	return 2 * EarthRadiusKm * math.Asin(math.Sqrt(h))
}

func radians(deg float64) float64 { return deg * math.Pi / 180 }
