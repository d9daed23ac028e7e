package opendata

import (
	"math"
	"slices"
	"testing"
)

func TestDecimal(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		minor int64
		units int
		want  string
	}{
		{123450, 2, "1234.50"},
		{5, 2, "0.05"},
		{0, 2, "0.00"},
		{100, 2, "1.00"},
		{99, 2, "0.99"},
		{1234, 0, "1234"},
		{0, 0, "0"},
		{7, 3, "0.007"},
		{123456789012345678, 2, "1234567890123456.78"},
		{-150, 2, "-1.50"},
		{math.MinInt64, 2, "-92233720368547758.08"},
	} {
		if got := Decimal(c.minor, c.units); got != c.want {
			t.Errorf("Decimal(%d, %d) = %q, want %q", c.minor, c.units, got, c.want)
		}
	}
}

func TestOneDecimal(t *testing.T) {
	t.Parallel()
	for v, want := range map[float64]string{0: "0.0", 1.25: "1.2", 1.26: "1.3", 1234.04: "1234.0", 0.05: "0.1"} {
		if got := OneDecimal(v); got != want {
			t.Errorf("OneDecimal(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestCountries(t *testing.T) {
	t.Parallel()
	r := Record{CityCountries: []string{"CN", "CZ", "CN", "DE"}}
	if got := r.Countries(); !slices.Equal(got, []string{"CN", "CZ", "DE"}) {
		t.Errorf("Countries() = %v", got)
	}
}
