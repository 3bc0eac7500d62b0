package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/store"
)

// BenchmarkHandler serves each kind of page through the whole handler
// (router, middleware, encoding choice), without the network: what one
// request costs argmap on top of writing the bytes.
func BenchmarkHandler(b *testing.B) {
	site := builtSite(b)
	h := site.Handler()
	pid := site.firstPID()
	cid := ""
	for _, p := range site.Paths() {
		if strings.HasPrefix(p, "/claims/") && !strings.HasSuffix(p, ".json") {
			cid = strings.TrimPrefix(p, "/claims/")
			break
		}
	}
	if pid == "" || cid == "" {
		b.Fatal("the seed site has no paragraph or claim page")
	}
	tag := ask(h, "GET", "/").Header().Get("ETag")
	for _, bc := range []struct {
		name, path string
		hdr        []string
	}{
		{"essay", "/", nil},
		{"essay-br", "/", []string{"Accept-Encoding", "gzip, deflate, br"}},
		{"essay-304", "/", []string{"If-None-Match", tag}},
		{"paragraph", "/p/" + pid, nil},
		{"paragraph-json", "/p/" + pid + ".json", nil},
		{"claim", "/claims/" + cid, nil},
		{"claims", "/claims", nil},
		{"figures", "/figures", nil},
		{"map", "/map", nil},
		{"revisions", "/revisions", nil},
		{"essay-json", "/essay.json", nil},
		{"static", "/static/argmap.css", nil},
		{"healthz", "/healthz", nil},
		{"not-found", "/nope", nil},
		{"method-not-allowed", "/", []string{"method", "POST"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", bc.path, nil)
			for i := 0; i+1 < len(bc.hdr); i += 2 {
				if bc.hdr[i] == "method" {
					req.Method = bc.hdr[i+1]
					continue
				}
				req.Header.Set(bc.hdr[i], bc.hdr[i+1])
			}
			w := &discardWriter{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, req)
			}
			b.SetBytes(int64(w.n) / int64(b.N))
		})
	}
}

// discardWriter is a ResponseWriter that counts and drops the body.
type discardWriter struct {
	h      http.Header
	n      int
	status int
}

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) WriteHeader(status int)      { d.status = status }
func (d *discardWriter) Write(p []byte) (int, error) { d.n += len(p); return len(p), nil }

// BenchmarkNewSite renders and compresses the whole seed site, as serve
// does at start (best) and as tests do (fast).
func BenchmarkNewSite(b *testing.B) {
	snap := builtSnapshot(b)
	for _, c := range []struct {
		name string
		c    Compression
	}{{"best", CompressBest}, {"fast", CompressFast}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := NewSite(snap, Options{BaseURL: testBase, Compression: c.c}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkHandlerLogged serves / through the whole handler with an access
// log into a LogWriter (flushing to io.Discard), as `argmap serve` does:
// through slog's text handler and through an AccessLogHandler.
func BenchmarkHandlerLogged(b *testing.B) {
	snap := builtSnapshot(b)
	for _, bc := range []struct {
		name string
		h    func(io.Writer) slog.Handler
	}{
		{"slog-text", func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) }},
		{"fast-text", func(w io.Writer) slog.Handler { return NewAccessLogHandler(w, false) }},
		{"fast-json", func(w io.Writer) slog.Handler { return NewAccessLogHandler(w, true) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			lw := NewLogWriter(io.Discard, 100*time.Millisecond)
			defer lw.Close()
			site, err := NewSite(snap, Options{BaseURL: testBase, AccessLog: slog.New(bc.h(lw))})
			if err != nil {
				b.Fatal(err)
			}
			h := site.Handler()
			req := httptest.NewRequest("GET", "/", nil)
			req.RemoteAddr = "127.0.0.1:40000"
			w := &discardWriter{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, req)
			}
		})
	}
}

// BenchmarkServingRender renders pages of a 20,000-paragraph essay read
// from SQLite per render (NewServingSite, what serve runs), by kind of
// page: the cost of a page's first request.
func BenchmarkServingRender(b *testing.B) {
	ctx := context.Background()
	db := filepath.Join(b.TempDir(), "argmap.db")
	ingestText(b, db, "long.txt", longEssay(20000))
	d, err := store.Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			if _, err := NewServingSite(ctx, d, Options{BaseURL: testBase, Compression: CompressFast}); err != nil {
				b.Fatal(err)
			}
		}
	})
	site, err := NewServingSite(ctx, d, Options{BaseURL: testBase, Compression: CompressFast})
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range []string{"/", "/page/100", "/p/10000", "/claims", "/figures/page/2", "/revisions", "/map"} {
		b.Run(p, func(b *testing.B) {
			for b.Loop() {
				if _, err := site.render(ctx, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkHeaderMap fills a new http.Header, as net/http makes one for
// each response, with eight and with nine keys: past eight the map grows
// (the reason the referrer policy is a meta element, handler.go).
func BenchmarkHeaderMap(b *testing.B) {
	keys := []string{"Cache-Control", "Content-Length", "Content-Security-Policy", "Content-Type",
		"Cross-Origin-Opener-Policy", "Etag", "Vary", "X-Content-Type-Options", "Referrer-Policy"}
	v := []string{"x"}
	for _, n := range []int{8, 9} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				h := make(http.Header)
				for _, k := range keys[:n] {
					h[k] = v
				}
				headerSink = h
			}
		})
	}
}

var headerSink http.Header
