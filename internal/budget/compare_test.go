package budget

import (
	"math/big"
	"testing"

	"github.com/municipal-intl/portal/internal/municipality"
)

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return r
}

func TestRound(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int64
	}{
		{"0", 0}, {"1/2", 1}, {"-1/2", -1}, {"49/100", 0}, {"2.5", 3}, {"-2.5", -3},
		{"2.4999", 2}, {"1234567.5", 1234568}, {"7/3", 2},
	}
	for _, tt := range tests {
		if got := Round(rat(tt.in)); got != tt.want {
			t.Errorf("Round(%s) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestToEURCents(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		minor      int64
		minorUnits int
		rate       string
		want       int64
	}{
		// DKK 522,000.00 at the 2015 rate 0.134072 = € 69,985.584 → € 69,985.58.
		{"Ballerup central budget", 52200000, 2, "0.13407200", 6998558},
		{"one øre", 1, 2, "0.134072", 0},
		{"exact half cent rounds up", 5, 2, "0.1", 1},
		{"zero-decimal currency", 1000, 0, "0.0062", 620},
		{"euro", 12345, 2, "1", 12345},
		// A large amount stays exact: no float rounding.
		{"a billion kronor", 100_000_000_000, 2, "0.090364", 9036400000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Round(ToEURCents(tt.minor, tt.minorUnits, rat(tt.rate))); got != tt.want {
				t.Errorf("got %d cents, want %d", got, tt.want)
			}
		})
	}
}

func TestRateDigits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text   string
		n      int64
		places int
		ok     bool
	}{
		{"0.13407200", 134072, 6, true}, {"1", 1, 0, true}, {"1.00000000", 1, 0, true},
		{"7.4587", 74587, 4, true}, {"-1", 0, 0, false}, {"abc", 0, 0, false},
	}
	for _, tt := range tests {
		n, places, ok := Rate{Text: tt.text}.Digits()
		if n != tt.n || places != tt.places || ok != tt.ok {
			t.Errorf("Digits(%q) = %d, %d, %v", tt.text, n, places, ok)
		}
	}
}

func TestCompare(t *testing.T) {
	t.Parallel()
	pop := func(n int64) *int64 { return &n }
	kg := func(v float64) *float64 { return &v }
	ms := []municipality.Municipality{
		{ID: 1, Slug: "ballerup", Currency: "DKK", MinorUnits: 2, Population: pop(50000)},
		{ID: 2, Slug: "berlin", Currency: "EUR", MinorUnits: 2, Population: pop(3000000)},
		{ID: 3, Slug: "vasteras", Currency: "SEK", MinorUnits: 2},
	}
	trips := []YearTrip{
		{MunicipalityID: 1, ActualMinor: 30000, HasActual: true, CO2eKg: kg(100), PriorityIDs: []int64{10, 11, 12}},
		{MunicipalityID: 1, ActualMinor: 10000, HasActual: true, CO2eKg: nil, PriorityIDs: []int64{10}},
		{MunicipalityID: 1, ActualMinor: 20000, HasActual: true, CO2eKg: kg(50.5), IsDemo: true},
		{MunicipalityID: 2, ActualMinor: 0, HasActual: false, CO2eKg: kg(1)},
		{MunicipalityID: 3, ActualMinor: 999, HasActual: true, CO2eKg: kg(1)},
		{MunicipalityID: 9, ActualMinor: 1, HasActual: true}, // unknown municipality: ignored
	}
	rates := map[string]Rate{"DKK": {Currency: "DKK", Year: 2025, EURPerUnit: rat("0.134"), Text: "0.134"}}
	priorities := []PriorityRef{
		{ID: 10, MunicipalityID: 1, Code: "F1", Current: true},
		{ID: 11, MunicipalityID: 1, Code: "F2", Current: true},
		{ID: 13, MunicipalityID: 1, Code: "F3", Current: true},
		{ID: 12, MunicipalityID: 1, Code: "OLD", Current: false},
		{ID: 20, MunicipalityID: 2, Code: "B1", Current: true},
	}
	cols := Compare(CompareInput{Municipalities: ms, Trips: trips, Rates: rates, Priorities: priorities,
		Partnerships: map[int64]Partnerships{2: {Active: 17, IsDemo: true}}})
	if len(cols) != 3 {
		t.Fatalf("%d columns", len(cols))
	}
	bal := cols[0]
	if bal.Trips != 3 || bal.CostMinor != 60000 || bal.TripsWithoutCO2e != 1 || bal.CO2eKg != 150.5 || !bal.HasDemo || bal.TripsWithoutActual != 0 {
		t.Errorf("Ballerup %+v", bal)
	}
	// DKK 600.00 × 0.134 = € 80.40; per 1,000 of 50,000 residents: € 1.608 → 161 cents.
	if got := Round(bal.CostEURCents); got != 8040 {
		t.Errorf("Ballerup in EUR: %d cents", got)
	}
	if got := Round(bal.PerThousandEURCents); got != 161 {
		t.Errorf("Ballerup per 1,000: %d cents", got)
	}
	// F1: 100 + 100 = 200 (one third of 300, plus 100); F2: 100; F3: 0; OLD: 100; none: 200.
	wantShares := []struct {
		code  string
		minor string
		frac  string
	}{
		{"F1", "20000", "1/3"}, {"F2", "10000", "1/6"}, {"F3", "0", "0"}, {"OLD", "10000", "1/6"}, {"", "20000", "1/3"},
	}
	if len(bal.Shares) != len(wantShares) {
		t.Fatalf("Ballerup shares %d, want %d", len(bal.Shares), len(wantShares))
	}
	sum := new(big.Rat)
	for i, w := range wantShares {
		s := bal.Shares[i]
		code := ""
		if s.Priority != nil {
			code = s.Priority.Code
		}
		if code != w.code || s.Minor.Cmp(rat(w.minor)) != 0 || s.Fraction.Cmp(rat(w.frac)) != 0 {
			t.Errorf("share %d: %s %s %s, want %+v", i, code, s.Minor.RatString(), s.Fraction.RatString(), w)
		}
		sum.Add(sum, s.Fraction)
	}
	if sum.Cmp(big.NewRat(1, 1)) != 0 {
		t.Errorf("shares add up to %s", sum.RatString())
	}

	ber := cols[1]
	if ber.ActivePartnerships != 17 || !ber.DemoPartnerships || cols[0].ActivePartnerships != 0 {
		t.Errorf("partnerships: %d %v %d", ber.ActivePartnerships, ber.DemoPartnerships, cols[0].ActivePartnerships)
	}
	if ber.Rate == nil || !ber.Rate.Identity() || ber.TripsWithoutActual != 1 || Round(ber.CostEURCents) != 0 {
		t.Errorf("Berlin %+v", ber)
	}
	if len(ber.Shares) != 2 || ber.Shares[0].Fraction != nil {
		t.Errorf("Berlin with no spending: shares %+v", ber.Shares)
	}
	vas := cols[2]
	if vas.Rate != nil || vas.CostEURCents != nil || vas.PerThousandEURCents != nil || vas.CostMinor != 999 {
		t.Errorf("Västerås without a rate: %+v", vas)
	}
	if !HasDemo(cols) {
		t.Error("HasDemo false")
	}
}
