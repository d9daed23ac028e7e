package partnerweb_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/servertest"
)

// session is a signed-in person of a municipality with the form token of their
// session.
type session struct {
	t     *testing.T
	base  string
	c     *http.Client
	token string
}

// signIn creates an account of role in the municipality and signs it in.
func signIn(t *testing.T, srv *httptest.Server, pool *pgxpool.Pool, slug, role string) *session {
	t.Helper()
	email := role + "." + slug + "@partneredit.example"
	servertest.CreateAccount(t, pool, slug, role, email)
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, email)
	s := &session{t: t, base: srv.URL, c: c}
	_, doc := s.get("/staff")
	s.token = servertest.CSRF(doc)
	return s
}

func (s *session) get(path string) (*http.Response, *goquery.Document) {
	s.t.Helper()
	return servertest.Get(s.t, s.c, s.base+path, "en")
}

// post sends form with the session's token and parses the answer.
func (s *session) post(path string, form url.Values) (*http.Response, *goquery.Document) {
	s.t.Helper()
	f := url.Values{"csrf": {s.token}}
	for k, v := range form {
		f[k] = v
	}
	res := servertest.Post(s.t, s.c, s.base+path, f)
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return res, doc
}

// mustRedirect posts form and fails unless the answer is 303; it returns the
// target.
func (s *session) mustRedirect(path string, form url.Values) string {
	s.t.Helper()
	res, doc := s.post(path, form)
	if res.StatusCode != http.StatusSeeOther {
		s.t.Fatalf("POST %s: status %d, want 303; errors: %q", path, res.StatusCode, strings.TrimSpace(doc.Find(".error-summary").Text()))
	}
	return res.Header.Get("Location")
}

// version is the hidden version of the form on the page at path.
func (s *session) version(path string) string {
	s.t.Helper()
	_, doc := s.get(path)
	v := doc.Find(`main form input[name="version"]`).AttrOr("value", "")
	if v == "" {
		s.t.Fatalf("%s has no version in its form", path)
	}
	return v
}

// id returns what a query for one id answers.
func id(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := pool.QueryRow(t.Context(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// lastAudit returns the changes of the latest audit entry of a record with action.
func lastAudit(t *testing.T, pool *pgxpool.Pool, entity string, entityID int64, action string) map[string]map[string]any {
	t.Helper()
	var raw []byte
	err := pool.QueryRow(t.Context(), `
SELECT changes FROM audit_log WHERE entity = $1 AND entity_id = $2 AND action = $3 ORDER BY id DESC LIMIT 1`,
		entity, entityID, action).Scan(&raw)
	if err != nil {
		t.Fatalf("audit %s %d %s: %v", entity, entityID, action, err)
	}
	var out map[string]map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkError checks that field has its error beside it and in the summary, tied
// to the input for assistive technology.
func checkError(t *testing.T, doc *goquery.Document, field string) {
	t.Helper()
	if doc.Find("#"+field+"-error").Length() != 1 {
		t.Errorf("no error beside %s", field)
	}
	if doc.Find(`.error-summary a[href="#`+field+`"]`).Length() != 1 {
		t.Errorf("no link to %s in the error summary", field)
	}
	if !strings.Contains(doc.Find("#"+field).AttrOr("aria-describedby", ""), field+"-error") {
		t.Errorf("%s is not described by its error", field)
	}
}

// value is the value of the input, the text of the textarea or the selected
// option of the select with id.
func value(doc *goquery.Document, id string) string {
	el := doc.Find("#" + id)
	switch goquery.NodeName(el) {
	case "textarea":
		return el.Text()
	case "select":
		return el.Find("option[selected]").AttrOr("value", "")
	}
	return el.AttrOr("value", "")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
