package geo

import (
	"slices"
	"testing"

	"golang.org/x/text/language"
)

// TestCountryCodes checks the list of countries: current ISO 3166-1 codes (and
// Kosovo), each once, none withdrawn or made up.
func TestCountryCodes(t *testing.T) {
	t.Parallel()
	if !slices.IsSorted(CountryCodes) {
		t.Error("CountryCodes is not sorted, so ValidCountry's binary search fails")
	}
	// 249 ISO 3166-1 codes and XK. When ISO assigns or withdraws a code, change
	// the list and this number together.
	if n := len(CountryCodes); n != 250 {
		t.Errorf("%d country codes, want 250: %v", n, CountryCodes)
	}
	for _, code := range []string{"DE", "GB", "FR", "DK", "SE", "SS", "XK"} {
		if n := len(slices.DeleteFunc(slices.Clone(CountryCodes), func(c string) bool { return c != code })); n != 1 || !ValidCountry(code) {
			t.Errorf("%s appears %d times", code, n)
		}
	}
	for _, code := range []string{"DD", "UK", "FX", "EZ", "UN", "QO", "EU", "AN", "BU", "CS", "NT", "SU", "TP", "YD", "YU", "ZR", "AC", "IC", "EA", "DG", "TA", "CP", "CQ", "XX", "ZZ", "", "de"} {
		if ValidCountry(code) {
			t.Errorf("%q counts as a country", code)
		}
	}
}

// TestCountryCodesAgreeWithCLDR: every code is a current country region of
// the CLDR data in x/text, which names it in each interface language.
func TestCountryCodesAgreeWithCLDR(t *testing.T) {
	t.Parallel()
	for _, code := range CountryCodes {
		r, err := language.ParseRegion(code)
		if err != nil || !r.IsCountry() || r.String() != code || r.Canonicalize() != r {
			t.Errorf("%s is not a current country region of CLDR", code)
		}
	}
}
