package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/i18n"
)

// Worker sends the outbox. Any number of workers (several portal instances) may
// run on one database: each message is claimed with FOR UPDATE SKIP LOCKED in a
// transaction that stays open while it is delivered and is marked sent in that
// same transaction, so no two workers ever hold the same message. A worker that
// dies mid-delivery loses its lock and the message is tried again: delivery is
// at least once, and the only repeat possible is a message the server accepted
// just before the worker died (it keeps its Message-ID, so it is recognisable).
type Worker struct {
	DB        database.Querier // a pool
	Sender    Sender
	Catalogue *i18n.Catalogue
	BaseURL   string
	Log       *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Backoff is the wait before attempt n+1 after n failures; nil means
	// DefaultBackoff.
	Backoff func(n int) time.Duration
	// Every is how often the worker looks for pending messages; 0 means 5 s.
	Every time.Duration
	// Owed are the trip statuses in which a report is still owed (the trip
	// area's list), for the reminder job; none: no reminders.
	Owed []string
	// RemindEvery is how often the reminder job runs; 0 means an hour.
	RemindEvery time.Duration

	backlog atomic.Pointer[Backlog]
}

// Backlog is what the outbox held at the end of the worker's last pass, for the
// metrics: how many messages wait, and how long the oldest has waited.
type Backlog struct {
	Pending int64
	Oldest  time.Duration
}

// Backlog returns the outbox as the last pass left it (zero before the first).
func (w *Worker) Backlog() Backlog {
	if b := w.backlog.Load(); b != nil {
		return *b
	}
	return Backlog{}
}

// measure reads the outbox's backlog.
func (w *Worker) measure(ctx context.Context) error {
	var b Backlog
	var oldest *time.Time
	if err := w.DB.QueryRow(ctx, `SELECT count(*), min(created_at) FROM notification_outbox WHERE state = 'pending'`).Scan(&b.Pending, &oldest); err != nil {
		return fmt.Errorf("notification backlog: %w", err)
	}
	if oldest != nil {
		b.Oldest = max(time.Since(*oldest), 0)
	}
	w.backlog.Store(&b)
	return nil
}

// MaxPermanentAttempts is how often a message the server refuses permanently
// (5xx) is tried before it is given up as failed; other failures (the server is
// down, 4xx) are retried until they succeed.
const MaxPermanentAttempts = 5

// DefaultBackoff waits 30 s after the first failure, doubling up to an hour.
func DefaultBackoff(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

func (w *Worker) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

// errNothing: no message is due.
var errNothing = errors.New("nothing to send")

// SendDue tries every message due now once, one at a time, and returns how many
// it delivered. It stops at the first database error.
func (w *Worker) SendDue(ctx context.Context) (int, error) {
	n := 0
	tried := []int64{} // a failed message waits for its next turn, not this loop's
	for ctx.Err() == nil {
		id, sent, err := w.sendOne(ctx, tried)
		if errors.Is(err, errNothing) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		tried = append(tried, id)
		if sent {
			n++
		}
	}
	return n, ctx.Err()
}

// pending is a claimed message with what it takes to compose it.
type pending struct {
	ID, AccountID    int64
	Kind, Comment    string
	Attempts         int
	Email, Name      string
	Active, On, Demo bool
	Language         string
	Trip             Trip
}

// sendOne claims the oldest due message not in tried, composes and delivers it
// and records the outcome, in one transaction; sent reports a delivery.
func (w *Worker) sendOne(ctx context.Context, tried []int64) (id int64, sent bool, err error) {
	err = database.TransactOn(ctx, w.DB, func(tx pgx.Tx) error {
		var p pending
		var accountLang *string
		var municipalityLang string
		err := tx.QueryRow(ctx, `
SELECT n.id, n.account_id, n.kind, n.comment, n.attempts,
       a.email, a.name, a.active, a.notify_email, a.is_demo, a.language, m.languages[1],
       t.id, coalesce(t.reference, ''), t.purpose, t.starts_on, t.ends_on, t.ends_on + tm.report_deadline_days
FROM notification_outbox n
JOIN account a ON a.id = n.account_id
JOIN municipality m ON m.id = a.municipality_id
JOIN trip t ON t.id = n.trip_id
JOIN municipality tm ON tm.id = t.municipality_id
WHERE n.state = 'pending' AND (n.next_attempt_at IS NULL OR n.next_attempt_at <= $1) AND n.id <> ALL($2::bigint[])
ORDER BY n.next_attempt_at NULLS FIRST, n.id
LIMIT 1
FOR UPDATE OF n SKIP LOCKED`, w.now(), tried).Scan(&p.ID, &p.AccountID, &p.Kind, &p.Comment, &p.Attempts,
			&p.Email, &p.Name, &p.Active, &p.On, &p.Demo, &accountLang, &municipalityLang,
			&p.Trip.ID, &p.Trip.Reference, &p.Trip.Purpose, &p.Trip.StartsOn, &p.Trip.EndsOn, &p.Trip.DueOn)
		if errors.Is(err, pgx.ErrNoRows) {
			return errNothing
		}
		if err != nil {
			return fmt.Errorf("claim a notification: %w", err)
		}
		id = p.ID
		// The person's choice counts when the message goes out, not when it was
		// written.
		switch {
		case !p.On:
			return w.finish(ctx, tx, p.ID, "skipped", "notifications are turned off")
		case !p.Active || p.Demo:
			return w.finish(ctx, tx, p.ID, "skipped", "the account is deactivated")
		}
		lang := ""
		if accountLang != nil {
			lang = *accountLang
		}
		l := w.Catalogue.Localizer(messageLanguage(lang, municipalityLang))
		subject, body := Compose(l, w.BaseURL, p.Kind, p.Name, p.Comment, p.Trip)
		serr := w.Sender.Send(ctx, Mail{ID: p.ID, To: p.Email, ToName: p.Name, Subject: subject, Body: body})
		if serr == nil {
			sent = true
			w.Log.Info("notification sent", "notification", p.ID, "kind", p.Kind, "account", p.AccountID, "trip", p.Trip.ID)
			return w.finish(ctx, tx, p.ID, "sent", "")
		}
		if ctx.Err() != nil {
			return ctx.Err() // shutting down: the message stays pending, as it was
		}
		attempts := p.Attempts + 1
		if errors.Is(serr, ErrPermanent) && attempts >= MaxPermanentAttempts {
			w.Log.Error("notification given up: the mail server refuses it", "notification", p.ID, "to", p.Email, "attempts", attempts, "err", serr)
			if _, err := tx.Exec(ctx, `UPDATE notification_outbox SET attempts = $2 WHERE id = $1`, p.ID, attempts); err != nil {
				return fmt.Errorf("record notification %d: %w", p.ID, err)
			}
			return w.finish(ctx, tx, p.ID, "failed", serr.Error())
		}
		backoff := w.Backoff
		if backoff == nil {
			backoff = DefaultBackoff
		}
		next := w.now().Add(backoff(attempts))
		w.Log.Warn("notification not sent, will retry", "notification", p.ID, "attempts", attempts, "retry_at", next, "err", serr)
		if _, err := tx.Exec(ctx, `
UPDATE notification_outbox SET attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1`,
			p.ID, attempts, next, serr.Error()); err != nil {
			return fmt.Errorf("record failed notification %d: %w", p.ID, err)
		}
		return nil
	})
	return id, sent, err
}

// finish ends message id in state with a reason.
func (w *Worker) finish(ctx context.Context, tx pgx.Tx, id int64, state, reason string) error {
	if _, err := tx.Exec(ctx, `
UPDATE notification_outbox SET state = $2, done_at = $3, last_error = $4 WHERE id = $1`, id, state, w.now(), reason); err != nil {
		return fmt.Errorf("mark notification %d %s: %w", id, state, err)
	}
	return nil
}

// Remind runs the reminder job once, for day today.
func (w *Worker) Remind(ctx context.Context) (int64, error) {
	if len(w.Owed) == 0 {
		return 0, nil
	}
	now := w.now().UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return NewStore(w.DB).EnqueueReminders(ctx, today, w.Owed)
}

// Run sends pending messages every Every and runs the reminder job every
// RemindEvery, until ctx ends. Errors are logged and tried again next time.
func (w *Worker) Run(ctx context.Context) {
	every, remindEvery := w.Every, w.RemindEvery
	if every <= 0 {
		every = 5 * time.Second
	}
	if remindEvery <= 0 {
		remindEvery = time.Hour
	}
	send := time.NewTicker(every)
	defer send.Stop()
	remind := time.NewTicker(remindEvery)
	defer remind.Stop()
	w.remind(ctx)
	for {
		if _, err := w.SendDue(ctx); err != nil && ctx.Err() == nil {
			w.Log.Warn("send notifications", "err", err)
		}
		if err := w.measure(ctx); err != nil && ctx.Err() == nil {
			w.Log.Warn("measure notifications", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-remind.C:
			w.remind(ctx)
		case <-send.C:
		}
	}
}

func (w *Worker) remind(ctx context.Context) {
	n, err := w.Remind(ctx)
	if err != nil {
		if ctx.Err() == nil {
			w.Log.Warn("enqueue report reminders", "err", err)
		}
		return
	}
	if n > 0 {
		w.Log.Info("report reminders enqueued", "count", n)
	}
}
