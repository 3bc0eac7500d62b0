package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/pprof"
	"strconv"
	"time"

	"github.com/argmap/argmap/internal/server"
)

// cmdBenchBare is the hidden subcommand `argmap bench-bare [-db PATH]
// [-addr HOST:PORT] [-base URL]`: the baseline of `make bench`. It serves the same
// prerendered bytes as `argmap serve` (identity encoding) from a map with
// a bare net/http handler: no router, no middleware, no headers but
// Content-Type and Content-Length, no access log. The difference between
// the two is what argmap's serving costs. With -headers it sends, for each
// page, the whole header set argmap's handler gives it (security headers,
// ETag, Cache-Control, Vary, recorded once at start), so that what is left
// of the difference is argmap's own work: routing, middleware, the log.
func cmdBenchBare(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("bench-bare", stderr)
	db := fs.String("db", defaultDB, "SQLite database written by argmap ingest")
	addr := fs.String("addr", "localhost:8081", "address to listen on")
	base := fs.String("base", "", "public base URL for canonical links and citations (default http://ADDR), as serve's -base")
	same := fs.Bool("headers", false, "send the headers argmap's handler sends for each page, not only Content-Type and Content-Length")
	if err := parseFlags(fs, args, 0, false); err != nil {
		return err
	}
	if *base == "" {
		*base = defaultBase(*addr)
	}
	site, _, err := loadSite(ctx, *db, server.Options{BaseURL: *base}, false)
	if err != nil {
		return err
	}
	type entry struct {
		header http.Header
		body   []byte
	}
	pages := make(map[string]entry)
	for _, p := range site.Paths() {
		body, ctype, _ := site.Body(p)
		h := http.Header{"Content-Type": {ctype}, "Content-Length": {strconv.Itoa(len(body))}}
		if *same {
			rec := httptest.NewRecorder()
			site.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
			h = rec.Header().Clone()
			h["Content-Length"] = []string{strconv.Itoa(len(body))}
		}
		pages[p] = entry{h, body}
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		wh := w.Header()
		for k, v := range e.header {
			wh[k] = v
		}
		w.Write(e.body) //nolint:errcheck // benchmark baseline
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	srv := newHTTPServer(h, serveTimeouts{5 * time.Second, 10 * time.Second, 30 * time.Second, 120 * time.Second}, logger)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "serving %s bare on http://%s\n", *db, ln.Addr())
	return serveUntilDone(ctx, srv, errc, stdout)
}

// startCPUProfile profiles the process into path until stop is called; an
// empty path profiles nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil // no profile asked for
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
