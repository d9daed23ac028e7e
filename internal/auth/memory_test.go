package auth_test

import (
	"bufio"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/servertest"
)

// rss is the process's resident memory in bytes (Linux), or 0.
func rss() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// TestConcurrentSignInsBoundMemory follows finding 3: a burst of anonymous
// sign-ins (each argon2id check holds 64 MiB) keeps the process under 200 MB,
// because checks run one at a time; the excess waits or gets 503 with
// Retry-After. It runs alone (not parallel), so the sampled resident memory is
// this test's.
func TestConcurrentSignInsBoundMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: a burst of argon2id checks")
	}
	if rss() == 0 {
		t.Skip("no /proc/self/status to read memory from")
	}
	srv, _ := servertest.New(t)
	const burst = 16
	type form struct {
		c     *http.Client
		token string
	}
	var forms []form
	for range burst {
		c, tok := signInForm(t, srv.URL)
		forms = append(forms, form{c, tok})
	}
	debug.FreeOSMemory()
	base := rss()
	var peak atomic.Int64
	peak.Store(base)
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			if m := rss(); m > peak.Load() {
				peak.Store(m)
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	statuses := make([]int, burst)
	retry := make([]string, burst)
	var wg sync.WaitGroup
	start := time.Now()
	for i, f := range forms {
		wg.Go(func() {
			res := servertest.Post(t, f.c, srv.URL+"/staff/sign-in", url.Values{"csrf": {f.token},
				"email": {"nobody" + strconv.Itoa(i) + "@example.org"}, "password": {"wrong password " + strconv.Itoa(i)}})
			res.Body.Close()
			statuses[i], retry[i] = res.StatusCode, res.Header.Get("Retry-After")
		})
	}
	wg.Wait()
	close(done)
	<-sampled
	elapsed := time.Since(start)
	const limit = 200 << 20
	t.Logf("%d concurrent anonymous sign-ins in %v: resident memory %d MiB before, peak %d MiB; statuses %v",
		burst, elapsed.Round(time.Millisecond), base>>20, peak.Load()>>20, statuses)
	if peak.Load() >= limit {
		t.Errorf("peak resident memory %d MiB, want under 200 MB", peak.Load()>>20)
	}
	for i, s := range statuses {
		switch s {
		case http.StatusUnprocessableEntity:
		case http.StatusServiceUnavailable:
			if n, err := strconv.Atoi(retry[i]); err != nil || n < 1 {
				t.Errorf("503 with Retry-After %q", retry[i])
			}
		default:
			t.Errorf("status %d", s)
		}
	}
}
