package server_test

import (
	"slices"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/geo"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestOneCountryList: the trip form (a destination's country) and the partner
// form (a new partner city's country) offer the same countries, the one list
// both check what is sent against (geo.CountryCodes), Kosovo included.
func TestOneCountryList(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, "mette@ballerup.example")
	offered := func(path, sel string) []string {
		t.Helper()
		res, doc := servertest.Get(t, c, srv.URL+path, "en")
		if res.StatusCode != 200 {
			t.Fatalf("%s: status %d", path, res.StatusCode)
		}
		var codes []string
		doc.Find(sel + " option").Each(func(_ int, o *goquery.Selection) {
			if v := o.AttrOr("value", ""); v != "" {
				codes = append(codes, v)
			}
		})
		slices.Sort(codes)
		return codes
	}
	trip := offered("/staff/trips/new", "select#destination-0-country")
	partner := offered("/staff/partners/new", "select#country")
	if !slices.Equal(trip, geo.CountryCodes) {
		t.Errorf("the trip form offers %d countries, the list has %d", len(trip), len(geo.CountryCodes))
	}
	if !slices.Equal(partner, geo.CountryCodes) {
		t.Errorf("the partner form offers %d countries, the list has %d", len(partner), len(geo.CountryCodes))
	}
	if !slices.Contains(partner, "XK") || !slices.Contains(trip, "XK") {
		t.Error("Kosovo is missing")
	}
}
