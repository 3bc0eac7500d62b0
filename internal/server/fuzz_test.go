package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/store"
)

// builtSnapshot reads the seed through the real pipeline for fuzz targets
// and benchmarks (the fixtures take a *testing.T).
func builtSnapshot(f testing.TB) *store.Snapshot {
	f.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		f.Fatal(err)
	}
	doc, err := essay.Parse(seedName, data)
	if err != nil {
		f.Fatal(err)
	}
	ctx := context.Background()
	db := filepath.Join(f.TempDir(), "argmap.db")
	if _, err := store.Ingest(ctx, db, argument.Extract(doc), store.Source{Name: seedName, SHA256: "0"}); err != nil {
		f.Fatal(err)
	}
	d, err := store.Open(ctx, db)
	if err != nil {
		f.Fatal(err)
	}
	defer d.Close()
	snap, err := d.Snapshot(ctx)
	if err != nil {
		f.Fatal(err)
	}
	return snap
}

// builtSite is the site of builtSnapshot.
func builtSite(f testing.TB) *Site {
	f.Helper()
	site, err := NewSite(builtSnapshot(f), Options{BaseURL: testBase, Now: func() time.Time { return testNow },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		f.Fatal(err)
	}
	return site
}

// allowedStatus are the answers the router may give; 500 is not one of
// them, and a panic would be a 500.
var allowedStatus = map[int]bool{
	200: true, 206: true, 301: true, 304: true, 404: true, 405: true, 410: true, 412: true, 416: true,
}

// FuzzRequest sends the router arbitrary request targets, methods and
// headers: it must never panic, never answer 500, and always send the
// security headers and a content type.
func FuzzRequest(f *testing.F) {
	h := builtSite(f).Handler()
	for _, s := range []struct{ method, target, accept, inm, rng string }{
		{"GET", "/", "", "", ""},
		{"GET", "/p/1", "br", "", ""},
		{"HEAD", "/p/1.json", "gzip;q=0.5", `"x"`, ""},
		{"GET", "/p/1/v/1", "*", "*", ""},
		{"GET", "/claims/", "", "", ""},
		{"GET", "/p/../claims", "", "", ""},
		{"GET", "//", "", "", ""},
		{"GET", "/%2e%2e/%2e%2e/etc/passwd", "", "", ""},
		{"GET", "/static/argmap.css?v=00000000", "br;q=1.5", "", "bytes=0-10"},
		{"GET", "/static/", "", "", "bytes=99999-"},
		{"POST", "/essay.json", "", "", ""},
		{"GET", "/p/\x00", "", "", ""},
		{"GET", "/claims/1.1.json?x=%zz", "", "W/\"a\", \"b\"", "bytes=-5"},
		{"GET", "/healthz", "", "", ""},
		{"GET", "/index.json/", "", "", ""},
	} {
		f.Add(s.method, s.target, s.accept, s.inm, s.rng)
	}
	f.Fuzz(func(t *testing.T, method, target, accept, inm, rng string) {
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return
		}
		req := &http.Request{
			Method:     method,
			URL:        u,
			Proto:      "HTTP/1.1",
			ProtoMajor: 1,
			ProtoMinor: 1,
			Header:     http.Header{},
			Host:       "argmap.example",
			RequestURI: target,
			RemoteAddr: "127.0.0.1:1",
		}
		req = req.WithContext(context.Background())
		for k, v := range map[string]string{"Accept-Encoding": accept, "If-None-Match": inm, "Range": rng} {
			if v != "" {
				req.Header.Set(k, v)
			}
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if !allowedStatus[rec.Code] {
			t.Fatalf("%s %q (Accept-Encoding %q, If-None-Match %q, Range %q) = %d", method, target, accept, inm, rng, rec.Code)
		}
		if rec.Header().Get("Content-Security-Policy") != ContentSecurityPolicy || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("%s %q: security headers missing: %v", method, target, rec.Header())
		}
		if rec.Code != 304 && rec.Code != 301 && rec.Header().Get("Content-Type") == "" {
			t.Fatalf("%s %q = %d without a Content-Type", method, target, rec.Code)
		}
	})
}

// FuzzPickVariant checks the Accept-Encoding parser on any header: it
// never panics and picks only an offered variant.
func FuzzPickVariant(f *testing.F) {
	vs := []variant{{encoding: "br"}, {encoding: "gzip"}}
	for _, s := range []string{"", "br", "gzip;q=0.5, br;q=0.4", "*;q=0", "br;q=", ";;,,", "x-gzip;q=1e3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ae string) {
		v := pickVariant(ae, vs)
		if v != nil && v != &vs[0] && v != &vs[1] {
			t.Fatalf("pickVariant(%q) = %v, not an offered variant", ae, v)
		}
		if v != nil && codingQ(ae, v.encoding) <= 0 {
			t.Fatalf("pickVariant(%q) = %s, which the header refuses", ae, v.encoding)
		}
	})
}
