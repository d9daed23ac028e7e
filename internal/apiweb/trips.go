package apiweb

import (
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/municipal-intl/portal/internal/api"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
)

// tripFilter reads the register's filters from the query: the same as the
// register page's, but costs in minor units (min, max) and only the sorts by
// date, whose pages are keyset pages (sort, cursor).
func tripFilter(q url.Values) (trip.Filter, *trip.After, error) {
	f := trip.Filter{Sort: trip.SortDateDesc}
	if v := q.Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1990 || y > 2200 {
			return f, nil, web.BadRequest("trips.error.year", err)
		}
		f.Year = y
	}
	for _, p := range []struct {
		name string
		dst  *string
	}{{"traveller", &f.Traveller}, {"organiser", &f.Organiser}} {
		v := strings.TrimSpace(q.Get(p.name))
		if !trip.ValidFilterText(v) {
			return f, nil, web.BadRequest("trips.error.text", nil)
		}
		*p.dst = v
	}
	if v := q.Get("country"); v != "" {
		if !trip.ValidCountryFilter(v) {
			return f, nil, web.BadRequest("trips.error.country", nil)
		}
		f.Country = v
	}
	if v := q.Get("priority"); v != "" {
		if !trip.ValidPriorityFilter(v) {
			return f, nil, web.BadRequest("trips.error.priority", nil)
		}
		f.Priority = v
	}
	for _, p := range []struct {
		name string
		dst  **int64
	}{{"min", &f.MinCost}, {"max", &f.MaxCost}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 || n > 1_000_000_000_000_00 {
				return f, nil, web.BadRequest("api.error.cost", err)
			}
			*p.dst = &n
		}
	}
	if f.MinCost != nil && f.MaxCost != nil && *f.MinCost > *f.MaxCost {
		return f, nil, web.BadRequest("trips.error.cost_range", nil)
	}
	for _, p := range []struct {
		name, key string
		dst       *int64
	}{{"line", "trips.error.line", &f.BudgetLine}, {"partner", "trips.error.partner", &f.Partnership}} {
		if v := q.Get(p.name); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id < 1 {
				return f, nil, web.BadRequest(p.key, err)
			}
			*p.dst = id
		}
	}
	if v := q.Get("sort"); v != "" {
		if !slices.Contains(trip.KeysetSorts, v) {
			return f, nil, web.BadRequest("api.error.sort", nil)
		}
		f.Sort = v
	}
	var after *trip.After
	if v := q.Get("cursor"); v != "" {
		day, ref, err := api.ParseTripCursor(v, f.Sort)
		if err != nil {
			return f, nil, web.BadRequest("api.error.cursor", err)
		}
		after = &trip.After{StartsOn: day, Reference: ref}
	}
	return f, after, nil
}

// trips is the register in the API: the trips the filters select, a keyset page
// at a time, with the totals of the whole selection.
func (h *Handlers) trips(c *call) (any, error) {
	q := c.r.URL.Query()
	f, after, err := tripFilter(q)
	if err != nil {
		return nil, err
	}
	n, err := limit(q)
	if err != nil {
		return nil, err
	}
	ctx, store := c.r.Context(), trip.NewStore(c.pool)
	if f.BudgetLine != 0 {
		if _, err := store.BudgetLine(ctx, c.m.ID, f.BudgetLine); errors.Is(err, trip.ErrNotFound) {
			return nil, web.NotFound(err)
		} else if err != nil {
			return nil, err
		}
	}
	if f.Partnership != 0 {
		if _, err := store.PartnershipCity(ctx, c.m.ID, f.Partnership); errors.Is(err, trip.ErrNotFound) {
			return nil, web.NotFound(err)
		} else if err != nil {
			return nil, err
		}
	}
	totals, err := store.Totals(ctx, c.m.ID, f)
	if err != nil {
		return nil, err
	}
	// One more than asked tells whether a next page exists.
	list, err := store.RegisterAfter(ctx, c.m.ID, f, after, n+1)
	if err != nil {
		return nil, err
	}
	out := api.TripList{Totals: api.NewTotals(totals, c.m.Currency, c.m.MinorUnits)}
	out.Data = []api.Trip{}
	more := len(list) > n
	if more {
		list = list[:n]
	}
	for _, s := range list {
		out.Data = append(out.Data, api.NewTrip(s, c.m.Slug, h.base()))
	}
	if more {
		last := list[len(list)-1]
		cur := api.TripCursor(f.Sort, &last.StartsOn, last.Reference)
		out.NextCursor, out.Next = &cur, c.next(cur)
	}
	return out, nil
}

// sortByID orders items by id, the order their pages follow.
func sortByID[T any](items []T, id func(T) int64) {
	slices.SortStableFunc(items, func(a, b T) int {
		switch x, y := id(a), id(b); {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
}
