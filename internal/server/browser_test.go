package server_test

import (
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestBrowserPublicPages opens the first pages in headless Chromium as a visitor
// would, checks what they see, runs axe-core (WCAG 2.1 AA) and keeps screenshots
// at phone and desktop widths as test artefacts.
func TestBrowserPublicPages(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Reference: "BAL-2025-0001", Purpose: "Skoleudveksling i Wuxi",
		Organiser: "Børne- og Skoleudvalget", Travellers: []string{"Mette Holm", "Jens Berg"},
		Destinations: []servertest.Destination{{City: "Wuxi", Country: "CN", Lat: 31.5689, Lon: 120.2886, Mode: "long_haul_flight_rf"}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 1200000, Actual: 1150000}, {Category: "lodging", Planned: 400000, Actual: -1}},
		Priorities:   []string{"F1"}, Report: true, Demo: true,
	})
	ctx := browsertest.New(t)

	pages := []struct {
		path, name, h1 string
		lang           string
	}{
		{"/?lang=en", "home", "International work of municipalities", "en"},
		{"/m/ballerup?lang=da", "ballerup", "Ballerup Kommune", "da"},
		{"/m/vasteras?lang=de", "vasteras", "Västerås", "de"},
		{"/m/atlantis?lang=sv", "not-found", "Sidan hittades inte", "sv"},
		{"/m/ballerup/trips?lang=en", "trips", "Published trips", "en"},
		{"/m/ballerup/trips/BAL-2025-0001?lang=de", "trip", "Skoleudveksling i Wuxi", "de"},
		{"/m/ballerup/trips/late?lang=en", "late", "Overdue trip reports of", "en"},
		{"/m/goteborg/policy?lang=sv", "policy", "Policy för internationellt arbete", "sv"},
		{"/m/ballerup/trips?year=abc&lang=da", "bad-request", "Forespørgslen kunne ikke forstås", "da"},
	}
	for _, p := range pages {
		browsertest.Navigate(t, ctx, srv.URL+p.path)
		if got := browsertest.Text(t, ctx, "main h1"); !strings.HasPrefix(got, p.h1) {
			t.Errorf("%s: h1 %q, want %q", p.path, got, p.h1)
		}
		if got, _ := browsertest.Attr(t, ctx, "html", "lang"); got != p.lang {
			t.Errorf("%s: lang %q, want %q", p.path, got, p.lang)
		}
		browsertest.Axe(t, ctx)
		for _, w := range []int{375, 1280} {
			browsertest.Screenshot(t, ctx, w, p.name)
		}
	}

	// The priorities of Ballerup are visible with their Danish letters.
	browsertest.Navigate(t, ctx, srv.URL+"/m/ballerup?lang=en")
	if got := browsertest.Text(t, ctx, `ol.priorities[lang="da"] li:first-child .priority__title`); got != "Børne- og ungeområdet" {
		t.Errorf("first Ballerup focus area %q", got)
	}
	if n := browsertest.Count(t, ctx, `section[aria-labelledby="partners"] table tbody tr`); n != 4 {
		t.Errorf("Ballerup partner rows: %d, want 4", n)
	}
	// The skip link leads into the main landmark.
	if href, _ := browsertest.Attr(t, ctx, "a.skip-link", "href"); !strings.HasSuffix(href, "#main") {
		t.Errorf("skip link %q", href)
	}
}
