package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Sender delivers one composed e-mail.
type Sender interface {
	Send(ctx context.Context, m Mail) error
}

// ErrPermanent marks a refusal that trying again will not change (the server
// answered 5xx, e.g. an unknown recipient).
var ErrPermanent = errors.New("refused permanently")

// SMTP sends through a mail server (SMTP_URL) with the standard library's
// net/smtp: smtp:// upgrades with STARTTLS whenever the server offers it,
// smtps:// speaks TLS from the start; a user and password in the URL log in with
// AUTH PLAIN, which net/smtp refuses to send unencrypted except to localhost.
type SMTP struct {
	Host     string
	Port     string
	Implicit bool // smtps://
	User     string
	Password string
	From     *mail.Address
	// TLS, when set, is the TLS configuration (tests trust their own
	// certificate with it); nil verifies the server against the system's roots.
	TLS *tls.Config
	// Timeout bounds one delivery; 0 means 30 seconds.
	Timeout time.Duration
}

// ParseSMTP reads SMTP_URL (smtp://user:pass@host:587, smtps://host:465) and
// MAIL_FROM ("Portal <portal@example.org>" or an address).
func ParseSMTP(rawURL, from string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, errors.New("SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465")
	}
	s := &SMTP{Host: u.Hostname(), Port: u.Port(), Implicit: u.Scheme == "smtps"}
	if s.Port == "" {
		s.Port = "587"
		if s.Implicit {
			s.Port = "465"
		}
	}
	if u.User != nil {
		s.User = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	if from == "" {
		return nil, errors.New("MAIL_FROM is required with SMTP_URL: the address messages come from, e.g. portal@example.org")
	}
	if s.From, err = mail.ParseAddress(from); err != nil {
		return nil, fmt.Errorf("MAIL_FROM %q is not an e-mail address", from)
	}
	return s, nil
}

// Send delivers m: connect, STARTTLS when offered (or TLS from the start), log in
// when the URL has a user, then MAIL, RCPT, DATA and QUIT.
func (s *SMTP) Send(ctx context.Context, m Mail) error {
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	addr := net.JoinHostPort(s.Host, s.Port)
	tlsConf := s.tlsConfig()
	var d net.Dialer
	var conn net.Conn
	var err error
	if s.Implicit {
		conn, err = (&tls.Dialer{NetDialer: &d, Config: tlsConf}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return fmt.Errorf("connect to %s: %w", addr, err)
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	// A cancelled context (shutdown) ends the conversation at once.
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		return classify("greeting", err)
	}
	defer c.Close()
	if !s.Implicit {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(tlsConf); err != nil {
				return classify("STARTTLS", err)
			}
		}
	}
	if s.User != "" {
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, s.Host)); err != nil {
			return classify("AUTH", err)
		}
	}
	if err := c.Mail(s.From.Address); err != nil {
		return classify("MAIL FROM", err)
	}
	if err := c.Rcpt(m.To); err != nil {
		return classify("RCPT TO", err)
	}
	w, err := c.Data()
	if err != nil {
		return classify("DATA", err)
	}
	if _, err := w.Write(s.message(m)); err != nil {
		return classify("DATA", err)
	}
	if err := w.Close(); err != nil {
		return classify("DATA", err)
	}
	// The message is accepted; a failing QUIT does not make it unsent.
	_ = c.Quit()
	return nil
}

func (s *SMTP) tlsConfig() *tls.Config {
	if s.TLS != nil {
		c := s.TLS.Clone()
		if c.ServerName == "" {
			c.ServerName = s.Host
		}
		return c
	}
	return &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
}

// classify wraps err of an SMTP command; a 5xx answer is permanent.
func classify(cmd string, err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 {
		return fmt.Errorf("%s: %w: %w", cmd, ErrPermanent, err)
	}
	return fmt.Errorf("%s: %w", cmd, err)
}

// message is m as an RFC 5322 message: UTF-8 plain text, quoted-printable, with
// a Message-ID made from the outbox row so that a repeat is recognisable.
func (s *SMTP) message(m Mail) []byte {
	var b bytes.Buffer
	domain := "portal.invalid"
	if at := strings.LastIndexByte(s.From.Address, '@'); at >= 0 {
		domain = s.From.Address[at+1:]
	}
	to := mail.Address{Name: m.ToName, Address: m.To}
	hdr := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	hdr("From", s.From.String())
	hdr("To", to.String())
	hdr("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	hdr("Date", time.Now().Format(time.RFC1123Z))
	hdr("Message-ID", "<notification-"+strconv.FormatInt(m.ID, 10)+"@"+domain+">")
	hdr("MIME-Version", "1.0")
	hdr("Content-Type", "text/plain; charset=utf-8")
	hdr("Content-Transfer-Encoding", "quoted-printable")
	hdr("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	_, _ = qp.Write([]byte(strings.ReplaceAll(m.Body, "\n", "\r\n")))
	_ = qp.Close()
	return b.Bytes()
}

// Log "sends" by writing the message to the log: the portal without SMTP_URL
// (development, tests). The message then counts as sent.
type Log struct{ Log *slog.Logger }

// Send writes m to the log.
func (l Log) Send(_ context.Context, m Mail) error {
	l.Log.Info("e-mail (SMTP_URL is not set, so it is logged instead of sent)",
		"notification", m.ID, "to", m.To, "subject", m.Subject, "body", m.Body)
	return nil
}
