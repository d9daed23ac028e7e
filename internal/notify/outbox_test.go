package notify_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/notify"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestOutboxSurvivesAnOutage submits plans while the mail server is down: the
// steps succeed, the worker fails and retries later with a growing wait, nothing
// is lost; when the server is back each message arrives exactly once.
func TestOutboxSurvivesAnOutage(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// Every plan and report needs a politician\'s decision (Ballerup\'s own rule asks it of committee trips only).
	servertest.RequireApprovals(t, pool, "ballerup")
	box := startMailbox(t, nil)
	c := &clock{t: servertest.Now}
	w := worker(pool, box, c)
	w.Backoff = func(n int) time.Duration { return time.Duration(n) * time.Minute }
	author := signIn(t, srv, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	for _, name := range []string{"lars", "anna"} {
		servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, name+"@ballerup.example")
	}
	box.stop()
	for i := range 3 {
		id := readyTrip(t, pool, author.id, fmt.Sprintf("Visit %d", i))
		author.post(t, fmt.Sprintf("%s/staff/trips/%d/step", srv.URL, id), url.Values{"action": {"submit"}}, http.StatusSeeOther)
	}
	pending := func() (n, attempts int64) {
		t.Helper()
		if err := pool.QueryRow(t.Context(), `SELECT count(*), coalesce(min(attempts), 0) FROM notification_outbox WHERE state = 'pending'`).Scan(&n, &attempts); err != nil {
			t.Fatal(err)
		}
		return n, attempts
	}
	if n, _ := pending(); n != 6 {
		t.Fatalf("%d messages in the outbox, want 6 (3 plans × 2 politicians)", n)
	}

	// Down: every message is tried once and waits a minute.
	if sent, err := w.SendDue(t.Context()); err != nil || sent != 0 {
		t.Fatalf("server down: sent %d, %v", sent, err)
	}
	if n, a := pending(); n != 6 || a != 1 {
		t.Fatalf("after the first try: %d pending with %d attempts, want 6 with 1", n, a)
	}
	// Not yet due: nothing is tried.
	if _, err := w.SendDue(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, a := pending(); a != 1 {
		t.Fatalf("tried again before its time: %d attempts", a)
	}
	if e := servertest.Scalar[string](t, pool, `SELECT min(last_error) FROM notification_outbox`); e == "" {
		t.Error("the failure is not recorded")
	}
	// Still down a minute later: second attempt, then two minutes' wait.
	c.advance(time.Minute)
	if sent, _ := w.SendDue(t.Context()); sent != 0 {
		t.Fatalf("sent %d while down", sent)
	}
	if n, a := pending(); n != 6 || a != 2 {
		t.Fatalf("after the second try: %d pending with %d attempts", n, a)
	}

	// Back: each message goes out once, and again nothing more.
	box.start()
	c.advance(2 * time.Minute)
	if sent, err := w.SendDue(t.Context()); err != nil || sent != 6 {
		t.Fatalf("server back: sent %d, %v", sent, err)
	}
	if sent, _ := w.SendDue(t.Context()); sent != 0 {
		t.Fatalf("sent %d more", sent)
	}
	c.advance(time.Hour)
	if sent, _ := w.SendDue(t.Context()); sent != 0 {
		t.Fatalf("sent %d more an hour later", sent)
	}
	assertOnce(t, box.messages(), 6)
	if n, _ := pending(); n != 0 {
		t.Errorf("%d still pending", n)
	}
}

// assertOnce fails unless msgs are want distinct messages, none received twice.
func assertOnce(t *testing.T, msgs []received, want int) {
	t.Helper()
	seen := map[string]int{}
	for _, m := range msgs {
		seen[m.MessageID]++
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("message %s received %d times", id, n)
		}
	}
	if len(seen) != want || len(msgs) != want {
		t.Errorf("received %d messages (%d distinct), want %d", len(msgs), len(seen), want)
	}
}

// TestWorkersNeverSendTwice runs four workers (as four portal instances) at once
// on one outbox: each message arrives exactly once.
func TestWorkersNeverSendTwice(t *testing.T) {
	t.Parallel()
	_, pool := servertest.New(t)
	// Every plan and report needs a politician\'s decision (Ballerup\'s own rule asks it of committee trips only).
	servertest.RequireApprovals(t, pool, "ballerup")
	box := startMailbox(t, func(m *mailbox) { m.delay = 5 * time.Millisecond })
	c := &clock{t: servertest.Now}
	author := servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	id := readyTrip(t, pool, author, "Visit")
	const n = 40
	for range n {
		if err := notify.NewStore(pool).Enqueue(t.Context(), notify.Message{Kind: notify.PlanApproved, AccountID: author, TripID: id}); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	counts := make([]int, 4)
	for i := range counts {
		wg.Go(func() {
			sent, err := worker(pool, box, c).SendDue(t.Context())
			if err != nil {
				t.Errorf("worker %d: %v", i, err)
			}
			counts[i] = sent
		})
	}
	wg.Wait()
	total := 0
	for _, s := range counts {
		total += s
	}
	if total != n {
		t.Errorf("workers report %v = %d sent, want %d", counts, total, n)
	}
	busy := 0
	for _, s := range counts {
		if s > 0 {
			busy++
		}
	}
	if busy < 2 {
		t.Logf("only %d of the workers found work (%v): the race was narrow this time", busy, counts)
	}
	assertOnce(t, box.messages(), n)
	if left := servertest.Scalar[int64](t, pool, `SELECT count(*) FROM notification_outbox WHERE state <> 'sent'`); left != 0 {
		t.Errorf("%d messages not marked sent", left)
	}
}

// TestWithoutSMTPMessagesAreLogged: with no SMTP_URL the worker writes each
// message to the log and marks it sent.
func TestWithoutSMTPMessagesAreLogged(t *testing.T) {
	t.Parallel()
	_, pool := servertest.New(t)
	// Every plan and report needs a politician\'s decision (Ballerup\'s own rule asks it of committee trips only).
	servertest.RequireApprovals(t, pool, "ballerup")
	author := servertest.CreateAccount(t, pool, "stuttgart", access.RoleStaff, "sofie@stuttgart.example")
	id := servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "stuttgart", Status: "approved", Reference: "STU-2026-0004"})
	if err := notify.NewStore(pool).Enqueue(t.Context(), notify.Message{Kind: notify.PlanApproved, AccountID: author, TripID: id}); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	w := worker(pool, nil, &clock{t: servertest.Now})
	w.Sender = notify.Log{Log: slog.New(slog.NewTextHandler(&log, nil))}
	if sent, err := w.SendDue(t.Context()); err != nil || sent != 1 {
		t.Fatalf("sent %d, %v", sent, err)
	}
	// Stuttgart writes German.
	if !strings.Contains(log.String(), "STU-2026-0004: Ihr Plan wurde genehmigt") || !strings.Contains(log.String(), "sofie@stuttgart.example") {
		t.Errorf("log:\n%s", log.String())
	}
	if s := servertest.Scalar[string](t, pool, `SELECT state FROM notification_outbox`); s != "sent" {
		t.Errorf("state %s", s)
	}
}

// TestFailedMessageWaitsItsTurn: one pass of the worker tries each due message
// once, even when a failed one would be due again at once; and a message the
// server refuses permanently is given up after MaxPermanentAttempts.
func TestFailedMessageWaitsItsTurn(t *testing.T) {
	t.Parallel()
	_, pool := servertest.New(t)
	// Every plan and report needs a politician\'s decision (Ballerup\'s own rule asks it of committee trips only).
	servertest.RequireApprovals(t, pool, "ballerup")
	box := startMailbox(t, func(m *mailbox) { m.user, m.pass = "portal", "right" })
	c := &clock{t: servertest.Now}
	w := worker(pool, box, c)
	w.Backoff = func(int) time.Duration { return 0 }
	author := servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	id := readyTrip(t, pool, author, "Visit")
	for range 2 {
		if err := notify.NewStore(pool).Enqueue(t.Context(), notify.Message{Kind: notify.PlanApproved, AccountID: author, TripID: id}); err != nil {
			t.Fatal(err)
		}
	}
	// A wrong password: 535, permanent.
	w.Sender.(*notify.SMTP).User, w.Sender.(*notify.SMTP).Password = "portal", "wrong"
	for pass := 1; pass <= notify.MaxPermanentAttempts; pass++ {
		if sent, err := w.SendDue(t.Context()); err != nil || sent != 0 {
			t.Fatalf("pass %d: sent %d, %v", pass, sent, err)
		}
		if a := servertest.Scalar[int32](t, pool, `SELECT max(attempts) FROM notification_outbox`); int(a) != pass {
			t.Fatalf("pass %d: %d attempts", pass, a)
		}
	}
	if n := servertest.Scalar[int64](t, pool, `SELECT count(*) FROM notification_outbox WHERE state = 'failed' AND last_error LIKE '%535%'`); n != 2 {
		t.Errorf("%d messages failed, want 2", n)
	}
	if len(box.messages()) != 0 {
		t.Error("a message was delivered without the login")
	}
}

// TestRunLoop runs the worker as portal serve does: it retries on its own until
// the server answers, reports its backlog for the metrics meanwhile, and stops
// when its context ends.
func TestRunLoop(t *testing.T) {
	t.Parallel()
	_, pool := servertest.New(t)
	// Every plan and report needs a politician\'s decision (Ballerup\'s own rule asks it of committee trips only).
	servertest.RequireApprovals(t, pool, "ballerup")
	box := startMailbox(t, nil)
	box.stop()
	w := worker(pool, box, &clock{t: servertest.Now})
	w.Now = time.Now
	w.Every, w.Backoff = 20*time.Millisecond, func(int) time.Duration { return 50 * time.Millisecond }
	author := servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	id := readyTrip(t, pool, author, "Visit")
	if err := notify.NewStore(pool).Enqueue(t.Context(), notify.Message{Kind: notify.PlanApproved, AccountID: author, TripID: id}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				cancel()
				t.Fatalf("waited in vain for %s (backlog %+v)", what, w.Backlog())
			}
		}
	}
	waitFor("the backlog to show the waiting message", func() bool { return w.Backlog().Pending == 1 })
	waitFor("a second attempt", func() bool {
		return servertest.Scalar[int32](t, pool, `SELECT attempts FROM notification_outbox`) >= 2
	})
	box.start()
	waitFor("the delivery", func() bool { return len(box.messages()) == 1 && w.Backlog().Pending == 0 })
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the worker did not stop")
	}
	assertOnce(t, box.messages(), 1)
}
