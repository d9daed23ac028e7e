package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestDeadline(t *testing.T) {
	t.Parallel()
	const d = 500 * time.Millisecond
	t.Run("a request that takes too long is cancelled with ErrTimeout", func(t *testing.T) {
		t.Parallel()
		var timedOut, gone bool
		h := Deadline(d)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
			timedOut, gone = TimedOut(r.Context()), ClientGone(r)
		}))
		start := time.Now()
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
		if took := time.Since(start); took < d || took > d+time.Second {
			t.Errorf("cancelled after %s, deadline %s", took, d)
		}
		if !timedOut || gone {
			t.Errorf("TimedOut %v, ClientGone %v", timedOut, gone)
		}
	})
	t.Run("a client that goes away is not a timeout", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		var timedOut, gone bool
		h := Deadline(d)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			cancel()
			<-r.Context().Done()
			timedOut, gone = TimedOut(r.Context()), ClientGone(r)
		}))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx))
		if timedOut || !gone {
			t.Errorf("TimedOut %v, ClientGone %v", timedOut, gone)
		}
	})
	t.Run("a download extended per chunk outlives the deadline", func(t *testing.T) {
		t.Parallel()
		var alive bool
		h := Deadline(d)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for range 8 { // 8 × 100 ms: longer than the deadline in total
				time.Sleep(100 * time.Millisecond)
				_, _ = w.Write([]byte("chunk\n"))
				ExtendDeadline(r.Context(), w)
			}
			alive = r.Context().Err() == nil
		}))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
		if !alive {
			t.Error("cancelled although each chunk came within the deadline")
		}
	})
	t.Run("an upload that keeps arriving outlives the deadline", func(t *testing.T) {
		t.Parallel()
		pr, pw := io.Pipe()
		go func() {
			for range 8 {
				time.Sleep(100 * time.Millisecond)
				_, _ = pw.Write([]byte("part of a file\n"))
			}
			pw.Close()
		}()
		var alive bool
		var n int
		h := Deadline(d)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			n, alive = len(b), r.Context().Err() == nil
		}))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/", pr))
		if !alive || n != 8*15 {
			t.Errorf("alive %v after reading %d bytes", alive, n)
		}
	})
}
