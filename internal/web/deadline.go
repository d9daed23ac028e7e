package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"
)

// ErrTimeout is the cause of a request's context when the request ran out of
// time (REQUEST_TIMEOUT). A request whose client went away is cancelled with
// context.Canceled instead, so the two can be told apart.
var ErrTimeout = errors.New("request deadline exceeded")

// DefaultRequestTimeout is how long a request may take when no other is set.
const DefaultRequestTimeout = 5 * time.Second

// RetryAfter is the Retry-After (seconds) of a 503 for a database that could not
// answer in time: long enough for a restart or fail-over, short enough for a reader.
const RetryAfter = "5"

type deadlineKey struct{}

// deadline cancels a request's context when its time is up; a streamed response
// extends it per chunk.
type deadline struct {
	d     time.Duration
	timer *time.Timer
}

// Deadline bounds every request to d: its context is cancelled with ErrTimeout
// when d has passed, and every database call made with it stops then. A
// streamed download calls ExtendDeadline after each chunk, so it is bounded per
// chunk rather than in total.
func Deadline(d time.Duration) func(http.Handler) http.Handler {
	if d <= 0 {
		d = DefaultRequestTimeout
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithCancelCause(r.Context())
			dl := &deadline{d: d, timer: time.AfterFunc(d, func() { cancel(ErrTimeout) })}
			defer cancel(nil)
			defer dl.timer.Stop()
			if r.Body != nil && r.Body != http.NoBody {
				// An upload is bounded per chunk received, as a download per chunk sent.
				r.Body = &extendingBody{ReadCloser: r.Body, ctx: ctx, dl: dl}
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, deadlineKey{}, dl)))
		})
	}
}

// extendingBody gives the request its full time again whenever a chunk of its
// body arrives, so a large upload on a slow line is not cut off while it moves.
type extendingBody struct {
	io.ReadCloser
	ctx context.Context
	dl  *deadline
}

func (b *extendingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 && b.ctx.Err() == nil {
		b.dl.timer.Reset(b.dl.d)
	}
	return n, err
}

// ExtendDeadline gives the request in ctx its full time again from now, and the
// connection as long to take the next bytes. Streamed downloads call it after
// each chunk they send. It does nothing once the deadline has passed.
func ExtendDeadline(ctx context.Context, w http.ResponseWriter) {
	dl, ok := ctx.Value(deadlineKey{}).(*deadline)
	if !ok || ctx.Err() != nil {
		return
	}
	dl.timer.Reset(dl.d)
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(dl.d))
}

// TimedOut reports whether ctx was cancelled because its request ran out of time.
func TimedOut(ctx context.Context) bool {
	return ctx.Err() != nil && errors.Is(context.Cause(ctx), ErrTimeout)
}

// ClientGone reports whether the client of r closed the connection before the
// answer was complete: nothing more can reach it.
func ClientGone(r *http.Request) bool {
	ctx := r.Context()
	return ctx.Err() != nil && !errors.Is(context.Cause(ctx), ErrTimeout)
}
