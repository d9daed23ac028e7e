package apiweb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/piprate/json-gold/ld"

	"github.com/municipal-intl/portal/internal/api"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// Public mounts the API's page and the catalogue among the public pages.
func (h *Handlers) Public(r chi.Router) {
	r.Get("/api", h.Reader.Read(h.page))
	r.Get("/catalog.jsonld", h.Reader.Read(h.catalogJSONLD))
	r.Get("/catalog.ttl", h.Reader.Read(h.catalogTurtle))
}

// page is GET /api: the API's endpoints with examples, in the reader's language.
func (h *Handlers) page(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	list, err := municipality.NewStore(pool).List(r.Context())
	if err != nil {
		return err
	}
	v := PageView{Base: h.base()}
	if len(list) > 0 {
		v.Example = list[0]
	}
	l := web.L(r)
	p := h.Site.Page(r, l.T("api.page.title"), l.T("api.page.description"),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: l.T("api.page.crumb")})
	return web.Render(w, r, http.StatusOK, APIPage(p, v))
}

// catalogue builds the DCAT-AP catalogue of every municipality.
func (h *Handlers) catalogue(r *http.Request, pool *pgxpool.Pool) (map[string]any, error) {
	store := municipality.NewStore(pool)
	list, err := store.List(r.Context())
	if err != nil {
		return nil, err
	}
	coverage, err := store.Coverages(r.Context())
	if err != nil {
		return nil, err
	}
	return api.Catalogue(h.Catalogue, h.base(), list, coverage), nil
}

// catalogJSONLD is GET /catalog.jsonld: the DCAT-AP catalogue in JSON-LD.
func (h *Handlers) catalogJSONLD(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	doc, err := h.catalogue(r, pool)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/ld+json")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	_, err = w.Write(buf.Bytes())
	return err
}

// catalogTurtle is GET /catalog.ttl: the same catalogue as RDF triples. json-gold
// turns the JSON-LD into N-Triples, which are valid Turtle (Turtle's simplest
// form), so harvesters that read only Turtle get the same statements.
func (h *Handlers) catalogTurtle(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	doc, err := h.catalogue(r, pool)
	if err != nil {
		return err
	}
	// A round trip through JSON gives json-gold the plain maps and slices it reads.
	b, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	var input any
	if err := json.Unmarshal(b, &input); err != nil {
		return err
	}
	opts := ld.NewJsonLdOptions("")
	opts.Format = "application/n-quads"
	opts.DocumentLoader = noRemote{}
	out, err := ld.NewJsonLdProcessor().ToRDF(input, opts)
	if err != nil {
		return fmt.Errorf("catalogue to RDF: %w", err)
	}
	s, ok := out.(string)
	if !ok {
		return fmt.Errorf("catalogue to RDF: %T", out)
	}
	w.Header().Set("Content-Type", "text/turtle; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	_, err = w.Write([]byte(s))
	return err
}

// PageView is what the API's page shows.
type PageView struct {
	Base string
	// Example is the municipality the examples name.
	Example municipality.Municipality
}

// Endpoint is one row of the page's list.
type Endpoint struct {
	Path, Key, Example string
}

// Endpoints lists the API's endpoints for the page, with an example address
// (slug is the example municipality).
func Endpoints(slug string) []Endpoint {
	m := api.Version + "/municipalities/" + slug
	return []Endpoint{
		{api.Version + "/municipalities", "api.endpoint.municipalities", api.Version + "/municipalities"},
		{api.Version + "/municipalities/{slug}", "api.endpoint.municipality", m},
		{api.Version + "/municipalities/{slug}/policy", "api.endpoint.policy", m + "/policy"},
		{api.Version + "/municipalities/{slug}/partnerships", "api.endpoint.partnerships", m + "/partnerships"},
		{api.Version + "/municipalities/{slug}/partnerships/{id}", "api.endpoint.partnership", m + "/partnerships"},
		{api.Version + "/municipalities/{slug}/networks", "api.endpoint.networks", m + "/networks"},
		{api.Version + "/municipalities/{slug}/projects", "api.endpoint.projects", m + "/projects"},
		{api.Version + "/municipalities/{slug}/agreements", "api.endpoint.agreements", m + "/agreements?status=in_force"},
		{api.Version + "/municipalities/{slug}/trips", "api.endpoint.trips", m + "/trips?limit=5&sort=date_desc"},
		{api.Version + "/municipalities/{slug}/trips/{reference}", "api.endpoint.trip", m + "/trips?limit=1"},
		{api.Version + "/municipalities/{slug}/budget", "api.endpoint.budget_years", m + "/budget"},
		{api.Version + "/municipalities/{slug}/budget/{year}", "api.endpoint.budget", m + "/budget"},
		{api.Version + "/municipalities/{slug}/overdue", "api.endpoint.overdue", m + "/overdue"},
		{api.Version + "/municipalities/{slug}/quarters", "api.endpoint.quarters", m + "/quarters"},
	}
}

// exampleRequest is a request and the start of its answer, for the page.
func exampleRequest(v PageView) string {
	slug := v.Example.Slug
	if slug == "" {
		slug = "{slug}"
	}
	return "curl -H 'If-None-Match: \"…\"' " + v.Base + api.Version + "/municipalities/" + slug + "/trips?year=2025&limit=1\n\n" +
		`{
 "data": [{"reference": "…-2025-0001", "purpose": {"value": "…", "lang": "…"},
           "starts_on": "2025-05-12", "total": {"minor": 1250000, "currency": "…", "decimal": "12500.00"}, …}],
 "next_cursor": "eyJrIjoidHJpcHMi…",
 "next": "` + v.Base + api.Version + "/municipalities/" + slug + `/trips?cursor=…&limit=1&year=2025",
 "totals": {"trips": 42, "total": {…}, "co2e_kg": 18250.5}
}`
}

// noRemote refuses to fetch remote JSON-LD documents: the catalogue's context is
// inline, so serving it never reaches the network.
type noRemote struct{}

func (noRemote) LoadDocument(u string) (*ld.RemoteDocument, error) {
	return nil, fmt.Errorf("remote JSON-LD document %s not loaded", u)
}
