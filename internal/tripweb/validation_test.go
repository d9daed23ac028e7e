package tripweb_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
)

// TestCoordinateMessage checks that a coordinate out of range is explained with
// its bounds in every language: −90 to 90 for latitude, −180 to 180 for longitude.
func TestCoordinateMessage(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	for _, lang := range []string{"en", "de", "sv", "da"} {
		t.Run(lang, func(t *testing.T) {
			c, token := staff(t, srv, pool, "coord-"+lang+"@ballerup.example", lang)
			form := tripForm(token)
			form.Set("destination-0-lat", "999")
			form.Set("destination-0-lon", "-999")
			res, doc := post(t, c, srv.URL+"/staff/trips", form)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d", res.StatusCode)
			}
			for field, bound := range map[string]string{"destination-0-lat": "90", "destination-0-lon": "180"} {
				msg := doc.Find("#" + field + "-error").Text()
				if strings.Contains(msg, "%!") || !strings.Contains(msg, "−"+bound+" ") || strings.Count(msg, bound) != 2 {
					t.Errorf("%s: %q does not give the bounds ±%s", field, msg, bound)
				}
			}
		})
	}
}

// TestCountries checks that a destination's country is a country of today:
// withdrawn codes and regions that are no country are neither offered nor
// accepted.
func TestCountries(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "countries@ballerup.example", "en")
	_, doc := servertest.Get(t, c, srv.URL+"/staff/trips/new", "")
	for _, code := range []string{"DD", "UK", "FX", "EZ", "UN", "QO", "EU", "YU", "SU", "ZR"} {
		if doc.Find(`#destination-0-country option[value="`+code+`"]`).Length() != 0 {
			t.Errorf("%s is offered", code)
		}
		form := tripForm(token)
		form.Set("destination-0-country", code)
		res, doc := post(t, c, srv.URL+"/staff/trips", form)
		if res.StatusCode != http.StatusUnprocessableEntity || doc.Find("#destination-0-country-error").Length() != 1 {
			t.Errorf("%s: status %d", code, res.StatusCode)
		}
	}
	for _, code := range []string{"DE", "GB", "FR"} {
		if n := doc.Find(`#destination-0-country option[value="` + code + `"]`).Length(); n != 1 {
			t.Errorf("%s offered %d times", code, n)
		}
	}
	form := tripForm(token)
	form.Set("destination-0-country", "DE")
	form.Set("destination-0-city", "Berlin")
	form.Set("destination-0-lat", "52.52")
	form.Set("destination-0-lon", "13.405")
	createTrip(t, srv, c, form)
}
