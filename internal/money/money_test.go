package money

import (
	"errors"
	"math"
	"testing"
)

func TestScale(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]int64{-1: 1, 0: 1, 2: 100, 3: 1000, 9: 1_000_000_000} {
		if got := Scale(n); got != want {
			t.Errorf("Scale(%d) = %d, want %d", n, got, want)
		}
	}
	if w := New(123456, "EUR", 2).Whole(); w != 1234 {
		t.Errorf("Whole = %d", w)
	}
}

func TestDecimal(t *testing.T) {
	t.Parallel()
	cases := []struct {
		minor int64
		units int
		want  string
	}{
		{123450, 2, "1234.50"},
		{1234, 0, "1234"},
		{5, 2, "0.05"},
		{-5, 2, "-0.05"},
		{0, 3, "0.000"},
		{math.MinInt64, 2, "-92233720368547758.08"},
	}
	for _, c := range cases {
		if got := Decimal(c.minor, c.units); got != c.want {
			t.Errorf("Decimal(%d, %d) = %q, want %q", c.minor, c.units, got, c.want)
		}
	}
}

// TestRoundTrip: what FormatInput writes in a language, Parse reads back in
// that language to the same amount.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "de", "sv", "da"} {
		for _, c := range []Currency{{"EUR", 2}, {"ISK", 0}, {"BHD", 3}} {
			for _, minor := range []int64{0, 7, 1234, 123456789, math.MaxInt64} {
				m := Money{Minor: minor, Currency: c}
				got, err := ParseIn(m.FormatInput(lang), lang, c)
				if err != nil || got != m {
					t.Errorf("%s %s %d: %q read as %+v, %v", lang, c.Code, minor, m.FormatInput(lang), got, err)
				}
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	eur := Currency{"EUR", 2}
	for in, want := range map[string]error{"": ErrRequired, "abc": ErrFormat, "-5": ErrNegative, "1,234": ErrAmbiguous, "1,234.567": ErrDecimals, "99999999999999999999": ErrTooLarge, "5 kr": ErrCurrency} {
		if _, err := ParseIn(in, "de", eur); !errors.Is(err, want) {
			t.Errorf("ParseIn(%q) = %v, want %v", in, err, want)
		}
	}
	if m, err := Parse("5 kr", "de", eur); err != nil || m.Minor != 500 {
		t.Errorf("Parse accepts any mark: %+v, %v", m, err)
	}
}
