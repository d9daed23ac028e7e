package budget

import "testing"

func TestSumCO2e(t *testing.T) {
	t.Parallel()
	kg := func(v float64) *float64 { return &v }
	tests := []struct {
		name  string
		trips []ChargedTrip
		want  CO2eSum
	}{
		{"no trips", nil, CO2eSum{}},
		{"all known", []ChargedTrip{{CO2eKg: kg(120.5)}, {CO2eKg: kg(79.5)}}, CO2eSum{Kg: 200, Known: 2}},
		{"unknown is left out, not zero", []ChargedTrip{{CO2eKg: kg(1500)}, {}, {CO2eKg: kg(0)}}, CO2eSum{Kg: 1500, Known: 2, Unknown: 1}},
		{"none known", []ChargedTrip{{}, {}}, CO2eSum{Unknown: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := SumCO2e(tt.trips); got != tt.want {
				t.Errorf("SumCO2e = %+v, want %+v", got, tt.want)
			}
		})
	}
	if got := (CO2eSum{Kg: 1, Known: 1}).Add(CO2eSum{Kg: 2, Known: 1, Unknown: 3}); got != (CO2eSum{Kg: 3, Known: 2, Unknown: 3}) {
		t.Errorf("Add = %+v", got)
	}
}
