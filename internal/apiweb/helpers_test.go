package apiweb_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/municipal-intl/portal/internal/api"
)

// contract is the OpenAPI document loaded and validated, with a router on the
// test server's address, so that every response a test receives is checked
// against it.
type contract struct {
	doc    *openapi3.T
	router routers.Router
}

func loadContract(t *testing.T, srv *httptest.Server) *contract {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPI)
	if err != nil {
		t.Fatalf("load OpenAPI document: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("OpenAPI document does not validate: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: srv.URL + api.Version}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("router of the OpenAPI document: %v", err)
	}
	return &contract{doc: doc, router: router}
}

// answer is a response read whole.
type answer struct {
	Status int
	Header http.Header
	Body   []byte
}

func (a answer) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(a.Body, v); err != nil {
		t.Fatalf("decode %s: %v", a.Body, err)
	}
}

// get requests path of srv with the headers given as name, value pairs and
// validates the response against the document: by its operation when the path
// is one of the document's, else (an unknown address) as a Problem.
func (c *contract) get(t *testing.T, srv *httptest.Server, method, path string, headers ...string) answer {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	a := answer{Status: res.StatusCode, Header: res.Header, Body: body}
	if res.StatusCode >= 500 {
		t.Fatalf("%s %s: %d %s", method, path, res.StatusCode, body)
	}
	if method != http.MethodGet || !strings.HasPrefix(path, api.Version) {
		return a
	}
	vreq, _ := http.NewRequest(method, srv.URL+path, nil)
	route, params, err := c.router.FindRoute(vreq)
	if err != nil {
		// Not an address of the document: it must be a problem document.
		c.checkProblem(t, path, a)
		return a
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route,
			Options: &openapi3filter.Options{IncludeResponseStatus: true}},
		Status:  res.StatusCode,
		Header:  res.Header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	in.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s %s: %d response does not follow the OpenAPI document: %v\n%s", method, path, res.StatusCode, err, clip(body))
	}
	return a
}

func (c *contract) checkProblem(t *testing.T, path string, a answer) {
	t.Helper()
	if ct := a.Header.Get("Content-Type"); ct != api.ProblemType {
		t.Errorf("%s: %d with Content-Type %q, want %s", path, a.Status, ct, api.ProblemType)
		return
	}
	var v any
	if err := json.Unmarshal(a.Body, &v); err != nil {
		t.Errorf("%s: problem is not JSON: %v", path, err)
		return
	}
	schema := c.doc.Components.Schemas["Problem"].Value
	if err := schema.VisitJSON(v, openapi3.EnableJSONSchema2020()); err != nil {
		t.Errorf("%s: problem does not follow the Problem schema: %v", path, err)
	}
}

func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

// base is the portal's address in the tests (servertest's BaseURL).
const base = "https://portal.example.org"

// pathOf is the path and query of an absolute address of the portal.
func pathOf(t *testing.T, abs string) string {
	t.Helper()
	u, err := url.Parse(abs)
	if err != nil || !strings.HasPrefix(abs, base+"/") {
		t.Fatalf("address %q is not the portal's (%s)", abs, base)
	}
	return u.RequestURI()
}
