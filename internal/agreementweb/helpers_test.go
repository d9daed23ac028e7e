package agreementweb_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/servertest"
)

// samplePDF is the smallest file attachment.Validate takes for a PDF.
var samplePDF = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

// samplePNG is a 1×1 PNG image.
var samplePNG = []byte{
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
	0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
	0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
	0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
}

// parse reads an HTML answer and closes its body.
func parse(t testing.TB, res *http.Response) *goquery.Document {
	t.Helper()
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// formValues reads the values a browser would submit from the first form in main:
// text inputs, hidden inputs, textareas, selected options and ticked checkboxes.
func formValues(doc *goquery.Document) url.Values {
	v := url.Values{}
	f := doc.Find("main form").First()
	f.Find("input").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		if !ok {
			return
		}
		switch s.AttrOr("type", "text") {
		case "checkbox", "radio":
			if _, checked := s.Attr("checked"); checked {
				v.Add(name, s.AttrOr("value", "on"))
			}
		case "file", "submit":
		default:
			v.Add(name, s.AttrOr("value", ""))
		}
	})
	f.Find("textarea").Each(func(_ int, s *goquery.Selection) {
		v.Add(s.AttrOr("name", ""), s.Text())
	})
	f.Find("select").Each(func(_ int, s *goquery.Selection) {
		sel := s.Find("option[selected]").First()
		if sel.Length() == 0 {
			sel = s.Find("option").First()
		}
		v.Add(s.AttrOr("name", ""), sel.AttrOr("value", ""))
	})
	return v
}

func municipalityID(t testing.TB, pool *pgxpool.Pool, slug string) int64 {
	t.Helper()
	var id int64
	if err := pool.QueryRow(context.Background(), `SELECT id FROM municipality WHERE slug = $1`, slug).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// fixture is an agreement to insert for a test.
type fixture struct {
	Municipality string // slug
	Type         string // default cooperation_agreement
	Title        string
	Status       string // default in_force
	Document     []byte // a PDF stored as its signed document, if set
}

// insertAgreement writes f with the municipality as first party and a second
// party named in words, and returns its id.
func insertAgreement(t testing.TB, pool *pgxpool.Pool, f fixture) int64 {
	t.Helper()
	if f.Type == "" {
		f.Type = "cooperation_agreement"
	}
	if f.Status == "" {
		f.Status = "in_force"
	}
	if f.Title == "" {
		f.Title = "Fixture agreement"
	}
	ctx := context.Background()
	mid := municipalityID(t, pool, f.Municipality)
	var id int64
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		var doc *int64
		if f.Document != nil {
			d, err := attachment.Store(ctx, tx, mid, nil, "Signed agreement.pdf", f.Document)
			if err != nil {
				return err
			}
			doc = &d
		}
		if err := tx.QueryRow(ctx, `
INSERT INTO agreement (municipality_id, type, title, status, signed_on, valid_from, document_id)
VALUES ($1, $2, $3, $4, '2024-03-01', '2024-03-01', $5) RETURNING id`, mid, f.Type, f.Title, f.Status, doc).Scan(&id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
INSERT INTO agreement_party (agreement_id, position, municipality_id, name)
SELECT $1, 1, m.id, m.name FROM municipality m WHERE m.id = $2`, id, mid)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO agreement_party (agreement_id, position, name) VALUES ($1, 2, 'Nordic Council of Ministers')`, id)
		return err
	})
	if err != nil {
		t.Fatalf("insert agreement: %v", err)
	}
	return id
}

// signedIn is a client of a new account of role in slug, signed in.
func signedIn(t testing.TB, srv string, pool *pgxpool.Pool, slug, role, email string) (*http.Client, int64) {
	t.Helper()
	id := servertest.CreateAccount(t, pool, slug, role, email)
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv, email)
	return c, id
}
