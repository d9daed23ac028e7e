package tripweb_test

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
)

// TestFindPlaceWithoutJavaScript walks the trip form's search step as a browser
// without JavaScript does: the city typed as "munchen", "Find place" brings the
// form back with everything typed and the places found; choosing München fills
// in its country and coordinates; the saved trip has its CO₂e estimated.
func TestFindPlaceWithoutJavaScript(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "lise@ballerup.example", "en")

	_, doc := servertest.Get(t, c, srv.URL+"/staff/trips/new", "")
	if doc.Find(`button[name="action"][value="findplace:0"]`).Length() != 1 {
		t.Fatal("no Find place button in the destination row")
	}
	form := tripForm(token)
	form.Set("destination-0-city", "munchen")
	for _, f := range []string{"country", "lat", "lon"} {
		form.Set("destination-0-"+f, "")
	}
	form.Set("action", "findplace:0")
	res, doc := post(t, c, srv.URL+"/staff/trips", form)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("find place: status %d", res.StatusCode)
	}
	// Nothing saved, everything typed kept.
	if n := servertest.Scalar[int64](t, pool, `SELECT count(*) FROM trip`); n != 0 {
		t.Fatalf("%d trips saved by Find place", n)
	}
	for id, want := range map[string]string{"destination-0-city": "munchen", "traveller-1-name": "Jens Holm", "starts_on": "2026-05-12", "cost-0-planned": "4200"} {
		if got := doc.Find("#"+id).AttrOr("value", ""); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	// The places found, to choose from; none chosen in advance.
	choices := doc.Find(`#destination-0-places input[type="radio"][name="destination-0-place"]`)
	if choices.Length() < 1 || choices.Length() > 8 || doc.Find(`#destination-0-places input[checked]`).Length() != 0 {
		t.Fatalf("%d choices", choices.Length())
	}
	first := doc.Find(`label[for="` + choices.First().AttrOr("id", "") + `"]`).Text()
	if !strings.Contains(first, "München (Munich), Bavaria, Germany") || !strings.Contains(first, "inhabitants") {
		t.Errorf("first choice %q", first)
	}
	if legend := doc.Find("#destination-0-places legend").Text(); legend != "Places found for “munchen”" {
		t.Errorf("legend %q", legend)
	}

	// Choosing the first and pressing "Use the chosen place" fills the row.
	form = servertest.FormValues(doc, "main form")
	form.Set("destination-0-place", choices.First().AttrOr("value", ""))
	form.Set("action", "useplace")
	res, doc = post(t, c, srv.URL+"/staff/trips", form)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("use place: status %d", res.StatusCode)
	}
	if got := doc.Find("#destination-0-city").AttrOr("value", ""); got != "München" {
		t.Errorf("city %q, want München", got)
	}
	if got := doc.Find("#destination-0-country option[selected]").AttrOr("value", ""); got != "DE" {
		t.Errorf("country %q, want DE", got)
	}
	lat, _ := strconv.ParseFloat(doc.Find("#destination-0-lat").AttrOr("value", ""), 64)
	lon, _ := strconv.ParseFloat(doc.Find("#destination-0-lon").AttrOr("value", ""), 64)
	if math.Abs(lat-48.137) > 0.01 || math.Abs(lon-11.575) > 0.01 {
		t.Errorf("coordinates %v, %v, want Munich's", lat, lon)
	}
	if doc.Find("#destination-0-places").Length() != 0 {
		t.Error("the choices are still shown after one was used")
	}

	// Saved, the trip goes to Munich by rail and its CO₂e is estimated.
	form = servertest.FormValues(doc, "main form")
	form.Set("action", "save")
	res, _ = post(t, c, srv.URL+"/staff/trips", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: status %d", res.StatusCode)
	}
	city := servertest.Scalar[string](t, pool, `SELECT city || ' ' || country || ' ' || latitude::text FROM trip_destination`)
	if !strings.HasPrefix(city, "München DE 48.137") {
		t.Errorf("destination stored as %q", city)
	}
	co2 := servertest.Scalar[float64](t, pool, `SELECT coalesce(co2e_kg, 0)::float8 FROM trip_figures`)
	if co2 <= 0 {
		t.Fatalf("CO₂e %v: not estimated", co2)
	}
	_, page := servertest.Get(t, c, srv.URL+res.Header.Get("Location"), "en")
	if text := page.Find("main").Text(); strings.Contains(text, "not estimated") || !strings.Contains(text, "CO₂e") {
		t.Errorf("trip page does not show an estimate")
	}

	// Editing the saved trip, the same step finds another place for the row.
	edit := res.Header.Get("Location") + "/edit"
	_, doc = servertest.Get(t, c, srv.URL+edit, "en")
	form = servertest.FormValues(doc, "main form")
	form.Set("destination-0-city", "Aarhus")
	form.Set("action", "findplace:0")
	res, doc = post(t, c, srv.URL+strings.TrimSuffix(edit, "/edit"), form)
	if first := doc.Find(`#destination-0-places label`).First().Text(); res.StatusCode != http.StatusOK || !strings.Contains(first, "Aarhus (Århus), Central Jutland, Denmark") {
		t.Errorf("find place while editing: %d, first choice %q", res.StatusCode, first)
	}

	// Found by the Swedish name, in Swedish; with the choice the row is saved
	// straight away by Save, without "Use".
	form = tripForm(token)
	form.Set("destination-0-city", "Köpenhamn")
	form.Set("action", "findplace:0")
	form.Set("lang", "sv")
	_, doc = post(t, c, srv.URL+"/staff/trips?lang=sv", form)
	choice := doc.Find(`input[name="destination-0-place"]`).First()
	if label := doc.Find(`label[for="` + choice.AttrOr("id", "") + `"]`).Text(); !strings.Contains(label, "Köpenhamn (Copenhagen)") || !strings.Contains(label, "Danmark") {
		t.Errorf("Swedish choice %q", label)
	}
	form = servertest.FormValues(doc, "main form")
	form.Set("destination-0-place", choice.AttrOr("value", ""))
	form.Set("action", "save")
	if res, _ := post(t, c, srv.URL+"/staff/trips", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save with a chosen place: %d", res.StatusCode)
	}
	if n := servertest.Scalar[int64](t, pool, `SELECT count(*) FROM trip_destination WHERE city = 'Köpenhamn' AND country = 'DK' AND latitude IS NOT NULL`); n != 1 {
		t.Errorf("Copenhagen saved %d times with coordinates", n)
	}
}

// TestFindPlaceNothingFound: too short a name asks for more; a name the
// gazetteer lacks says so and leaves the country and coordinates to be typed by
// hand; a choice that was never offered is refused.
func TestFindPlaceNothingFound(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "lise@ballerup.example", "en")
	form := tripForm(token)
	form.Set("action", "findplace:0")
	form.Set("destination-0-city", "M")
	_, doc := post(t, c, srv.URL+"/staff/trips", form)
	if got := doc.Find("#destination-0-places .form-error").Text(); got != "Type at least 2 letters of the place's name." {
		t.Errorf("one letter: %q", got)
	}
	form.Set("destination-0-city", "Qqqxyzzy")
	_, doc = post(t, c, srv.URL+"/staff/trips", form)
	if got := doc.Find("#destination-0-places").Text(); !strings.Contains(got, "No place found for “Qqqxyzzy”") {
		t.Errorf("nothing found: %q", got)
	}
	// The coordinates typed by hand are kept and saved.
	form = servertest.FormValues(doc, "main form")
	form.Set("action", "save")
	if res, _ := post(t, c, srv.URL+"/staff/trips", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save by hand: %d", res.StatusCode)
	}
	if got := servertest.Scalar[string](t, pool, `SELECT city || ' ' || latitude::text FROM trip_destination`); !strings.HasPrefix(got, "Qqqxyzzy 59.3293") {
		t.Errorf("stored %q", got)
	}
	for _, v := range []string{"abc:München", "1:Nowhere"} {
		form = tripForm(token)
		form.Set("destination-0-place", v)
		if res, _ := post(t, c, srv.URL+"/staff/trips", form); res.StatusCode != http.StatusBadRequest {
			t.Errorf("place %q: %d, want 400", v, res.StatusCode)
		}
	}
}
