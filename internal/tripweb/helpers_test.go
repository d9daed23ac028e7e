package tripweb_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// staff signs a new Ballerup staff member in and returns the client and the
// session's form token, with the interface in lang.
func staff(t *testing.T, srv *httptest.Server, pool *pgxpool.Pool, email, lang string) (*http.Client, string) {
	t.Helper()
	servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, email)
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, email)
	_, doc := servertest.Get(t, c, srv.URL+"/staff/trips/new?lang="+lang, "")
	return c, servertest.CSRF(doc)
}

// post sends form and parses the answer.
func post(t *testing.T, c *http.Client, target string, form url.Values) (*http.Response, *goquery.Document) {
	t.Helper()
	res := servertest.Post(t, c, target, form)
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, doc
}

// tripForm is a complete trip of Ballerup: two travellers, a two-day programme
// and three cost lines, amounts written in English.
func tripForm(token string) url.Values {
	return url.Values{
		"csrf":                    {token},
		"action":                  {"save"},
		"title":                   {"School exchange with Wuxi"},
		"purpose":                 {"Study visit on school exchange with Wuxi"},
		"starts_on":               {"2026-05-12"},
		"ends_on":                 {"2026-05-13"},
		"organiser":               {"Børne- og Skoleudvalget"},
		"destination-0-partner":   {""},
		"destination-0-city":      {"Stockholm"},
		"destination-0-country":   {"SE"},
		"destination-0-lat":       {"59.3293"},
		"destination-0-lon":       {"18.0686"},
		"destination-0-mode":      {"international_rail"},
		"traveller-0-name":        {"Anne Hansen"},
		"traveller-0-role":        {"Chair of the committee"},
		"traveller-0-kind":        {trip.KindPolitician},
		"traveller-1-name":        {"Jens Holm"},
		"traveller-1-role":        {"Consultant"},
		"traveller-1-kind":        {trip.KindStaff},
		"programme-0-day":         {"2026-05-12"},
		"programme-0-description": {"Meeting at the city hall"},
		"programme-0-location":    {"Stadshuset"},
		"programme-1-day":         {"2026-05-13"},
		"programme-1-description": {"Visit to a school"},
		"programme-1-location":    {"Södermalm"},
		"cost-0-category":         {"transport"},
		"cost-0-description":      {"Train tickets"},
		"cost-0-planned":          {"4200"},
		"cost-1-category":         {"lodging"},
		"cost-1-description":      {"Hotel, one night"},
		"cost-1-planned":          {"2600.50"},
		"cost-2-category":         {"meals"},
		"cost-2-description":      {""},
		"cost-2-planned":          {"800"},
	}
}

// createTrip saves tripForm through the form and returns the new trip's id.
func createTrip(t *testing.T, srv *httptest.Server, c *http.Client, form url.Values) int64 {
	t.Helper()
	res := servertest.Post(t, c, srv.URL+"/staff/trips", form)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: status %d", res.StatusCode)
	}
	var id int64
	if _, err := fmt.Sscanf(res.Header.Get("Location"), "/staff/trips/%d", &id); err != nil {
		t.Fatalf("create: redirected to %q", res.Header.Get("Location"))
	}
	return id
}
