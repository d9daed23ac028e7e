package servertest

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/account"
)

// Password is the password of every account CreateAccount makes.
const Password = "correct horse battery staple"

// CreateAccount adds an account with Password to the municipality and returns its id.
func CreateAccount(t testing.TB, pool *pgxpool.Pool, slug, role, email string) int64 {
	t.Helper()
	a, err := account.NewStore(pool).Create(context.Background(), account.New{
		MunicipalitySlug: slug, Role: role, Email: email, Name: strings.Split(email, "@")[0], Password: Password,
	}, nil)
	if err != nil {
		t.Fatalf("create account %s: %v", email, err)
	}
	return a.ID
}

// CSRF returns the form token of a workspace page.
func CSRF(doc *goquery.Document) string {
	return doc.Find(`input[name="csrf"]`).First().AttrOr("value", "")
}

// Post sends a form as a browser on the same site would, with the page's token
// added when form has none.
func Post(t testing.TB, c *http.Client, target string, form url.Values) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	u, _ := url.Parse(target)
	req.Header.Set("Origin", u.Scheme+"://"+u.Host)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// SignIn signs c in through the sign-in form and fails the test if that does not work.
func SignIn(t testing.TB, c *http.Client, base, email string) {
	t.Helper()
	_, doc := Get(t, c, base+"/staff/sign-in", "en")
	res := Post(t, c, base+"/staff/sign-in", url.Values{"csrf": {CSRF(doc)}, "email": {email}, "password": {Password}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in %s: status %d", email, res.StatusCode)
	}
}

// Doc reads the page of res and closes its body.
func Doc(t testing.TB, res *http.Response) *goquery.Document {
	t.Helper()
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
