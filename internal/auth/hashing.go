package auth

import (
	"context"
	"errors"
	"runtime"
	"time"
)

// ErrBusy reports that no password check could start within the wait: the
// sign-in is answered 503 with Retry-After.
var ErrBusy = errors.New("too many password checks at once")

// Hashing bounds the argon2id password checks that run at once. Each check
// holds 64 MiB for its duration, so without a bound a burst of anonymous
// sign-ins could exhaust the server's memory; with one slot (the default) a
// check still uses both cores (argon2 runs two lanes), so throughput is not lost.
type Hashing struct {
	slots chan struct{}
	wait  time.Duration
}

// Defaults of NewHashing(0, 0).
const (
	DefaultHashingSlots = 1
	DefaultHashingWait  = 5 * time.Second
)

// NewHashing allows slots checks at once; a check waits at most wait for a slot.
func NewHashing(slots int, wait time.Duration) *Hashing {
	if slots <= 0 {
		slots = DefaultHashingSlots
	}
	if wait <= 0 {
		wait = DefaultHashingWait
	}
	return &Hashing{slots: make(chan struct{}, slots), wait: wait}
}

// Do runs fn when a slot is free, or returns ErrBusy after the wait (or the
// context's error when the client went away).
func (h *Hashing) Do(ctx context.Context, fn func()) error {
	t := time.NewTimer(h.wait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
	case <-t.C:
		return ErrBusy
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-h.slots }()
	fn()
	// Collect the check's 64 MiB before the slot is given on: the next check
	// then reuses the same memory instead of growing the heap to the garbage
	// collector's target (twice the live heap), which would double the peak.
	runtime.GC()
	return nil
}
