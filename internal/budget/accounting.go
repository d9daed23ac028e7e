package budget

// Carry says whether unspent money of a budget line may pass from one fiscal year
// to the next.
type Carry int

const (
	// CarryUnknown: no stored election period covers either year, so nobody can say.
	CarryUnknown Carry = iota
	// CarryBlocked: an election period ends between the two years.
	CarryBlocked
	// CarryAllowed: one election period covers both years.
	CarryAllowed
)

// CarryBetween tells whether money may carry over from year to year+1: only when one
// election period covers both whole years. A stored period that touches the two years
// without covering them both means a period ends (or starts) in between; when no
// stored period touches them, the answer is unknown rather than guessed.
func CarryBetween(periods []Period, year int) Carry {
	touched := false
	for _, p := range periods {
		if p.covers(year, year+1) {
			return CarryAllowed
		}
		if p.overlaps(year, year+1) {
			touched = true
		}
	}
	if touched {
		return CarryBlocked
	}
	return CarryUnknown
}

// Row is one budget line of the year shown, with the money carried into it.
type Row struct {
	Line
	// CarriedMinor is the unspent money of the line with the same code in the
	// previous fiscal year that passes to this one.
	CarriedMinor int64
	// CarryUnknown is set when the previous year's line carries over but no stored
	// election period says whether its money may pass: CarriedMinor is then 0 and
	// must be shown as not computed, not as zero.
	CarryUnknown bool
}

// AvailableMinor is the allocation plus the money carried over.
func (r Row) AvailableMinor() int64 { return r.AmountMinor + r.CarriedMinor }

// RemainingMinor is the available money less what was spent; negative when overspent.
func (r Row) RemainingMinor() int64 { return r.AvailableMinor() - r.SpentMinor() }

// Overspent reports whether more was spent than was available.
func (r Row) Overspent() bool { return r.RemainingMinor() < 0 }

// Totals are the sums of each column of a year's rows.
type Totals struct {
	AllocatedMinor        int64
	CarriedMinor          int64
	AvailableMinor        int64
	SpentPublishedMinor   int64
	SpentUnpublishedMinor int64
	SpentMinor            int64
	RemainingMinor        int64
	CommittedMinor        int64
}

func (t *Totals) add(r Row) {
	t.AllocatedMinor += r.AmountMinor
	t.CarriedMinor += r.CarriedMinor
	t.AvailableMinor += r.AvailableMinor()
	t.SpentPublishedMinor += r.SpentPublishedMinor
	t.SpentUnpublishedMinor += r.SpentUnpublishedMinor
	t.SpentMinor += r.SpentMinor()
	t.RemainingMinor += r.RemainingMinor()
	t.CommittedMinor += r.CommittedMinor
}

// Sheet is the budget of one municipality for one fiscal year.
type Sheet struct {
	Year int
	Rows []Row
	// Totals sums the rows; it is only meaningful when MixedCurrencies is false.
	Totals     Totals
	Currency   string
	MinorUnits int
	// MixedCurrencies is set when the lines are not all in one currency, so that
	// no total can be given.
	MixedCurrencies bool
	// Periods are the election periods stored for the municipality's country;
	// NoPeriods is set when there are none, so carry-over cannot be computed at all.
	Periods   []Period
	NoPeriods bool
	// CarryUnknown is set when any row's carry-over could not be computed.
	CarryUnknown bool
}

// Period returns the election period that covers the whole fiscal year, if any.
func (s Sheet) Period() (Period, bool) {
	for _, p := range s.Periods {
		if p.covers(s.Year, s.Year) {
			return p, true
		}
	}
	return Period{}, false
}

// HasDemo reports whether any line of the year is demonstration data.
func (s Sheet) HasDemo() bool {
	for _, r := range s.Rows {
		if r.IsDemo {
			return true
		}
	}
	return false
}

// AnyCarriesOver reports whether any line of the year carries its unspent money over.
func (s Sheet) AnyCarriesOver() bool {
	for _, r := range s.Rows {
		if r.CarriesOver {
			return true
		}
	}
	return false
}

// OwnerTotal sums the lines of one kind of owner.
type OwnerTotal struct {
	Kind           string
	Lines          int
	AllocatedMinor int64
	AvailableMinor int64
	SpentMinor     int64
	RemainingMinor int64
}

// ByOwner sums the rows per kind of owner, in the order of OwnerKinds; kinds without
// lines are left out.
func (s Sheet) ByOwner() []OwnerTotal {
	var out []OwnerTotal
	for _, kind := range OwnerKinds {
		t := OwnerTotal{Kind: kind}
		for _, r := range s.Rows {
			if r.OwnerKind != kind {
				continue
			}
			t.Lines++
			t.AllocatedMinor += r.AmountMinor
			t.AvailableMinor += r.AvailableMinor()
			t.SpentMinor += r.SpentMinor()
			t.RemainingMinor += r.RemainingMinor()
		}
		if t.Lines > 0 {
			out = append(out, t)
		}
	}
	return out
}

// Account computes the budget sheet of year from lines and the election periods of
// the municipality's country. lines must hold the lines of year and those of earlier
// years that may carry money into them (same code); their order is kept for the rows.
//
// A line with CarriesOver passes its unspent remainder (available − spent, when
// positive) to the line with the same code in the next fiscal year, only when one
// election period covers both years. The remainder includes what was carried into
// it, so a chain of years within one period accumulates.
func Account(lines []Line, periods []Period, year int) Sheet {
	type key struct {
		code string
		year int
	}
	type carry struct {
		minor   int64
		unknown bool
	}
	byKey := make(map[key]Line, len(lines))
	for _, l := range lines {
		byKey[key{l.Code, l.Year}] = l
	}
	memo := map[key]carry{}
	var carriedInto func(l Line) carry
	carriedInto = func(l Line) carry {
		k := key{l.Code, l.Year}
		if c, ok := memo[k]; ok {
			return c
		}
		var c carry
		prev, ok := byKey[key{l.Code, l.Year - 1}]
		if ok && prev.CarriesOver && prev.Currency == l.Currency {
			switch CarryBetween(periods, prev.Year) {
			case CarryAllowed:
				in := carriedInto(prev)
				if in.unknown {
					c.unknown = true
				} else {
					c.minor = max(prev.AmountMinor+in.minor-prev.SpentMinor(), 0)
				}
			case CarryUnknown:
				c.unknown = true
			}
		}
		memo[k] = c
		return c
	}

	s := Sheet{Year: year, Periods: periods, NoPeriods: len(periods) == 0}
	for _, l := range lines {
		if l.Year != year {
			continue
		}
		c := carriedInto(l)
		r := Row{Line: l, CarriedMinor: c.minor, CarryUnknown: c.unknown}
		if r.CarryUnknown {
			s.CarryUnknown = true
		}
		if len(s.Rows) == 0 {
			s.Currency, s.MinorUnits = l.Currency, l.MinorUnits
		} else if l.Currency != s.Currency {
			s.MixedCurrencies = true
		}
		s.Rows = append(s.Rows, r)
		s.Totals.add(r)
	}
	return s
}
