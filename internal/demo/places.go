package demo

import "math"

// place is a destination: a partner city of the municipality or a city where
// European conferences and networks meet.
type place struct {
	name     string // in the municipality's language
	nameEN   string
	country  string
	lat, lon float64
	partner  *partner // nil unless a partner city of the municipality
	themes   []string // topic keys the city is known for
}

// conferenceCity is a city with its names in the portal's content languages.
type conferenceCity struct {
	nameEN   string
	names    map[string]string // by language; missing means nameEN
	country  string
	lat, lon float64
	themes   []string
}

// conferenceCities are real places with well-known coordinates where EU bodies,
// networks and trade fairs meet.
var conferenceCities = []conferenceCity{
	{"Brussels", map[string]string{"sv": "Bryssel", "de": "Brüssel", "da": "Bruxelles"}, "BE", 50.8503, 4.3517, []string{"eu", "urban", "democracy"}},
	{"Strasbourg", map[string]string{"de": "Straßburg"}, "FR", 48.5734, 7.7521, []string{"democracy", "eu"}},
	{"Copenhagen", map[string]string{"sv": "Köpenhamn", "de": "Kopenhagen", "da": "København"}, "DK", 55.6761, 12.5683, []string{"climate", "mobility", "urban"}},
	{"Helsinki", map[string]string{"sv": "Helsingfors"}, "FI", 60.1699, 24.9384, []string{"digital", "education"}},
	{"Barcelona", nil, "ES", 41.3874, 2.1686, []string{"digital", "urban", "housing"}},
	{"Lisbon", map[string]string{"sv": "Lissabon", "de": "Lissabon", "da": "Lissabon"}, "PT", 38.7223, -9.1393, []string{"youth", "digital", "climate"}},
	{"Vienna", map[string]string{"sv": "Wien", "de": "Wien", "da": "Wien"}, "AT", 48.2082, 16.3738, []string{"housing", "elderly", "culture"}},
	{"Amsterdam", nil, "NL", 52.3676, 4.9041, []string{"mobility", "housing", "circular"}},
	{"Oslo", nil, "NO", 59.9139, 10.7522, []string{"climate", "energy", "mobility"}},
	{"Tallinn", nil, "EE", 59.4370, 24.7536, []string{"digital", "democracy"}},
	{"Hamburg", nil, "DE", 53.5511, 9.9937, []string{"business", "energy"}},
	{"Rotterdam", nil, "NL", 51.9244, 4.4777, []string{"climate", "urban"}},
	{"Milan", map[string]string{"sv": "Milano", "de": "Mailand", "da": "Milano"}, "IT", 45.4642, 9.1900, []string{"urban", "culture", "business"}},
	{"Ljubljana", nil, "SI", 46.0569, 14.5058, []string{"mobility", "climate"}},
	{"Bonn", nil, "DE", 50.7374, 7.0982, []string{"climate", "science"}},
	{"Stockholm", nil, "SE", 59.3293, 18.0686, []string{"digital", "business", "eu"}},
	{"Malmö", nil, "SE", 55.6050, 13.0038, []string{"integration", "urban"}},
	{"Riga", nil, "LV", 56.9496, 24.1052, []string{"eu", "culture"}},
}

// distanceKm is the great-circle distance between two points.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// overSea are countries not reached by train from the continent within a day's
// comfortable journey (Finland, the Baltic states, the British Isles, Iceland).
var overSea = map[string]bool{"FI": true, "EE": true, "LV": true, "LT": true, "GB": true, "IE": true, "IS": true}

// transportMode chooses an emission_factor.mode for a journey of km kilometres:
// train or coach for near places on the same land mass, flights otherwise.
func transportMode(km float64, fromCountry, toCountry string, travellers int, coin float64) string {
	land := fromCountry == toCountry || overSea[fromCountry] == overSea[toCountry] && !overSea[toCountry]
	switch {
	case toCountry == "UA" || fromCountry == "UA": // no civil flights since 2022: by train via Poland
		return "international_rail"
	case land && km < 750:
		if km < 350 && travellers >= 4 && coin < 0.5 {
			return "coach"
		}
		if fromCountry == toCountry {
			return "national_rail"
		}
		return "international_rail"
	case km < 3700:
		return "short_haul_flight_rf"
	default:
		return "long_haul_flight_rf"
	}
}
