package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/sessions"

	"github.com/municipal-intl/portal/internal/i18n"
)

// RequestIDMiddleware gives every request a fresh random id, also sent back in the
// X-Request-Id header and shown on error pages, so a report can be matched to the log.
func RequestIDMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [8]byte
		_, _ = rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status   int
	bytes    int
	writeErr error
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	if err != nil && s.writeErr == nil {
		s.writeErr = err
	}
	return n, err
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// StatusClientClosed is the status logged for a request whose client closed the
// connection before it had its answer (nginx's 499). It is never sent.
const StatusClientClosed = 499

// AccessLog writes one structured line per request: id, method, path, status,
// duration. A request the client abandoned is logged at info as 499, not as a
// server error: it says nothing about the portal's health. Each observer (the
// metrics) is told the same status and duration.
func AccessLog(log *slog.Logger, observers ...func(r *http.Request, status int, d time.Duration)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rec := &statusRecorder{ResponseWriter: w}
			defer func() {
				// Also when a handler aborts the response (http.ErrAbortHandler).
				v := recover()
				status, d := Status(r, rec), time.Since(start)
				log.LogAttrs(r.Context(), slog.LevelInfo, "request",
					slog.String("request_id", RequestID(r.Context())),
					slog.String("method", r.Method),
					slog.String("path", r.URL.Path),
					slog.Int("status", status),
					slog.Int("bytes", rec.bytes),
					slog.Duration("duration", d),
				)
				for _, o := range observers {
					o(r, status, d)
				}
				if v != nil {
					panic(v)
				}
			}()
			next.ServeHTTP(rec, r)
		})
	}
}

// Status is the status to log for r once its handler has returned, as the
// AccessLog's writer recorded it: 499 when the client went away before its
// answer was complete.
func Status(r *http.Request, w http.ResponseWriter) int {
	rec, ok := w.(*statusRecorder)
	if !ok {
		return 0
	}
	if r.Context().Err() != nil && (rec.status == 0 || rec.writeErr != nil) {
		return StatusClientClosed
	}
	if rec.status == 0 {
		return http.StatusOK
	}
	return rec.status
}

// SecurityHeaders sets the headers every page carries: no framing, no sniffing, a
// strict content security policy (the public pages need no script at all).
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// SessionName is the cookie that holds the visitor's session.
const SessionName = "portal_session"

// Language picks the interface language: a valid ?lang= (remembered in the session),
// else the session's remembered choice, else Accept-Language.
func Language(cat *i18n.Catalogue, store sessions.Store, log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			lang := ""
			sess, err := store.Get(r, SessionName)
			if err != nil {
				// A cookie signed with an old key: start afresh rather than fail the page.
				log.Debug("session cookie ignored", "err", err)
			}
			if q := r.URL.Query().Get("lang"); i18n.IsSupported(q) {
				lang = q
				if sess != nil && sess.Values["lang"] != q {
					sess.Values["lang"] = q
					if err := sess.Save(r, w); err != nil {
						log.Warn("save language choice", "err", err)
					}
				}
			} else if sess != nil {
				if s, ok := sess.Values["lang"].(string); ok && i18n.IsSupported(s) {
					lang = s
				}
			}
			if lang == "" {
				lang = cat.Negotiate(r.Header.Get("Accept-Language"))
			}
			w.Header().Add("Vary", "Accept-Language, Cookie")
			next.ServeHTTP(w, r.WithContext(WithLocalizer(r.Context(), cat.Localizer(lang))))
		})
	}
}
