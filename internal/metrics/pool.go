package metrics

import (
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// RegisterPool reports a pgxpool's statistics, labelled pool=name ("primary",
// "read"). Acquire waits (portal_db_pool_empty_acquire_total rising,
// portal_db_pool_acquired_conns at max) mean requests queue for connections.
func (m *Metrics) RegisterPool(name string, pool *pgxpool.Pool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pools == nil {
		m.pools = &poolCollector{}
		if err := m.reg.Register(m.pools); err != nil {
			return err
		}
	}
	m.pools.add(name, pool)
	return nil
}

// poolCollector reports every registered pool: one collector, since the
// registry allows each metric name to be described once.
type poolCollector struct {
	mu    sync.Mutex
	names []string
	pools []*pgxpool.Pool
}

func (c *poolCollector) add(name string, pool *pgxpool.Pool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.names = append(c.names, name)
	c.pools = append(c.pools, pool)
}

func poolDesc(name, help string) *prometheus.Desc {
	return prometheus.NewDesc("portal_db_pool_"+name, help, []string{"pool"}, nil)
}

var (
	descAcquired     = poolDesc("acquired_conns", "Connections in use by requests.")
	descIdle         = poolDesc("idle_conns", "Connections open and idle.")
	descTotal        = poolDesc("total_conns", "Connections open (acquired, idle and being opened).")
	descConstructing = poolDesc("constructing_conns", "Connections being opened.")
	descMax          = poolDesc("max_conns", "The pool's limit (DB_MAX_CONNS).")
	descAcquires     = poolDesc("acquires_total", "Connections handed out.")
	descAcquireSecs  = poolDesc("acquire_seconds_total", "Time spent handing out connections, waits included.")
	descEmpty        = poolDesc("empty_acquire_total", "Acquires that had to wait because no connection was idle.")
	descEmptyWait    = poolDesc("empty_acquire_wait_seconds_total", "Time spent waiting for a connection when none was idle.")
	descCanceled     = poolDesc("canceled_acquire_total", "Acquires given up because the request was cancelled or ran out of time.")
	descNew          = poolDesc("new_conns_total", "Connections opened.")
	descLifetime     = poolDesc("max_lifetime_destroy_total", "Connections closed for reaching DB_MAX_CONN_LIFETIME.")
	descIdleDestroy  = poolDesc("max_idle_destroy_total", "Connections closed for idling longer than DB_MAX_CONN_IDLE.")
)

func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descAcquired, descIdle, descTotal, descConstructing, descMax,
		descAcquires, descAcquireSecs, descEmpty, descEmptyWait, descCanceled, descNew, descLifetime, descIdleDestroy} {
		ch <- d
	}
}

func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	names, pools := c.names, c.pools
	c.mu.Unlock()
	for i, p := range pools {
		collectPool(ch, names[i], p)
	}
}

func collectPool(ch chan<- prometheus.Metric, name string, pool *pgxpool.Pool) {
	s := pool.Stat()
	gauge := func(d *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, name)
	}
	counter := func(d *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, name)
	}
	gauge(descAcquired, float64(s.AcquiredConns()))
	gauge(descIdle, float64(s.IdleConns()))
	gauge(descTotal, float64(s.TotalConns()))
	gauge(descConstructing, float64(s.ConstructingConns()))
	gauge(descMax, float64(s.MaxConns()))
	counter(descAcquires, float64(s.AcquireCount()))
	counter(descAcquireSecs, s.AcquireDuration().Seconds())
	counter(descEmpty, float64(s.EmptyAcquireCount()))
	counter(descEmptyWait, s.EmptyAcquireWaitTime().Seconds())
	counter(descCanceled, float64(s.CanceledAcquireCount()))
	counter(descNew, float64(s.NewConnsCount()))
	counter(descLifetime, float64(s.MaxLifetimeDestroyCount()))
	counter(descIdleDestroy, float64(s.MaxIdleDestroyCount()))
}
