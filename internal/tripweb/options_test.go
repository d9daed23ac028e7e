package tripweb

import (
	"slices"
	"testing"
)

// TestCountryCodes checks the list of countries a destination may have: current
// ISO 3166-1 codes (and Kosovo), each once, none withdrawn or made up.
func TestCountryCodes(t *testing.T) {
	if !slices.IsSorted(countryCodes) {
		t.Error("countryCodes is not sorted, so validCountry's binary search fails")
	}
	// 249 ISO 3166-1 codes and XK. A new x/text may add or withdraw one: then
	// check the change against ISO's list before changing the number.
	if n := len(countryCodes); n != 250 {
		t.Errorf("%d country codes, want 250: %v", n, countryCodes)
	}
	for _, code := range []string{"DE", "GB", "FR", "DK", "SE", "SS", "XK"} {
		if n := len(slices.DeleteFunc(slices.Clone(countryCodes), func(c string) bool { return c != code })); n != 1 || !validCountry(code) {
			t.Errorf("%s appears %d times", code, n)
		}
	}
	for _, code := range []string{"DD", "UK", "FX", "EZ", "UN", "QO", "EU", "AN", "BU", "CS", "NT", "SU", "TP", "YD", "YU", "ZR", "AC", "IC", "EA", "DG", "TA", "CP", "CQ", "XX", "ZZ"} {
		if validCountry(code) {
			t.Errorf("%s counts as a country", code)
		}
	}
}
