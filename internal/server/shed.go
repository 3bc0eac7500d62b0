package server

import (
	"context"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/netutil"
)

// ConnGuard keeps a server up under a flood of connections. It caps the
// connections open at once (Listener: past the cap, new connections wait
// in the kernel's queue until one closes), and shortens idle timeouts as
// the count rises (ConnState and Run):
//
//   - below half the cap, nothing changes (the server's IdleTimeout);
//   - from half the cap, a kept-alive connection idle for more than
//     ShortIdle, or a new one that has sent nothing for that long, is
//     closed;
//   - from three quarters, keep-alives are turned off as well (every idle
//     connection is closed at once, and each answer closes its
//     connection), until the count falls below half again.
//
// So idle connections cannot hold the slots that real requests need, and
// file descriptors stay within the cap.
type ConnGuard struct {
	// Max is the cap on open connections.
	Max int
	// ShortIdle is the idle timeout under pressure.
	ShortIdle time.Duration

	// open counts the connections accepted and not yet closed.
	open atomic.Int64

	mu    sync.Mutex
	conns map[*countConn]struct{} // the open connections
	// off is true while keep-alives are turned off.
	off bool
}

// NewConnGuard returns a guard with the cap max and the short idle timeout
// shortIdle.
func NewConnGuard(max int, shortIdle time.Duration) *ConnGuard {
	return &ConnGuard{Max: max, ShortIdle: shortIdle, conns: make(map[*countConn]struct{})}
}

// Listener returns ln capped at g.Max open connections, counted by g.
func (g *ConnGuard) Listener(ln net.Listener) net.Listener {
	return &countListener{Listener: netutil.LimitListener(ln, g.Max), g: g}
}

// countListener counts the connections it accepted that are still open.
type countListener struct {
	net.Listener
	g *ConnGuard
}

func (l *countListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.g.open.Add(1)
	cc := &countConn{Conn: c, g: l.g}
	cc.since.Store(time.Now().UnixNano()) // http.StateNew is 0
	l.g.mu.Lock()
	l.g.conns[cc] = struct{}{}
	l.g.mu.Unlock()
	return cc, nil
}

// countConn uncounts itself when first closed. It holds its http.ConnState
// and since when, kept by ConnState without a lock: the hook runs twice a
// request.
type countConn struct {
	net.Conn
	g     *ConnGuard
	once  sync.Once
	state atomic.Int32 // an http.ConnState
	since atomic.Int64 // Unix nanoseconds
}

func (c *countConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		c.g.open.Add(-1)
		c.g.mu.Lock()
		delete(c.g.conns, c)
		c.g.mu.Unlock()
	})
	return err
}

// ConnState is the http.Server ConnState hook that tracks the state of the
// connections from Listener (others it ignores).
func (g *ConnGuard) ConnState(c net.Conn, st http.ConnState) {
	if cc, ok := c.(*countConn); ok {
		cc.state.Store(int32(st))
		cc.since.Store(time.Now().UnixNano())
	}
}

// Open returns the number of connections open now.
func (g *ConnGuard) Open() int { return int(g.open.Load()) }

// Run applies the shortened timeouts to srv every tenth of ShortIdle (at
// most every 250 ms) until ctx is done.
func (g *ConnGuard) Run(ctx context.Context, srv *http.Server) {
	tick := min(g.ShortIdle/10, 250*time.Millisecond)
	if tick <= 0 {
		tick = 10 * time.Millisecond
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			g.sweep(srv, now)
		}
	}
}

// sweep closes the connections that have been idle too long for the
// pressure now, and turns keep-alives off or on.
func (g *ConnGuard) sweep(srv *http.Server, now time.Time) {
	n := g.Open()
	g.mu.Lock()
	var stale []*countConn
	high := n*4 >= g.Max*3
	if n*2 >= g.Max {
		for c := range g.conns {
			st := http.ConnState(c.state.Load())
			if (st == http.StateIdle || st == http.StateNew) && now.UnixNano()-c.since.Load() > int64(g.ShortIdle) {
				stale = append(stale, c)
			}
		}
	}
	turnOff, turnOn := high && !g.off, g.off && n*2 < g.Max
	if turnOff {
		g.off = true
	}
	if turnOn {
		g.off = false
	}
	g.mu.Unlock()
	// A deadline in the past ends the read the server is waiting in, and
	// the server closes the connection.
	for _, c := range stale {
		_ = c.SetReadDeadline(now)
	}
	if turnOff {
		srv.SetKeepAlivesEnabled(false) // also closes the idle connections
	}
	if turnOn {
		srv.SetKeepAlivesEnabled(true)
	}
}
