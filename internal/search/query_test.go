package search

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", MaxLength)
	cases := []struct {
		raw  string
		want Query
		err  error
	}{
		{"", Query{Page: 1}, nil},
		{"q=", Query{Page: 1}, nil},
		{"q=+++", Query{Page: 1}, nil},
		{"q=v%C3%A4norterna", Query{Text: "vänorterna", Page: 1}, nil},
		{"q=%20a%0A%0Db%09%09c%20", Query{Text: "a b c", Page: 1}, nil},
		{"q=x&m=ballerup&kind=trips&page=3", Query{Text: "x", Municipality: "ballerup", Kind: Trips, Page: 3}, nil},
		{"q=x&lang=de&unknown=1", Query{Text: "x", Page: 1}, nil},
		{"q=" + long, Query{Text: long, Page: 1}, nil},
		{"q=" + url.QueryEscape(strings.Repeat("ä", MaxLength)), Query{Text: strings.Repeat("ä", MaxLength), Page: 1}, nil},
		{"q=" + long + "a", Query{}, ErrTooLong},
		{"q=" + strings.Repeat("x", 2000), Query{}, ErrTooLong},
		{"q=a%00b", Query{}, ErrInvalidText},
		{"q=%FF%FE", Query{}, ErrInvalidText},
		{"q=%zz", Query{}, ErrMalformed},
		{"q=a;b", Query{}, ErrMalformed},
		{"q=x&m=Ballerup", Query{}, ErrMunicipality},
		{"q=x&m=%00", Query{}, ErrMunicipality},
		{"q=x&kind=people", Query{}, ErrKind},
		{"q=x&kind=Trips", Query{}, ErrKind},
		{"q=x&kind=trips&page=0", Query{}, ErrPage},
		{"q=x&kind=trips&page=-1", Query{}, ErrPage},
		{"q=x&kind=trips&page=two", Query{}, ErrPage},
		{"q=x&kind=trips&page=99999999999999999999", Query{}, ErrPage},
		{"q=x&page=2", Query{}, ErrPage},
		{"q=x&page=1", Query{Text: "x", Page: 1}, nil},
	}
	for _, tc := range cases {
		got, err := Parse(tc.raw)
		if !errors.Is(err, tc.err) {
			t.Errorf("Parse(%.40q) error = %v, want %v", tc.raw, err, tc.err)
			continue
		}
		if err == nil && !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Parse(%.40q) = %+v, want %+v", tc.raw, got, tc.want)
		}
	}
}

func TestQueryURL(t *testing.T) {
	t.Parallel()
	q := Query{Text: `"a&b" -c`, Municipality: "goteborg"}
	got, err := url.Parse(q.URL(Trips, 2))
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{"q": {`"a&b" -c`}, "m": {"goteborg"}, "kind": {"trips"}, "page": {"2"}}
	if got.Path != "/search" || !reflect.DeepEqual(got.Query(), want) {
		t.Errorf("URL = %s", got)
	}
	if got := (Query{Text: "x"}).URL("", 5); got != "/search?q=x" {
		t.Errorf("URL without kind = %s", got)
	}
}

func TestHighlight(t *testing.T) {
	t.Parallel()
	s, e := string(startSel), string(stopSel)
	cases := []struct {
		in   string
		want []Segment
	}{
		{"", nil},
		{"plain", []Segment{{"plain", false}}},
		{"a " + s + "<b>" + e + " c", []Segment{{"a ", false}, {"<b>", true}, {" c", false}}},
		{s + "x" + e + s + "y" + e, []Segment{{"x", true}, {"y", true}}},
		{"a " + s + "open", []Segment{{"a ", false}, {"open", true}}},
		{"stray" + e + " stop", []Segment{{"stray", false}, {" stop", false}}},
		{"a \uE002" + s + "b" + e + ">", []Segment{{"a <", false}, {"b", true}, {">", false}}},
	}
	for _, tc := range cases {
		if got := Highlight(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Highlight(%q) = %#v, want %#v", tc.in, got, tc.want)
		}
	}
	if got := Plain(Highlight("a " + s + "b" + e)); got != "a b" {
		t.Errorf("Plain = %q", got)
	}
}

func TestResultURL(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		r    Result
		want string
	}{
		{Result{Kind: Policies, ID: 3, MunicipalitySlug: "goteborg"}, "/m/goteborg/policy"},
		{Result{Kind: Partnerships, ID: 12, MunicipalitySlug: "berlin"}, "/m/berlin/partners/12"},
		{Result{Kind: Agreements, ID: 7, MunicipalitySlug: "stuttgart"}, "/m/stuttgart/agreements#agreement-7"},
		{Result{Kind: Trips, ID: 9, Reference: "BAL-2026-0007", MunicipalitySlug: "ballerup"}, "/m/ballerup/trips/BAL-2026-0007"},
	} {
		if got := tc.r.URL(); got != tc.want {
			t.Errorf("%s URL = %s, want %s", tc.r.Kind, got, tc.want)
		}
	}
}
