package partnerweb_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/browsertest"
	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/servertest"
)

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// TestPagesWithDemoData checks the pages against the demo generator's agreements,
// projects and trips: the register and its filters agree with the database, no
// draft shows, and every demo row wears its badge.
func TestPagesWithDemoData(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	if _, err := demo.Load(context.Background(), pool, demo.Options{Trips: 150, Seed: 7, Now: servertest.Now}); err != nil {
		t.Fatal(err)
	}
	c := servertest.Client(t)
	today := servertest.Now.Format(time.DateOnly)
	const public = `FROM agreement a JOIN municipality m ON m.id = a.municipality_id
WHERE m.slug = $1 AND a.archived_at IS NULL AND a.status <> 'draft'`
	shown, shownExpired := 0, 0
	for _, slug := range []string{"vasteras", "stuttgart", "goteborg", "ballerup", "berlin"} {
		url := srv.URL + "/m/" + slug + "/agreements"
		res, doc := servertest.Get(t, c, url, "en")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", slug, res.StatusCode)
		}
		rows := doc.Find("table.agreements tbody tr")
		shown += rows.Length()
		if want := count(t, pool, `SELECT count(*) `+public, slug); rows.Length() != want {
			t.Errorf("%s: %d rows, want %d public agreements", slug, rows.Length(), want)
		}
		if rows.Length() > 0 {
			if n := doc.Find(".notice--demo").Length(); n != 1 {
				t.Errorf("%s: %d demo notices", slug, n)
			}
			if n := rows.Find(".badge--demo").Length(); n != rows.Length() {
				t.Errorf("%s: %d of %d demo rows wear the badge", slug, n, rows.Length())
			}
		}
		var drafts []string
		r, err := pool.Query(context.Background(), `SELECT a.title FROM agreement a JOIN municipality m ON m.id = a.municipality_id WHERE m.slug = $1 AND a.status = 'draft'`, slug)
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
			var title string
			if err := r.Scan(&title); err != nil {
				t.Fatal(err)
			}
			drafts = append(drafts, title)
		}
		r.Close()
		rows.Find("th > span[lang]").Each(func(_ int, s *goquery.Selection) {
			if containsString(drafts, s.Text()) && count(t, pool, `SELECT count(*) `+public+` AND a.title = $2`, slug, s.Text()) == 0 {
				t.Errorf("%s: draft %q is shown", slug, s.Text())
			}
		})
		for _, typ := range []string{"twin_town_agreement", "cooperation_agreement", "declaration", "convention", "memorandum", "network_membership"} {
			_, doc := servertest.Get(t, c, url+"?type="+typ, "en")
			if got, want := doc.Find("table.agreements tbody tr").Length(), count(t, pool, `SELECT count(*) `+public+` AND a.type = $2`, slug, typ); got != want {
				t.Errorf("%s ?type=%s: %d rows, want %d", slug, typ, got, want)
			}
		}
		_, doc = servertest.Get(t, c, url+"?status=expired", "en")
		expired := doc.Find("table.agreements tbody tr")
		shownExpired += expired.Length()
		if want := count(t, pool, `SELECT count(*) `+public+` AND (a.status = 'expired' OR (a.status = 'in_force' AND a.valid_until < $2::date))`, slug, today); expired.Length() != want {
			t.Errorf("%s ?status=expired: %d rows, want %d", slug, expired.Length(), want)
		}
		if n := expired.Find(".badge--expired").Length(); n != expired.Length() {
			t.Errorf("%s: %d of %d expired agreements have the Expired badge", slug, n, expired.Length())
		}

		res, _ = servertest.Get(t, c, srv.URL+"/m/"+slug+"/partners", "en")
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s partners: status %d", slug, res.StatusCode)
		}
	}

	if shown == 0 || shownExpired == 0 || count(t, pool, `SELECT count(*) FROM agreement WHERE status = 'draft'`) == 0 {
		t.Errorf("the demo data gives %d agreements, %d expired, and no drafts to hide: the test checks little", shown, shownExpired)
	}

	// Every partnership page renders, and shows exactly its published trips.
	rows, err := pool.Query(context.Background(), `
SELECT m.slug, p.id,
       (SELECT count(*) FROM trip t WHERE t.municipality_id = m.id AND t.status = 'published' AND t.archived_at IS NULL
          AND (t.partnership_id = p.id OR EXISTS (SELECT 1 FROM trip_destination d WHERE d.trip_id = t.id AND d.partner_city_id = p.partner_city_id))),
       (SELECT count(*) FROM project pr WHERE pr.partnership_id = p.id AND pr.archived_at IS NULL)
FROM partnership p JOIN municipality m ON m.id = p.municipality_id WHERE p.archived_at IS NULL ORDER BY p.id`)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		slug            string
		id              int64
		trips, projects int
	}
	var all []want
	for rows.Next() {
		var w want
		if err := rows.Scan(&w.slug, &w.id, &w.trips, &w.projects); err != nil {
			t.Fatal(err)
		}
		all = append(all, w)
	}
	rows.Close()
	withTrips := 0
	for _, w := range all {
		res, doc := servertest.Get(t, c, srv.URL+"/m/"+w.slug+"/partners/"+strconv.FormatInt(w.id, 10), "en")
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s/%d: status %d", w.slug, w.id, res.StatusCode)
			continue
		}
		trips := doc.Find("table.partner-trips tbody tr")
		if trips.Length() != w.trips {
			t.Errorf("%s/%d: %d trips, want %d", w.slug, w.id, trips.Length(), w.trips)
		}
		if n := trips.Find(".badge--demo").Length(); n != trips.Length() {
			t.Errorf("%s/%d: %d of %d demo trips wear the badge", w.slug, w.id, n, trips.Length())
		}
		if got := doc.Find("table.projects tbody tr").Length(); got != w.projects {
			t.Errorf("%s/%d: %d projects, want %d", w.slug, w.id, got, w.projects)
		}
		if w.trips > 0 {
			withTrips++
			if doc.Find(".notice--demo").Length() != 1 {
				t.Errorf("%s/%d: no demo notice", w.slug, w.id)
			}
		}
	}
	if withTrips == 0 {
		t.Error("the demo data sends no published trip to any partner city: the test checks nothing")
	}
}

// TestPartnerPagesInBrowser checks the three page types with axe-core and takes
// screenshots for review.
func TestPartnerPagesInBrowser(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	if _, err := demo.Load(context.Background(), pool, demo.Options{Trips: 80, Seed: 3, Now: servertest.Now}); err != nil {
		t.Fatal(err)
	}
	servertest.SeedStuttgartAgreements(t, pool)
	cardiff := partnershipIDOf(t, pool, "stuttgart", "Cardiff")
	trip := servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "stuttgart", Reference: "STU-2026-9001", Purpose: "Besuch der Partnerstadt Cardiff",
		Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC),
		Destinations: []servertest.Destination{{City: "Cardiff", Country: "GB", Lat: 51.48, Lon: -3.18}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 90000, Actual: 85050}},
	})
	servertest.Exec(t, pool, `UPDATE trip SET partnership_id = $2 WHERE id = $1`, trip, cardiff)
	moscow := partnershipIDOf(t, pool, "berlin", "Moscow")
	prague := partnershipIDOf(t, pool, "ballerup", "Prague 10")

	ctx := browsertest.New(t)
	for _, pg := range []struct{ name, path, h1 string }{
		{"partners-stuttgart", "/m/stuttgart/partners", "Stuttgart"},
		{"partners-goteborg", "/m/goteborg/partners?lang=sv", "Göteborg"},
		{"partner-cardiff", "/m/stuttgart/partners/" + strconv.FormatInt(cardiff, 10) + "?lang=en", "Cardiff"},
		{"partner-moscow", "/m/berlin/partners/" + strconv.FormatInt(moscow, 10) + "?lang=de", "Moskau"},
		{"agreements-stuttgart", "/m/stuttgart/agreements?lang=en", "Stuttgart"},
		{"partner-prague10-demo", "/m/ballerup/partners/" + strconv.FormatInt(prague, 10) + "?lang=da", "Praha 10"},
		{"agreements-ballerup-demo", "/m/ballerup/agreements?lang=da", "Ballerup"},
		{"agreements-empty", "/m/vasteras/agreements?lang=sv&type=twin_town_agreement", "Västerås"},
	} {
		browsertest.Navigate(t, ctx, srv.URL+pg.path)
		if got := browsertest.Text(t, ctx, "h1"); !strings.Contains(got, pg.h1) {
			t.Errorf("%s: h1 = %q", pg.name, got)
		}
		browsertest.Axe(t, ctx)
		browsertest.Screenshot(t, ctx, 375, pg.name)
		browsertest.Screenshot(t, ctx, 1280, pg.name)
	}
}
