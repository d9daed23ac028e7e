package notify_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/notify"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// clock is the workers' settable clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// worker returns a worker that sends to box through the real SMTP sender.
func worker(pool *pgxpool.Pool, box *mailbox, c *clock) *notify.Worker {
	var sender notify.Sender
	if box != nil {
		sender = &notify.SMTP{Host: "127.0.0.1", Port: box.port(), From: &mail.Address{Name: "Portal", Address: "portal@portal.example.org"}, Timeout: 5 * time.Second}
	}
	return &notify.Worker{
		DB:        pool,
		Sender:    sender,
		Catalogue: i18n.MustLoad(),
		BaseURL:   "https://portal.example.org",
		Log:       slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now:       c.now,
		Owed:      trip.ReportOwed(),
	}
}

// signedIn is a person signed in through the form, with their form token.
type signedIn struct {
	c     *http.Client
	token string
	id    int64
	email string
}

func signIn(t *testing.T, srv *httptest.Server, pool *pgxpool.Pool, slug, role, email string) signedIn {
	t.Helper()
	id := servertest.CreateAccount(t, pool, slug, role, email)
	c := servertest.Client(t)
	servertest.SignIn(t, c, srv.URL, email)
	_, doc := servertest.Get(t, c, srv.URL+"/staff/notifications", "en")
	return signedIn{c: c, token: servertest.CSRF(doc), id: id, email: email}
}

// post sends form with the person's token and checks the answer's status.
func (p signedIn) post(t *testing.T, target string, form url.Values, want int) {
	t.Helper()
	form.Set("csrf", p.token)
	res := servertest.Post(t, p.c, target, form)
	res.Body.Close()
	if res.StatusCode != want {
		t.Fatalf("POST %s %v: %d, want %d", target, form, res.StatusCode, want)
	}
}

// readyTrip inserts a Ballerup draft, complete enough to submit, written by author.
func readyTrip(t *testing.T, pool *pgxpool.Pool, author int64, purpose string) int64 {
	t.Helper()
	id := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "ballerup", Status: "draft", Purpose: purpose,
		Start: time.Date(2026, 5, 12, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 5, 13, 0, 0, 0, 0, time.UTC),
		Destinations: []servertest.Destination{{City: "Stockholm", Country: "SE", Lat: 59.33, Lon: 18.07, Mode: "international_rail"}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 420000, Actual: -1}}})
	servertest.Exec(t, pool, `UPDATE trip SET author_id = $2 WHERE id = $1`, id, author)
	return id
}

// byRecipient groups what box received by recipient, in order.
func byRecipient(msgs []received) map[string][]received {
	out := map[string][]received{}
	for _, m := range msgs {
		out[m.To] = append(out[m.To], m)
	}
	return out
}

func recipients(msgs []received) string {
	var to []string
	for _, m := range msgs {
		to = append(to, m.To)
	}
	sort.Strings(to)
	return strings.Join(to, ",")
}

// send drains the outbox once and returns what box newly received.
func send(t *testing.T, w *notify.Worker, box *mailbox) []received {
	t.Helper()
	before := len(box.messages())
	if _, err := w.SendDue(t.Context()); err != nil {
		t.Fatalf("send: %v", err)
	}
	return box.messages()[before:]
}

func link(id int64, review bool) string {
	if review {
		return fmt.Sprintf("https://portal.example.org/staff/review/%d", id)
	}
	return fmt.Sprintf("https://portal.example.org/staff/trips/%d", id)
}
