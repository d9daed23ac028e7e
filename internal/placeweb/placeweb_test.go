package placeweb_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/placeweb"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestAuthorizationMatrix: the suggestions are for those who may edit trips; a
// visitor is sent to sign in, a politician refused; a bad query is a 400 for
// everyone let through.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	servertest.People(t, pool)
	W := servertest.Want
	routes := []servertest.Route{
		{Method: "GET", Path: "/staff/places?q=munich", Action: access.TripEdit, Want: W(303, 200, 403, 200, 200, 200)},
		{Method: "GET", Path: "/staff/places?q=m", Action: access.TripEdit, Want: W(303, 400, 403, 400, 400, 400)},
	}
	servertest.CheckCoverage(t, srv, routes, "placeweb")
	servertest.CheckMatrix(t, srv, routes)
}

// TestSuggestions answers what the script asks as a person types: Munich by its
// German name without the umlaut, in the reader's language, the count bounded.
func TestSuggestions(t *testing.T) {
	t.Parallel()
	a := servertest.NewAdmin(t, "ballerup")
	get := func(query, lang string) (*http.Response, placeweb.Answer, map[string]string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, a.Srv.URL+"/staff/places?"+query, nil)
		req.Header.Set("Accept-Language", lang)
		res, err := a.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var ans placeweb.Answer
		var problem map[string]string
		if res.StatusCode == http.StatusOK {
			err = json.NewDecoder(res.Body).Decode(&ans)
		} else {
			err = json.NewDecoder(res.Body).Decode(&problem)
		}
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return res, ans, problem
	}
	res, ans, _ := get("q="+url.QueryEscape("munchen"), "de")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("munchen: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if len(ans.Places) == 0 || len(ans.Places) > placeweb.DefaultLimit {
		t.Fatalf("munchen: %d places", len(ans.Places))
	}
	m := ans.Places[0]
	if m.Main != "Munich" || m.Name != "München" || m.Country != "DE" || m.CountryName != "Deutschland" ||
		!strings.HasPrefix(m.Latitude, "48.137") || !strings.HasPrefix(m.Longitude, "11.575") {
		t.Errorf("first suggestion: %+v", m)
	}
	if m.Label != "München (Munich), Bavaria, Deutschland" {
		t.Errorf("label %q", m.Label)
	}
	if ans.Message == "" {
		t.Error("no message for the live region")
	}
	_, ans, _ = get("q=K%C3%B6penhamn&limit=1", "sv")
	if len(ans.Places) != 1 || ans.Places[0].Main != "Copenhagen" || ans.Places[0].CountryName != "Danmark" {
		t.Errorf("Köpenhamn: %+v", ans.Places)
	}
	_, ans, _ = get("q=zzzzqqq", "en")
	if len(ans.Places) != 0 || ans.Message != "No place found." {
		t.Errorf("nothing found: %+v", ans)
	}
	for _, q := range []string{"", "q=", "q=a", "q=" + strings.Repeat("x", 101), "q=munich&limit=0", "q=munich&limit=21", "q=munich&limit=abc"} {
		res, _, problem := get(q, "en")
		if res.StatusCode != http.StatusBadRequest || problem["error"] == "" {
			t.Errorf("%q: %d %v, want 400 with a message", q, res.StatusCode, problem)
		}
	}
}
