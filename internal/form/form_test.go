package form

import (
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/i18n"
)

func TestParseDate(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
		err  error
	}{
		{"2014-10-09", time.Date(2014, 10, 9, 0, 0, 0, 0, time.UTC), nil},
		{" 2026-02-28 ", time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC), nil},
		{"2024-02-29", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), nil},
		{"", time.Time{}, ErrDateRequired},
		{"  ", time.Time{}, ErrDateRequired},
		{"2025-02-29", time.Time{}, ErrDateFormat},
		{"2014-13-01", time.Time{}, ErrDateFormat},
		{"2014-1-9", time.Time{}, ErrDateFormat},
		{"9.10.2014", time.Time{}, ErrDateFormat},
		{"10/09/2014", time.Time{}, ErrDateFormat},
		{"2014-10-09T10:00", time.Time{}, ErrDateFormat},
		{"0000-01-01", time.Time{}, ErrDateFormat},
		{"tomorrow", time.Time{}, ErrDateFormat},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDate(tc.in)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.err)
				}
				return
			}
			if err != nil || !got.Equal(tc.want) || got.Location() != time.UTC {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
			if back := FormatDateInput(got); back != tc.want.Format(DateLayout) {
				t.Errorf("FormatDateInput = %q", back)
			}
		})
	}
	if FormatDateInput(time.Time{}) != "" {
		t.Error("the zero time should be an empty input")
	}
}

type fakeT struct{}

func (fakeT) T(key string, args ...any) string { return fmt.Sprintf("%s %v", key, args) }

func TestErrors(t *testing.T) {
	var errs Errors
	if errs.Any() || errs.Has("amount") {
		t.Fatal("empty Errors reports a problem")
	}
	errs.Add("purpose", "trip.error.purpose_required")
	_, err := ParseMoney("1,2345", "de", 2)
	errs.AddErr("amount", err)
	errs.AddErr("amount", ErrMoneyFormat) // a second problem; For gives the first
	errs.AddErr("date", errors.New("some other failure"))
	errs.AddErr("nothing", nil)

	want := Errors{
		{Field: "purpose", Key: "trip.error.purpose_required"},
		{Field: "amount", Key: KeyMoneyDecimals, Args: []any{2}},
		{Field: "amount", Key: KeyMoneyFormat},
		{Field: "date", Key: KeyInvalid},
	}
	if !reflect.DeepEqual(errs, want) {
		t.Fatalf("errs = %#v\nwant %#v", errs, want)
	}
	cases := []struct {
		field string
		has   bool
		key   string
	}{
		{"purpose", true, "trip.error.purpose_required"},
		{"amount", true, KeyMoneyDecimals},
		{"date", true, KeyInvalid},
		{"nothing", false, ""},
		{"other", false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.field, func(t *testing.T) {
			if got := errs.Has(tc.field); got != tc.has {
				t.Errorf("Has = %v", got)
			}
			fe, ok := errs.For(tc.field)
			if ok != tc.has || fe.Key != tc.key {
				t.Errorf("For = %#v, %v", fe, ok)
			}
		})
	}
	if !errs.Any() {
		t.Error("Any = false")
	}
	if got := errs.Message(fakeT{}, "amount"); got != KeyMoneyDecimals+" [2]" {
		t.Errorf("Message = %q", got)
	}
	if got := errs.Message(fakeT{}, "other"); got != "" {
		t.Errorf("Message of a field without problem = %q", got)
	}
}

func TestRows(t *testing.T) {
	cases := []struct {
		name string
		form url.Values
		want []map[string]string
	}{
		{"none", url.Values{"purpose": {"x"}}, []map[string]string{}},
		{
			"ordered by index, gaps closed, input kept as typed",
			url.Values{
				"traveller-10-name": {"  Åsa Öberg "},
				"traveller-2-name":  {"Jens"},
				"traveller-2-role":  {"mayor"},
				"traveller-0-role":  {""},
				"traveller-0-name":  {"<b>Anna</b>"},
			},
			[]map[string]string{
				{"name": "<b>Anna</b>", "role": ""},
				{"name": "Jens", "role": "mayor"},
				{"name": "  Åsa Öberg ", "role": ""},
			},
		},
		{
			"missing fields are blank, foreign and malformed names ignored",
			url.Values{
				"traveller-1-name":      {"Ida"},
				"traveller-1-secret":    {"x"},
				"traveller-01-name":     {"dup"},
				"traveller--1-name":     {"neg"},
				"traveller-+2-name":     {"plus"},
				"traveller-500-name":    {"too far"},
				"traveller-x-name":      {"x"},
				"traveller-cost-0-name": {"other group"},
				"travellers-0-name":     {"other group"},
				"cost-0-name":           {"other group"},
			},
			[]map[string]string{{"name": "Ida", "role": ""}},
		},
		{
			"blank rows are kept",
			url.Values{"traveller-0-name": {""}, "traveller-1-name": {"B"}},
			[]map[string]string{{"name": "", "role": ""}, {"name": "B", "role": ""}},
		},
		{
			"first value of a repeated name",
			url.Values{"traveller-0-name": {"A", "B"}},
			[]map[string]string{{"name": "A", "role": ""}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Rows(tc.form, "traveller", "name", "role")
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Rows = %v\nwant %v", got, tc.want)
			}
		})
	}
	if got := RowName("traveller", 3, "name"); got != "traveller-3-name" {
		t.Errorf("RowName = %q", got)
	}
	if got := Rows(url.Values{"day-0-first-name": {"x"}}, "day", "first-name"); len(got) != 1 || got[0]["first-name"] != "x" {
		t.Errorf("a field name with a dash: %v", got)
	}
}

func TestParseAction(t *testing.T) {
	cases := []struct {
		in    string
		verb  string
		group string
		index int
	}{
		{"save", "save", "", -1},
		{"submit", "submit", "", -1},
		{"add:traveller", "add", "traveller", -1},
		{"remove:traveller:2", "remove", "traveller", 2},
		{"remove:traveller:0", "remove", "traveller", 0},
		{ActionAdd("cost"), "add", "cost", -1},
		{ActionRemove("cost", 7), "remove", "cost", 7},
		{"", "", "", -1},
		{"add:", "", "", -1},
		{"add:traveller:1", "", "", -1},
		{"remove:traveller", "", "", -1},
		{"remove:traveller:-1", "", "", -1},
		{"remove:traveller:02", "", "", -1},
		{"remove:traveller:x", "", "", -1},
		{"remove::1", "", "", -1},
		{"delete:traveller:1", "", "", -1},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			verb, group, index := ParseAction(tc.in)
			if verb != tc.verb || group != tc.group || index != tc.index {
				t.Errorf("ParseAction(%q) = %q, %q, %d; want %q, %q, %d", tc.in, verb, group, index, tc.verb, tc.group, tc.index)
			}
		})
	}
}

func TestEditRows(t *testing.T) {
	rows := func() []map[string]string {
		return []map[string]string{{"name": "A"}, {"name": "B"}, {"name": "C"}}
	}
	names := func(rs []map[string]string) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r["name"])
		}
		return out
	}
	cases := []struct {
		action string
		want   []string
		edited bool
	}{
		{"add:traveller", []string{"A", "B", "C", ""}, true},
		{"remove:traveller:1", []string{"A", "C"}, true},
		{"remove:traveller:0", []string{"B", "C"}, true},
		{"remove:traveller:9", []string{"A", "B", "C"}, true},
		{"add:cost", []string{"A", "B", "C"}, false},
		{"remove:cost:1", []string{"A", "B", "C"}, false},
		{"save", []string{"A", "B", "C"}, false},
		{"remove:traveller:x", []string{"A", "B", "C"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.action, func(t *testing.T) {
			in := rows()
			got, edited := EditRows(in, tc.action, "traveller", "name")
			if edited != tc.edited || !reflect.DeepEqual(names(got), tc.want) {
				t.Errorf("EditRows(%q) = %v, %v; want %v, %v", tc.action, names(got), edited, tc.want, tc.edited)
			}
			if !reflect.DeepEqual(names(in), []string{"A", "B", "C"}) {
				t.Errorf("EditRows changed its input: %v", names(in))
			}
		})
	}
}

// TestKeysInCatalogue checks that every error this package reports has a message
// in every language.
func TestKeysInCatalogue(t *testing.T) {
	c := i18n.MustLoad()
	for _, key := range []string{KeyMoneyRequired, KeyMoneyFormat, KeyMoneyDecimals, KeyMoneyWhole,
		KeyMoneyAmbiguous, KeyMoneyNegative, KeyMoneyTooLarge, KeyMoneyCurrency,
		KeyDateRequired, KeyDateFormat, KeyInvalid} {
		for _, lang := range i18n.Supported {
			if _, ok := c.Message(lang, key); !ok {
				t.Errorf("%s: %q is not in the catalogue", lang, key)
			}
		}
	}
}
