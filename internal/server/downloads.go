package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/argmap/argmap/internal/argument"
)

// This file serves the whole-essay downloads of a long essay (/essay.json,
// /export/aif.json, /export/argdown, /figures.csv, /sentences.csv). Their
// size grows with the essay (62 MB of AIF for 50,000 short paragraphs), so
// instead of a body in memory, compressed and cached like a page, they are
// written straight to the client (gzipped at the fastest level when it
// accepts gzip), one at a time, and the JSON ones element by element, so
// that the transient memory is not three copies of their bytes (and, for
// the AIF document, not the document either). They read the essay from
// the source as they write it: a serving site's, from the database, one
// paragraph (or relation, or figure) at a time. Export writes the same
// writers to its files. A short essay (one page of paragraphs) serves them
// like pages.

// streams reports whether the download at p is written straight to the
// client.
func (s *Site) streams(p string) bool {
	return isDownload(p) && s.paragraphs > essayPageSize
}

// download returns the writer of the download at p and its Content-Type.
func (m *model) download(p string) (func(io.Writer) error, string) {
	switch p {
	case "/essay.json":
		return func(w io.Writer) error {
			head := m.essayJSON(argument.Analysis{Title: m.head.title, Author: m.head.author})
			return writeJSONArrays(w, head, map[string]func(func(any) error) error{
				"paragraphs": func(emit func(any) error) error {
					return m.src.eachParagraph(0, -1, func(_ int, p argument.Paragraph) error { return emit(&p) })
				},
				"relations": func(emit func(any) error) error {
					return m.src.eachRelation(func(r argument.Relation) error { return emit(&r) })
				},
				"figures": func(emit func(any) error) error {
					return m.src.eachFigure(0, -1, func(_ int, f argument.Figure, _ string) error { return emit(&f) })
				},
			})
		}, contentJSON
	case "/export/aif.json":
		// The document is made once for each of its arrays, which is
		// written as it is made: nothing but the array being written is
		// kept, and not even that.
		part := func(set func(*aifSink, func(any))) func(func(any) error) error {
			return func(emit func(any) error) error {
				var err error
				var sink aifSink
				set(&sink, func(v any) {
					if err == nil {
						err = emit(v)
					}
				})
				m.aifParts(sink)
				return err
			}
		}
		return func(w io.Writer) error {
			return writeJSONArrays(w, aifDoc{}, map[string]func(func(any) error) error{
				"nodes":        part(func(s *aifSink, f func(any)) { s.node = func(n aifNode) { f(&n) } }),
				"edges":        part(func(s *aifSink, f func(any)) { s.edge = func(e aifEdge) { f(&e) } }),
				"locutions":    part(func(s *aifSink, f func(any)) { s.locution = func(l aifLocution) { f(&l) } }),
				"participants": part(func(s *aifSink, f func(any)) { s.participant = func(p aifParticipant) { f(&p) } }),
			})
		}, contentJSON
	case "/export/argdown":
		return m.writeArgdown, "text/plain; charset=utf-8"
	case "/figures.csv":
		return m.writeFiguresCSV, contentCSV
	case "/sentences.csv":
		return m.writeSentencesCSV, contentCSV
	}
	return nil, ""
}

// writeJSONArrays writes what marshalJSON writes for head with each array
// named in arrays (a key of the top-level object, empty or nil in head)
// holding the elements its function yields: the same bytes, written one
// element at a time.
func writeJSONArrays(w io.Writer, head any, arrays map[string]func(func(any) error) error) error {
	b, err := marshalJSON(head)
	if err != nil {
		return err
	}
	for len(b) > 0 {
		// The next array to fill: the earliest of their keys in b.
		at, key, start, end := -1, "", 0, 0
		for k := range arrays {
			for _, empty := range []string{"[]", "null"} {
				name := "\n  " + strconv.Quote(k) + ": "
				if i := bytes.Index(b, []byte(name+empty)); i >= 0 && (at < 0 || i < at) {
					at, key, start, end = i, k, i+len(name), i+len(name)+len(empty)
				}
			}
		}
		if at < 0 {
			_, err := w.Write(b)
			return err
		}
		if _, err := w.Write(b[:start]); err != nil {
			return err
		}
		n := 0
		err := arrays[key](func(v any) error {
			e, err := json.MarshalIndent(v, "    ", "  ")
			if err != nil {
				return err
			}
			sep := ",\n    "
			if n == 0 {
				sep = "[\n    "
			}
			n++
			if _, err := io.WriteString(w, sep); err != nil {
				return err
			}
			_, err = w.Write(e)
			return err
		})
		if err != nil {
			return err
		}
		closing := "[]"
		if n > 0 {
			closing = "\n  ]"
		}
		if _, err := io.WriteString(w, closing); err != nil {
			return err
		}
		delete(arrays, key)
		b = b[end:]
	}
	return nil
}

// serveDownload writes the download at p straight to the client (see the
// top of this file), after waiting its turn while the request lasts.
func (s *Site) serveDownload(w http.ResponseWriter, r *http.Request, p string) error {
	_, ctype := (&model{}).download(p)
	h := w.Header()
	h["Content-Type"] = []string{ctype}
	h["Cache-Control"] = []string{cacheShort}
	h["Vary"] = hdrVary
	// A streamed download has no Content-Length (it is sent chunked) and
	// is not kept in the page cache: its ETag is made, without making the
	// body, from what the body is a function of (the path, the base URL,
	// and the revision: its number and its file's digest), so that
	// If-None-Match still answers 304 at no cost. A new build of argmap
	// that wrote other bytes for the same revision would keep the ETag:
	// caches keep a download at most max-age (60 s) before they ask.
	cur := s.model.head.current
	tag := etag([]byte(p + "\x00" + s.base + "\x00" + cur.SHA256 + "\x00" + strconv.Itoa(cur.Number)))
	gz := codingQ(r.Header.Get("Accept-Encoding"), "gzip") > 0
	if gz {
		tag = tag[:len(tag)-1] + `-gzip"`
		h["Content-Encoding"] = []string{"gzip"}
	}
	h["Etag"] = []string{tag}
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, tag) {
		delete(h, "Content-Type")
		delete(h, "Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return nil
	}
	if err := s.turn(r.Context()); err != nil {
		return err
	}
	defer func() { <-s.large }()
	m, done, err := s.open(r.Context())
	if err != nil {
		return fmt.Errorf("download %s: %w", p, err)
	}
	defer done()
	write, _ := m.download(p)
	w.WriteHeader(http.StatusOK)
	var out io.Writer = w
	if s.writeTimeout > 0 {
		out = &progressWriter{w: w, rc: http.NewResponseController(w), timeout: s.writeTimeout}
	}
	var zw *gzip.Writer
	if gz {
		zw, _ = gzip.NewWriterLevel(out, gzip.BestSpeed) // a valid level
		out = zw
	}
	bw := bufio.NewWriterSize(out, 32<<10)
	err = guard(func() error { return write(bw) })
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && zw != nil {
		err = zw.Close()
	}
	return abortStarted(r, fmt.Errorf("download %s: %w", p, err), err)
}

// progressWriter writes a streamed download to its client, moving the
// connection's write deadline to now plus timeout before each chunk: the
// http.Server's WriteTimeout counts from the start of the request, which
// would cut off a long download that a client is reading as fast as it
// can (a 24 MB /figures.csv took 28 s at the input limit), while a
// deadline that moves only as chunks go out still cuts off a client that
// stops reading.
type progressWriter struct {
	w       io.Writer
	rc      *http.ResponseController
	timeout time.Duration
}

func (p *progressWriter) Write(b []byte) (int, error) {
	// A writer without a connection (a test recorder) has no deadline to
	// move: the error says so and changes nothing.
	_ = p.rc.SetWriteDeadline(time.Now().Add(p.timeout))
	return p.w.Write(b)
}

// abortStarted returns a download's error after its 200 went out. A
// client that went away gets its INFO line (the error goes back to
// handle); any other failure, a read of the store half way, cannot become
// an error page any more: it is logged by the recoverer, which aborts the
// response (http.ErrAbortHandler), so that the client sees a cut
// connection rather than a whole-looking body with an error page in it.
func abortStarted(r *http.Request, wrapped, err error) error {
	if err == nil {
		return nil
	}
	if clientGone(r, err) {
		return wrapped
	}
	panic(wrapped)
}

// guard runs f, returning the error of a failed read of the store that f
// panicked with (see readError).
func guard(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			re, ok := v.(readError)
			if !ok {
				panic(v)
			}
			err = re.err
		}
	}()
	return f()
}

// turn waits for the one slot of large renders while ctx lasts.
func (s *Site) turn(ctx context.Context) error {
	select {
	case s.large <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
