package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"time"
)

// memSample is how often startMemProfile looks at the live heap.
const memSample = 200 * time.Millisecond

// startMemProfile watches the live heap (what the last collection found
// reachable) until stop is called, and then writes to path the heap
// profile taken when it was largest: what a run holds at its peak, which a
// profile at the end would miss. An empty path profiles nothing.
func startMemProfile(path string) (stop func() error, err error) {
	if path == "" {
		return func() error { return nil }, nil // no profile asked for
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("memory profile: %w", err)
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var (
		mu   sync.Mutex
		peak uint64
		best bytes.Buffer
	)
	look := func() {
		metrics.Read(sample)
		live := sample[0].Value.Uint64()
		mu.Lock()
		defer mu.Unlock()
		if live <= peak && best.Len() > 0 {
			return
		}
		peak = live
		best.Reset()
		_ = pprof.Lookup("heap").WriteTo(&best, 0) // a bytes.Buffer does not fail
	}
	stopLooking := every(memSample, look)
	return func() error {
		stopLooking()
		look()
		_, err := f.Write(best.Bytes())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("memory profile: %w", err)
		}
		return nil
	}, nil
}

// followLiveHeap keeps the runtime's soft memory limit a quarter above the
// live heap, and never under floor (the live heap is looked at every
// memSample), until stop is called: while the live heap is small the
// limit holds the heap close to floor; past four fifths of floor, the
// collector keeps a quarter of headroom rather than running all the time.
func followLiveHeap(floor int64) (stop func()) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	limit := floor
	return every(memSample, func() {
		metrics.Read(sample)
		want := max(floor, int64(sample[0].Value.Uint64())*5/4)
		if want != limit {
			limit = want
			debug.SetMemoryLimit(limit)
		}
	})
}

// every calls f every d, from a goroutine of its own, until stop is
// called; stop returns once f is no longer running.
func every(d time.Duration, f func()) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				f()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
