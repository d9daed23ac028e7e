package budget

// CO2eSum is the estimated CO2e of a set of trips. Unknown is not zero: trips
// without an estimate are left out of Kg and counted in Unknown, so that the page
// can say how much the sum leaves out.
type CO2eSum struct {
	// Kg sums the estimates of the trips that have one.
	Kg float64
	// Known and Unknown count the trips with and without an estimate.
	Known   int
	Unknown int
}

// Add returns the sum of s and o.
func (s CO2eSum) Add(o CO2eSum) CO2eSum {
	return CO2eSum{Kg: s.Kg + o.Kg, Known: s.Known + o.Known, Unknown: s.Unknown + o.Unknown}
}

// SumCO2e sums the CO2e estimates of trips.
func SumCO2e(trips []ChargedTrip) CO2eSum {
	var s CO2eSum
	for _, t := range trips {
		if t.CO2eKg == nil {
			s.Unknown++
			continue
		}
		s.Known++
		s.Kg += *t.CO2eKg
	}
	return s
}
