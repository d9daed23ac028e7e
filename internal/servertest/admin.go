package servertest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
)

// Admin is a portal on a fresh database with a municipality's administrator
// signed in, for the tests of the administrators' editors.
type Admin struct {
	Srv    *httptest.Server
	Pool   *pgxpool.Pool
	Client *http.Client
	ID     int64 // the administrator's account
	Token  string
}

// NewAdmin starts a portal and signs in the administrator of the municipality slug.
func NewAdmin(t *testing.T, slug string) Admin {
	t.Helper()
	srv, pool := New(t)
	a := Admin{Srv: srv, Pool: pool}
	email := "admin@" + slug + ".example"
	a.ID = CreateAccount(t, pool, slug, access.RoleAdmin, email)
	a.Client = Client(t)
	SignIn(t, a.Client, srv.URL, email)
	_, doc := Get(t, a.Client, srv.URL+"/staff", "en")
	a.Token = CSRF(doc)
	return a
}

// Get fetches a page as the administrator, failing unless it answers want.
func (a Admin) Get(t *testing.T, path string, want int) *goquery.Document {
	t.Helper()
	res, doc := Get(t, a.Client, a.Srv.URL+path, "en")
	if res.StatusCode != want {
		t.Fatalf("GET %s: status %d, want %d", path, res.StatusCode, want)
	}
	return doc
}

// Post sends a form as the administrator and returns the answer and its page.
func (a Admin) Post(t *testing.T, path string, form url.Values) (*http.Response, *goquery.Document) {
	t.Helper()
	if form.Get("csrf") == "" {
		form.Set("csrf", a.Token)
	}
	res := Post(t, a.Client, a.Srv.URL+path, form)
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, doc
}

// MustPost is Post that fails the test unless the answer is want.
func (a Admin) MustPost(t *testing.T, path string, form url.Values, want int) *goquery.Document {
	t.Helper()
	res, doc := a.Post(t, path, form)
	if res.StatusCode != want {
		t.Fatalf("POST %s: status %d, want %d; errors: %q", path, res.StatusCode, want, doc.Find(".error-summary, .form-error").Text())
	}
	return doc
}

// FormValues reads the named fields of the form sel, as a browser would submit them.
func FormValues(doc *goquery.Document, sel string) url.Values {
	v := url.Values{}
	doc.Find(sel).Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		if !ok {
			return
		}
		switch goquery.NodeName(s) {
		case "textarea":
			v.Set(name, s.Text()) // the parser drops the newline after <textarea>, as browsers do
		case "select":
			v.Set(name, s.Find("option[selected]").AttrOr("value", s.Find("option").First().AttrOr("value", "")))
		default:
			typ := s.AttrOr("type", "text")
			if (typ == "checkbox" || typ == "radio") && s.AttrOr("checked", "none") == "none" {
				return
			}
			if typ == "submit" {
				return
			}
			v.Set(name, s.AttrOr("value", ""))
		}
	})
	return v
}

// Scalar runs a one-value query and fails the test on error.
func Scalar[T any](t *testing.T, pool *pgxpool.Pool, sql string, args ...any) T {
	t.Helper()
	var v T
	if err := pool.QueryRow(t.Context(), sql, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return v
}

// AuditChanges returns the changes of the newest audit entry of a record and the
// account that made it.
func AuditChanges(t *testing.T, pool *pgxpool.Pool, entity string, id int64, action string) (map[string]map[string]any, int64) {
	t.Helper()
	var raw []byte
	var actor int64
	err := pool.QueryRow(t.Context(), `
SELECT changes, account_id FROM audit_log WHERE entity = $1 AND entity_id = $2 AND action = $3
ORDER BY id DESC LIMIT 1`, entity, id, action).Scan(&raw, &actor)
	if err != nil {
		t.Fatalf("audit entry %s %d %s: %v", entity, id, action, err)
	}
	var changes map[string]map[string]any
	if err := json.Unmarshal(raw, &changes); err != nil {
		t.Fatal(err)
	}
	return changes, actor
}
