package budget

import (
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// danish are the election periods of the Danish municipal councils, as seeded.
var danish = []Period{
	{date(2014, 1, 1), date(2017, 12, 31)},
	{date(2018, 1, 1), date(2021, 12, 31)},
	{date(2022, 1, 1), date(2025, 12, 31)},
	{date(2026, 1, 1), date(2029, 12, 31)},
}

// kr is whole kroner in øre.
func kr(n int64) int64 { return n * 100 }

// committee is Ballerup's committee line of a year: DKK 65,000 that carries over.
func committee(year int, spent int64) Line {
	return Line{ID: int64(year), Year: year, Code: "SU", OwnerKind: OwnerCommittee, AmountMinor: kr(65000),
		Currency: "DKK", MinorUnits: 2, CarriesOver: true, SpentUnpublishedMinor: spent}
}

func TestCarryBetween(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		periods []Period
		year    int
		want    Carry
	}{
		{"within a period", danish, 2026, CarryAllowed},
		{"last year of a period", danish, 2025, CarryBlocked},
		{"into the first stored period", danish, 2013, CarryBlocked},
		{"after the last stored period", danish, 2029, CarryBlocked},
		{"long before any stored period", danish, 2010, CarryUnknown},
		{"long after any stored period", danish, 2031, CarryUnknown},
		{"no periods stored", nil, 2026, CarryUnknown},
		{"period ends mid-year", []Period{{date(2019, 6, 1), date(2024, 5, 31)}}, 2023, CarryBlocked},
		{"mid-year period covering both years", []Period{{date(2019, 6, 1), date(2024, 5, 31)}}, 2021, CarryAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := CarryBetween(tt.periods, tt.year); got != tt.want {
				t.Errorf("CarryBetween(%d) = %d, want %d", tt.year, got, tt.want)
			}
		})
	}
}

func TestAccountCarryOver(t *testing.T) {
	t.Parallel()
	noCarry := func(l Line) Line { l.CarriesOver = false; return l }
	tests := []struct {
		name    string
		lines   []Line
		periods []Period
		year    int
		// wanted of the single row of year
		carried   int64
		available int64
		remaining int64
		unknown   bool
	}{
		{
			name:  "Ballerup committee: unspent 2026 money reaches 2027",
			lines: []Line{committee(2026, kr(40000)), committee(2027, 0)}, periods: danish, year: 2027,
			carried: kr(25000), available: kr(90000), remaining: kr(90000),
		},
		{
			name:  "unspent 2025 money does not reach 2026: a new period starts",
			lines: []Line{committee(2025, 0), committee(2026, 0)}, periods: danish, year: 2026,
			carried: 0, available: kr(65000), remaining: kr(65000),
		},
		{
			name:  "a three-year chain within one period accumulates",
			lines: []Line{committee(2026, kr(5000)), committee(2027, kr(20000)), committee(2028, kr(10000))}, periods: danish, year: 2028,
			// 2026: 65,000 − 5,000 = 60,000 carried; 2027: 125,000 − 20,000 = 105,000 carried.
			carried: kr(105000), available: kr(170000), remaining: kr(160000),
		},
		{
			name:  "the chain restarts in a new period",
			lines: []Line{committee(2024, 0), committee(2025, 0), committee(2026, 0), committee(2027, kr(100))}, periods: danish, year: 2027,
			carried: kr(65000), available: kr(130000), remaining: kr(130000) - kr(100),
		},
		{
			name:  "an overspent year carries nothing, and no debt",
			lines: []Line{committee(2026, kr(80000)), committee(2027, 0)}, periods: danish, year: 2027,
			carried: 0, available: kr(65000), remaining: kr(65000),
		},
		{
			name:  "overspent shows as negative remaining",
			lines: []Line{committee(2027, kr(70000))}, periods: danish, year: 2027,
			carried: 0, available: kr(65000), remaining: kr(-5000),
		},
		{
			name:  "a line that does not carry over passes nothing",
			lines: []Line{noCarry(committee(2026, 0)), committee(2027, 0)}, periods: danish, year: 2027,
			carried: 0, available: kr(65000), remaining: kr(65000),
		},
		{
			name:  "a gap year breaks the chain",
			lines: []Line{committee(2026, 0), committee(2028, 0)}, periods: danish, year: 2028,
			carried: 0, available: kr(65000), remaining: kr(65000),
		},
		{
			name:  "no election periods stored: not computed",
			lines: []Line{committee(2026, 0), committee(2027, 0)}, periods: nil, year: 2027,
			carried: 0, available: kr(65000), remaining: kr(65000), unknown: true,
		},
		{
			name:  "no election periods stored, no previous line: nothing to compute",
			lines: []Line{committee(2027, 0)}, periods: nil, year: 2027,
			carried: 0, available: kr(65000), remaining: kr(65000),
		},
		{
			name:  "the year before the first stored period passes nothing into it",
			lines: []Line{committee(2013, 0), committee(2014, 0)}, periods: danish, year: 2014,
			carried: 0, available: kr(65000), remaining: kr(65000),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := Account(tt.lines, tt.periods, tt.year)
			if len(s.Rows) != 1 {
				t.Fatalf("%d rows, want 1", len(s.Rows))
			}
			r := s.Rows[0]
			if r.CarriedMinor != tt.carried || r.AvailableMinor() != tt.available || r.RemainingMinor() != tt.remaining || r.CarryUnknown != tt.unknown {
				t.Errorf("carried %d, available %d, remaining %d, unknown %v; want %d, %d, %d, %v",
					r.CarriedMinor, r.AvailableMinor(), r.RemainingMinor(), r.CarryUnknown,
					tt.carried, tt.available, tt.remaining, tt.unknown)
			}
			if r.Overspent() != (tt.remaining < 0) {
				t.Errorf("Overspent() = %v with remaining %d", r.Overspent(), tt.remaining)
			}
			if s.CarryUnknown != tt.unknown || s.NoPeriods != (len(tt.periods) == 0) {
				t.Errorf("sheet CarryUnknown %v NoPeriods %v", s.CarryUnknown, s.NoPeriods)
			}
		})
	}
}

// ballerup2015 are the seeded lines of Ballerup's 2015 budget (migrations/00018).
func ballerup2015() []Line {
	l := func(code, kind string, amount int64, carries bool) Line {
		return Line{Year: 2015, Code: code, OwnerKind: kind, AmountMinor: kr(amount), Currency: "DKK", MinorUnits: 2, CarriesOver: carries}
	}
	return []Line{
		l("C1", OwnerCentral, 150000, false), l("C2", OwnerCentral, 159000, false),
		l("C3", OwnerCentral, 190000, false), l("C4", OwnerCentral, 23000, false),
		l("KB", OwnerCouncil, 69000, true),
		l("OKU", OwnerCommittee, 65000, true), l("SU", OwnerCommittee, 65000, true),
		l("SRF", OwnerFund, 100000, false),
	}
}

func TestAccountTotals(t *testing.T) {
	t.Parallel()
	lines := ballerup2015()
	lines[0].SpentPublishedMinor, lines[0].SpentUnpublishedMinor, lines[0].CommittedMinor = kr(1000), kr(500), kr(300)
	lines[5].SpentPublishedMinor = kr(70000) // overspent committee
	s := Account(lines, danish, 2015)
	want := Totals{
		AllocatedMinor: kr(821000), AvailableMinor: kr(821000),
		SpentPublishedMinor: kr(71000), SpentUnpublishedMinor: kr(500), SpentMinor: kr(71500),
		RemainingMinor: kr(821000 - 71500), CommittedMinor: kr(300),
	}
	if s.Totals != want {
		t.Errorf("totals %+v, want %+v", s.Totals, want)
	}
	if s.Currency != "DKK" || s.MinorUnits != 2 || s.MixedCurrencies {
		t.Errorf("currency %s/%d mixed %v", s.Currency, s.MinorUnits, s.MixedCurrencies)
	}
	owners := s.ByOwner()
	wantOwners := []struct {
		kind      string
		lines     int
		allocated int64
		remaining int64
	}{
		{OwnerCentral, 4, kr(522000), kr(522000 - 1500)},
		{OwnerCouncil, 1, kr(69000), kr(69000)},
		{OwnerCommittee, 2, kr(130000), kr(130000 - 70000)},
		{OwnerFund, 1, kr(100000), kr(100000)},
	}
	if len(owners) != len(wantOwners) {
		t.Fatalf("owners %+v", owners)
	}
	for i, w := range wantOwners {
		o := owners[i]
		if o.Kind != w.kind || o.Lines != w.lines || o.AllocatedMinor != w.allocated || o.RemainingMinor != w.remaining {
			t.Errorf("owner %d = %+v, want %+v", i, o, w)
		}
	}
	p, ok := s.Period()
	if !ok || p.FirstYear() != 2014 || p.LastYear() != 2017 {
		t.Errorf("period %v %v", p, ok)
	}
}

func TestAccountMixedCurrencies(t *testing.T) {
	t.Parallel()
	a := committee(2027, 0)
	b := committee(2027, 0)
	b.Code, b.Currency = "X", "EUR"
	if s := Account([]Line{a, b}, danish, 2027); !s.MixedCurrencies {
		t.Error("two currencies not reported")
	}
}
