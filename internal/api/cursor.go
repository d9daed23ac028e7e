package api

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"time"
)

// Cursors are opaque to clients: base64url of a small JSON object naming the
// collection and the position of the last item of the page before. A client
// passes back the cursor it was given with the same filters; a cursor of another
// collection, or one that is not ours, is a 400.

// ErrCursor reports a cursor that is not one this API gave out for the collection.
var ErrCursor = errors.New("malformed cursor")

// MaxCursor bounds the length of a cursor a client may send.
const MaxCursor = 512

type cursor struct {
	Kind string `json:"k"`
	// ID is the last id of a collection ordered by id.
	ID int64 `json:"i,omitempty"`
	// Sort, Day and Ref are the position of a trip: its sort, start date
	// (empty: none) and reference.
	Sort string `json:"s,omitempty"`
	Day  string `json:"d,omitempty"`
	Ref  string `json:"r,omitempty"`
}

func encode(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decode(s, kind string) (cursor, error) {
	var c cursor
	if len(s) > MaxCursor {
		return c, ErrCursor
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, ErrCursor
	}
	if err := json.Unmarshal(b, &c); err != nil || c.Kind != kind {
		return c, ErrCursor
	}
	return c, nil
}

// IDCursor is the cursor after id in collection kind.
func IDCursor(kind string, id int64) string { return encode(cursor{Kind: kind, ID: id}) }

// ParseIDCursor returns the id IDCursor put in s for kind.
func ParseIDCursor(s, kind string) (int64, error) {
	c, err := decode(s, kind)
	if err != nil || c.ID < 1 {
		return 0, ErrCursor
	}
	return c.ID, nil
}

// TripCursor is the cursor after a trip starting on day (nil: no dates) with
// reference ref, in sort order sort.
func TripCursor(sort string, day *time.Time, ref string) string {
	c := cursor{Kind: "trips", Sort: sort, Ref: ref}
	if day != nil && !day.IsZero() {
		c.Day = Day(*day)
	}
	return encode(c)
}

// ParseTripCursor returns what TripCursor put in s; the sort must be sort.
func ParseTripCursor(s, sort string) (day *time.Time, ref string, err error) {
	c, err := decode(s, "trips")
	if err != nil || c.Sort != sort || c.Ref == "" || len(c.Ref) > 40 {
		return nil, "", ErrCursor
	}
	if c.Day != "" {
		d, err := time.Parse(time.DateOnly, c.Day)
		if err != nil {
			return nil, "", ErrCursor
		}
		day = &d
	}
	return day, c.Ref, nil
}

// Page cuts a slice ordered by id to the items after the cursor's id, at most
// limit of them, and returns the id of the last when more follow (0 otherwise).
// It pages the short collections (a municipality's partnerships, networks,
// agreements …), which are read whole; the trips page in SQL.
func Page[T any](items []T, id func(T) int64, after int64, limit int) (page []T, last int64) {
	i := 0
	for i < len(items) && id(items[i]) <= after {
		i++
	}
	items = items[i:]
	if len(items) > limit {
		return items[:limit], id(items[limit-1])
	}
	return items, 0
}
