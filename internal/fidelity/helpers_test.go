package fidelity_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// person is someone using the portal in a browser: a visitor, or an account
// signed in through the sign-in form, with the session's form token.
type person struct {
	t     *testing.T
	base  string
	c     *http.Client
	token string
	lang  string
}

// visitor is an anonymous reader of the public pages, reading in English.
func visitor(t *testing.T, srv *httptest.Server) *person {
	return &person{t: t, base: srv.URL, c: servertest.Client(t), lang: "en"}
}

// account creates an account of role in the municipality slug and signs it in.
func account(t *testing.T, srv *httptest.Server, pool *pgxpool.Pool, slug, role, email string) (*person, int64) {
	t.Helper()
	id := servertest.CreateAccount(t, pool, slug, role, email)
	p := visitor(t, srv)
	servertest.SignIn(t, p.c, srv.URL, email)
	_, doc := p.get("/staff")
	p.token = servertest.CSRF(doc)
	return p, id
}

// get reads a page and its status.
func (p *person) get(path string) (int, *goquery.Document) {
	p.t.Helper()
	res, doc := servertest.Get(p.t, p.c, p.base+path, p.lang)
	return res.StatusCode, doc
}

// page reads a page that must answer 200.
func (p *person) page(path string) *goquery.Document {
	p.t.Helper()
	res, doc := servertest.Get(p.t, p.c, p.base+path, p.lang)
	if res.StatusCode != http.StatusOK {
		p.t.Fatalf("GET %s: %d %s", path, res.StatusCode, res.Header.Get("Location"))
	}
	return doc
}

// post sends a form as the browser does, with the session's token, and returns
// the status, the redirect target and the page.
func (p *person) post(path string, form url.Values) (int, string, *goquery.Document) {
	p.t.Helper()
	if form.Get("csrf") == "" {
		form.Set("csrf", p.token)
	}
	res := servertest.Post(p.t, p.c, p.base+path, form)
	loc := res.Header.Get("Location")
	return res.StatusCode, loc, servertest.Doc(p.t, res)
}

// postFiles sends a multipart form with files.
func (p *person) postFiles(path string, form url.Values, files ...servertest.File) (int, string, *goquery.Document) {
	p.t.Helper()
	if form.Get("csrf") == "" {
		form.Set("csrf", p.token)
	}
	res := servertest.PostMultipart(p.t, p.c, p.base+path, form, files...)
	loc := res.Header.Get("Location")
	return res.StatusCode, loc, servertest.Doc(p.t, res)
}

// mustPost is post that fails the test unless the answer is want.
func (p *person) mustPost(path string, form url.Values, want int) (string, *goquery.Document) {
	p.t.Helper()
	status, loc, doc := p.post(path, form)
	if status != want {
		p.t.Fatalf("POST %s: %d, want %d; %q", path, status, want, squash(doc.Find(".error-summary, .form-error, .trip-step").Text()))
	}
	return loc, doc
}

// squash joins the words of s with single spaces.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// text is the squashed text of the selection.
func text(s *goquery.Selection) string { return squash(s.Text()) }

// pdf is the smallest file the portal takes as a PDF.
var pdf = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

// idFrom reads the id at the end of a redirect such as /staff/trips/12.
func idFrom(t *testing.T, loc, prefix string) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscanf(loc, prefix+"%d", &id); err != nil {
		t.Fatalf("redirected to %q, want %s<id>", loc, prefix)
	}
	return id
}

// budgetRow is a line of the public budget table as a reader sees it.
type budgetRow struct {
	name                          string // what the row's heading says
	allocated, carried, remaining string // amounts as shown, e.g. "65,000.00"
	carries                       bool   // the line says it carries over
}

var amountRE = regexp.MustCompile(`^[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}$`)

// budgetTable reads /m/{slug}/budget/{year}: code → row, and the page.
func budgetTable(v *person, slug string, year int) (map[string]budgetRow, *goquery.Document) {
	v.t.Helper()
	doc := v.page(fmt.Sprintf("/m/%s/budget/%d", slug, year))
	head := doc.Find("table.budget-table thead th")
	rows := map[string]budgetRow{}
	if head.Length() == 0 {
		return rows, doc
	}
	col := func(prefix string) int {
		i := -1
		head.Each(func(k int, s *goquery.Selection) {
			if i < 0 && strings.HasPrefix(text(s), prefix) {
				i = k
			}
		})
		if i < 1 {
			v.t.Fatalf("budget %d: no column %q in %q", year, prefix, text(head))
		}
		return i - 1 // the row's first cell is a th
	}
	allocated, carried, remaining := col("Allocated"), col("Carried over"), col("Remaining")
	doc.Find("table.budget-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		cells := tr.Find("td")
		rows[text(tr.Find("th .budget-code"))] = budgetRow{
			name:      text(tr.Find("th")),
			allocated: text(cells.Eq(allocated)), carried: text(cells.Eq(carried)), remaining: text(cells.Eq(remaining)),
			carries: tr.Find("th .budget-carries").Length() == 1,
		}
	})
	return rows, doc
}

// tripForm is a complete plan as staff type it into the trip form: one
// traveller, a destination, a one-day programme (unless programme is false)
// and one planned cost.
func tripForm(title, city, country, lat, lon string, programme bool) url.Values {
	f := url.Values{
		"action":                  {"save"},
		"title":                   {title},
		"purpose":                 {"Study visit: " + title},
		"starts_on":               {"2026-05-12"},
		"ends_on":                 {"2026-05-13"},
		"organiser":               {"International office"},
		"destination-0-partner":   {""},
		"destination-0-city":      {city},
		"destination-0-country":   {country},
		"destination-0-lat":       {lat},
		"destination-0-lon":       {lon},
		"destination-0-mode":      {"short_haul_flight_rf"},
		"traveller-0-name":        {"Traveller of " + title},
		"traveller-0-role":        {"Adviser"},
		"traveller-0-kind":        {trip.KindStaff},
		"cost-0-category":         {"transport"},
		"cost-0-description":      {"Flights"},
		"cost-0-planned":          {"4200"},
		"programme-0-day":         {"2026-05-12"},
		"programme-0-description": {"Meeting at the city hall"},
		"programme-0-location":    {"City hall"},
	}
	if !programme {
		for _, k := range []string{"programme-0-day", "programme-0-description", "programme-0-location"} {
			f.Del(k)
		}
	}
	return f
}

// optionValue is the value of the option of select sel whose label contains label.
func optionValue(t *testing.T, doc *goquery.Document, sel, label string) string {
	t.Helper()
	var v string
	doc.Find(sel + " option").EachWithBreak(func(_ int, o *goquery.Selection) bool {
		if strings.Contains(o.Text(), label) {
			v = o.AttrOr("value", "")
			return false
		}
		return true
	})
	if v == "" {
		t.Fatalf("no option %q in %s: %q", label, sel, text(doc.Find(sel)))
	}
	return v
}

// createTrip saves form through the trip form and returns the new trip's id.
func createTrip(p *person, form url.Values) int64 {
	p.t.Helper()
	loc, _ := p.mustPost("/staff/trips", form, http.StatusSeeOther)
	return idFrom(p.t, loc, "/staff/trips/")
}

// step takes a staff step (submit, complete, submit_report) from the trip page.
func step(p *person, id int64, action string) (int, *goquery.Document) {
	p.t.Helper()
	status, _, doc := p.post(fmt.Sprintf("/staff/trips/%d/step", id), url.Values{"action": {action}})
	return status, doc
}

// mustStep is step that fails the test unless it goes through.
func mustStep(p *person, id int64, action string) {
	p.t.Helper()
	if status, doc := step(p, id, action); status != http.StatusSeeOther {
		p.t.Fatalf("%s trip %d: %d %q", action, id, status, text(doc.Find(".trip-step")))
	}
}

// decide takes a reviewer's step (approve, return, approve_report …) with the
// committee's meeting date and minutes reference ("" for none).
func decide(p *person, id int64, action, meetingOn, minutes string) (int, *goquery.Document) {
	p.t.Helper()
	status, _, doc := p.post(fmt.Sprintf("/staff/lifecycle/%d", id), url.Values{"action": {action}, "meeting_on": {meetingOn}, "minutes": {minutes}})
	return status, doc
}

// status is the trip's status as its staff page states it in the facts list.
func tripStatus(t *testing.T, pool *pgxpool.Pool, id int64) string {
	t.Helper()
	return servertest.Scalar[string](t, pool, `SELECT status FROM trip WHERE id = $1`, id)
}

// completeAndReport enters the actual costs of an approved trip through the
// edit form, completes it, writes its report and submits it.
func completeAndReport(p *person, id int64) {
	p.t.Helper()
	doc := p.page(fmt.Sprintf("/staff/trips/%d/edit", id))
	f := servertest.FormValues(doc, "main form")
	f.Set("action", "save")
	f.Set("cost-0-actual", "3950")
	p.mustPost(fmt.Sprintf("/staff/trips/%d", id), f, http.StatusSeeOther)
	mustStep(p, id, "complete")
	report := url.Values{"version": {"0"}, "action": {"save"}, "goal": {"Learn how the host city works."},
		"programme": {"As planned."}, "outcome": {"Two schools will exchange pupils."}, "follow_up": {"Report back in June."}}
	if status, _, doc := p.postFiles(fmt.Sprintf("/staff/trips/%d/report", id), report); status != http.StatusSeeOther {
		p.t.Fatalf("report of trip %d: %d %q", id, status, text(doc.Find(".error-summary")))
	}
	mustStep(p, id, "submit_report")
}

// itoa writes an id.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }
