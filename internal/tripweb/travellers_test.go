package tripweb_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/servertest"
)

// travellersCell is the text of the travellers column in the register row of ref.
func travellersCell(doc *goquery.Document, ref string) string {
	var cell string
	doc.Find("table.trip-table tbody tr").Each(func(_ int, row *goquery.Selection) {
		if strings.TrimSpace(row.Find("th a").Text()) == ref {
			cell = strings.TrimSpace(row.Find("td").Eq(3).Text())
		}
	})
	return cell
}

// A long list of travellers is shortened in the register to two names and a
// count; the trip page lists everyone.
func TestRegisterCollapsesLongTravellerLists(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	many := make([]string, 30)
	for i := range many {
		many[i] = fmt.Sprintf("Traveller %02d", i+1)
	}
	day := time.Date(2025, 5, 5, 0, 0, 0, 0, time.UTC)
	servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Reference: "BAL-2025-0001", Purpose: "Korbesøg", Organiser: "Kulturudvalget",
		Start: day, End: day, Travellers: many, Destinations: []servertest.Destination{prague},
		Costs: []servertest.Cost{{Category: "transport", Planned: 100000}},
	})
	servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: "ballerup", Reference: "BAL-2025-0002", Purpose: "Skolebesøg", Organiser: "Skoleudvalget",
		Start: day, End: day, Travellers: []string{"Anna Jensen", "Bo Berg", "Carl Dam"}, Destinations: []servertest.Destination{prague},
		Costs: []servertest.Cost{{Category: "transport", Planned: 100000}},
	})
	c := servertest.Client(t)

	for _, tc := range []struct{ lang, want string }{
		{"en", "Traveller 01, Traveller 02 and 28 others"},
		{"de", "Traveller 01, Traveller 02 und 28 weitere"},
		{"sv", "Traveller 01, Traveller 02 och 28 till"},
		{"da", "Traveller 01, Traveller 02 og 28 andre"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			res, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/trips", tc.lang)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			if got := travellersCell(doc, "BAL-2025-0001"); got != tc.want {
				t.Errorf("30 travellers shown as %q, want %q", got, tc.want)
			}
			// Three travellers still fit: all are named.
			if got, want := travellersCell(doc, "BAL-2025-0002"), "Anna Jensen, Bo Berg, Carl Dam"; got != want {
				t.Errorf("3 travellers shown as %q, want %q", got, want)
			}
		})
	}

	_, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/trips/BAL-2025-0001", "en")
	var names []string
	doc.Find("#travellers-caption").Closest("table").Find("tbody tr").Each(func(_ int, row *goquery.Selection) {
		names = append(names, strings.TrimSpace(row.Children().First().Text()))
	})
	if len(names) != len(many) || names[0] != many[0] || names[29] != many[29] {
		t.Errorf("trip page lists travellers %q, want all %d", names, len(many))
	}
}
