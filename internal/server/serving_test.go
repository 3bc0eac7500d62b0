package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// ask sends a request with the given headers to h and returns the
// recorded answer.
func ask(h http.Handler, method, target string, hdr ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func decode(t *testing.T, enc string, b []byte) []byte {
	t.Helper()
	var r io.Reader
	switch enc {
	case "":
		return b
	case "br":
		r = brotli.NewReader(bytes.NewReader(b))
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("gzip: %v", err)
		}
		r = zr
	default:
		t.Fatalf("unknown encoding %q", enc)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decode %s: %v", enc, err)
	}
	return out
}

// TestEncodings checks that Accept-Encoding chooses brotli, gzip or
// none, that each encoding decodes to the same bytes, has its own ETag and
// answers 304 to it, and that Vary is set.
func TestEncodings(t *testing.T) {
	site := newSite(t, seedSnapshot(t))
	h := site.Handler()
	tests := []struct {
		accept, want string
	}{
		{"", ""},
		{"identity", ""},
		{"gzip", "gzip"},
		{"x-gzip", "gzip"},
		{"br", "br"},
		{"gzip, deflate, br, zstd", "br"},
		{"br;q=0, gzip", "gzip"},
		{"br;q=0.5, gzip;q=0.8", "gzip"},
		{"BR;Q=0.9, gzip;q=0.8", "br"},
		{"*", "br"},
		{"*;q=0", ""},
		{"gzip;q=0, *", "br"},
		{"br;q=0, gzip;q=0, *;q=0.5", ""},
		{"deflate", ""},
		{"br;q=nonsense, gzip", "gzip"},
	}
	for _, p := range []string{"/", "/claims", "/essay.json", "/static/argmap.css", "/p/" + site.firstPID()} {
		plain := ask(h, "GET", p)
		if plain.Code != 200 {
			t.Fatalf("GET %s = %d", p, plain.Code)
		}
		tags := map[string]string{}
		for _, tt := range tests {
			rec := ask(h, "GET", p, "Accept-Encoding", tt.accept)
			if got := rec.Header().Get("Content-Encoding"); got != tt.want {
				t.Errorf("GET %s, Accept-Encoding %q: Content-Encoding = %q, want %q", p, tt.accept, got, tt.want)
				continue
			}
			if got := rec.Header().Get("Vary"); got != "Accept-Encoding" {
				t.Errorf("GET %s, Accept-Encoding %q: Vary = %q, want Accept-Encoding", p, tt.accept, got)
			}
			if !bytes.Equal(decode(t, tt.want, rec.Body.Bytes()), plain.Body.Bytes()) {
				t.Errorf("GET %s, Accept-Encoding %q: the decoded body differs from the plain one", p, tt.accept)
			}
			if tt.want != "" && rec.Body.Len() >= plain.Body.Len() {
				t.Errorf("GET %s %s: %d bytes, plain %d: not smaller", p, tt.want, rec.Body.Len(), plain.Body.Len())
			}
			if n := rec.Header().Get("Content-Length"); n != itoa(rec.Body.Len()) {
				t.Errorf("GET %s, Accept-Encoding %q: Content-Length %s, body %d bytes", p, tt.accept, n, rec.Body.Len())
			}
			tag := rec.Header().Get("ETag")
			if old, ok := tags[tt.want]; ok && old != tag {
				t.Errorf("GET %s %q: ETag %s, earlier %s for the same encoding", p, tt.want, tag, old)
			}
			tags[tt.want] = tag
			if !regexp.MustCompile(`^"[0-9a-f]+(-br|-gzip)?"$`).MatchString(tag) {
				t.Errorf("GET %s %q: ETag %s is not a strong tag", p, tt.want, tag)
			}
			nm := ask(h, "GET", p, "Accept-Encoding", tt.accept, "If-None-Match", `"other", `+tag)
			if nm.Code != http.StatusNotModified || nm.Body.Len() != 0 || nm.Header().Get("ETag") != tag ||
				nm.Header().Get("Vary") != "Accept-Encoding" {
				t.Errorf("GET %s %q with If-None-Match %s = %d, ETag %q, Vary %q, %d bytes; want 304 with the same ETag and Vary",
					p, tt.accept, tag, nm.Code, nm.Header().Get("ETag"), nm.Header().Get("Vary"), nm.Body.Len())
			}
		}
		if len(tags) != 3 {
			t.Errorf("GET %s: ETags %v, want one for each of identity, br and gzip", p, tags)
		}
		// Another representation's tag does not match.
		if rec := ask(h, "GET", p, "Accept-Encoding", "gzip", "If-None-Match", tags["br"]); rec.Code != 200 {
			t.Errorf("GET %s gzip with the brotli ETag = %d, want 200", p, rec.Code)
		}
		// HEAD has the headers of GET and no body.
		head := ask(h, "HEAD", p, "Accept-Encoding", "br")
		if head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("ETag") != tags["br"] || head.Header().Get("Content-Length") == "0" {
			t.Errorf("HEAD %s: %d, %d bytes, ETag %q, Content-Length %q", p, head.Code, head.Body.Len(), head.Header().Get("ETag"), head.Header().Get("Content-Length"))
		}
		// A range applies to the encoded body.
		rng := ask(h, "GET", p, "Accept-Encoding", "gzip", "Range", "bytes=0-9")
		if rng.Code != http.StatusPartialContent || rng.Body.Len() != 10 || rng.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s gzip bytes=0-9: %d, %d bytes, encoding %q", p, rng.Code, rng.Body.Len(), rng.Header().Get("Content-Encoding"))
		}
	}
	// Error pages are compressed too, and never cached.
	rec := ask(h, "GET", "/nope", "Accept-Encoding", "br")
	if rec.Code != 404 || rec.Header().Get("Content-Encoding") != "br" || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("GET /nope br: %d, encoding %q, Cache-Control %q; want 404, br, no-store", rec.Code, rec.Header().Get("Content-Encoding"), rec.Header().Get("Cache-Control"))
	}
	if !strings.Contains(string(decode(t, "br", rec.Body.Bytes())), "not found") {
		t.Errorf("GET /nope br: the body does not say not found")
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func (s *Site) firstPID() string {
	for _, p := range s.Paths() {
		if strings.HasPrefix(p, "/p/") && !strings.HasSuffix(p, ".json") && !strings.Contains(p, "/v/") {
			return strings.TrimPrefix(p, "/p/")
		}
	}
	return ""
}

var scriptTagRE = regexp.MustCompile(`<script[^>]*>`)

var assetRE = regexp.MustCompile(`href="(/static/[^"?]+)\?v=([0-9a-f]+)"`)

// TestCachePolicy checks Cache-Control: a year and immutable for versioned
// paragraph pages and fingerprinted static files, a minute for the rest,
// nothing for errors; and that every static file is linked by its
// fingerprinted URL, whose fingerprint changes with its content.
func TestCachePolicy(t *testing.T) {
	snap := richSnapshot(t)
	site := newSite(t, snap)
	h := site.Handler()
	var pid string
	var rev int
	for p, hist := range snap.History {
		pid, rev = p, hist[0].Revision
	}
	if pid == "" {
		t.Fatal("the rich snapshot has no edited paragraph")
	}
	vs := snap.Versions[pid]
	if len(vs) < 2 {
		t.Fatalf("paragraph %s has %d versions, want its earlier and its current text", pid, len(vs))
	}
	cur := vs[len(vs)-1].Revision
	home := ask(h, "GET", "/")
	assets := assetRE.FindAllStringSubmatch(home.Body.String(), -1)
	if len(assets) < 2 {
		t.Fatalf("/ links %d fingerprinted static files, want the stylesheet and the icon", len(assets))
	}
	tests := []struct {
		path, want string
		status     int
	}{
		{"/", cacheShort, 200},
		{"/index.json", cacheShort, 200},
		{"/p/" + pid, cacheShort, 200},
		{"/claims", cacheShort, 200},
		{"/p/" + pid + "/v/" + itoa(rev), cacheImmutable, 200},
		{"/p/" + pid + "/v/" + itoa(rev) + ".json", cacheImmutable, 200},
		// The current text's versioned page changes with the next
		// revision ("the current text", "revisions K to N"): not immutable.
		{"/p/" + pid + "/v/" + itoa(cur), cacheShort, 200},
		{"/p/" + pid + "/v/" + itoa(cur) + ".json", cacheShort, 200},
		{"/static/argmap.css", cacheShort, 200},
		{"/static/argmap.css?v=00000000", cacheShort, 200},
		{"/nope", cacheNone, 404},
		{"/p/" + snap.Removed[0].PID, cacheShort, 410},
		{"/healthz", cacheNone, 200},
	}
	for _, a := range assets {
		tests = append(tests, struct {
			path, want string
			status     int
		}{a[1] + "?v=" + a[2], cacheImmutable, 200})
		body := ask(h, "GET", a[1]).Body.Bytes()
		if got := etag(body)[1:9]; got != a[2] {
			t.Errorf("%s is linked with fingerprint %s, but its content's is %s", a[1], a[2], got)
		}
	}
	for _, tt := range tests {
		rec := ask(h, "GET", tt.path)
		if rec.Code != tt.status || rec.Header().Get("Cache-Control") != tt.want {
			t.Errorf("GET %s = %d, Cache-Control %q; want %d, %q", tt.path, rec.Code, rec.Header().Get("Cache-Control"), tt.status, tt.want)
		}
	}
}

// TestSecurityHeaders checks the headers every answer carries, whatever
// its status, and that nothing names the server or its version.
func TestSecurityHeaders(t *testing.T) {
	site := newSite(t, seedSnapshot(t))
	site.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	h := site.Handler()
	for _, tt := range []struct{ method, path string }{
		{"GET", "/"}, {"GET", "/essay.json"}, {"GET", "/static/argmap.css"}, {"GET", "/nope"}, {"GET", "/nope.json"},
		{"POST", "/"}, {"DELETE", "/claims"}, {"GET", "/claims/"}, {"GET", "/healthz"}, {"HEAD", "/"},
	} {
		rec := ask(h, tt.method, tt.path)
		hdr := rec.Header()
		if got := hdr.Get("Content-Security-Policy"); got != ContentSecurityPolicy {
			t.Errorf("%s %s: CSP %q", tt.method, tt.path, got)
		}
		if strings.Contains(hdr.Get("Content-Security-Policy"), "unsafe") {
			t.Errorf("%s %s: CSP allows unsafe sources", tt.method, tt.path)
		}
		for k, want := range map[string]string{
			"X-Content-Type-Options":     "nosniff",
			"Cross-Origin-Opener-Policy": "same-origin",
			"Referrer-Policy":            "", // in the pages' head instead
			"Server":                     "",
			"X-Powered-By":               "",
		} {
			if got := hdr.Get(k); got != want {
				t.Errorf("%s %s: %s = %q, want %q", tt.method, tt.path, k, got, want)
			}
		}
	}
	// The CSP holds for the pages: no inline style or script anywhere;
	// scripts only from the site's own static files.
	for _, p := range site.Paths() {
		body := ask(h, "GET", p).Body.String()
		for _, bad := range []string{" style=", "<style", "javascript:", " onclick=", " onload="} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: page has %q, which the CSP blocks", p, bad)
			}
		}
		for _, tag := range scriptTagRE.FindAllString(body, -1) {
			if !strings.Contains(tag, ` src="/static/`) {
				t.Errorf("GET %s: inline script %s, which the CSP blocks", p, tag)
			}
		}
		// the referrer policy of every HTML page is in its head
		if strings.HasPrefix(body, "<!doctype html>") && !strings.Contains(body, `<meta name="referrer" content="strict-origin-when-cross-origin">`) {
			t.Errorf("GET %s: no referrer policy in the page's head", p)
		}
	}
	// a page answered whole, without compression, sets at most the eight
	// header keys net/http's header map holds before it grows
	if n := len(ask(h, "GET", "/").Header()); n > 8 {
		t.Errorf("GET /: %d header keys, want at most 8: %v", n, ask(h, "GET", "/").Header())
	}
}

// TestHealthz checks /healthz.
func TestHealthz(t *testing.T) {
	h := newSite(t, seedSnapshot(t)).Handler()
	rec := ask(h, "GET", "/healthz")
	if rec.Code != 200 || rec.Body.String() != "ok\n" || rec.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("GET /healthz = %d %q %q", rec.Code, rec.Body, rec.Header().Get("Content-Type"))
	}
	if rec := ask(h, "POST", "/healthz"); rec.Code != 405 {
		t.Errorf("POST /healthz = %d, want 405", rec.Code)
	}
}

// TestAccessLog checks the access log's records.
func TestAccessLog(t *testing.T) {
	var buf bytes.Buffer
	lw := NewLogWriter(&buf, time.Hour)
	site, err := NewSite(seedSnapshot(t), Options{BaseURL: testBase, AccessLog: slog.New(slog.NewJSONHandler(lw, nil)), Compression: CompressFast})
	if err != nil {
		t.Fatal(err)
	}
	ts := serve(t, site)
	req, _ := http.NewRequest("GET", ts.URL+"/claims", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	fetch(t, http.DefaultClient, ts.URL, "/nope")
	if buf.Len() != 0 {
		t.Errorf("the log writer wrote %d bytes before a flush", buf.Len())
	}
	if err := lw.Close(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("access log has %d lines, want 2:\n%s", len(lines), buf.String())
	}
	var rec struct {
		Msg, Method, Path, Encoding, Remote string
		Status, Bytes                       int
		Duration                            int64
	}
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Msg != "request" || rec.Method != "GET" || rec.Path != "/claims" || rec.Status != 200 || int64(rec.Bytes) != n ||
		rec.Encoding != "gzip" || rec.Remote == "" || rec.Duration <= 0 {
		t.Errorf("access log record %s, want GET /claims 200 gzip %d bytes", lines[0], n)
	}
	if err := json.Unmarshal([]byte(lines[1]), &rec); err != nil || rec.Status != 404 || rec.Path != "/nope" {
		t.Errorf("access log record %s, want GET /nope 404", lines[1])
	}
}

func TestCodingQ(t *testing.T) {
	tests := []struct {
		ae, enc string
		want    float64
	}{
		{"gzip, br", "br", 1},
		{"gzip;q=0.5", "gzip", 0.5},
		{"gzip;level=1;q=0", "gzip", 0},
		{"br;q=0.2;foo=bar", "br", 0.2},
		{"*;q=0.3", "gzip", 0.3},
		{"identity", "gzip", 0},
		{"x-gzip", "gzip", 1},
		{"gzip;q=nonsense", "gzip", 0},
	}
	for _, tt := range tests {
		if got := codingQ(tt.ae, tt.enc); got != tt.want {
			t.Errorf("codingQ(%q, %q) = %v, want %v", tt.ae, tt.enc, got, tt.want)
		}
	}
}
