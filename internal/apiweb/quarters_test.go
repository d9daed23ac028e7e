package apiweb_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/api"
	"github.com/municipal-intl/portal/internal/apiweb"
	"github.com/municipal-intl/portal/internal/servertest"
)

// Stuttgart's published trips (seedTrips) start in 2025 Q1 and Q3 and 2026 Q2; its
// unpublished ones in 2025 Q2, which must not count. The tests' today is
// 2026-11-22, so the ended quarters run to 2026 Q3.
func TestEmptyQuartersAreStatedInTheAPIAndTheRegister(t *testing.T) {
	srv, pool := servertest.New(t)
	c := loadContract(t, srv)
	seedTrips(t, pool)

	var got apiweb.Quarters
	c.get(t, srv, "GET", api.Version+"/municipalities/stuttgart/quarters").decode(t, &got)
	var all, empty []string
	for _, q := range got.Quarters {
		name := q.From + ".." + q.To
		all = append(all, name)
		if q.NothingToReport {
			empty = append(empty, name)
		}
	}
	wantAll := []string{"2025-01-01..2025-03-31", "2025-04-01..2025-06-30", "2025-07-01..2025-09-30", "2025-10-01..2025-12-31",
		"2026-01-01..2026-03-31", "2026-04-01..2026-06-30", "2026-07-01..2026-09-30"}
	wantEmpty := []string{"2025-04-01..2025-06-30", "2025-10-01..2025-12-31", "2026-01-01..2026-03-31", "2026-07-01..2026-09-30"}
	if !slices.Equal(all, wantAll) || !slices.Equal(empty, wantEmpty) {
		t.Errorf("quarters %v, empty %v; want %v, empty %v", all, empty, wantAll, wantEmpty)
	}
	// A municipality without published trips has no quarters to state.
	var none apiweb.Quarters
	c.get(t, srv, "GET", api.Version+"/municipalities/berlin/quarters").decode(t, &none)
	if len(none.Quarters) != 0 {
		t.Errorf("berlin: %v", none.Quarters)
	}

	for lang, want := range map[string][]string{
		"en": {"Q2 2025: nothing to report", "Q4 2025: nothing to report", "Q1 2026: nothing to report", "Q3 2026: nothing to report"},
		"de": {"Q2 2025: nichts zu melden", "Q4 2025: nichts zu melden", "Q1 2026: nichts zu melden", "Q3 2026: nichts zu melden"},
		"sv": {"K2 2025: inget att rapportera", "K4 2025: inget att rapportera", "K1 2026: inget att rapportera", "K3 2026: inget att rapportera"},
		"da": {"K2 2025: intet at rapportere", "K4 2025: intet at rapportere", "K1 2026: intet at rapportere", "K3 2026: intet at rapportere"},
	} {
		// Filters do not change what the section states: it is the municipality's.
		res, doc := servertest.Get(t, http.DefaultClient, srv.URL+"/m/stuttgart/trips?country=PL&lang="+lang, "")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: register %d", lang, res.StatusCode)
		}
		var items []string
		doc.Find("section.quarters li").Each(func(_ int, s *goquery.Selection) { items = append(items, strings.TrimSpace(s.Text())) })
		if !slices.Equal(items, want) {
			t.Errorf("%s: register states %v, want %v", lang, items, want)
		}
		if doc.Find("section.quarters h2").Text() == "" {
			t.Errorf("%s: no heading", lang)
		}
	}
}
