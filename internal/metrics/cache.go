package metrics

import "github.com/prometheus/client_golang/prometheus"

// CacheStats is what a cache reports at each scrape: its counters since start
// and its present size.
type CacheStats struct {
	Hits, Misses uint64 // since the process started
	Entries      int    // entries held now
	Bytes        int64  // bytes held now
}

// RegisterCache reports a cache's hits, misses, entries and bytes, labelled
// cache=name (e.g. "pages"). stats is called at every scrape and must be cheap
// and safe to call from another goroutine (atomic counters).
func (m *Metrics) RegisterCache(name string, stats func() CacheStats) error {
	return m.reg.Register(&cacheCollector{name: name, stats: stats})
}

type cacheCollector struct {
	name  string
	stats func() CacheStats
}

func cacheDesc(name, help string) *prometheus.Desc {
	return prometheus.NewDesc("portal_cache_"+name, help, []string{"cache"}, nil)
}

var (
	descHits    = cacheDesc("hits_total", "Requests answered from the cache.")
	descMisses  = cacheDesc("misses_total", "Requests the cache could not answer.")
	descEntries = cacheDesc("entries", "Entries held.")
	descBytes   = cacheDesc("bytes", "Bytes held.")
)

func (c *cacheCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- descHits
	ch <- descMisses
	ch <- descEntries
	ch <- descBytes
}

func (c *cacheCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.stats()
	ch <- prometheus.MustNewConstMetric(descHits, prometheus.CounterValue, float64(s.Hits), c.name)
	ch <- prometheus.MustNewConstMetric(descMisses, prometheus.CounterValue, float64(s.Misses), c.name)
	ch <- prometheus.MustNewConstMetric(descEntries, prometheus.GaugeValue, float64(s.Entries), c.name)
	ch <- prometheus.MustNewConstMetric(descBytes, prometheus.GaugeValue, float64(s.Bytes), c.name)
}

// RegisterGauge reports a value computed at each scrape, such as the backlog of
// an outbox (name "portal_outbox_pending"). fn must answer quickly: a scrape
// waits for it.
func (m *Metrics) RegisterGauge(name, help string, fn func() float64) error {
	return m.reg.Register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, fn))
}
