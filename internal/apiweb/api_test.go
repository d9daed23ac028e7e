package apiweb_test

import (
	"bytes"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/api"
	"github.com/municipal-intl/portal/internal/apiweb"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/web"
)

func TestOpenAPIDocumentIsServedAndValid(t *testing.T) {
	srv, _ := servertest.New(t)
	c := loadContract(t, srv)
	if c.doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", c.doc.OpenAPI)
	}
	a := c.get(t, srv, http.MethodGet, api.Version+"/openapi.json")
	if a.Status != http.StatusOK || !bytes.Equal(a.Body, api.OpenAPI) {
		t.Fatalf("GET openapi.json: %d, %d bytes; want the embedded document", a.Status, len(a.Body))
	}
	// The API's root answers with and without its slash.
	for _, path := range []string{api.Version, api.Version + "/"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/json" {
			t.Errorf("GET %s: %d %s", path, res.StatusCode, res.Header.Get("Content-Type"))
		}
	}
	// Every path the API serves is in the document, and every path of the
	// document is served.
	r := chi.NewRouter()
	r.Route(api.Version, (&apiweb.Handlers{Reader: &web.Reader{Site: &web.Site{}}}).API)
	served := map[string]bool{}
	err := chi.Walk(r, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if method == http.MethodGet {
			p := strings.TrimPrefix(strings.TrimSuffix(route, "/"), api.Version)
			if p == "" {
				p = "/"
			}
			served[p] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for path := range c.doc.Paths.Map() {
		documented[path] = true
		if !served[path] {
			t.Errorf("the document has %s, which the API does not serve", path)
		}
	}
	for path := range served {
		if !documented[path] {
			t.Errorf("the API serves %s, which the document lacks", path)
		}
	}
}

// seedTrips gives Stuttgart published trips in 2025 Q1 and Q3 and 2026 Q2, and
// trips in every unpublished state, which must never be reachable.
func seedTrips(t *testing.T, pool *pgxpool.Pool) (published []string) {
	t.Helper()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for i, s := range []struct {
		ref     string
		start   time.Time
		country string
	}{
		{"STR-2025-0001", day(2025, 2, 3), "GB"},
		{"STR-2025-0002", day(2025, 3, 10), "FR"},
		{"STR-2025-0003", day(2025, 3, 10), "GB"},
		{"STR-2025-0004", day(2025, 8, 20), "PL"},
		{"STR-2025-0005", day(2025, 9, 1), "GB"},
		{"STR-2026-0001", day(2026, 5, 4), "RO"},
		{"STR-2026-0002", day(2026, 6, 30), "GB"},
	} {
		servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "stuttgart", Reference: s.ref, Start: s.start,
			Purpose: "Arbeitsbesuch " + strconv.Itoa(i+1), Organiser: "Abteilung Außenbeziehungen", Travellers: []string{"Erika Muster", "Max Beispiel"},
			Destinations: []servertest.Destination{{City: "Stadt " + s.country, Country: s.country, Lat: 50, Lon: 5}},
			Costs:        []servertest.Cost{{Category: "transport", Planned: 100000 + int64(i)*1000, Actual: 99000 + int64(i)*1000}},
			Priorities:   []string{"F1"}, Report: true})
		published = append(published, s.ref)
	}
	for i, st := range []string{"draft", "submitted", "approved", "completed", "report_submitted", "report_approved"} {
		ref := ""
		if st != "draft" {
			ref = "STR-2025-09" + strconv.Itoa(10+i)
		}
		servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "stuttgart", Reference: ref, Status: st,
			Purpose: "Geheim " + st, Start: day(2025, 5, 5), Destinations: []servertest.Destination{{City: "Geheimstadt", Country: "GB", Lat: 50, Lon: 5}}})
	}
	return published
}

// unpublished are the references seedTrips gives trips that are not published.
var unpublished = []string{"STR-2025-0911", "STR-2025-0912", "STR-2025-0913", "STR-2025-0914", "STR-2025-0915"}

func TestEveryEndpointFollowsTheDocumentAndShowsOnlyPublishedData(t *testing.T) {
	srv, pool := servertest.New(t)
	c := loadContract(t, srv)
	published := seedTrips(t, pool)
	servertest.SeedStuttgartAgreements(t, pool)
	m := api.Version + "/municipalities/stuttgart"

	var idx struct{ Municipalities string }
	c.get(t, srv, "GET", api.Version+"/").decode(t, &idx)
	if idx.Municipalities != base+api.Version+"/municipalities" {
		t.Errorf("index names municipalities at %q", idx.Municipalities)
	}
	var ms api.List[api.Municipality]
	c.get(t, srv, "GET", api.Version+"/municipalities").decode(t, &ms)
	if len(ms.Data) != 5 || ms.NextCursor != nil {
		t.Fatalf("municipalities: %d, next %v; want the 5 seeded on one page", len(ms.Data), ms.NextCursor)
	}
	var one api.Municipality
	c.get(t, srv, "GET", m).decode(t, &one)
	if one.Licence.ID != "CC-BY-4.0" || one.Licence.URL != "https://creativecommons.org/licenses/by/4.0/" || one.Currency != "EUR" {
		t.Errorf("stuttgart: %+v", one)
	}

	// Every trip in the register is published; no other state is reachable.
	var all []string
	next := m + "/trips?limit=200"
	var list api.TripList
	c.get(t, srv, "GET", next).decode(t, &list)
	for _, tr := range list.Data {
		all = append(all, tr.Reference)
		if tr.Purpose.Lang != "de" || tr.Total.Currency != "EUR" || tr.Total.Decimal == "" {
			t.Errorf("trip %s: purpose %+v, total %+v", tr.Reference, tr.Purpose, tr.Total)
		}
	}
	slices.Sort(all)
	if !slices.Equal(all, published) || list.Totals.Trips != len(published) {
		t.Errorf("trips = %v (totals %d), want exactly the published %v", all, list.Totals.Trips, published)
	}
	for _, ref := range unpublished {
		if a := c.get(t, srv, "GET", m+"/trips/"+ref); a.Status != http.StatusNotFound {
			t.Errorf("unpublished trip %s: %d, want 404", ref, a.Status)
		}
		if a := c.get(t, srv, "GET", m+"/trips?traveller=Test"); bytes.Contains(a.Body, []byte(ref)) {
			t.Errorf("register lists unpublished %s", ref)
		}
	}
	var d api.TripDetail
	c.get(t, srv, "GET", m+"/trips/STR-2025-0004").decode(t, &d)
	if d.Reference != "STR-2025-0004" || d.Report == nil || d.Report.Outcome.Lang != "de" || len(d.Priorities) != 1 ||
		len(d.Costs) != 1 || d.Costs[0].Actual == nil || d.Costs[0].Actual.Minor != 102000 || d.Costs[0].Actual.Decimal != "1020.00" {
		t.Errorf("trip detail: %+v", d)
	}

	// Drafts of agreements never appear.
	a := c.get(t, srv, "GET", m+"/agreements")
	if !bytes.Contains(a.Body, []byte(`"in_force"`)) || bytes.Contains(a.Body, []byte("Geheimer Entwurf")) {
		t.Errorf("agreements: %s", clip(a.Body))
	}
	for _, status := range []string{"in_force", "expired", "terminated"} {
		c.get(t, srv, "GET", m+"/agreements?status="+status+"&type=cooperation_agreement")
	}

	var pol api.Policy
	c.get(t, srv, "GET", m+"/policy").decode(t, &pol)
	if len(pol.Priorities) == 0 || pol.Title.Lang != "de" {
		t.Errorf("policy: %+v", pol)
	}
	var ps api.List[api.Partnership]
	c.get(t, srv, "GET", m+"/partnerships").decode(t, &ps)
	if len(ps.Data) == 0 {
		t.Fatal("no partnerships")
	}
	for _, p := range ps.Data {
		var pd api.PartnershipDetail
		c.get(t, srv, "GET", m+"/partnerships/"+strconv.FormatInt(p.ID, 10)).decode(t, &pd)
		if pd.ID != p.ID || pd.History == nil {
			t.Errorf("partnership %d: %+v", p.ID, pd)
		}
	}
	c.get(t, srv, "GET", m+"/networks")
	c.get(t, srv, "GET", m+"/projects")
	c.get(t, srv, "GET", m+"/overdue")
	c.get(t, srv, "GET", m+"/quarters")

	// Ballerup's seeded budget, with its computed figures.
	var years struct{ Years []int }
	c.get(t, srv, "GET", api.Version+"/municipalities/ballerup/budget").decode(t, &years)
	if len(years.Years) == 0 {
		t.Fatal("ballerup has no budget years")
	}
	for _, y := range years.Years {
		var b api.Budget
		c.get(t, srv, "GET", api.Version+"/municipalities/ballerup/budget/"+strconv.Itoa(y)).decode(t, &b)
		for _, l := range b.Lines {
			f := l.Figures
			if f.Available.Minor != f.Allocated.Minor+f.CarriedOver.Minor || f.Remaining.Minor != f.Available.Minor-f.Spent.Minor {
				t.Errorf("line %s %d: figures do not add up: %+v", l.Code, y, f)
			}
		}
	}
	// Every municipality's collections, in every language of the errors.
	for _, mu := range ms.Data {
		for _, sub := range []string{"", "/policy", "/partnerships", "/networks", "/projects", "/agreements", "/trips", "/trips/upcoming", "/budget", "/overdue", "/quarters"} {
			c.get(t, srv, "GET", api.Version+"/municipalities/"+mu.Slug+sub+"?lang=sv")
		}
	}
}

func TestTripsComeInKeysetPagesWithTheRegistersFilters(t *testing.T) {
	srv, pool := servertest.New(t)
	c := loadContract(t, srv)
	seedTrips(t, pool)
	m := api.Version + "/municipalities/stuttgart"
	walk := func(first string) (refs []string, totals api.TripTotals) {
		next, pages := first, 0
		for next != "" {
			var l api.TripList
			a := c.get(t, srv, "GET", next)
			if a.Status != http.StatusOK {
				t.Fatalf("GET %s: %d %s", next, a.Status, a.Body)
			}
			a.decode(t, &l)
			if pages == 0 {
				totals = l.Totals
			} else if l.Totals.Trips != totals.Trips || l.Totals.Total != totals.Total {
				t.Errorf("totals changed between pages: %+v, %+v", totals, l.Totals)
			}
			for _, tr := range l.Data {
				refs = append(refs, tr.Reference)
			}
			next = ""
			if l.Next != nil {
				if !strings.Contains(a.Header.Get("Link"), `rel="next"`) {
					t.Errorf("no Link header for the next page")
				}
				next = pathOf(t, *l.Next)
			}
			if pages++; pages > 20 {
				t.Fatal("pages never end")
			}
		}
		return refs, totals
	}
	desc, totals := walk(m + "/trips?limit=2")
	want := []string{"STR-2026-0002", "STR-2026-0001", "STR-2025-0005", "STR-2025-0004", "STR-2025-0003", "STR-2025-0002", "STR-2025-0001"}
	if !slices.Equal(desc, want) {
		t.Errorf("newest first in pages of 2: %v, want %v", desc, want)
	}
	if totals.Trips != 7 || totals.Total.Minor != 7*99000+21*1000 {
		t.Errorf("totals %+v", totals)
	}
	asc, _ := walk(m + "/trips?limit=3&sort=date_asc")
	slices.Reverse(want)
	if !slices.Equal(asc, want) {
		t.Errorf("oldest first in pages of 3: %v, want %v", asc, want)
	}
	gb, gbTotals := walk(m + "/trips?limit=1&country=GB&year=2025")
	if !slices.Equal(gb, []string{"STR-2025-0005", "STR-2025-0003", "STR-2025-0001"}) || gbTotals.Trips != 3 {
		t.Errorf("GB in 2025: %v (%d)", gb, gbTotals.Trips)
	}
	cheap, _ := walk(m + "/trips?max=101000&sort=date_asc")
	if !slices.Equal(cheap, []string{"STR-2025-0001", "STR-2025-0002", "STR-2025-0003"}) {
		t.Errorf("total at most 1010.00: %v", cheap)
	}
	// A cursor of one order cannot be used with the other.
	var l api.TripList
	c.get(t, srv, "GET", m+"/trips?limit=2").decode(t, &l)
	if a := c.get(t, srv, "GET", m+"/trips?sort=date_asc&cursor="+*l.NextCursor); a.Status != http.StatusBadRequest {
		t.Errorf("cursor of another order: %d", a.Status)
	}
}

func TestBadRequestsAreProblemsNeverServerErrors(t *testing.T) {
	srv, pool := servertest.New(t)
	c := loadContract(t, srv)
	seedTrips(t, pool)
	m := api.Version + "/municipalities/stuttgart"
	for path, want := range map[string]int{
		m + "/trips?year=abc":                              400,
		m + "/trips?year=1200":                             400,
		m + "/trips?country=germany":                       400,
		m + "/trips?priority=%27%3B--":                     400,
		m + "/trips?min=-1":                                400,
		m + "/trips?min=5&max=4":                           400,
		m + "/trips?sort=cost_desc":                        400,
		m + "/trips?limit=0":                               400,
		m + "/trips?limit=201":                             400,
		m + "/trips?cursor=bm9wZQ":                         400,
		m + "/trips?cursor=%%%":                            400,
		m + "/trips?colour=red":                            400,
		m + "/trips?line=x":                                400,
		m + "/trips?line=999999":                           404,
		m + "/trips?partner=999999":                        404,
		m + "/trips?traveller=" + strings.Repeat("x", 101): 400,
		m + "/partnerships?cursor=abc":                     400,
		m + "/agreements?status=draft":                     400,
		m + "/agreements?type=secret":                      400,
		m + "/budget/20x5":                                 400,
		m + "/budget/1200":                                 400,
		m + "/trips/STR-2025-9999":                         404,
		m + "/trips/nonsense":                              404,
		m + "/partnerships/0":                              404,
		m + "/partnerships/abc":                            404,
		m + "/partnerships/99999999999999999999":           404,
		api.Version + "/municipalities/atlantis":           404,
		api.Version + "/municipalities/ATLANTIS/trips":     404,
		api.Version + "/nothing-here":                      404,
		m + "/secrets":                                     404,
	} {
		a := c.get(t, srv, "GET", path)
		if a.Status != want {
			t.Errorf("GET %s: %d, want %d: %s", path, a.Status, want, clip(a.Body))
		}
		if ct := a.Header.Get("Content-Type"); ct != api.ProblemType {
			t.Errorf("GET %s: Content-Type %q", path, ct)
		}
	}
	a := c.get(t, srv, "GET", m+"/trips?year=abc&lang=de")
	var p api.Problem
	a.decode(t, &p)
	if p.Status != 400 || p.Lang != "de" || p.Detail == "" {
		t.Errorf("problem in German: %+v", p)
	}
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		a := c.get(t, srv, method, m+"/trips")
		if a.Status != http.StatusMethodNotAllowed && a.Status != http.StatusForbidden {
			t.Errorf("%s trips: %d, want 405 (or 403 from the cross-origin guard)", method, a.Status)
		}
	}
}

func TestAnswersAreCachedRevalidatedAndOpenToOtherOrigins(t *testing.T) {
	srv, pool := servertest.New(t)
	c := loadContract(t, srv)
	seedTrips(t, pool)
	path := api.Version + "/municipalities/stuttgart/trips?limit=2"
	first := c.get(t, srv, "GET", path, "Origin", "https://journalist.example")
	etag := first.Header.Get("ETag")
	if first.Status != 200 || etag == "" || first.Header.Get("Last-Modified") == "" ||
		!strings.HasPrefix(first.Header.Get("Cache-Control"), "public") {
		t.Fatalf("first answer: %d, headers %v", first.Status, first.Header)
	}
	if got := first.Header.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("Access-Control-Allow-Origin = %q", got)
	}
	again := c.get(t, srv, "GET", path, "If-None-Match", etag)
	if again.Status != http.StatusNotModified || again.Header.Get("Access-Control-Allow-Origin") != "*" || len(again.Body) != 0 {
		t.Errorf("revalidation: %d, CORS %q, %d bytes", again.Status, again.Header.Get("Access-Control-Allow-Origin"), len(again.Body))
	}
	if hit := c.get(t, srv, "GET", path); hit.Header.Get("X-Cache") != "hit" || !bytes.Equal(hit.Body, first.Body) {
		t.Errorf("second request: X-Cache %q", hit.Header.Get("X-Cache"))
	}
	head := c.get(t, srv, http.MethodHead, path, "Accept-Encoding", "gzip")
	if head.Status != 200 || head.Header.Get("ETag") != etag {
		t.Errorf("HEAD: %d, ETag %q", head.Status, head.Header.Get("ETag"))
	}
	pre := c.get(t, srv, http.MethodOptions, path, "Origin", "https://journalist.example", "Access-Control-Request-Method", "GET")
	if pre.Status != http.StatusNoContent || !strings.Contains(pre.Header.Get("Access-Control-Allow-Methods"), "GET") ||
		pre.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("preflight: %d %v", pre.Status, pre.Header)
	}
	// A publication elsewhere leaves Stuttgart's answers current (they follow its
	// own content version, as its pages do) ...
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: "BAL-2026-0001",
		Start: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)})
	if a := c.get(t, srv, "GET", path, "If-None-Match", etag); a.Status != http.StatusNotModified {
		t.Errorf("after a publication in Ballerup: %d, want 304", a.Status)
	}
	// ... and a publication in Stuttgart moves it: the old ETag no longer matches.
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "stuttgart", Reference: "STR-2026-0003",
		Start: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)})
	after := c.get(t, srv, "GET", path, "If-None-Match", etag)
	if after.Status != http.StatusOK || !bytes.Contains(after.Body, []byte("STR-2026-0003")) {
		t.Errorf("after a publication: %d %s", after.Status, clip(after.Body))
	}
}
