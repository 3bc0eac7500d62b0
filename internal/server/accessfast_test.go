package server

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestAccessLogHandlerMatchesSlog checks that the fast access record is
// byte for byte what slog's own text and JSON handlers write for the same
// record, for plain values and for values that need quoting (which take
// slog's path).
func TestAccessLogHandlerMatchesSlog(t *testing.T) {
	at := time.Date(2026, 11, 26, 13, 4, 5, 6_007_008, time.UTC)
	cases := []struct {
		method, path, enc, remote string
		status, n                 int
		d                         time.Duration
	}{
		{"GET", "/claims", "gzip", "127.0.0.1:4242", 200, 1234, 1234567 * time.Nanosecond},
		{"HEAD", "/p/4.json", "", "[::1]:80", 304, 0, 999 * time.Nanosecond},
		{"GET", "/", "br", "10.0.0.1:1", 200, 5, 12 * time.Microsecond},
		{"POST", "/a=b", "", "x:1", 405, 77, 0},
		{"GET", "/with space/\"quote\"\\", "", "x:1", 404, 1, time.Second},
		{"GET", "/é/\u2028/\x00/\xff", "", "x:1", 404, 1, 90*time.Minute + 3*time.Millisecond},
		{"GET", "", "", "", 404, 1, -time.Millisecond},
	}
	for _, json := range []bool{false, true} {
		for _, c := range cases {
			var got, want bytes.Buffer
			NewAccessLogHandler(&got, json).logRequest(context.Background(), at, c.method, c.path, c.status, c.n, c.enc, c.d, c.remote)
			var ref slog.Handler = slog.NewTextHandler(&want, nil)
			if json {
				ref = slog.NewJSONHandler(&want, nil)
			}
			r := slog.NewRecord(at, slog.LevelInfo, "request", 0)
			r.AddAttrs(requestAttrs(c.method, c.path, c.status, c.n, c.enc, c.d, c.remote)...)
			if err := ref.Handle(context.Background(), r); err != nil {
				t.Fatal(err)
			}
			// A record on slog's path has the time of the call, not at.
			g, w := got.String(), want.String()
			if !plain(c.path) || c.path == "" {
				g, w = dropTime(g), dropTime(w)
			}
			if g != w {
				t.Errorf("json=%v %q:\n got %s\nwant %s", json, c.path, g, w)
			}
		}
	}
}

// dropTime removes the time from a text or JSON record.
func dropTime(line string) string {
	if strings.HasPrefix(line, "{") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			return "bad JSON: " + line
		}
		delete(m, "time")
		b, _ := json.Marshal(m)
		return string(b)
	}
	_, rest, _ := strings.Cut(line, " ")
	return rest
}

// TestAppendDuration checks appendDuration against Duration.String.
func TestAppendDuration(t *testing.T) {
	for _, d := range []time.Duration{0, 1, 999, 1000, 1001, 1500, 999_999, 1_000_000, 1_234_567, 59 * time.Second,
		61*time.Second + 5, 3*time.Hour + 2*time.Minute, -1, -1_500_000, 1<<63 - 1, -1 << 63} {
		if got := string(appendDuration([]byte("x"), d)); got != "x"+d.String() {
			t.Errorf("appendDuration(%d) = %q, want %q", int64(d), got, "x"+d.String())
		}
	}
}

// TestAccessLogFast checks the records the served site writes through an
// AccessLogHandler, in text.
func TestAccessLogFast(t *testing.T) {
	var buf bytes.Buffer
	lw := NewLogWriter(&buf, time.Hour)
	site, err := NewSite(seedSnapshot(t), Options{BaseURL: testBase, AccessLog: slog.New(NewAccessLogHandler(lw, false)), Compression: CompressFast})
	if err != nil {
		t.Fatal(err)
	}
	ts := serve(t, site)
	req, _ := http.NewRequest("GET", ts.URL+"/claims", nil)
	req.Header.Set("Accept-Encoding", "br")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	body.ReadFrom(resp.Body) //nolint:errcheck // checked by its length below
	resp.Body.Close()
	fetch(t, http.DefaultClient, ts.URL, "/nope")
	if err := lw.Close(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("access log has %d lines, want 2:\n%s", len(lines), buf.String())
	}
	want := "level=INFO msg=request method=GET path=/claims status=200 bytes=" + itoa(body.Len()) + " encoding=br duration="
	if !strings.HasPrefix(dropTime(lines[0]), want) || !strings.Contains(lines[0], " remote=127.0.0.1:") {
		t.Errorf("access log record %s, want %s…", lines[0], want)
	}
	if want := "level=INFO msg=request method=GET path=/nope status=404 "; !strings.HasPrefix(dropTime(lines[1]), want) {
		t.Errorf("access log record %s, want %s…", lines[1], want)
	}
}
