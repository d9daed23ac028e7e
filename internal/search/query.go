// Package search is the portal's full-text search over what the public pages show:
// policies, partnerships, agreements and published trips with their reports. It parses
// the /search query string into a Query and runs it against the search_document table
// (migrations/00020_search.sql), each document in its own language.
package search

import (
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is a group of results, spelt as the kind= parameter spells it.
type Kind string

// The kinds of results, by the pages they link to.
const (
	Policies     Kind = "policies"
	Partnerships Kind = "partnerships"
	Agreements   Kind = "agreements"
	Trips        Kind = "trips"
)

// Kinds lists the kinds in the order the results page shows them.
var Kinds = []Kind{Policies, Partnerships, Agreements, Trips}

// docKind is the kind column of search_document.
func (k Kind) docKind() string {
	switch k {
	case Policies:
		return "policy"
	case Partnerships:
		return "partnership"
	case Agreements:
		return "agreement"
	case Trips:
		return "trip"
	}
	return ""
}

func kindOf(docKind string) Kind {
	for _, k := range Kinds {
		if k.docKind() == docKind {
			return k
		}
	}
	return ""
}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return k.docKind() != "" }

const (
	// MaxLength is the most characters a search text may have.
	MaxLength = 200
	// PerPage is the most results shown per kind on one page.
	PerPage = 20
	// MaxPage bounds the page= parameter; pages past the last are shown as the last.
	MaxPage = 10_000
)

// Errors of Parse, one per parameter, so the page can say what was wrong.
var (
	ErrMalformed    = errors.New("malformed query string")
	ErrInvalidText  = errors.New("search text is not valid UTF-8 or contains a NUL byte")
	ErrTooLong      = errors.New("search text is too long")
	ErrMunicipality = errors.New("unknown municipality")
	ErrKind         = errors.New("unknown kind of result")
	ErrPage         = errors.New("invalid page number")
)

// Query is a parsed /search request.
type Query struct {
	// Text is the search text with its white space collapsed; empty means the visitor
	// has not searched yet.
	Text string
	// Municipality is the slug of the municipality to search in; empty for all.
	Municipality string
	// Kind limits the results to one kind; empty for every kind.
	Kind Kind
	// Page is the page of results within Kind, from 1.
	Page int
}

// slugRE is the form the schema allows for a municipality slug.
var slugRE = regexp.MustCompile(`^[a-z][a-z0-9-]{1,39}$`)

// Parse reads the query string of a /search request. It rejects what cannot be
// searched (a text that is not UTF-8 or holds NUL bytes, one longer than MaxLength),
// kinds and pages that do not exist and a malformed municipality slug; whether the
// slug names a municipality is for the caller to check. Unknown parameters (lang=)
// are ignored.
func Parse(rawQuery string) (Query, error) {
	v, err := url.ParseQuery(rawQuery)
	if err != nil {
		return Query{}, ErrMalformed
	}
	q := Query{Page: 1}
	raw := v.Get("q")
	if !utf8.ValidString(raw) || strings.ContainsRune(raw, 0) {
		return Query{}, ErrInvalidText
	}
	q.Text = normalize(raw)
	if utf8.RuneCountInString(q.Text) > MaxLength {
		return Query{}, ErrTooLong
	}
	if m := v.Get("m"); m != "" {
		if !slugRE.MatchString(m) {
			return Query{}, ErrMunicipality
		}
		q.Municipality = m
	}
	if k := Kind(v.Get("kind")); k != "" {
		if !k.Valid() {
			return Query{}, ErrKind
		}
		q.Kind = k
	}
	if p := v.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > MaxPage || (n > 1 && q.Kind == "") {
			return Query{}, ErrPage
		}
		q.Page = n
	}
	return q, nil
}

// normalize turns control characters and runs of white space into single spaces
// and trims the ends: what a visitor pasted with line breaks searches the same.
func normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// URL returns the address of the results of q's text and municipality for kind
// (empty for every kind) at page.
func (q Query) URL(kind Kind, page int) string {
	v := url.Values{}
	v.Set("q", q.Text)
	if q.Municipality != "" {
		v.Set("m", q.Municipality)
	}
	if kind != "" {
		v.Set("kind", string(kind))
		if page > 1 {
			v.Set("page", strconv.Itoa(page))
		}
	}
	return "/search?" + v.Encode()
}
