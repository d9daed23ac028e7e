package api

import (
	"strings"
	"time"

	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/municipality"
)

// The DCAT-AP catalogue (/catalog.jsonld) describes each municipality's datasets
// (published trips, partnerships, agreements, budgets) with their distributions
// so that national open-data portals and data.europa.eu can harvest them. It is
// JSON-LD built here as plain maps; the titles and descriptions are given in each
// of the portal's four languages, tagged with their language.

// Namespaces of the vocabularies the catalogue uses.
var Context = map[string]any{
	"dcat":   "http://www.w3.org/ns/dcat#",
	"dct":    "http://purl.org/dc/terms/",
	"foaf":   "http://xmlns.com/foaf/0.1/",
	"vcard":  "http://www.w3.org/2006/vcard/ns#",
	"xsd":    "http://www.w3.org/2001/XMLSchema#",
	"adms":   "http://www.w3.org/ns/adms#",
	"dcatap": "http://data.europa.eu/r5r/",
}

// euLanguage maps a BCP 47 primary language to the EU language authority.
var euLanguage = map[string]string{"sv": "SWE", "de": "DEU", "da": "DAN", "en": "ENG", "fi": "FIN", "nb": "NOR", "no": "NOR",
	"fr": "FRA", "nl": "NLD", "pl": "POL", "es": "SPA", "it": "ITA"}

const (
	langAuthority = "http://publications.europa.eu/resource/authority/language/"
	fileType      = "http://publications.europa.eu/resource/authority/file-type/"
	mediaType     = "https://www.iana.org/assignments/media-types/"
)

type node = map[string]any

func id(iri string) node { return node{"@id": iri} }

// texts gives key in every interface language.
func texts(cat *i18n.Catalogue, key string, args ...any) []node {
	var out []node
	for _, lang := range i18n.Supported {
		out = append(out, node{"@value": cat.Localizer(lang).T(key, args...), "@language": lang})
	}
	return out
}

func dateTime(t time.Time) node {
	return node{"@value": t.UTC().Format(time.RFC3339), "@type": "xsd:dateTime"}
}

func date(t time.Time) node { return node{"@value": Day(t), "@type": "xsd:date"} }

func languages(tags []string) []node {
	out := []node{}
	for _, t := range tags {
		primary, _, _ := strings.Cut(strings.ToLower(t), "-")
		if code, ok := euLanguage[primary]; ok {
			out = append(out, id(langAuthority+code))
		}
	}
	return out
}

// Catalogue builds the catalogue of municipalities ms, whose datasets span
// coverage, for the portal at base.
func Catalogue(cat *i18n.Catalogue, base string, ms []municipality.Municipality, coverage map[int64]municipality.Coverage) node {
	var datasets []node
	var modified time.Time
	for _, m := range ms {
		c := coverage[m.ID]
		if c.Modified.After(modified) {
			modified = c.Modified
		}
		datasets = append(datasets, municipalDatasets(cat, base, m, c)...)
	}
	if datasets == nil {
		datasets = []node{}
	}
	catalog := node{
		"@context":           Context,
		"@id":                base + "/catalog",
		"@type":              "dcat:Catalog",
		"dct:title":          texts(cat, "catalog.title"),
		"dct:description":    texts(cat, "catalog.description"),
		"dct:publisher":      node{"@id": base + "/#portal", "@type": "foaf:Agent", "foaf:name": texts(cat, "site.name")},
		"foaf:homepage":      id(base + "/"),
		"dct:language":       languages(i18n.Supported),
		"dct:license":        id(Licences["CC-BY-4.0"]),
		"dcat:service":       []node{service(cat, base)},
		"dcat:dataset":       datasets,
		"dct:conformsTo":     id("http://data.europa.eu/r5r/"),
		"dct:identifier":     base + "/catalog",
		"dcat:themeTaxonomy": id("http://publications.europa.eu/resource/authority/data-theme"),
	}
	if !modified.IsZero() {
		catalog["dct:modified"] = dateTime(modified)
	}
	return catalog
}

// service is the API as a dcat:DataService.
func service(cat *i18n.Catalogue, base string) node {
	return node{
		"@id":                      base + Version,
		"@type":                    "dcat:DataService",
		"dct:title":                texts(cat, "catalog.api.title"),
		"dcat:endpointURL":         id(base + Version),
		"dcat:endpointDescription": id(base + Version + "/openapi.json"),
		"dcat:landingPage":         id(base + "/api"),
		"dct:conformsTo":           id("https://spec.openapis.org/oas/v3.1.0"),
	}
}

// dataset kinds: path of the public page, path in the API, the downloads.
type kind struct {
	name, page, api string
	downloads       bool
	from, to        *time.Time
}

func yearStart(y *int) *time.Time {
	if y == nil {
		return nil
	}
	t := time.Date(*y, 1, 1, 0, 0, 0, 0, time.UTC)
	return &t
}

func yearEnd(y *int) *time.Time {
	if y == nil {
		return nil
	}
	t := time.Date(*y, 12, 31, 0, 0, 0, 0, time.UTC)
	return &t
}

func municipalDatasets(cat *i18n.Catalogue, base string, m municipality.Municipality, c municipality.Coverage) []node {
	mu := base + "/m/" + m.Slug
	apiBase := base + Version + "/municipalities/" + m.Slug
	licence := Licences[m.DataLicence]
	if licence == "" {
		licence = Licences["CC-BY-4.0"]
	}
	publisher := node{"@id": mu + "#organisation", "@type": "foaf:Agent", "foaf:name": m.Name,
		"dct:type": id("http://purl.org/adms/publishertype/LocalAuthority")}
	contact := node{"@type": "vcard:Organization", "vcard:fn": m.Name}
	switch {
	case m.DataContact != "":
		contact["vcard:hasEmail"] = id("mailto:" + m.DataContact)
	case m.Website != "":
		contact["vcard:hasURL"] = id(m.Website)
	default:
		contact["vcard:hasURL"] = id(mu)
	}
	if m.Website != "" {
		publisher["foaf:homepage"] = id(m.Website)
	}
	kinds := []kind{
		{name: "trips", page: mu + "/trips", api: apiBase + "/trips", downloads: true, from: c.TripsFrom, to: c.TripsTo},
		{name: "partnerships", page: mu + "/partners", api: apiBase + "/partnerships", from: yearStart(c.PartnershipsFrom)},
		{name: "agreements", page: mu + "/agreements", api: apiBase + "/agreements", from: c.AgreementsFrom, to: c.AgreementsTo},
		{name: "budgets", page: mu + "/budget", api: apiBase + "/budget", from: yearStart(c.BudgetFrom), to: yearEnd(c.BudgetTo)},
	}
	var out []node
	for _, k := range kinds {
		dsID := mu + "#dataset-" + k.name
		ds := node{
			"@id":               dsID,
			"@type":             "dcat:Dataset",
			"dct:identifier":    dsID,
			"dct:title":         texts(cat, "catalog."+k.name+".title", m.Name),
			"dct:description":   texts(cat, "catalog."+k.name+".description", m.Name),
			"dct:publisher":     publisher,
			"dcat:contactPoint": contact,
			"dct:language":      languages(m.Languages),
			"dcat:landingPage":  id(k.page),
			"dct:modified":      dateTime(c.Modified),
			"dct:accessRights":  id("http://publications.europa.eu/resource/authority/access-right/PUBLIC"),
			"dcat:theme":        id("http://publications.europa.eu/resource/authority/data-theme/GOVE"),
			"dcat:keyword":      texts(cat, "catalog."+k.name+".keyword"),
		}
		if c3, ok := country3[m.Country]; ok {
			ds["dct:spatial"] = id("http://publications.europa.eu/resource/authority/country/" + c3)
		}
		if k.from != nil {
			period := node{"@type": "dct:PeriodOfTime", "dcat:startDate": date(*k.from)}
			if k.to != nil {
				period["dcat:endDate"] = date(*k.to)
			}
			ds["dct:temporal"] = period
		}
		dist := []node{distribution(cat, dsID+"-api", k.api, "", "JSON", "application/json", licence, "catalog.dist.api", base)}
		if k.downloads {
			dist = append(dist,
				distribution(cat, dsID+"-csv", mu+"/trips.csv", mu+"/trips.csv", "CSV", "text/csv", licence, "catalog.dist.csv", ""),
				distribution(cat, dsID+"-json", mu+"/trips.json", mu+"/trips.json", "JSON", "application/json", licence, "catalog.dist.json", ""))
		}
		ds["dcat:distribution"] = dist
		out = append(out, ds)
	}
	return out
}

func distribution(cat *i18n.Catalogue, iri, access, download, format, media, licence, titleKey, base string) node {
	d := node{
		"@id":            iri,
		"@type":          "dcat:Distribution",
		"dct:title":      texts(cat, titleKey),
		"dcat:accessURL": id(access),
		"dct:format":     id(fileType + format),
		"dcat:mediaType": id(mediaType + media),
		"dct:license":    id(licence),
	}
	if download != "" {
		d["dcat:downloadURL"] = id(download)
	}
	if base != "" {
		d["dcat:accessService"] = id(base + Version)
	}
	return d
}

// country3 maps the ISO 3166 alpha-2 codes of the countries the portal serves
// to the EU country authority's codes.
var country3 = map[string]string{"SE": "SWE", "DE": "DEU", "DK": "DNK", "NO": "NOR", "FI": "FIN", "GB": "GBR",
	"NL": "NLD", "FR": "FRA", "PL": "POL", "AT": "AUT"}
