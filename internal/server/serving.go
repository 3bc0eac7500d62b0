package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/argmap/argmap/web"
)

// This file holds how prerendered answers go over the wire: the encodings
// (gzip and brotli, compressed once when the site is built), ETags, the
// cache policy and the fingerprinted URLs of static files.

// Cache policies. A versioned URL (a paragraph as of a revision, a static
// file at its fingerprinted URL) never changes; every other page may
// change with the next ingest, so caches keep it briefly and revalidate
// with its ETag.
const (
	cacheImmutable = "public, max-age=31536000, immutable"
	cacheShort     = "public, max-age=60"
	cacheNone      = "no-store"
)

// noTime is the zero modification time given to http.ServeContent: pages
// are validated by their ETag only.
var noTime time.Time

// minCompress is the smallest body worth compressing.
const minCompress = 256

// variant is a response body in one content encoding.
type variant struct {
	// encoding is the Content-Encoding: "br" or "gzip".
	encoding string
	body     []byte
	length   []string // Content-Length, ready to set
	// hdrEncoding and hdrETag are header values ready to set.
	hdrEncoding, hdrETag []string
}

// wire holds a response's header values, computed once so that serving
// allocates as little as possible.
type wire struct {
	contentType, length, etag, cache []string
	// variants are the compressed bodies, brotli first; empty when
	// compression does not pay.
	variants []variant
	// asset is the fingerprint of a static file ("" for pages): the file
	// is immutable at /static/NAME?v=asset.
	asset string
}

var (
	hdrVary      = []string{"Accept-Encoding"}
	hdrImmutable = []string{cacheImmutable}
)

// prepare computes the header values of resp and, for text worth it, its
// gzip and brotli bodies (gzip only for a large body). p is the path it
// answers, "" for error pages.
func prepare(p string, resp *response, c Compression, how compressKind) error {
	w := &resp.wire
	w.contentType = []string{resp.contentType}
	w.length = []string{strconv.Itoa(len(resp.body))}
	if resp.etag == "" {
		resp.etag = etag(resp.body)
	}
	w.etag = []string{resp.etag}
	switch {
	case p == "":
		w.cache = []string{cacheNone}
	case isVersioned(p) && !resp.open:
		w.cache = hdrImmutable
	default:
		w.cache = []string{cacheShort}
	}
	if strings.HasPrefix(p, "/static/") {
		w.asset = resp.etag[1:9]
	}
	if len(resp.body) < minCompress || !compressible(resp.contentType) {
		return nil
	}
	tag := strings.TrimSuffix(resp.etag, `"`)
	encodings := []string{"br", "gzip"}
	if how == compressLarge {
		encodings = encodings[1:]
	}
	for _, enc := range encodings {
		b, err := compress(enc, resp.body, c, how)
		if err != nil {
			return fmt.Errorf("compress %s: %w", p, err)
		}
		if len(b) >= len(resp.body) {
			continue
		}
		w.variants = append(w.variants, variant{
			encoding:    enc,
			body:        b,
			length:      []string{strconv.Itoa(len(b))},
			hdrEncoding: []string{enc},
			hdrETag:     []string{tag + "-" + enc + `"`},
		})
	}
	return nil
}

// prepareFixed prepares the error pages. (The static files, compressed
// hard because they are few and small and cached for a year at their
// fingerprinted URLs, are prepared once a process: staticFiles.)
func (s *Site) prepareFixed() error {
	for _, resp := range []*response{s.notFound, s.notFoundJSON, s.notAllowed, s.notAllowJSON, s.internal, s.internalJSON, s.busy, s.busyJSON} {
		if err := prepare("", resp, s.compression, compressPage); err != nil {
			return err
		}
	}
	return nil
}

// maxCachedBody is the largest body that is compressed with brotli and
// gzip and kept in the cache; a larger one (the whole-essay downloads of
// a long essay) is rendered for each request, one at a time, and offered
// gzipped at its fastest level only.
const maxCachedBody = 1 << 20

// lookup returns the answer at p, prepared, from the cache, or renders,
// prepares and caches it. A download too large to cache waits for its
// turn (Site.large) while ctx lasts.
func (s *Site) lookup(ctx context.Context, p string) (*response, error) {
	if resp, ok := s.static[p]; ok {
		return resp, nil
	}
	if resp, ok := s.cache.get(p); ok {
		return resp, nil
	}
	if isDownload(p) {
		select {
		case s.large <- struct{}{}:
			defer func() { <-s.large }()
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if resp, ok := s.cache.get(p); ok {
			return resp, nil
		}
	}
	resp, err := s.render(ctx, p)
	if err != nil {
		return nil, err
	}
	how := compressPage
	if len(resp.body) > maxCachedBody {
		how = compressLarge
	}
	if err := prepare(p, resp, s.compression, how); err != nil {
		return nil, err
	}
	s.cache.add(p, resp)
	return resp, nil
}

// isDownload reports whether p is one of the whole-essay files, whose size
// grows with the essay.
func isDownload(p string) bool {
	switch p {
	case "/essay.json", "/export/aif.json", "/export/argdown", "/figures.csv", "/sentences.csv":
		return true
	}
	return false
}

// isVersioned reports whether p is the page (or twin) of a paragraph as of
// a revision, /p/{pid}/v/{revision}: its text never changes.
func isVersioned(p string) bool {
	p = strings.TrimSuffix(p, ".json")
	dir := path.Dir(p)
	return strings.HasPrefix(p, "/p/") && path.Base(dir) == "v" && strings.Count(p, "/") == 4
}

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.HasPrefix(contentType, "application/json") ||
		strings.HasPrefix(contentType, "image/svg+xml")
}

// Compression is how hard a site compresses (Options.Compression).
type Compression int

const (
	// CompressBest is the default, what `argmap serve` does: static files
	// at brotli quality 10 and gzip's best, once at start; pages, when
	// first rendered, at brotli quality 5 and gzip level 6 (see
	// brotliQuality).
	CompressBest Compression = iota
	// CompressFast is brotli quality 1 and gzip's best speed for
	// everything: the same encodings, ETags and headers, bodies 10–40%
	// larger. Tests use it.
	CompressFast
)

// compressKind is what is being compressed, which sets the level.
type compressKind int

const (
	// compressPage is a page or twin rendered on demand.
	compressPage compressKind = iota
	// compressStatic is a static file, compressed once at start.
	compressStatic
	// compressLarge is a body over maxCachedBody, compressed for each
	// request: gzip at its fastest only.
	compressLarge
)

// brotliQuality is the brotli quality for a kind of body. Measured on the
// seed's pages on this machine (`go test -tags sqlite_fts5 -run '^$'
// -bench CompressPages ./internal/server`): quality 10 takes 0.93 s for
// all of them against 0.11 s at quality 5, 8.4 times as long, for bodies
// 10 % smaller (152 KB against 170 KB), and it was 92 % of the start-up
// when every page was compressed then; a page is now compressed when it
// is first asked for, in that request, so it gets the cheaper level and
// the cache keeps the result.
func brotliQuality(c Compression, how compressKind) int {
	switch {
	case c == CompressFast:
		return 1
	case how == compressStatic:
		return 10
	default:
		return 5
	}
}

// gzipLevel is the gzip level for a kind of body.
func gzipLevel(c Compression, how compressKind) int {
	switch {
	case c == CompressFast || how == compressLarge:
		return gzip.BestSpeed
	case how == compressStatic:
		return gzip.BestCompression
	default:
		return gzip.DefaultCompression
	}
}

// compress encodes b in enc with the settings of c and how.
func compress(enc string, b []byte, c Compression, how compressKind) ([]byte, error) {
	var buf bytes.Buffer
	switch enc {
	case "br":
		opts := brotliOptions(len(b))
		opts.Quality = brotliQuality(c, how)
		zw := brotli.NewWriterOptions(&buf, opts)
		if _, err := zw.Write(b); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
	case "gzip":
		zw, err := gzip.NewWriterLevel(&buf, gzipLevel(c, how))
		if err != nil {
			return nil, err
		}
		if _, err := zw.Write(b); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("unknown encoding %q", enc)
	}
	return buf.Bytes(), nil
}

// brotliOptions are the settings for a body of n bytes: a window just
// large enough (the quality is brotliQuality's).
func brotliOptions(n int) brotli.WriterOptions {
	win := 16
	for win < 24 && 1<<win < n {
		win++
	}
	return brotli.WriterOptions{Quality: 5, LGWin: win}
}

// pickVariant returns the variant the Accept-Encoding header ae prefers,
// or nil for the identity body. Of the codings the client accepts with a
// q above zero (by name or through "*"), the one with the highest q wins;
// brotli wins a tie.
func pickVariant(ae string, vs []variant) *variant {
	if ae == "" || len(vs) == 0 {
		return nil
	}
	var best *variant
	bestQ := 0.0
	for i := range vs {
		q := codingQ(ae, vs[i].encoding)
		if q > bestQ {
			best, bestQ = &vs[i], q
		}
	}
	return best
}

// codingQ is the q value Accept-Encoding header ae gives coding enc: its
// own entry's, else that of "*", else 0.
func codingQ(ae, enc string) float64 {
	star := -1.0
	for part := range strings.SplitSeq(ae, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		for param := range strings.SplitSeq(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(param), "=")
			if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
				continue
			}
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f < 0 || f > 1 {
				f = 0
			}
			q = f
		}
		switch {
		case name == enc || (enc == "gzip" && name == "x-gzip"):
			return q
		case name == "*":
			star = q
		}
	}
	if star < 0 {
		return 0
	}
	return star
}

// write sends a prerendered response in the encoding the client prefers,
// with its ETag and cache policy. A GET or HEAD whose If-None-Match holds
// the ETag gets 304; requests with Range or other preconditions go through
// http.ServeContent.
func (s *Site) write(w http.ResponseWriter, r *http.Request, resp *response) {
	h := w.Header()
	wr := &resp.wire
	body, tag, length := resp.body, wr.etag, wr.length
	if len(wr.variants) > 0 {
		h["Vary"] = hdrVary
		if v := pickVariant(r.Header.Get("Accept-Encoding"), wr.variants); v != nil {
			h["Content-Encoding"] = v.hdrEncoding
			body, tag, length = v.body, v.hdrETag, v.length
		}
	}
	h["Content-Type"] = wr.contentType
	if resp.status != http.StatusOK {
		if h.Get("Cache-Control") == "" {
			h["Cache-Control"] = wr.cache
		}
		h["Content-Length"] = length
		w.WriteHeader(resp.status)
		if r.Method != http.MethodHead {
			w.Write(body) //nolint:errcheck // the client went away; nothing to do
		}
		return
	}
	h["Etag"] = tag // the canonical form of ETag
	if wr.asset != "" && r.URL.RawQuery == "v="+wr.asset {
		h["Cache-Control"] = hdrImmutable
	} else {
		h["Cache-Control"] = wr.cache
	}
	if r.Header.Get("Range") != "" || r.Header.Get("If-Match") != "" || r.Header.Get("If-Unmodified-Since") != "" {
		http.ServeContent(w, r, "", noTime, bytes.NewReader(body))
		return
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, tag[0]) {
		delete(h, "Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h["Content-Length"] = length
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body) //nolint:errcheck // the client went away; nothing to do
	}
}

// etagMatch reports whether an If-None-Match list holds tag, by the weak
// comparison RFC 9110 prescribes for it ("*" matches any).
func etagMatch(list, tag string) bool {
	tag = strings.TrimPrefix(tag, "W/")
	for part := range strings.SplitSeq(list, ",") {
		part = strings.TrimSpace(part)
		if part == "*" || strings.TrimPrefix(part, "W/") == tag {
			return true
		}
	}
	return false
}

// assetVersions maps each file under web/static to its fingerprint, the
// first 8 hex digits of its SHA-256 (the same as its ETag's).
var assetVersions = sync.OnceValues(func() (map[string]string, error) {
	out := make(map[string]string)
	err := fs.WalkDir(web.FS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(web.FS, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out["/"+p] = hex.EncodeToString(sum[:4])
		return nil
	})
	return out, err
})

// assetURL is the template function "asset": the fingerprinted URL of a
// static file, "/static/argmap.css?v=1a2b3c4d". Served at that URL the
// file is cached for a year; a new build with a changed file has a new URL.
func assetURL(p string) (string, error) {
	versions, err := assetVersions()
	if err != nil {
		return "", err
	}
	v, ok := versions[p]
	if !ok {
		return "", fmt.Errorf("asset %s: no such file in web/static", p)
	}
	return p + "?v=" + v, nil
}

// Body returns the identity body and content type of the answer at path
// p, and whether there is one. It is for comparisons (the bare server of
// `make bench`) and tools, not for serving.
func (s *Site) Body(p string) (body []byte, contentType string, ok bool) {
	resp, err := s.render(context.Background(), p)
	if err != nil {
		return nil, "", false
	}
	return resp.body, resp.contentType, true
}
