package tripweb_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// The register lists the most late reports and links to all of them; the late
// reports page pages through every one, and a page past the end shows the last.
func TestLateReportsAreBounded(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	n := trip.OverdueShown + 3
	for i := range n {
		// servertest.Now is 2026-11-22; Ballerup's deadline is 30 days after the trip.
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*i)
		servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Reference: fmt.Sprintf("BAL-2026-%04d", 100+i),
			Status: "approved", Purpose: "Sen rapport", Start: start, End: start.AddDate(0, 0, 2)})
	}
	c := servertest.Client(t)
	_, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/trips", "en")
	sec := doc.Find(`section[aria-labelledby="overdue"]`)
	if got := strings.TrimSpace(sec.Find("h2").Text()); got != fmt.Sprintf("Reports overdue: %d", n) {
		t.Errorf("heading %q", got)
	}
	if rows := sec.Find("tbody tr"); rows.Length() != trip.OverdueShown || strings.TrimSpace(rows.First().Find("th").Text()) != "BAL-2026-0100" {
		t.Errorf("%d rows, first %q", rows.Length(), rows.First().Find("th").Text())
	}
	link := sec.Find(`a[href="/m/ballerup/trips/late"]`)
	if link.Length() != 1 || !strings.Contains(link.Text(), fmt.Sprint(n)) {
		t.Errorf("link to all late reports: %q", link.Text())
	}

	res, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/trips/late", "de")
	if res.StatusCode != http.StatusOK || doc.Find("tbody tr").Length() != n {
		t.Fatalf("late reports page: status %d, %d rows", res.StatusCode, doc.Find("tbody tr").Length())
	}
	if res, doc = servertest.Get(t, c, srv.URL+"/m/ballerup/trips/late?page=7", "en"); res.StatusCode != http.StatusOK ||
		doc.Find(".notice").Length() != 1 || doc.Find("tbody tr").Length() != n {
		t.Errorf("page past the end: status %d, notice %d, rows %d", res.StatusCode, doc.Find(".notice").Length(), doc.Find("tbody tr").Length())
	}
	for _, bad := range []string{"abc", "0", "-1", "99999999999"} {
		if res, _ := servertest.Get(t, c, srv.URL+"/m/ballerup/trips/late?page="+bad, "en"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("page=%s: status %d", bad, res.StatusCode)
		}
	}
	if res, _ := servertest.Get(t, c, srv.URL+"/m/atlantis/trips/late", "en"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown municipality: status %d", res.StatusCode)
	}
}
