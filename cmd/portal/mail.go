package main

import (
	"context"
	"flag"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/metrics"
	"github.com/municipal-intl/portal/internal/notify"
	"github.com/municipal-intl/portal/internal/trip"
)

// mailConfig is where notifications go: an SMTP server, or the log.
type mailConfig struct {
	SMTPURL  string
	MailFrom string
	smtp     *notify.SMTP // parsed by checkMail; nil: messages are logged
}

func (m *mailConfig) addMailFlags(fs *flag.FlagSet, get func(key, def string) string) {
	fs.StringVar(&m.SMTPURL, "smtp-url", get("SMTP_URL", ""), "mail server for notifications, e.g. smtp://user:password@host:587 (STARTTLS when offered) or smtps://host:465; empty: messages are written to the log (env SMTP_URL)")
	fs.StringVar(&m.MailFrom, "mail-from", get("MAIL_FROM", ""), "sender of notifications, e.g. \"Portal <portal@example.org>\"; required with SMTP_URL (env MAIL_FROM)")
}

// checkMail parses SMTP_URL and MAIL_FROM.
func (m *mailConfig) checkMail() error {
	if m.SMTPURL == "" {
		return nil
	}
	s, err := notify.ParseSMTP(m.SMTPURL, m.MailFrom)
	if err != nil {
		return err
	}
	m.smtp = s
	return nil
}

// notifier returns the worker that sends notifications and enqueues the report
// reminders; every instance runs one (see docs/operations.md).
func (c *config) notifier(pool *pgxpool.Pool, cat *i18n.Catalogue, log *slog.Logger) *notify.Worker {
	var sender notify.Sender = notify.Log{Log: log}
	if c.smtp != nil {
		sender = c.smtp
		log.Info("notifications are sent by e-mail", "smtp", c.smtp.Host+":"+c.smtp.Port, "from", c.smtp.From.Address)
	} else {
		log.Info("SMTP_URL is not set: notifications are written to the log instead of sent")
	}
	return &notify.Worker{DB: pool, Sender: sender, Catalogue: cat, BaseURL: c.BaseURL, Log: log, Owed: trip.ReportOwed()}
}

// runNotifier runs w until ctx ends; done is closed when it has stopped.
func runNotifier(ctx context.Context, w *notify.Worker) (done chan struct{}) {
	done = make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx)
	}()
	return done
}

// registerNotifierMetrics exposes the outbox's backlog as the worker last saw it:
// a growing age means mail is not going out (docs/operations.md, alerts).
func registerNotifierMetrics(m *metrics.Metrics, w *notify.Worker) error {
	if err := m.RegisterGauge("portal_notifications_pending", "Notifications waiting in the outbox at the worker's last pass.", func() float64 {
		return float64(w.Backlog().Pending)
	}); err != nil {
		return err
	}
	return m.RegisterGauge("portal_notifications_oldest_pending_seconds", "How long the oldest waiting notification had waited at the worker's last pass; 0 when none waits.", func() float64 {
		return w.Backlog().Oldest.Seconds()
	})
}
