package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestConnFlood opens many more kept-alive connections than the cap, each
// after one request, and leaves them idle: the open count never passes the
// cap, the idle ones are closed, and real requests on new connections are
// still answered.
func TestConnFlood(t *testing.T) {
	const max, flood = 32, 400
	site := newSite(t, seedSnapshot(t))
	guard := NewConnGuard(max, 200*time.Millisecond)
	srv := &http.Server{Handler: site.Handler(), ConnState: guard.ConnState, IdleTimeout: time.Minute, ReadHeaderTimeout: 5 * time.Second}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Serve(guard.Listener(ln)) //nolint:errcheck // ends with Close
	defer srv.Close()
	go guard.Run(ctx, srv)
	addr := ln.Addr().String()

	var peak atomic.Int64
	stopWatch := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for {
			if n := int64(guard.Open()); n > peak.Load() {
				peak.Store(n)
			}
			select {
			case <-stopWatch:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()

	// The flood: each connection asks for one page, reads the answer and
	// stays open, idle.
	var conns []net.Conn
	var mu sync.Mutex
	var wg sync.WaitGroup
	var answered atomic.Int64
	for range flood {
		wg.Go(func() {
			c, err := net.DialTimeout("tcp", addr, 5*time.Second)
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			_ = c.SetDeadline(time.Now().Add(20 * time.Second))
			if _, err := io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
				return
			}
			if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil {
				resp.Body.Close()
				answered.Add(1)
			}
		})
	}
	// Real requests meanwhile, each on a new connection.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 20 * time.Second}
	for i := range 10 {
		resp, err := client.Get("http://" + addr + "/claims")
		if err != nil {
			t.Fatalf("real request %d during the flood: %v", i, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("real request %d during the flood = %d, want 200", i, resp.StatusCode)
		}
	}
	wg.Wait()
	close(stopWatch)
	<-watched
	for _, c := range conns {
		c.Close()
	}
	if p := peak.Load(); p > max {
		t.Errorf("%d connections open at once, want at most the cap %d", p, max)
	}
	if answered.Load() == 0 {
		t.Error("no flood connection was answered")
	}
	t.Logf("flood of %d: %d answered, peak %d open (cap %d)", flood, answered.Load(), peak.Load(), max)
}

// TestConnGuardShortensIdle: under the cap's half, an idle connection is
// kept; past it, the ones idle longer than ShortIdle are closed.
func TestConnGuardShortensIdle(t *testing.T) {
	site := newSite(t, seedSnapshot(t))
	guard := NewConnGuard(4, 100*time.Millisecond)
	srv := &http.Server{Handler: site.Handler(), ConnState: guard.ConnState, IdleTimeout: time.Minute}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(guard.Listener(ln)) //nolint:errcheck // ends with Close
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go guard.Run(ctx, srv)
	open := func() net.Conn {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") //nolint:errcheck // checked by the read
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return c
	}
	a := open()
	defer a.Close()
	time.Sleep(300 * time.Millisecond)
	if guard.Open() != 1 {
		t.Fatalf("one idle connection under half the cap: %d open, want 1", guard.Open())
	}
	b := open()
	defer b.Close()
	if !closedByServer(a) {
		t.Error("with half the cap open, a connection idle past ShortIdle was not closed")
	}
}

// TestSearchCap: with every search slot taken, /search answers 503 with
// Retry-After (HTML and JSON, never cached) at once, and answers again
// when a slot frees.
func TestSearchCap(t *testing.T) {
	site, root := searchSite(t, seedName, readSeed(t))
	for range cap(site.searches) {
		site.searches <- struct{}{}
	}
	for _, p := range []string{"/search?q=war", "/search.json?q=war"} {
		resp, err := http.Get(root + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" || resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s with the searches full = %d, Retry-After %q, Cache-Control %q; want 503, a Retry-After, no-store",
				p, resp.StatusCode, resp.Header.Get("Retry-After"), resp.Header.Get("Cache-Control"))
		}
		if !strings.Contains(strings.ToLower(string(body)), "busy") {
			t.Errorf("GET %s with the searches full says %.200q, want it to say busy", p, body)
		}
	}
	<-site.searches
	if resp, err := http.Get(root + "/search?q=war"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("GET /search with a slot free = %v, %v; want 200", resp.StatusCode, err)
	}
}

// TestSearchFlood: many searches at once get 200 or 503 with Retry-After,
// never a 500.
func TestSearchFlood(t *testing.T) {
	_, root := searchSite(t, seedName, readSeed(t))
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[int]int{}
	for i := range 200 {
		wg.Go(func() {
			resp, err := http.Get(root + fmt.Sprintf("/search?q=war+%d", i))
			if err != nil {
				return
			}
			resp.Body.Close()
			mu.Lock()
			defer mu.Unlock()
			counts[resp.StatusCode]++
			if resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") == "" {
				counts[-1]++
			}
		})
	}
	wg.Wait()
	for status, n := range counts {
		if status != http.StatusOK && status != http.StatusServiceUnavailable {
			t.Errorf("%d searches answered %d", n, status)
		}
	}
	if counts[-1] > 0 {
		t.Errorf("%d 503s without Retry-After", counts[-1])
	}
	t.Logf("answers: %v", counts)
}

// TestClientGone: a search whose client went away is logged at INFO, not
// as an error with a 500.
func TestClientGone(t *testing.T) {
	site, _ := searchSite(t, seedName, readSeed(t))
	logs := &syncBuffer{}
	site.log = slog.New(slog.NewTextHandler(logs, nil))
	h := site.routes()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/search?q=war", nil).WithContext(ctx))
	out := logs.String()
	if !strings.Contains(out, "level=INFO") || !strings.Contains(out, "client went away") || strings.Contains(out, "level=ERROR") {
		t.Errorf("a gone client's search logged:\n%s\nwant one INFO line saying the client went away", out)
	}
	if rec.Code == http.StatusInternalServerError {
		t.Errorf("a gone client's search answered 500")
	}
}

// TestRecovererClearsHeaders: a handler that set the headers of an answer
// and then panicked gives a 500 page with only the error page's headers
// (and the security headers); one that had already sent its status has
// its connection cut.
func TestRecovererClearsHeaders(t *testing.T) {
	site := newSite(t, seedSnapshot(t))
	site.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	h := site.middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "br")
		w.Header().Set("Etag", `"half"`)
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", "99999")
		if r.URL.Path == "/sent" {
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, "half an answer") //nolint:errcheck // a test
		}
		panic("boom")
	}))
	ts := httptest.NewServer(h)
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/x")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("panic = %d, want 500", resp.StatusCode)
	}
	for _, k := range []string{"Content-Encoding", "Etag"} {
		if v := resp.Header.Get(k); v != "" {
			t.Errorf("500 after a panic has %s: %q, want none", k, v)
		}
	}
	if ct := resp.Header.Get("Content-Type"); ct != contentHTML || resp.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("500 after a panic: Content-Type %q, CSP %q; want the error page's and the security headers", ct, resp.Header.Get("Content-Security-Policy"))
	}
	if !strings.Contains(string(body), "Something went wrong") {
		t.Errorf("500 after a panic says %.200q", body)
	}
	resp, err = http.Get(ts.URL + "/sent")
	if err == nil {
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if err == nil {
		t.Error("a panic after the status went out gave a complete answer, want a cut connection")
	}
}

// TestSearchNeverCached: with a Searcher, a search is answered as asked,
// never from the cache (nor by the fast path).
func TestSearchNeverCached(t *testing.T) {
	site, root := searchSite(t, seedName, readSeed(t))
	for range 2 {
		for _, p := range []string{"/search?q=war", "/search.json?q=war", "/search"} {
			if resp, err := http.Get(root + p); err == nil {
				resp.Body.Close()
			}
		}
	}
	for _, p := range []string{"/search", "/search.json"} {
		if _, ok := site.cache.get(p); ok {
			t.Errorf("the cache holds %s", p)
		}
	}
}

// TestConnGuardSilentAndHigh checks the rules TestConnGuardShortensIdle
// does not: from half the cap a new connection that sends nothing is closed
// after ShortIdle too; from three quarters keep-alives are off (the idle
// connections are closed at once, whatever ShortIdle, and each answer
// closes its connection), and they stay off until the count is back under
// half.
func TestConnGuardSilentAndHigh(t *testing.T) {
	start := func(shortIdle time.Duration) (*ConnGuard, string) {
		site := newSite(t, seedSnapshot(t))
		guard := NewConnGuard(4, shortIdle)
		srv := &http.Server{Handler: site.Handler(), ConnState: guard.ConnState, IdleTimeout: time.Minute}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go srv.Serve(guard.Listener(ln)) //nolint:errcheck // ends with Close
		ctx, cancel := context.WithCancel(context.Background())
		go guard.Run(ctx, srv)
		t.Cleanup(func() { cancel(); srv.Close() })
		return guard, ln.Addr().String()
	}
	dial := func(addr string) net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	// ask sends one request on c and reports whether the answer closes
	// the connection.
	ask := func(c net.Conn) bool {
		io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") //nolint:errcheck // checked by the read
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Close
	}

	// The silent connection comes first, so that it is past ShortIdle
	// before the other one is (closing that one first would leave the
	// count under half).
	guard, addr := start(100 * time.Millisecond)
	silent := dial(addr)
	time.Sleep(300 * time.Millisecond)
	if n := guard.Open(); n != 1 {
		t.Fatalf("%d connections open under half the cap, want the silent one", n)
	}
	if ask(dial(addr)) { // half the cap
		t.Fatal("under three quarters of the cap, the answer closed its connection")
	}
	if !closedByServer(silent) {
		t.Error("with half the cap open, a new connection silent past ShortIdle was not closed")
	}

	guard, addr = start(time.Minute)
	dial(addr) // two silent connections, younger than ShortIdle: kept
	dial(addr)
	b := dial(addr)
	ask(b) // three quarters of the cap: keep-alives go off
	if !closedByServer(b) {
		t.Fatal("with three quarters of the cap open, an idle connection was not closed at once")
	}
	time.Sleep(600 * time.Millisecond) // sweeps at half the cap
	if n := guard.Open(); n != 2 {
		t.Fatalf("%d connections open, want the 2 silent ones", n)
	}
	if !ask(dial(addr)) {
		t.Error("keep-alives came back on at half the cap; they stay off until the count is under half")
	}
}

// closedByServer reports whether the server closes c: a read ends in EOF
// before the deadline. The deadline is a bound for a loaded machine, not a
// measure; it is well under the minute of IdleTimeout these tests' servers
// keep an idle connection for, so a connection the guard left open fails.
func closedByServer(c net.Conn) bool {
	_ = c.SetReadDeadline(time.Now().Add(20 * time.Second))
	_, err := c.Read(make([]byte, 1))
	return errors.Is(err, io.EOF)
}
