package form

import (
	"errors"
	"testing"
)

const (
	nbsp   = "\u00a0"
	narrow = "\u202f"
)

func TestParseMoney(t *testing.T) {
	cases := []struct {
		lang  string
		in    string
		units int
		want  int64
		err   error
	}{
		// Plain numbers, every language.
		{"en", "1234", 2, 123400, nil},
		{"de", "1234", 2, 123400, nil},
		{"sv", "1234", 2, 123400, nil},
		{"da", "1234", 2, 123400, nil},
		{"en", "0", 2, 0, nil},
		{"da", "007", 2, 700, nil},
		// The language's own decimal separator.
		{"en", "1234.50", 2, 123450, nil},
		{"de", "1234,50", 2, 123450, nil},
		{"sv", "1234,50", 2, 123450, nil},
		{"da", "1234,5", 2, 123450, nil},
		{"en", "0.05", 2, 5, nil},
		{"de", "0,05", 2, 5, nil},
		{"en", ".5", 2, 50, nil},
		{"sv", ",50", 2, 50, nil},
		// The other language's decimal separator, not followed by three digits.
		{"de", "1234.50", 2, 123450, nil},
		{"da", "1234.5", 2, 123450, nil},
		{"sv", "1234.50", 2, 123450, nil},
		{"en", "1234,50", 2, 123450, nil},
		{"en", "1,5", 2, 150, nil},
		{"de", "1,5", 2, 150, nil},
		// Thousands and decimals together.
		{"de", "1.234,50", 2, 123450, nil},
		{"da", "1.234,50", 2, 123450, nil},
		{"da", "522.000,00", 2, 52200000, nil},
		{"sv", "1.234,50", 2, 123450, nil},
		{"en", "1,234.50", 2, 123450, nil},
		{"de", "1,234.50", 2, 123450, nil}, // only one way to read it
		{"en", "1.234,50", 2, 123450, nil},
		{"de", "1.234.567,89", 2, 123456789, nil},
		{"en", "1,234,567.89", 2, 123456789, nil},
		// Spaces group thousands in every language.
		{"sv", "1 234,50", 2, 123450, nil},
		{"sv", "1" + nbsp + "234,50", 2, 123450, nil},
		{"sv", "1" + narrow + "234,50", 2, 123450, nil},
		{"sv", "1\u2009234,50", 2, 123450, nil},
		{"sv", "12 345 678", 2, 1234567800, nil},
		{"en", "1 234.50", 2, 123450, nil},
		{"de", "1 234", 2, 123400, nil},
		// A lone separator before exactly three digits.
		{"de", "1.234", 2, 123400, nil},
		{"da", "1.234", 2, 123400, nil},
		{"sv", "1.234", 2, 123400, nil},
		{"en", "1,234", 2, 123400, nil},
		{"en", "100,000", 2, 10000000, nil},
		{"de", "1.234", 3, 1234000, nil}, // still thousands
		{"en", "1.234", 2, 0, ErrMoneyAmbiguous},
		{"de", "1,234", 2, 0, ErrMoneyAmbiguous},
		{"sv", "1,234", 2, 0, ErrMoneyAmbiguous},
		{"da", "12,345", 2, 0, ErrMoneyAmbiguous},
		{"en", "1.234", 3, 1234, nil},
		{"de", "1,234", 3, 1234, nil},
		{"en", "0.125", 2, 0, ErrMoneyDecimals}, // 0,125 is not thousands
		{"de", "1234.567", 2, 0, ErrMoneyDecimals},
		{"en", "1234,567", 2, 0, ErrMoneyDecimals},
		// Repeated separators group thousands.
		{"de", "1.234.567", 2, 123456700, nil},
		{"en", "1.234.567", 2, 123456700, nil},
		{"en", "1,234,567", 0, 1234567, nil},
		// Currency marks.
		{"de", "1.234,50 €", 2, 123450, nil},
		{"de", "1.234,50€", 2, 123450, nil},
		{"en", "€1,234.50", 2, 123450, nil},
		{"en", "€ 5", 2, 500, nil},
		{"sv", "1 234,50 kr", 2, 123450, nil},
		{"sv", "1" + nbsp + "234,50" + nbsp + "kr", 2, 123450, nil},
		{"da", "522.000 kr.", 2, 52200000, nil},
		{"da", "kr. 1.234,50", 2, 123450, nil},
		{"da", "DKK 1.234,50", 2, 123450, nil},
		{"da", "1.234,50 DKK", 2, 123450, nil},
		{"sv", "SEK 100", 2, 10000, nil},
		{"de", "eur 100", 2, 10000, nil},
		{"en", "100 EUR", 2, 10000, nil},
		{"en", "US$ 12.30", 2, 1230, nil},
		{"sv", "100:-", 2, 10000, nil},
		{"da", "1.234,- kr.", 2, 123400, nil},
		{"de", "1,50,-", 2, 0, ErrMoneyFormat},
		// Spaces around.
		{"en", "  1234.50\t", 2, 123450, nil},
		{"sv", nbsp + "1 234" + nbsp, 2, 123400, nil},
		// Minor units other than two.
		{"en", "1234", 0, 1234, nil},
		{"sv", "12,5", 0, 0, ErrMoneyWhole},
		{"en", "1.5", 3, 1500, nil},
		{"de", "1,2345", 4, 12345, nil},
		// Too many decimals.
		{"en", "1.234,567", 2, 0, ErrMoneyDecimals},
		{"de", "1,2345", 2, 0, ErrMoneyDecimals},
		{"en", "0.001", 2, 0, ErrMoneyDecimals},
		// Negative.
		{"en", "-5", 2, 0, ErrMoneyNegative},
		{"de", "−1.234,50", 2, 0, ErrMoneyNegative},
		{"sv", "– 100 kr", 2, 0, ErrMoneyNegative},
		{"da", "-kr. 100", 2, 0, ErrMoneyNegative},
		{"en", "€-100", 2, 0, ErrMoneyNegative},
		{"de", "100-", 2, 0, ErrMoneyNegative},
		{"en", "-abc", 2, 0, ErrMoneyFormat},
		// Malformed.
		{"en", "", 2, 0, ErrMoneyRequired},
		{"sv", "   ", 2, 0, ErrMoneyRequired},
		{"en", "abc", 2, 0, ErrMoneyFormat},
		{"en", "12e3", 2, 0, ErrMoneyFormat},
		{"de", "1,2,3", 2, 0, ErrMoneyFormat},
		{"en", "1,2,3", 2, 0, ErrMoneyFormat},
		{"de", "1.23.4,5", 2, 0, ErrMoneyFormat},
		{"en", "1.234 567", 2, 0, ErrMoneyFormat},
		{"sv", "1 23", 2, 0, ErrMoneyFormat},
		{"sv", "12 3456", 2, 0, ErrMoneyFormat},
		{"de", "1234.", 2, 0, ErrMoneyFormat},
		{"de", "1..2", 2, 0, ErrMoneyFormat},
		{"de", "1.,2", 2, 0, ErrMoneyFormat},
		{"en", ",234", 2, 0, ErrMoneyDecimals},   // not thousands: a decimal comma
		{"en", "01,234", 2, 0, ErrMoneyDecimals}, // not thousands: a decimal comma
		{"en", "+5", 2, 0, ErrMoneyFormat},
		{"en", "€", 2, 0, ErrMoneyFormat},
		{"en", "€5€", 2, 0, ErrMoneyFormat},
		{"en", "5 $ €", 2, 0, ErrMoneyFormat},
		{"de", "fünf", 2, 0, ErrMoneyFormat},
		{"en", "١٢", 2, 0, ErrMoneyFormat}, // Arabic-Indic digits
		{"en", "0x10", 2, 0, ErrMoneyFormat},
		{"en", "1_000", 2, 0, ErrMoneyFormat},
		{"en", "Infinity", 2, 0, ErrMoneyFormat},
		{"en", "NaN", 2, 0, ErrMoneyFormat},
		// Overflow of int64 (9223372036854775807).
		{"en", "92233720368547758.07", 2, 9223372036854775807, nil},
		{"en", "92233720368547758.08", 2, 0, ErrMoneyTooLarge},
		{"en", "92233720368547759", 2, 0, ErrMoneyTooLarge},
		{"de", "99999999999999999999999", 0, 0, ErrMoneyTooLarge},
		// Unknown language reads as English.
		{"fr", "1,234.50", 2, 123450, nil},
	}
	for _, tc := range cases {
		t.Run(tc.lang+"/"+tc.in, func(t *testing.T) {
			got, err := ParseMoney(tc.in, tc.lang, tc.units)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("ParseMoney(%q, %s, %d) = %d, %v; want error %v", tc.in, tc.lang, tc.units, got, err, tc.err)
				}
				var fe *Error
				if !errors.As(err, &fe) || fe.Key == "" {
					t.Errorf("error %v carries no catalogue key", err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseMoney(%q, %s, %d) = %d, %v; want %d", tc.in, tc.lang, tc.units, got, err, tc.want)
			}
		})
	}
}

func TestParseMoneyDecimalsArgs(t *testing.T) {
	_, err := ParseMoney("1.23", "en", 1)
	var fe *Error
	if !errors.As(err, &fe) || fe.Key != KeyMoneyDecimals || len(fe.Args) != 1 || fe.Args[0] != 1 {
		t.Fatalf("err = %#v, want money_decimals with the number of decimals", err)
	}
}

func TestParseMoneyIn(t *testing.T) {
	cases := []struct {
		in, lang, currency string
		want               int64
		err                error
	}{
		{"100 kr.", "da", "DKK", 10000, nil},
		{"100 kr", "sv", "SEK", 10000, nil},
		{"€ 100", "de", "EUR", 10000, nil},
		{"100", "de", "EUR", 10000, nil},
		{"100 €", "da", "DKK", 0, ErrMoneyCurrency},
		{"SEK 100", "da", "DKK", 0, ErrMoneyCurrency},
		{"100 kr", "de", "EUR", 0, ErrMoneyCurrency},
		{"abc €", "de", "EUR", 0, ErrMoneyFormat},
	}
	for _, tc := range cases {
		t.Run(tc.currency+"/"+tc.in, func(t *testing.T) {
			got, err := ParseMoneyIn(tc.in, tc.lang, tc.currency, 2)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("got %d, %v; want %v", got, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %d, %v; want %d", got, err, tc.want)
			}
		})
	}
}

func TestFormatMoneyInput(t *testing.T) {
	cases := []struct {
		minor int64
		lang  string
		units int
		want  string
	}{
		{123450, "de", 2, "1.234,50"},
		{123450, "da", 2, "1.234,50"},
		{123450, "sv", 2, "1" + nbsp + "234,50"},
		{123450, "en", 2, "1,234.50"},
		{5, "en", 2, "0.05"},
		{0, "de", 2, "0,00"},
		{52200000, "da", 2, "522.000,00"},
		{1234, "en", 0, "1,234"},
		{1234567, "de", 3, "1.234,567"},
		{100, "sv", 2, "1,00"},
		{-150, "en", 2, "-1.50"},
	}
	for _, tc := range cases {
		if got := FormatMoneyInput(tc.minor, tc.lang, tc.units); got != tc.want {
			t.Errorf("FormatMoneyInput(%d, %s, %d) = %q, want %q", tc.minor, tc.lang, tc.units, got, tc.want)
		}
	}
}

// TestMoneyRoundTrip checks that what FormatMoneyInput writes, ParseMoney reads back.
func TestMoneyRoundTrip(t *testing.T) {
	values := []int64{0, 1, 9, 10, 99, 100, 999, 1000, 1234, 12345, 100000, 123456, 1000000,
		1234567, 99999999, 123456789012, 9223372036854775807}
	for _, lang := range []string{"en", "de", "sv", "da"} {
		for units := 0; units <= 4; units++ {
			for _, v := range values {
				s := FormatMoneyInput(v, lang, units)
				got, err := ParseMoney(s, lang, units)
				if err != nil || got != v {
					t.Errorf("%s, %d units: %d → %q → %d, %v", lang, units, v, s, got, err)
				}
			}
		}
	}
}
