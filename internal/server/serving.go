package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"runtime"
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
// gzip and brotli bodies. p is the path it answers, "" for error pages.
func prepare(p string, resp *response, c Compression) error {
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
	for _, enc := range []string{"br", "gzip"} {
		b, err := compress(enc, resp.body, c)
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

// prepareAll prepares every response of s, on every core.
func (s *Site) prepareAll() error {
	type job struct {
		path string
		resp *response
	}
	jobs := make(chan job)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range jobs {
				if err := prepare(j.path, j.resp, s.compression); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for p, resp := range s.responses {
		jobs <- job{p, resp}
	}
	for _, resp := range []*response{s.notFound, s.notFoundJSON, s.notAllowed, s.notAllowJSON, s.internal, s.internalJSON} {
		jobs <- job{"", resp}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
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

// Compression is how hard NewSite compresses (Options.Compression).
type Compression int

const (
	// CompressBest is the default: brotli quality 10 (9 above 256 KiB)
	// and gzip's best compression, once per page at start.
	CompressBest Compression = iota
	// CompressFast is brotli quality 1 and gzip's best speed: the same
	// encodings, ETags and headers, bodies 10–40% larger; the
	// seed's site builds in 0.15 s instead of 0.65 s. Tests use it.
	CompressFast
)

// compress encodes b with the settings of c: this runs once per page.
func compress(enc string, b []byte, c Compression) ([]byte, error) {
	var buf bytes.Buffer
	switch enc {
	case "br":
		opts := brotliOptions(len(b))
		if c == CompressFast {
			opts.Quality = 1
		}
		zw := brotli.NewWriterOptions(&buf, opts)
		if _, err := zw.Write(b); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
	case "gzip":
		level := gzip.BestCompression
		if c == CompressFast {
			level = gzip.BestSpeed
		}
		zw, err := gzip.NewWriterLevel(&buf, level)
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
// large enough, quality 10 up to 256 KiB and 9 above. On the seed's pages
// quality 11 is 3% smaller than 10 but takes three times as long (1.1 s
// for the whole site on this machine), at every start; 9 is 12% larger
// than 10 and five times faster, which matters for large essays.
func brotliOptions(n int) brotli.WriterOptions {
	win := 16
	for win < 24 && 1<<win < n {
		win++
	}
	q := 10
	if n > 256<<10 {
		q = 9
	}
	return brotli.WriterOptions{Quality: q, LGWin: win}
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
	resp, ok := s.responses[p]
	if !ok {
		return nil, "", false
	}
	return resp.body, resp.contentType, true
}
