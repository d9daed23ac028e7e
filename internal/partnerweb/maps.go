package partnerweb

import (
	"strconv"

	"github.com/municipal-intl/portal/internal/geo"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/partner"
	"github.com/municipal-intl/portal/templates"
)

// Map draws the municipality and its partner cities; partners whose location
// no source gives are named beside the map instead.
func Map(l *i18n.Localizer, m municipality.Municipality, list []partner.Partnership) templates.MapView {
	var v templates.MapView
	if m.Latitude == nil || m.Longitude == nil {
		return v
	}
	markers := []geo.Marker{{Point: geo.Point{Lat: *m.Latitude, Lon: *m.Longitude}, Label: m.Name, Home: true}}
	var missing []string
	for _, p := range list {
		if p.Latitude == nil || p.Longitude == nil {
			missing = append(missing, p.City)
			continue
		}
		markers = append(markers, geo.Marker{
			Point:  geo.Point{Lat: *p.Latitude, Lon: *p.Longitude},
			Label:  p.City,
			Status: p.Status,
			Href:   "/m/" + m.Slug + "/partners/" + strconv.FormatInt(p.ID, 10),
		})
	}
	v.SVG = string(geo.RenderMap(geo.MapOptions{
		Width: 960, Height: 540,
		Title:       l.T("map.title", m.Name),
		Description: l.T("map.description", m.Name, l.Int(int64(len(markers)-1))),
		Lang:        l.Lang,
		IDPrefix:    "partner-map",
	}, markers))
	v.Missing = missing
	return v
}
