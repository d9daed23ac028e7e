package tripweb_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// TestCreateWithMistakes follows a staff member through the form: a trip with
// two travellers, three cost lines and a two-day programme, first with a
// mistyped amount and a programme day outside the trip, then corrected.
func TestCreateWithMistakes(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "lise@ballerup.example", "en")
	ctx := context.Background()

	res, doc := servertest.Get(t, c, srv.URL+"/staff/trips/new", "")
	if res.StatusCode != http.StatusOK || doc.Find("main form fieldset.trip-row").Length() != 4 {
		t.Fatalf("new trip form: %d, %d rows", res.StatusCode, doc.Find("main form fieldset.trip-row").Length())
	}
	// No mode is chosen before the person chooses one: the empty first option shows.
	if got := doc.Find(`#destination-0-mode option[selected]`); got.Length() != 0 || doc.Find(`#destination-0-mode option`).First().AttrOr("value", "x") != "" {
		t.Errorf("a transport mode is chosen before anyone chose one: %q", got.AttrOr("value", ""))
	}

	form := tripForm(token)
	form.Set("cost-1-planned", "12,3,4")
	form.Set("programme-1-day", "2026-05-20")
	res, doc = post(t, c, srv.URL+"/staff/trips", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("with mistakes: status %d", res.StatusCode)
	}
	// Each error beside its field, tied to it, and in the summary.
	for _, field := range []string{"cost-1-planned", "programme-1-day"} {
		if doc.Find("#"+field+"-error").Length() != 1 {
			t.Errorf("no error beside %s", field)
		}
		if doc.Find("#"+field).AttrOr("aria-invalid", "") != "true" || !strings.Contains(doc.Find("#"+field).AttrOr("aria-describedby", ""), field+"-error") {
			t.Errorf("%s not marked invalid", field)
		}
		if doc.Find(`.error-summary a[href="#`+field+`"]`).Length() != 1 {
			t.Errorf("%s not in the summary", field)
		}
	}
	if n := doc.Find(".form-error").Length(); n != 2 {
		t.Errorf("%d errors shown, want 2", n)
	}
	if got := doc.Find(`.error-summary a[href="#cost-1-planned"]`).Text(); !strings.HasPrefix(got, "Cost line 2") {
		t.Errorf("summary does not name the row: %q", got)
	}
	if !strings.HasPrefix(doc.Find("title").Text(), "Error:") {
		t.Errorf("title %q", doc.Find("title").Text())
	}
	// Everything typed is kept, every row included.
	if n := doc.Find("main form fieldset.trip-row").Length(); n != 1+2+2+3 {
		t.Errorf("%d rows kept, want 8", n)
	}
	for id, want := range map[string]string{
		"cost-1-planned": "12,3,4", "cost-0-planned": "4200", "cost-2-planned": "800",
		"traveller-0-name": "Anne Hansen", "traveller-1-name": "Jens Holm", "traveller-1-role": "Consultant",
		"programme-1-day": "2026-05-20", "programme-1-description": "Visit to a school", "destination-0-city": "Stockholm",
		"destination-0-lat": "59.3293", "organiser": "Børne- og Skoleudvalget", "starts_on": "2026-05-12",
	} {
		if got := doc.Find("#"+id).AttrOr("value", ""); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	for id, want := range map[string]string{"traveller-1-kind": trip.KindStaff, "cost-1-category": "lodging", "destination-0-country": "SE", "destination-0-mode": "international_rail"} {
		if got := doc.Find("#"+id+" option[selected]").AttrOr("value", ""); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	if got := strings.TrimSpace(doc.Find("#purpose").Text()); got != "Study visit on school exchange with Wuxi" {
		t.Errorf("purpose = %q", got)
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM trip`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("a trip was saved despite the mistakes: %d, %v", n, err)
	}

	// Corrected, it is saved as a draft and the trip page says so.
	form.Set("cost-1-planned", "2600.50")
	form.Set("programme-1-day", "2026-05-13")
	id := createTrip(t, srv, c, form)
	res, doc = servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d", srv.URL, id), "")
	if res.StatusCode != http.StatusOK || doc.Find(`.notice--success[role="status"]`).Length() != 1 {
		t.Errorf("trip page after saving: %d, flash %d", res.StatusCode, doc.Find(".notice--success").Length())
	}
	// The title is the heading; the purpose is said beneath it.
	if got := doc.Find("main h1").Text(); got != "School exchange with Wuxi" {
		t.Errorf("h1 %q", got)
	}
	if got := strings.TrimSpace(doc.Find("main .trip-purpose").Text()); got != "Study visit on school exchange with Wuxi" {
		t.Errorf("purpose %q", got)
	}
	if doc.Find(".cost-table tbody tr").Length() != 3 || doc.Find(".cost-table tfoot").Text() == "" ||
		!strings.Contains(doc.Find(".cost-table tfoot").Text(), "DKK\u00a07,600.50") {
		t.Errorf("costs on the trip page: %q", doc.Find(".cost-table tfoot").Text())
	}

	var status, currency string
	var ref, author *string
	if err := pool.QueryRow(ctx, `
SELECT t.status, t.currency, t.reference, a.email FROM trip t LEFT JOIN account a ON a.id = t.author_id WHERE t.id = $1`, id).Scan(&status, &currency, &ref, &author); err != nil {
		t.Fatal(err)
	}
	if status != "draft" || currency != "DKK" || ref != nil || author == nil || *author != "lise@ballerup.example" {
		t.Errorf("stored trip: %s %s %v %v", status, currency, ref, author)
	}
	var planned []int64
	if err := pool.QueryRow(ctx, `SELECT array_agg(planned_minor ORDER BY position) FROM trip_cost WHERE trip_id = $1`, id).Scan(&planned); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(planned) != "[420000 260050 80000]" {
		t.Errorf("planned amounts %v", planned)
	}
	var travellers, kinds string
	if err := pool.QueryRow(ctx, `SELECT string_agg(name, ', ' ORDER BY position), string_agg(kind, ', ' ORDER BY position) FROM trip_traveller WHERE trip_id = $1`, id).Scan(&travellers, &kinds); err != nil {
		t.Fatal(err)
	}
	if travellers != "Anne Hansen, Jens Holm" || kinds != "politician, staff" {
		t.Errorf("travellers %q %q", travellers, kinds)
	}
	var days []time.Time
	if err := pool.QueryRow(ctx, `SELECT array_agg(day ORDER BY position) FROM trip_programme_item WHERE trip_id = $1`, id).Scan(&days); err != nil {
		t.Fatal(err)
	}
	if len(days) != 2 || days[0].Format("2006-01-02") != "2026-05-12" || days[1].Format("2006-01-02") != "2026-05-13" {
		t.Errorf("programme days %v", days)
	}
	var city, country, lat, mode string
	if err := pool.QueryRow(ctx, `SELECT city, country, latitude::text, transport_mode FROM trip_destination WHERE trip_id = $1`, id).Scan(&city, &country, &lat, &mode); err != nil {
		t.Fatal(err)
	}
	if city != "Stockholm" || country != "SE" || lat != "59.329300" || mode != "international_rail" {
		t.Errorf("destination %s %s %s %s", city, country, lat, mode)
	}
	// The figures the public pages read are kept up to date by the same save.
	var total int64
	var travellersN int
	if err := pool.QueryRow(ctx, `SELECT planned_minor, travellers FROM trip_figures WHERE trip_id = $1`, id).Scan(&total, &travellersN); err != nil || total != 760050 || travellersN != 2 {
		t.Errorf("trip figures %d %d %v", total, travellersN, err)
	}
}

// TestValidation checks the rules for what is typed, one mistake at a time.
func TestValidation(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "val@ballerup.example", "en")
	var wuxi, otherLine, line2026 int64
	ctx := context.Background()
	if err := pool.QueryRow(ctx, `SELECT id FROM partner_city WHERE name = 'Wuxi'`).Scan(&wuxi); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, `SELECT bl.id FROM budget_line bl JOIN municipality m ON m.id = bl.municipality_id WHERE m.slug = 'ballerup' AND bl.code = 'C3' AND bl.fiscal_year = 2015`).Scan(&otherLine); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, `
UPDATE budget_line SET amount_minor = 100000
WHERE municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup') AND fiscal_year = 2026 AND code = 'C3' RETURNING id`).Scan(&line2026); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		set   map[string]string
		field string // the field with the error; "" for none
	}{
		{"a draft with nothing but its title is fine", map[string]string{"purpose": "", "starts_on": "", "ends_on": "", "organiser": "",
			"destination-0-city": "", "destination-0-country": "", "destination-0-lat": "", "destination-0-lon": "",
			"traveller-0-name": "", "traveller-0-role": "", "traveller-0-kind": "", "traveller-1-name": "", "traveller-1-role": "", "traveller-1-kind": "",
			"programme-0-day": "", "programme-0-description": "", "programme-0-location": "", "programme-1-day": "", "programme-1-description": "", "programme-1-location": "",
			"cost-0-category": "", "cost-0-description": "", "cost-0-planned": "", "cost-1-category": "", "cost-1-description": "", "cost-1-planned": "", "cost-2-category": "", "cost-2-planned": ""}, ""},
		{"a date that does not exist", map[string]string{"starts_on": "2026-02-30"}, "starts_on"},
		{"end before start", map[string]string{"ends_on": "2026-05-11"}, "ends_on"},
		{"programme day before the trip", map[string]string{"programme-0-day": "2026-05-11"}, "programme-0-day"},
		{"programme item without a day", map[string]string{"programme-0-day": ""}, "programme-0-day"},
		{"programme item without a description", map[string]string{"programme-1-description": " "}, "programme-1-description"},
		{"traveller without a name", map[string]string{"traveller-1-name": ""}, "traveller-1-name"},
		{"traveller without a capacity", map[string]string{"traveller-0-kind": ""}, "traveller-0-kind"},
		{"cost line without a category", map[string]string{"cost-2-category": ""}, "cost-2-category"},
		{"cost line without an amount", map[string]string{"cost-2-planned": ""}, "cost-2-planned"},
		{"ambiguous amount", map[string]string{"cost-0-planned": "4.200"}, "cost-0-planned"},
		{"amount in another currency", map[string]string{"cost-0-actual": "100 €"}, "cost-0-actual"},
		{"negative amount", map[string]string{"cost-0-planned": "-5"}, "cost-0-planned"},
		{"free city without country", map[string]string{"destination-0-country": ""}, "destination-0-country"},
		{"unknown country", map[string]string{"destination-0-country": "XX"}, "destination-0-country"},
		{"latitude without longitude", map[string]string{"destination-0-lon": ""}, "destination-0-lon"},
		{"latitude out of range", map[string]string{"destination-0-lat": "91"}, "destination-0-lat"},
		{"unknown transport mode", map[string]string{"destination-0-mode": "rocket"}, "destination-0-mode"},
		{"a partner city needs no city or country", map[string]string{"destination-0-partner": fmt.Sprint(wuxi), "destination-0-city": "", "destination-0-country": "", "destination-0-lat": "", "destination-0-lon": ""}, ""},
		{"a partner city of another municipality", map[string]string{"destination-0-partner": "1"}, "destination-0-partner"},
		{"a budget line of another year", map[string]string{"budget_line": fmt.Sprint(otherLine)}, "budget_line"},
		{"a budget line of the trip's year", map[string]string{"budget_line": fmt.Sprint(line2026)}, ""},
		{"a partnership of another municipality", map[string]string{"partnership": "1"}, "partnership"},
		{"no title", map[string]string{"title": " "}, "title"},
		{"a title that is far too long", map[string]string{"title": strings.Repeat("x", 121)}, "title"},
		{"a purpose that is far too long", map[string]string{"purpose": strings.Repeat("x", 2001)}, "purpose"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			form := tripForm(token)
			for k, v := range tc.set {
				form.Set(k, v)
			}
			res, doc := post(t, c, srv.URL+"/staff/trips", form)
			if tc.field == "" {
				if res.StatusCode != http.StatusSeeOther {
					t.Fatalf("status %d; errors: %s", res.StatusCode, doc.Find(".error-summary").Text())
				}
				return
			}
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d", res.StatusCode)
			}
			if doc.Find("#"+tc.field+"-error").Length() != 1 || doc.Find(".form-error").Length() != 1 {
				t.Errorf("errors: %q", doc.Find(".error-summary").Text())
			}
		})
	}
}

// TestMoneyAsPeopleWriteIt checks that an amount typed the way the interface
// language writes it is stored exactly, and shown back the same way.
func TestMoneyAsPeopleWriteIt(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	cases := []struct{ lang, typed, shown string }{
		{"de", "1.234,50", "1.234,50"},
		{"sv", "1 234,50", "1\u00a0234,50"},
		{"en", "1234.50", "1,234.50"},
		{"da", "1.234,50", "1.234,50"},
	}
	for _, tc := range cases {
		t.Run(tc.lang, func(t *testing.T) {
			c, token := staff(t, srv, pool, tc.lang+"@ballerup.example", tc.lang)
			form := tripForm(token)
			form.Set("cost-0-planned", tc.typed)
			form.Set("cost-1-planned", "")
			form.Set("cost-1-actual", tc.typed)
			id := createTrip(t, srv, c, form)
			var planned, actual int64
			if err := pool.QueryRow(context.Background(), `
SELECT (SELECT planned_minor FROM trip_cost WHERE trip_id = $1 AND position = 1),
       (SELECT actual_minor FROM trip_cost WHERE trip_id = $1 AND position = 2)`, id).Scan(&planned, &actual); err != nil {
				t.Fatal(err)
			}
			if planned != 123450 || actual != 123450 {
				t.Errorf("%q stored as %d and %d", tc.typed, planned, actual)
			}
			_, doc := servertest.Get(t, c, fmt.Sprintf("%s/staff/trips/%d/edit", srv.URL, id), "")
			if got := doc.Find("#cost-0-planned").AttrOr("value", ""); got != tc.shown {
				t.Errorf("shown back as %q, want %q", got, tc.shown)
			}
		})
	}
}

// TestRowButtons adds and removes rows of each group without JavaScript: the
// form comes back with 200 and everything kept, and nothing is saved.
func TestRowButtons(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c, token := staff(t, srv, pool, "rows@ballerup.example", "en")
	rows := func(group string) string { return "main form fieldset#" + group + " fieldset.trip-row" }

	_, doc := servertest.Get(t, c, srv.URL+"/staff/trips/new", "")
	if first := doc.Find(`main form button[name="action"]`).First(); first.AttrOr("value", "") != "save" {
		t.Errorf("the first button of the form (pressed by Enter) is %q", first.AttrOr("value", ""))
	}

	form := tripForm(token)
	form.Set("cost-1-planned", "12,3,4") // a mistake is not reported while rows are edited
	for _, tc := range []struct {
		action, section string
		want            int
	}{
		{"add:traveller", "travellers", 3},
		{"add:destination", "destinations", 2},
		{"add:programme", "programme", 3},
		{"add:cost", "costs", 4},
		{"remove:traveller:0", "travellers", 1},
		{"remove:cost:2", "costs", 2},
		{"remove:programme:1", "programme", 1},
		{"remove:destination:0", "destinations", 0},
	} {
		t.Run(tc.action, func(t *testing.T) {
			form.Set("action", tc.action)
			res, doc := post(t, c, srv.URL+"/staff/trips", form)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			if n := doc.Find(rows(tc.section)).Length(); n != tc.want {
				t.Errorf("%d rows, want %d", n, tc.want)
			}
			if doc.Find(".form-error").Length() != 0 || doc.Find(".error-summary").Length() != 0 {
				t.Error("errors shown while editing rows")
			}
			if got := strings.TrimSpace(doc.Find("#purpose").Text()); got != "Study visit on school exchange with Wuxi" {
				t.Errorf("purpose not kept: %q", got)
			}
			switch tc.action {
			case "add:traveller":
				if doc.Find("#traveller-1-name").AttrOr("value", "") != "Jens Holm" || doc.Find("#traveller-2-name").AttrOr("value", "x") != "" {
					t.Error("the new traveller row is not blank after the others")
				}
			case "add:destination":
				if doc.Find(`#destination-1-mode option[selected]`).Length() != 0 {
					t.Error("a new destination starts with a transport mode chosen")
				}
			case "remove:traveller:0":
				if doc.Find("#traveller-0-name").AttrOr("value", "") != "Jens Holm" || doc.Find(`#traveller-0-kind option[selected]`).AttrOr("value", "") != trip.KindStaff {
					t.Error("the wrong traveller was removed")
				}
			case "remove:cost:2":
				if doc.Find("#cost-1-planned").AttrOr("value", "") != "12,3,4" {
					t.Error("what was typed in the other cost lines was lost")
				}
			}
		})
	}
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM trip`).Scan(&n); err != nil || n != 0 {
		t.Errorf("editing rows saved %d trips (%v)", n, err)
	}
}
