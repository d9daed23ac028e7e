package tripweb

import (
	"github.com/municipal-intl/portal/internal/i18n"
)

// modeName is transport mode in the reader's language; label, the emission
// factor's own name, only for a mode the catalogue does not know yet.
func modeName(l *i18n.Localizer, mode, label string) string {
	if mode == "" || !l.Has("transport.mode."+mode) {
		return label
	}
	return l.T("transport.mode." + mode)
}

// factorNote says which emission factor stands behind a mode: kg CO2e per unit
// and the year of the UK government's conversion factors it comes from.
func factorNote(l *i18n.Localizer, factor float64, unit string, year int) string {
	per := l.Decimal(int64(factor*100000+0.5), 5)
	if unit == "vehicle_km" {
		return l.T("trip.leg.factor_note_vkm", per, year)
	}
	return l.T("trip.leg.factor_note_pkm", per, year)
}
