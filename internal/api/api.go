// Package api is the shape of the read-only open-data API (/api/v1/): the JSON
// objects it returns, its opaque cursors, its problem documents, the OpenAPI
// document that describes it and the DCAT-AP catalogue of the datasets. It reads
// nothing itself: internal/apiweb fills these shapes from the areas' stores.
//
// Conventions every object follows: ids are the database's stable ids, trips are
// also named by their public reference; money is minor units, an ISO 4217
// currency and the same amount as a decimal string; dates are ISO 8601 (a day as
// YYYY-MM-DD, an instant in RFC 3339, UTC); every free text is a Text, with the
// BCP 47 tag of the language it is written in.
package api

import (
	"time"

	"github.com/municipal-intl/portal/internal/money"
)

// Version is the path prefix of this version of the API.
const Version = "/api/v1"

// Text is a text in the language it was written in.
type Text struct {
	Value string `json:"value"`
	Lang  string `json:"lang"`
}

// T is the Text value in lang.
func T(value, lang string) Text { return Text{Value: value, Lang: lang} }

// Money is an amount in minor units of a currency, with the same amount as a
// decimal string (e.g. 1234.50), so that no client has to know the currency's
// minor units.
type Money struct {
	Minor    int64  `json:"minor"`
	Currency string `json:"currency"`
	Decimal  string `json:"decimal"`
}

// M is the Money of minor units of currency, which has minorUnits decimals.
func M(minor int64, currency string, minorUnits int) Money {
	return Money{Minor: minor, Currency: currency, Decimal: money.Decimal(minor, minorUnits)}
}

// MP is M of a pointer; nil stays nil (not known).
func MP(minor *int64, currency string, minorUnits int) *Money {
	if minor == nil {
		return nil
	}
	m := M(*minor, currency, minorUnits)
	return &m
}

// Day formats a calendar day as ISO 8601 (YYYY-MM-DD).
func Day(t time.Time) string { return t.Format(time.DateOnly) }

// DayP is Day of a pointer; nil stays nil.
func DayP(t *time.Time) *string {
	if t == nil || t.IsZero() {
		return nil
	}
	s := Day(*t)
	return &s
}

// Instant formats an instant as RFC 3339 in UTC.
func Instant(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// InstantP is Instant of a pointer; nil stays nil.
func InstantP(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := Instant(*t)
	return &s
}

// List is one page of a collection: its items, and the cursor and link of the
// next page (null on the last).
type List[T any] struct {
	Data       []T     `json:"data"`
	NextCursor *string `json:"next_cursor"`
	Next       *string `json:"next"`
}

// Problem is an RFC 9457 problem document: every error of the API.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
	// Lang is the language of Detail.
	Lang string `json:"lang,omitempty"`
}

// ProblemType is the media type of a Problem.
const ProblemType = "application/problem+json"
