package budgetweb_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// fixture is a portal on a fresh database with Ballerup's administrator signed in.
type fixture struct {
	srv   *httptest.Server
	pool  *pgxpool.Pool
	admin *http.Client
	id    int64 // the administrator's account
	token string
}

func setup(t *testing.T) fixture {
	t.Helper()
	srv, pool := servertest.New(t)
	f := fixture{srv: srv, pool: pool}
	f.id = servertest.CreateAccount(t, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	f.admin = servertest.Client(t)
	servertest.SignIn(t, f.admin, srv.URL, "admin@ballerup.example")
	_, doc := servertest.Get(t, f.admin, srv.URL+"/staff", "en")
	f.token = servertest.CSRF(doc)
	return f
}

// get fetches a page as the administrator, failing unless it answers want.
func (f fixture) get(t *testing.T, path string, want int) *goquery.Document {
	t.Helper()
	res, doc := servertest.Get(t, f.admin, f.srv.URL+path, "en")
	if res.StatusCode != want {
		t.Fatalf("GET %s: status %d, want %d", path, res.StatusCode, want)
	}
	return doc
}

// post sends a form as the administrator and returns the answer and its page.
func (f fixture) post(t *testing.T, path string, form url.Values) (*http.Response, *goquery.Document) {
	t.Helper()
	if form.Get("csrf") == "" {
		form.Set("csrf", f.token)
	}
	res := servertest.Post(t, f.admin, f.srv.URL+path, form)
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, doc
}

// mustPost is post that fails the test unless the answer is want.
func (f fixture) mustPost(t *testing.T, path string, form url.Values, want int) *goquery.Document {
	t.Helper()
	res, doc := f.post(t, path, form)
	if res.StatusCode != want {
		t.Fatalf("POST %s: status %d, want %d; errors: %q", path, res.StatusCode, want, doc.Find(".error-summary, .form-error").Text())
	}
	return doc
}

// formValues reads the named fields of the first form in main that has them,
// as a browser would submit them.
func formValues(doc *goquery.Document, sel string) url.Values {
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

// scalar runs a one-value query and fails the test on error.
func scalar[T any](t *testing.T, pool *pgxpool.Pool, sql string, args ...any) T {
	t.Helper()
	var v T
	if err := pool.QueryRow(t.Context(), sql, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return v
}

// auditChanges returns the changes of the newest audit entry of a record and the
// account that made it.
func auditChanges(t *testing.T, f fixture, entity string, id int64, action string) (map[string]map[string]any, int64) {
	t.Helper()
	var raw []byte
	var actor int64
	err := f.pool.QueryRow(t.Context(), `
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
