package tripweb

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/place"
	"github.com/municipal-intl/portal/internal/web"
)

// A destination is found by its name in the gazetteer (internal/place). Without
// JavaScript the "Find place" button of a row (action "findplace:{row}") brings
// the form back with what was typed and the places whose names begin with the
// city typed, as radio buttons named destination-{row}-place; a chosen place
// (value "{GeoNames id}:{name chosen}") fills the row's city, country and
// coordinates with whatever button the form is posted by next. With JavaScript
// (web/static/js/place-finder.js) the same places come as suggestions from
// /staff/places while the person types, and choosing one fills the same fields.

// placeChoicesLimit is how many places the "Find place" step lists.
const placeChoicesLimit = 8

// Actions of the buttons: find the places of row i ("findplace:{i}"), and use the
// places chosen (which every button does; this one only shows the form again).
const (
	actionFindPlace = "findplace:"
	actionUsePlace  = "useplace"
)

// PlaceChoices is what the "Find place" step found for one destination row.
type PlaceChoices struct {
	// Query is the city as typed; Error a message key when it could not be
	// searched (too short).
	Query  string
	Error  string
	Places []PlaceChoice
}

// PlaceChoice is one place to choose.
type PlaceChoice struct {
	Value, Label, Population string
}

// placeStep applies the places chosen in the rows, then, when the button pressed
// was a row's "Find place", searches that row's city. It reports whether that
// button was pressed: the form is then shown again with the choices.
func (h *Handlers) placeStep(ctx context.Context, l *i18n.Localizer, action string, st *formState) (bool, error) {
	store := place.NewStore(h.Pool)
	for _, row := range st.in.Destinations {
		v := row["place"]
		if v == "" {
			continue
		}
		row["place"] = ""
		// The choices are the gazetteer's own: anything else was not offered.
		idText, name, _ := strings.Cut(v, ":")
		id, err := strconv.ParseInt(idText, 10, 64)
		if err != nil {
			return false, web.BadRequest("place.error.choice", err)
		}
		p, err := store.Named(ctx, id, name)
		if errors.Is(err, place.ErrNotFound) {
			return false, web.BadRequest("place.error.choice", err)
		}
		if err != nil {
			return false, err
		}
		row["partner"], row["city"], row["country"] = "", p.Matched, p.Country
		row["lat"], row["lon"] = p.Latitude, p.Longitude
	}
	if action == actionUsePlace {
		return true, nil
	}
	rest, ok := strings.CutPrefix(action, actionFindPlace)
	if !ok {
		return false, nil
	}
	i, err := strconv.Atoi(rest)
	if err != nil || i < 0 || i >= len(st.in.Destinations) {
		// A button of a row that is not there: the form again, as it was.
		return true, nil
	}
	q := st.in.Destinations[i]["city"]
	c := PlaceChoices{Query: q}
	found, err := store.Search(ctx, q, placeChoicesLimit)
	switch {
	case errors.Is(err, place.ErrQuery):
		c.Error = "place.error.query"
	case err != nil:
		return false, err
	}
	for _, p := range found {
		c.Places = append(c.Places, PlaceChoice{
			Value:      strconv.FormatInt(p.ID, 10) + ":" + p.Matched,
			Label:      p.Label(l.Country(p.Country)),
			Population: l.T("place.population", l.Int(p.Population)),
		})
	}
	if st.places == nil {
		st.places = map[int]PlaceChoices{}
	}
	st.places[i] = c
	return true, nil
}
