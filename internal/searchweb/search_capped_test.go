package searchweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/search"
	"github.com/municipal-intl/portal/internal/servertest"
)

// A word matched by more trips than a search counts: the page says "500+", explains
// which are shown and still pages through them.
func TestSearchPageCapped(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	searchExec(t, pool, `
INSERT INTO trip (municipality_id, reference, status, purpose, organiser, currency, published_at)
SELECT (SELECT id FROM municipality WHERE slug = 'stuttgart'), 'STU-2025-' || lpad(g::text, 4, '0'), 'published',
       'Fachbesuch Nummer ' || g, 'Referat Klimapartnerschaft', 'EUR', now()
  FROM generate_series(1, $1::int) g`, search.Cap+1)
	c := servertest.Client(t)
	capped := fmt.Sprintf("%d+", search.Cap)

	res, doc := searchGet(t, c, srv.URL, url.Values{"q": {"Klimapartnerschaft"}}, "en")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if h := doc.Find("#results-trips").Text(); !strings.Contains(h, capped) {
		t.Errorf("heading %q, want %s", h, capped)
	}
	if n := doc.Find(".search-kinds").Text(); !strings.Contains(n, capped) {
		t.Errorf("kinds %q, want %s", n, capped)
	}
	if note := doc.Find(".search-group .notice").Text(); !strings.Contains(note, fmt.Sprintf("%d most recent", search.Cap)) {
		t.Errorf("notice %q", note)
	}
	if got := doc.Find(".search-result").Length(); got != search.PerPage {
		t.Errorf("%d results on the first page", got)
	}
	// The last page of the capped trips is full; one past it is that last page.
	res, doc = searchGet(t, c, srv.URL, url.Values{"q": {"Klimapartnerschaft"}, "kind": {"trips"}, "page": {"26"}}, "de")
	if res.StatusCode != http.StatusOK || doc.Find(".search-result").Length() != search.PerPage {
		t.Fatalf("page past the cap: status %d, %d results", res.StatusCode, doc.Find(".search-result").Length())
	}
	if h := doc.Find("#results-trips").Text(); !strings.Contains(h, capped) {
		t.Errorf("German heading %q", h)
	}
}
