package trip

import "testing"

func TestValidReference(t *testing.T) {
	for ref, want := range map[string]bool{
		"BAL-2026-0007":    true,
		"BER-2026-9999":    true,
		"BER-2026-10001":   true, // past 9999 trips a year (migration 00061)
		"BER-2026-999999":  true,
		"BER-2026-007":     false,
		"BER-2026-1000000": false,
		"ber-2026-0007":    false,
		"BER-26-0007":      false,
		"BER-2026-0007x":   false,
		"":                 false,
	} {
		if got := ValidReference(ref); got != want {
			t.Errorf("ValidReference(%q) = %v, want %v", ref, got, want)
		}
	}
}
