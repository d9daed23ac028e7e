package tripweb_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"

	"github.com/municipal-intl/portal/internal/demo"
	"github.com/municipal-intl/portal/internal/servertest"
)

// BenchmarkTripsCSV downloads the CSV of Stuttgart with demo data of 500 and 2,000
// trips. Besides ns/op and B/op (which grow with the rows: each row's strings are
// allocated and dropped) it reports the bytes allocated per row, the size of the
// file and the live heap half-way through a download: that must not grow with the
// number of rows, since rows stream from PostgreSQL to the client.
func BenchmarkTripsCSV(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run(fmt.Sprintf("trips=%d", n), func(b *testing.B) {
			srv, pool := servertest.New(b)
			if _, err := demo.Load(context.Background(), pool, demo.Options{Trips: n, Seed: 7, Now: servertest.Now}); err != nil {
				b.Fatal(err)
			}
			var rows int
			if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM trip t JOIN municipality m ON m.id = t.municipality_id
WHERE m.slug = 'stuttgart' AND t.status = 'published' AND t.archived_at IS NULL`).Scan(&rows); err != nil {
				b.Fatal(err)
			}
			client := srv.Client()
			url := srv.URL + "/m/stuttgart/trips.csv"
			var size int64
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res, err := client.Get(url)
				if err != nil {
					b.Fatal(err)
				}
				if size, err = io.Copy(io.Discard, res.Body); err != nil {
					b.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("status %d", res.StatusCode)
				}
			}
			b.StopTimer()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64(size)/1024, "file-KiB")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(rows), "B/row")
			b.ReportMetric(float64(odLiveHeapMidway(b, srv.Config.Handler, url, size))/1024, "live-heap-midway-KiB")
		})
	}
}

// odLiveHeapMidway serves a download of size bytes straight into a writer that,
// half-way through, collects garbage and measures how much more heap is live than
// before the request. It measures inside the handler's own Write call, so the
// handler is paused and none of its garbage counts; over a network connection the
// kernel's socket buffers would swallow much of the file and hide a handler that
// buffers it.
func odLiveHeapMidway(b *testing.B, h http.Handler, url string, size int64) int64 {
	req := httptest.NewRequest(http.MethodGet, url, nil)
	w := &odHeapWriter{header: http.Header{}, at: size / 2}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	w.base = ms.HeapAlloc
	h.ServeHTTP(w, req)
	if w.status != http.StatusOK || w.n != size || !w.measured {
		b.Fatalf("status %d, %d of %d bytes, measured %v", w.status, w.n, size, w.measured)
	}
	return w.live
}

type odHeapWriter struct {
	header   http.Header
	status   int
	n, at    int64
	base     uint64
	live     int64
	measured bool
}

func (w *odHeapWriter) Header() http.Header { return w.header }

func (w *odHeapWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *odHeapWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.n += int64(len(p))
	if !w.measured && w.n >= w.at {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		w.live, w.measured = int64(ms.HeapAlloc)-int64(w.base), true
	}
	return len(p), nil
}
