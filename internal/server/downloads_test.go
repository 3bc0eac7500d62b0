package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/store"
)

// smallBuffers is a listener whose connections have a small send buffer,
// so that a download is held up by a client that reads slowly instead of
// vanishing into the kernel's buffers.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(4 << 10)
	}
	return c, err
}

// slowClient is an HTTP client without compression whose connections have
// a small receive buffer.
func slowClient() *http.Client {
	d := &net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		var err error
		if cerr := c.Control(func(fd uintptr) {
			err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4<<10)
		}); cerr != nil {
			return cerr
		}
		return err
	}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext, DisableCompression: true}}
}

// TestDownloadOutlastsWriteTimeout: on a real server on loopback whose
// WriteTimeout is shorter than a download takes, a client that keeps
// reading (slowly: the pauses between its reads add up to several times
// the timeout) gets the whole file, since each chunk moves the write
// deadline on; a client that stops reading is cut off, and its connection
// closed, once a write has waited the timeout.
func TestDownloadOutlastsWriteTimeout(t *testing.T) {
	const (
		timeout = 400 * time.Millisecond
		chunk   = 8 << 10
		pause   = 10 * time.Millisecond
	)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "argmap.db")
	ingestText(t, path, "long.txt", longEssay(3000))
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var logs syncBuffer
	site, err := NewServingSite(ctx, db, Options{BaseURL: testBase, Compression: CompressFast, WriteTimeout: timeout,
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	const p = "/sentences.csv"
	if !site.streams(p) {
		t.Fatalf("%s is not streamed for a long essay", p)
	}
	want, _, ok := site.Body(p)
	if !ok {
		t.Fatalf("no body for %s", p)
	}
	// The pauses alone take this long: well over the timeout.
	if reads := len(want) / chunk; time.Duration(reads)*pause < 4*timeout {
		t.Fatalf("%s is %d bytes: too short to outlast the timeout at %d bytes every %v", p, len(want), chunk, pause)
	}

	// closed receives the client address of each connection the server
	// closes.
	closed := make(chan string, 16)
	ts := httptest.NewUnstartedServer(site.Handler())
	ts.Listener = smallBuffers{ts.Listener}
	ts.Config.WriteTimeout = timeout
	ts.Config.ConnState = func(c net.Conn, s http.ConnState) {
		if s == http.StateClosed {
			closed <- c.RemoteAddr().String()
		}
	}
	ts.Start()
	defer ts.Close()

	t.Run("reading", func(t *testing.T) {
		c := slowClient()
		defer c.CloseIdleConnections()
		resp, err := c.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var got bytes.Buffer
		buf := make([]byte, chunk)
		for {
			n, err := io.ReadFull(resp.Body, buf)
			got.Write(buf[:n])
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				break
			}
			if err != nil {
				t.Fatalf("after %d of %d bytes: %v", got.Len(), len(want), err)
			}
			time.Sleep(pause)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("read slowly: %d bytes, want the whole %d", got.Len(), len(want))
		}
	})

	t.Run("stalled", func(t *testing.T) {
		c := slowClient()
		defer c.CloseIdleConnections()
		var local string
		trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) { local = info.Conn.LocalAddr().String() }}
		req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodGet, ts.URL+p, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		head := make([]byte, chunk)
		if _, err := io.ReadFull(resp.Body, head); err != nil {
			t.Fatal(err)
		}
		// Stop reading until the server gives up on this connection.
		for gone := false; !gone; {
			select {
			case addr := <-closed:
				gone = addr == local
			case <-time.After(time.Minute):
				t.Fatal("the server still holds a connection that stopped reading")
			}
		}
		rest, err := io.ReadAll(resp.Body)
		if err == nil {
			t.Errorf("a client that stopped reading got the whole download (%d bytes) with no error", len(head)+len(rest))
		}
		if n := len(head) + len(rest); n >= len(want) {
			t.Errorf("a client that stopped reading got %d of %d bytes", n, len(want))
		}
		if !strings.Contains(logs.String(), "client went away") {
			t.Errorf("the cut-off download was not logged as a client that went away:\n%s", logs.String())
		}
	})
}
