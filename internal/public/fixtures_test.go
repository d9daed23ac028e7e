package public_test

import "github.com/municipal-intl/portal/internal/servertest"

// Destinations the tests' trips travel to.
var wuxi = servertest.Destination{City: "Wuxi", Country: "CN", Lat: 31.5689, Lon: 120.2886, Mode: "long_haul_flight_rf"}
var prague = servertest.Destination{City: "Prague", Country: "CZ", Lat: 50.0755, Lon: 14.4378, Mode: "short_haul_flight_rf"}
