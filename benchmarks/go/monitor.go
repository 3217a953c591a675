package main

// The Go baseline for primary monitoring, behaving like litefs-go's PrimaryMonitor at bcdba8b
// (see events.go for why it is not litefs-go itself): one goroutine calls Next in a loop that
// never waits and never ends; an error is stored, a state from an init or primaryChange event
// replaces the stored one. While the node is down every turn of the loop is a new connection
// attempt, with no backoff: that is the behaviour P5 measures.

import (
	"sync"
	"time"
)

// Monitor follows the primary status of one node.
type Monitor struct {
	sub   *Subscription
	ready chan struct{}

	mu        sync.RWMutex
	isPrimary bool
	hostname  string
	err       error

	// onChange, when set, is called with the wall-clock time at which the monitor stored a new
	// state (benchmark instrumentation: litefs-go has no callback, its users poll Hostname()).
	onChange func(at time.Time, isPrimary bool, hostname string)
	// onError, when set, is called on each error stored.
	onError func(at time.Time, err error)
}

// MonitorPrimary starts a monitor of the node behind sub.
func MonitorPrimary(sub *Subscription, onChange func(time.Time, bool, string), onError func(time.Time, error)) *Monitor {
	m := &Monitor{sub: sub, ready: make(chan struct{}), onChange: onChange, onError: onError}
	go m.run()
	return m
}

func (m *Monitor) run() {
	first := true
	for {
		e, err := m.sub.Next()
		if err != nil {
			m.setErr(err)
		} else {
			switch d := e.Data.(type) {
			case *InitData:
				m.set(d.IsPrimary, d.Hostname)
			case *PrimaryChangeData:
				m.set(d.IsPrimary, d.Hostname)
			}
		}
		if first {
			close(m.ready)
			first = false
		}
	}
}

func (m *Monitor) set(isPrimary bool, hostname string) {
	at := time.Now()
	m.mu.Lock()
	m.isPrimary = isPrimary
	m.hostname = hostname
	m.err = nil
	m.mu.Unlock()
	if m.onChange != nil {
		m.onChange(at, isPrimary, hostname)
	}
}

func (m *Monitor) setErr(err error) {
	at := time.Now()
	m.mu.Lock()
	m.err = err
	m.mu.Unlock()
	if m.onError != nil {
		m.onError(at, err)
	}
}

// Hostname returns the last known primary hostname and the last error.
func (m *Monitor) Hostname() (string, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.hostname, m.err
}
