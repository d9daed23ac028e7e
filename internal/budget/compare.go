package budget

import (
	"cmp"
	"maps"
	"math/big"
	"slices"
	"strings"

	"github.com/municipal-intl/portal/internal/money"
	"github.com/municipal-intl/portal/internal/municipality"
)

// EUR is the currency the comparison converts into; it has two minor units.
const (
	EUR           = "EUR"
	eurMinorUnits = 2
)

// Rate is the value in euros of one unit of a currency, from the exchange_rate table.
type Rate struct {
	Currency string
	// Year is the year the rate is for: the year compared, or the latest earlier year
	// with a rate when that year has none.
	Year int
	// EURPerUnit is exact, parsed from the stored decimal; Text is that decimal as stored.
	EURPerUnit *big.Rat
	Text       string
	Source     string
}

// Identity reports whether the rate is EUR to EUR (no conversion).
func (r Rate) Identity() bool { return r.Currency == EUR }

// IsECBAverage reports whether the stored source is a yearly average of the ECB's
// euro reference rates, which the page names in words with the full text beside.
func (r Rate) IsECBAverage() bool {
	return strings.Contains(r.Source, "annual mean") && strings.Contains(r.Source, "ECB")
}

// Digits returns the rate as an integer and a number of decimals, without trailing
// zeros: "0.13407200" is (134072, 6). ok is false when Text is not a plain decimal.
func (r Rate) Digits() (n int64, places int, ok bool) {
	whole, frac, _ := strings.Cut(r.Text, ".")
	frac = strings.TrimRight(frac, "0")
	n, ok = int64(0), whole != "" && len(whole)+len(frac) <= 18
	for _, c := range whole + frac {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, len(frac), ok
}

// ToEURCents converts an amount in minor units of a currency with minorUnits decimals
// into euro cents at rate, exactly: the result is rounded only where it is shown.
func ToEURCents(minor int64, minorUnits int, rate *big.Rat) *big.Rat {
	v := new(big.Rat).SetInt64(minor)
	v.Mul(v, rate)
	v.Mul(v, new(big.Rat).SetInt(pow10(eurMinorUnits)))
	return v.Quo(v, new(big.Rat).SetInt(pow10(minorUnits)))
}

// Round rounds r to the nearest integer, halves away from zero (as PostgreSQL's
// round(numeric) does).
func Round(r *big.Rat) int64 {
	num := new(big.Int).Abs(r.Num())
	den := r.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Lsh(m, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if r.Sign() < 0 {
		q.Neg(q)
	}
	return q.Int64()
}

func pow10(n int) *big.Int { return big.NewInt(money.Scale(n)) }

// YearTrip is a published trip of the year compared, as the comparison needs it,
// or Count such trips alike in all but their costs and CO2e, which are then summed.
type YearTrip struct {
	// Count is the number of trips summed; 0 means one.
	Count          int
	MunicipalityID int64
	ActualMinor    int64
	HasActual      bool
	// CO2eKg is nil when the trip has no estimate (a destination lacks coordinates
	// or a transport mode).
	CO2eKg      *float64
	IsDemo      bool
	PriorityIDs []int64
}

// PriorityRef is a policy priority a trip may be linked to.
type PriorityRef struct {
	ID             int64
	MunicipalityID int64
	Code           string
	Title          string
	Language       string
	// Current is false for a priority of an earlier policy that a trip still links to.
	Current bool
}

// Share is the part of a municipality's spending of the year on one priority.
type Share struct {
	// Priority is nil for the trips linked to no priority.
	Priority *PriorityRef
	// Minor is the exact amount in minor units of the municipality's currency.
	Minor *big.Rat
	// Fraction is Minor over the year's spending; nil when nothing was spent.
	Fraction *big.Rat
}

// Column is one municipality in the comparison.
type Column struct {
	Municipality municipality.Municipality
	// Trips counts the published trips that start in the year.
	Trips int
	// TripsWithoutActual counts those with no actual costs recorded (they add 0).
	TripsWithoutActual int
	// CostMinor is the sum of their actual costs, in the municipality's currency.
	CostMinor int64
	// Rate is nil when no exchange rate for the year or an earlier one is stored.
	Rate *Rate
	// CostEURCents is CostMinor in euro cents, exact; nil without a rate.
	CostEURCents *big.Rat
	// PerThousandEURCents is the cost per 1,000 residents in euro cents, exact; nil
	// without a rate or a population.
	PerThousandEURCents *big.Rat
	CO2eKg              float64
	TripsWithoutCO2e    int
	// HasDemo is set when the column counts demonstration trips.
	HasDemo bool
	// ActivePartnerships counts the active partnerships; DemoPartnerships is set when
	// demonstration rows are among them.
	ActivePartnerships int
	DemoPartnerships   bool
	Shares             []Share
}

// Partnerships are the active partnerships of a municipality.
type Partnerships struct {
	Active int
	IsDemo bool
}

// CompareInput is the loaded data the comparison is computed from.
type CompareInput struct {
	Municipalities []municipality.Municipality
	// Trips are the published trips of the year compared.
	Trips []YearTrip
	// Rates maps a currency to its rate (EUR needs none).
	Rates map[string]Rate
	// Priorities are the current priorities of every municipality in order, followed
	// by any earlier ones the trips link to.
	Priorities []PriorityRef
	// Partnerships are by municipality id.
	Partnerships map[int64]Partnerships
}

// Compare sums the published trips of a year per municipality and converts the
// spending into euros. A trip linked to n priorities counts 1/n of its cost towards
// each.
func Compare(in CompareInput) []Column {
	ms, trips, rates, priorities := in.Municipalities, in.Trips, in.Rates, in.Priorities
	cols := make([]Column, len(ms))
	index := map[int64]int{}
	for i, m := range ms {
		cols[i].Municipality = m
		cols[i].ActivePartnerships = in.Partnerships[m.ID].Active
		cols[i].DemoPartnerships = in.Partnerships[m.ID].IsDemo
		index[m.ID] = i
		if m.Currency == EUR {
			cols[i].Rate = &Rate{Currency: EUR, EURPerUnit: big.NewRat(1, 1), Text: "1"}
		} else if r, ok := rates[m.Currency]; ok {
			cols[i].Rate = &r
		}
	}
	type linkKey struct {
		col int
		id  int64
	}
	byPriority := map[linkKey]*big.Rat{}
	none := make([]*big.Rat, len(ms))
	for i := range none {
		none[i] = new(big.Rat)
	}
	for _, t := range trips {
		i, ok := index[t.MunicipalityID]
		if !ok {
			continue
		}
		c := &cols[i]
		n := max(t.Count, 1)
		c.Trips += n
		c.CostMinor += t.ActualMinor
		if !t.HasActual {
			c.TripsWithoutActual += n
		}
		if t.CO2eKg == nil {
			c.TripsWithoutCO2e += n
		} else {
			c.CO2eKg += *t.CO2eKg
		}
		c.HasDemo = c.HasDemo || t.IsDemo
		if len(t.PriorityIDs) == 0 {
			none[i].Add(none[i], new(big.Rat).SetInt64(t.ActualMinor))
			continue
		}
		part := big.NewRat(t.ActualMinor, int64(len(t.PriorityIDs)))
		for _, id := range t.PriorityIDs {
			k := linkKey{i, id}
			if byPriority[k] == nil {
				byPriority[k] = new(big.Rat)
			}
			byPriority[k].Add(byPriority[k], part)
		}
	}
	for i := range cols {
		c := &cols[i]
		if c.Rate != nil {
			c.CostEURCents = ToEURCents(c.CostMinor, c.Municipality.MinorUnits, c.Rate.EURPerUnit)
			if p := c.Municipality.Population; p != nil && *p > 0 {
				c.PerThousandEURCents = new(big.Rat).Mul(c.CostEURCents, big.NewRat(1000, *p))
			}
		}
	}
	refs := map[int64]PriorityRef{}
	for _, p := range priorities {
		refs[p.ID] = p
		i, ok := index[p.MunicipalityID]
		if !ok {
			continue
		}
		k := linkKey{i, p.ID}
		amount := byPriority[k]
		delete(byPriority, k)
		if amount == nil {
			if !p.Current {
				continue
			}
			amount = new(big.Rat)
		}
		cols[i].Shares = append(cols[i].Shares, Share{Priority: &p, Minor: amount})
	}
	// Links to priorities not listed for the trip's municipality (which the schema
	// does not forbid) still count, so that the shares add up to the whole.
	rest := slices.SortedFunc(maps.Keys(byPriority), func(a, b linkKey) int {
		return cmp.Or(cmp.Compare(a.col, b.col), cmp.Compare(a.id, b.id))
	})
	for _, k := range rest {
		ref, ok := refs[k.id]
		if !ok {
			ref = PriorityRef{ID: k.id}
		}
		cols[k.col].Shares = append(cols[k.col].Shares, Share{Priority: &ref, Minor: byPriority[k]})
	}
	for i := range cols {
		cols[i].Shares = append(cols[i].Shares, Share{Minor: none[i]})
		if cols[i].CostMinor == 0 {
			continue
		}
		total := new(big.Rat).SetInt64(cols[i].CostMinor)
		for j := range cols[i].Shares {
			cols[i].Shares[j].Fraction = new(big.Rat).Quo(cols[i].Shares[j].Minor, total)
		}
	}
	return cols
}

// HasDemo reports whether any column counts demonstration rows.
func HasDemo(cols []Column) bool {
	for _, c := range cols {
		if c.HasDemo || c.DemoPartnerships {
			return true
		}
	}
	return false
}
