// Package placeweb answers the trip form's suggestions as the person types a
// destination: GET /staff/places?q=münch gives the gazetteer's places (internal/place)
// whose names begin with what was typed, as JSON. Without JavaScript the trip form
// offers the same places through its own "Find place" step (tripweb).
//
// It is a workspace route, for those who may edit trips: the gazetteer is open
// data, but an open endpoint answering every keystroke of anyone would be a free
// search service run on the municipality's database.
package placeweb

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/place"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
)

// DefaultLimit is how many places an answer lists unless limit says otherwise.
const DefaultLimit = 8

// Handlers serves the place suggestions.
type Handlers struct{ workspaceweb.Base }

// Staff registers the suggestions, mounted at /staff/places; the caller has
// required a sign-in.
func (h *Handlers) Staff(r chi.Router) {
	r.Use(h.Auth.Require(access.TripEdit))
	r.Get("/", h.suggest)
}

// Suggestion is one place of the answer.
type Suggestion struct {
	ID int64 `json:"id"`
	// Name is the name the place was found by, to write in the city field;
	// Main is its main name in GeoNames.
	Name        string `json:"name"`
	Main        string `json:"main"`
	Label       string `json:"label"`
	Country     string `json:"country"`
	CountryName string `json:"countryName"`
	Region      string `json:"region"`
	Latitude    string `json:"lat"`
	Longitude   string `json:"lon"`
	Population  int64  `json:"population"`
}

// Answer is the JSON body of GET /staff/places.
type Answer struct {
	Query  string       `json:"query"`
	Places []Suggestion `json:"places"`
	// Message says what the answer holds ("3 places found"), in the reader's
	// language, for a screen reader's live region.
	Message string `json:"message"`
}

type problem struct {
	Error string `json:"error"`
}

// suggest is GET /staff/places?q=…[&limit=n]: 400 when q is too short or too long
// or limit is not 1 to place.MaxLimit.
func (h *Handlers) suggest(w http.ResponseWriter, r *http.Request) {
	l := web.L(r)
	q := r.URL.Query().Get("q")
	limit := DefaultLimit
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > place.MaxLimit {
			writeJSON(w, http.StatusBadRequest, problem{l.T("place.error.limit", place.MaxLimit)})
			return
		}
		limit = n
	}
	found, err := place.NewStore(h.Pool).Search(r.Context(), q, limit)
	if errors.Is(err, place.ErrQuery) {
		writeJSON(w, http.StatusBadRequest, problem{l.T("place.error.query", place.MinQuery)})
		return
	}
	if err != nil {
		h.Site.ServeError(w, r, err)
		return
	}
	a := Answer{Query: q, Places: make([]Suggestion, 0, len(found)), Message: l.T("place.found", len(found))}
	switch len(found) {
	case 0:
		a.Message = l.T("place.found_none")
	case 1:
		a.Message = l.T("place.found_one")
	}
	for _, p := range found {
		country := l.Country(p.Country)
		a.Places = append(a.Places, Suggestion{ID: p.ID, Name: p.Matched, Main: p.Name, Label: p.Label(country),
			Country: p.Country, CountryName: country, Region: p.Region,
			Latitude: p.Latitude, Longitude: p.Longitude, Population: p.Population})
	}
	writeJSON(w, http.StatusOK, a)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-cache")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
