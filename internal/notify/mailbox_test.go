package notify_test

import (
	"bytes"
	"crypto/tls"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// received is one message as the test's SMTP server got it.
type received struct {
	From, To  string
	MessageID string
	Subject   string
	Body      string
	TLS       bool
	User      string
}

// mailbox is a real SMTP server (go-smtp) on 127.0.0.1 that keeps what it
// receives; it can be stopped and started again on the same port (an outage).
type mailbox struct {
	t        *testing.T
	addr     string
	tls      *tls.Config // offered with STARTTLS when set
	implicit bool        // TLS from the start
	user     string      // AUTH PLAIN required when set
	pass     string
	delay    time.Duration // per message, to widen races

	mu   sync.Mutex
	msgs []received
	srv  *smtp.Server
	ln   net.Listener
}

func startMailbox(t *testing.T, configure func(*mailbox)) *mailbox {
	t.Helper()
	m := &mailbox{t: t, addr: "127.0.0.1:0"}
	if configure != nil {
		configure(m)
	}
	m.start()
	t.Cleanup(m.stop)
	return m
}

func (m *mailbox) start() {
	m.t.Helper()
	var ln net.Listener
	var err error
	for range 50 { // the port of a stopped server may take a moment to be free again
		if m.implicit {
			ln, err = tls.Listen("tcp", m.addr, m.tls)
		} else {
			ln, err = net.Listen("tcp", m.addr)
		}
		if err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		m.t.Fatalf("mailbox: listen on %s: %v", m.addr, err)
	}
	m.addr = ln.Addr().String()
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{box: m, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.ErrorLog = discardLogger{}
	if !m.implicit {
		srv.TLSConfig = m.tls
	}
	m.mu.Lock()
	m.srv, m.ln = srv, ln
	m.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
}

// stop closes the server: connections are refused until start.
func (m *mailbox) stop() {
	m.mu.Lock()
	srv, ln := m.srv, m.ln
	m.srv, m.ln = nil, nil
	m.mu.Unlock()
	if srv != nil {
		// The listener too: Serve may not have taken it yet.
		_ = ln.Close()
		_ = srv.Close()
	}
}

func (m *mailbox) port() string {
	_, p, _ := net.SplitHostPort(m.addr)
	return p
}

// messages returns what the server has received so far.
func (m *mailbox) messages() []received {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]received(nil), m.msgs...)
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}
func (discardLogger) Println(...any)        {}

type session struct {
	box  *mailbox
	conn *smtp.Conn
	user string
	msg  received
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.box.user || pass != s.box.pass {
			// What real servers answer (RFC 4954): 535, permanent.
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "invalid credentials"}
		}
		s.user = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.box.user != "" && s.user == "" {
		return smtp.ErrAuthRequired
	}
	s.msg = received{From: from}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.msg.To = to
	return nil
}

func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return err
	}
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		return err
	}
	time.Sleep(s.box.delay)
	s.msg.MessageID = msg.Header.Get("Message-ID")
	s.msg.Subject = subject
	s.msg.Body = strings.ReplaceAll(string(body), "\r\n", "\n")
	_, s.msg.TLS = s.conn.TLSConnectionState()
	s.msg.User = s.user
	s.box.mu.Lock()
	s.box.msgs = append(s.box.msgs, s.msg)
	s.box.mu.Unlock()
	return nil
}

func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }
