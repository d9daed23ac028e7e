package notify_test

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/notify"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestOptingOutStopsMessages: a politician turns notifications off on their
// settings page; the plan that then awaits them sends them nothing (its message
// is skipped when it would be sent), while a colleague still gets theirs; turned
// on again, the next plan reaches them.
func TestOptingOutStopsMessages(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// Every plan and report needs a politician\'s decision (Ballerup\'s own rule asks it of committee trips only).
	servertest.RequireApprovals(t, pool, "ballerup")
	box := startMailbox(t, nil)
	w := worker(pool, box, &clock{t: servertest.Now})
	author := signIn(t, srv, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	lars := signIn(t, srv, pool, "ballerup", access.RolePolitician, "lars@ballerup.example")
	servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "anna@ballerup.example")

	_, doc := servertest.Get(t, lars.c, srv.URL+"/staff/notifications", "en")
	if !doc.Find(`input[name="on"][value="on"]`).Is("[checked]") {
		t.Fatal("notifications are not on by default")
	}
	lars.post(t, srv.URL+"/staff/notifications", url.Values{"language": {""}}, http.StatusSeeOther)
	_, doc = servertest.Get(t, lars.c, srv.URL+"/staff/notifications", "en")
	if doc.Find(`input[name="on"][value="on"]`).Is("[checked]") {
		t.Fatal("the page does not show notifications as off")
	}
	changes, _ := servertest.AuditChanges(t, pool, "account", lars.id, "update")
	if changes["notify_email"]["new"] != false {
		t.Errorf("audit log: %v", changes)
	}

	submit := func(purpose string) {
		t.Helper()
		id := readyTrip(t, pool, author.id, purpose)
		author.post(t, fmt.Sprintf("%s/staff/trips/%d/step", srv.URL, id), url.Values{"action": {"submit"}}, http.StatusSeeOther)
	}
	submit("First visit")
	if got := recipients(send(t, w, box)); got != "anna@ballerup.example" {
		t.Fatalf("with Lars opted out, messages went to %q", got)
	}
	if n := servertest.Scalar[int64](t, pool, `SELECT count(*) FROM notification_outbox WHERE account_id = $1 AND state = 'skipped'`, lars.id); n != 1 {
		t.Errorf("Lars's message: %d skipped, want 1", n)
	}

	lars.post(t, srv.URL+"/staff/notifications", url.Values{"on": {"on"}, "language": {""}}, http.StatusSeeOther)
	submit("Second visit")
	if got := recipients(send(t, w, box)); got != "anna@ballerup.example,lars@ballerup.example" {
		t.Fatalf("with Lars back, messages went to %q", got)
	}

	// A language that is not offered comes back with the error beside the field.
	form := url.Values{"on": {"on"}, "language": {"fr"}, "csrf": {lars.token}}
	res := servertest.Post(t, lars.c, srv.URL+"/staff/notifications", form)
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("unknown language: %d, want 422", res.StatusCode)
	}
}

// TestRemindersOnceEach runs the reminder job repeatedly, and from two workers at
// once: the author of an approved trip gets "due soon" once, within five days of
// the report's due date, and "overdue" once after it; a report submitted in time
// stops the reminders.
func TestRemindersOnceEach(t *testing.T) {
	t.Parallel()
	_, pool := servertest.New(t)
	// Every plan and report needs a politician\'s decision (Ballerup\'s own rule asks it of committee trips only).
	servertest.RequireApprovals(t, pool, "ballerup")
	box := startMailbox(t, nil)
	c := &clock{t: time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)}
	w1, w2 := worker(pool, box, c), worker(pool, box, c)
	author := servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	// Both end on 13 May 2026; Ballerup's reports are due 30 days later, 12 June.
	late := readyTrip(t, pool, author, "Late visit")
	prompt := readyTrip(t, pool, author, "Prompt visit")
	servertest.Exec(t, pool, `UPDATE trip SET status = 'approved', reference = 'BAL-2026-00' || lpad(id::text, 2, '0') WHERE id IN ($1, $2)`, late, prompt)
	remind := func() {
		t.Helper()
		done := make(chan error, 2)
		for _, w := range []*notify.Worker{w1, w2} {
			go func() { _, err := w.Remind(t.Context()); done <- err }()
		}
		for range 2 {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
	}
	kinds := func(id int64) string {
		return servertest.Scalar[string](t, pool, `SELECT coalesce(string_agg(kind, ',' ORDER BY id), '') FROM notification_outbox WHERE trip_id = $1`, id)
	}
	remind()
	if k := kinds(late); k != "" {
		t.Fatalf("11 days before the due date: %q", k)
	}
	c.t = time.Date(2026, 6, 7, 8, 0, 0, 0, time.UTC) // five days before
	remind()
	remind()
	if k := kinds(late); k != "report_due_soon" {
		t.Fatalf("five days before: %q", k)
	}
	got := send(t, w1, box)
	if len(got) != 2 || got[0].Subject != "BAL-2026-0001: din rejserapport skal snart afleveres" {
		t.Fatalf("due soon: %v", got)
	}
	if want := "Rapportfrist: 12. juni 2026"; !strings.Contains(got[0].Body, want) {
		t.Errorf("due soon body lacks %q:\n%s", want, got[0].Body)
	}
	// The prompt author submits the report (the status as the lifecycle leaves it).
	servertest.Exec(t, pool, `UPDATE trip SET status = 'report_submitted' WHERE id = $1`, prompt)
	c.t = time.Date(2026, 6, 13, 8, 0, 0, 0, time.UTC) // the day after
	remind()
	remind()
	if k := kinds(late); k != "report_due_soon,report_overdue" {
		t.Fatalf("the day after: %q", k)
	}
	if k := kinds(prompt); k != "report_due_soon" {
		t.Errorf("a submitted report was reminded: %q", k)
	}
	got = send(t, w2, box)
	if len(got) != 1 || got[0].Subject != "BAL-2026-0001: din rejserapport er forsinket" {
		t.Fatalf("overdue: %v", got)
	}
	c.t = c.t.AddDate(0, 1, 0)
	remind()
	if got := send(t, w1, box); len(got) != 0 {
		t.Errorf("a month later %d more reminders", len(got))
	}
}

// TestSMTPSecurity: smtp:// upgrades with STARTTLS when the server offers it and
// logs in with the URL's user; smtps:// speaks TLS from the first byte; a wrong
// password is refused as permanent and retried only a few times.
func TestSMTPSecurity(t *testing.T) {
	t.Parallel()
	// httptest's certificate is valid for 127.0.0.1.
	ts := httptest.NewUnstartedServer(nil)
	ts.StartTLS()
	cert := ts.TLS.Certificates[0]
	roots := x509.NewCertPool()
	roots.AddCert(ts.Certificate())
	ts.Close()
	serverTLS := &tls.Config{Certificates: []tls.Certificate{cert}}
	clientTLS := &tls.Config{RootCAs: roots}

	for _, implicit := range []bool{false, true} {
		box := startMailbox(t, func(m *mailbox) { m.tls, m.implicit, m.user, m.pass = serverTLS, implicit, "portal", "s3cret" })
		scheme := "smtp"
		if implicit {
			scheme = "smtps"
		}
		s, err := notify.ParseSMTP(scheme+"://portal:s3cret@127.0.0.1:"+box.port(), "Portal <portal@portal.example.org>")
		if err != nil {
			t.Fatal(err)
		}
		s.TLS = clientTLS
		if err := s.Send(t.Context(), notify.Mail{ID: 7, To: "anna@ballerup.example", ToName: "Anna Ærø", Subject: "Grüße – å", Body: "Hej\nlinje två"}); err != nil {
			t.Fatalf("%s: %v", scheme, err)
		}
		got := box.messages()
		if len(got) != 1 || !got[0].TLS || got[0].User != "portal" || got[0].Subject != "Grüße – å" || strings.TrimSpace(got[0].Body) != "Hej\nlinje två" {
			t.Fatalf("%s: received %+v", scheme, got)
		}
		s.Password = "wrong"
		if err := s.Send(t.Context(), notify.Mail{ID: 8, To: "anna@ballerup.example", Subject: "x", Body: "x"}); !errors.Is(err, notify.ErrPermanent) {
			t.Errorf("%s: a wrong password: %v, want a permanent refusal", scheme, err)
		}
	}
	for _, bad := range [][2]string{{"http://host", "a@b.example"}, {"smtp://", "a@b.example"}, {"smtp://host", ""}, {"smtp://host", "not an address"}} {
		if _, err := notify.ParseSMTP(bad[0], bad[1]); err == nil {
			t.Errorf("ParseSMTP(%q, %q) accepted", bad[0], bad[1])
		}
	}
	s, err := notify.ParseSMTP("smtps://mail.example.org", "portal@example.org")
	if err != nil || s.Port != "465" || !s.Implicit || s.From.Address != "portal@example.org" {
		t.Errorf("smtps default: %+v, %v", s, err)
	}
}
