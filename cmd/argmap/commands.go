package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/server"
	"github.com/argmap/argmap/internal/store"
)

// errUsage means the flags were wrong; the flag package already said why.
var errUsage = errors.New("usage")

const defaultDB = "argmap.db"

// newFlags returns a flag set that reports errors to stderr: its usage on
// -h, one line for a wrong flag or argument (parseArgs).
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("argmap "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = flagUsage(fs, name)
	return fs
}

// parseArgs is fs.Parse(args), which prints the usage on -h; a wrong flag
// is said in one line on the flag set's output, with where the usage is.
func parseArgs(fs *flag.FlagSet, args []string) error {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
	default:
		usageLine(fs, err.Error())
	}
	return errUsage
}

// usageLine says what is wrong with a command's flags or arguments in one
// line, and where its usage is.
func usageLine(fs *flag.FlagSet, msg string) {
	fmt.Fprintf(fs.Output(), "%s: %s (usage: argmap help %s)\n", fs.Name(), msg, strings.TrimPrefix(fs.Name(), "argmap "))
}

// checkDBFlag refuses an empty -db in one line (the path would be "").
func checkDBFlag(fs *flag.FlagSet, db string) error {
	if strings.TrimSpace(db) == "" {
		usageLine(fs, "-db: empty path; give the database file")
		return errUsage
	}
	return nil
}

// parseFlags parses args and requires exactly nargs positional arguments
// (or at most nargs when optional is set).
func parseFlags(fs *flag.FlagSet, args []string, nargs int, optional bool) error {
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if n := fs.NArg(); n > nargs || (!optional && n < nargs) {
		usageLine(fs, fmt.Sprintf("expected %d argument(s), got %d", nargs, n))
		return errUsage
	}
	return nil
}

// readEssay reads and parses an essay file, refusing oversized files before
// reading them.
func readEssay(path string, maxBytes int64) (*essay.Document, []byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, &fileError{path, err}
	}
	if info.IsDir() {
		return nil, nil, fmt.Errorf("%s: is a directory, not an essay file", path)
	}
	if !info.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%s: not a regular file", path)
	}
	if info.Size() > maxBytes {
		return nil, nil, fmt.Errorf("%s: file too large: %d bytes (limit %d)", path, info.Size(), maxBytes)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, &fileError{path, err}
	}
	doc, err := parseEssay(path, data, maxBytes)
	if err != nil {
		return nil, nil, err
	}
	return doc, data, nil
}

// parseEssay parses data, read from name, with the default limits but a
// largest input of maxBytes.
func parseEssay(name string, data []byte, maxBytes int64) (*essay.Document, error) {
	lim := essay.DefaultLimits
	lim.MaxBytes = int(maxBytes)
	return essay.ParseWithLimits(name, data, lim)
}

// stdinName is what messages call the standard input, which `argmap
// extract -` reads as a plain-text essay.
const stdinName = "stdin"

// readStdin parses the essay on r, the standard input, as plain text, with
// readEssay's limits: more than maxBytes is refused, not cut. A signal
// (ctx) stops the wait for the end of the input, as at a terminal.
func readStdin(ctx context.Context, r io.Reader, maxBytes int64) (*essay.Document, error) {
	data, err := untilStopped(ctx, func() ([]byte, error) { return io.ReadAll(io.LimitReader(r, maxBytes+1)) })
	switch {
	case errors.Is(err, errStopped):
		return nil, fmt.Errorf("%s: %w before the end of the input", stdinName, err)
	case err != nil:
		return nil, &fileError{stdinName, err}
	case int64(len(data)) > maxBytes:
		return nil, fmt.Errorf("%s: input too large: more than %d bytes (limit %d)", stdinName, maxBytes, maxBytes)
	}
	return parseEssay(stdinName, data, maxBytes)
}

// warnLayout prints, one a line, the warnings about how the input's
// layout was read (essay.LayoutWarnings).
func warnLayout(stderr io.Writer, command, path string, doc *essay.Document) {
	for _, w := range essay.LayoutWarnings(path, doc) {
		fmt.Fprintf(stderr, "argmap %s: warning: %s: %s\n", command, path, w)
	}
}

// fileError is a file-system error on path, said in one short line
// ("PATH: no such file", see describe) that still wraps err, so that
// errors.Is(err, fs.ErrNotExist) holds.
type fileError struct {
	path string
	err  error
}

func (e *fileError) Error() string { return e.path + ": " + describe(e.err) }
func (e *fileError) Unwrap() error { return e.err }

// describe turns a file-system error into a short reason.
func describe(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// oneLine folds a message onto a single line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// ingestMemoryLimit is the soft memory limit ingest gives the Go runtime
// (debug.SetMemoryLimit) unless GOMEMLIMIT is set: the garbage collector
// works harder as the heap nears it, which keeps a long essay's ingest
// close to what it really holds (README.md, Limits on input, has the
// figures) at little cost in time. A 20 MB essay holds about 220 MB
// while it is analysed; 300 MiB leaves the collector room enough that it
// costs no more CPU than 384 MiB did (256 MiB cost a quarter more). An
// essay that holds more than the limit would have the collector run all
// the time (three times the wall time for 32 MiB of short paragraphs), so
// the limit follows the live heap with a quarter of headroom above it
// (followLiveHeap).
const ingestMemoryLimit = 300 << 20

// unrelated adds to the refusal of a text that is not a revision of the
// essay in the database what to do instead; other errors pass as they are.
func unrelated(err error) error {
	if errors.Is(err, store.ErrUnrelated) {
		return fmt.Errorf("%w: pass -rewrite to publish it as the next revision all the same, or give another -db for a separate essay", err)
	}
	return err
}

func cmdIngest(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := newFlags("ingest", stderr)
	db := fs.String("db", defaultDB, "SQLite database to write")
	maxBytes := fs.Int64("max-bytes", int64(essay.DefaultLimits.MaxBytes), "largest essay file accepted, in bytes")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the ingest to this file (for make bench)")
	memProfile := fs.String("memprofile", "", "write a heap profile of the ingest, taken when its live heap was largest, to this file")
	var meta essay.Meta
	fs.StringVar(&meta.Title, "title", "", "the essay's title as published, for citations (default: its first block)")
	fs.StringVar(&meta.Author, "author", "", "the essay's author or authors, for citations")
	fs.StringVar(&meta.Date, "date", "", "publication date, YYYY, YYYY-MM or YYYY-MM-DD, for citations")
	fs.StringVar(&meta.Publisher, "publisher", "", "the site or publication that published the essay")
	fs.StringVar(&meta.URL, "url", "", "the essay's original http(s) URL")
	rewrite := fs.Bool("rewrite", false, "publish the text as the next revision even when it shares few paragraphs with the current one")
	if err := parseFlags(fs, args, 1, false); err != nil {
		return err
	}
	if *maxBytes < 1 {
		usageLine(fs, fmt.Sprintf("-max-bytes %d: want a positive number of bytes", *maxBytes))
		return errUsage
	}
	if err := checkDBFlag(fs, *db); err != nil {
		return err
	}
	if err := meta.Check(); err != nil {
		return fmt.Errorf("%s: -%w", fs.Arg(0), err)
	}
	stop, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	stopMem, err := startMemProfile(*memProfile)
	if err != nil {
		return err
	}
	defer func() {
		if merr := stopMem(); merr != nil && err == nil {
			err = merr
		}
	}()
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(ingestMemoryLimit)
		stopFollow := followLiveHeap(ingestMemoryLimit)
		defer stopFollow()
	}
	path := fs.Arg(0)
	doc, data, err := readEssay(path, *maxBytes)
	if err != nil {
		return err
	}
	// the warnings are for a command that succeeds: a failure is one
	// line on stderr
	defer func() {
		if err == nil {
			warnLayout(stderr, "ingest", path, doc)
		}
	}()
	sum := sha256.Sum256(data) // before Extract, so that data is garbage during it
	src := store.Source{Name: path, SHA256: hex.EncodeToString(sum[:]), Meta: doc.Meta.Merge(meta)}
	opts := store.IngestOptions{Rewrite: *rewrite, Waiting: func() {
		fmt.Fprintf(stderr, "argmap ingest: waiting for another ingest into %s to finish\n", *db)
	}}
	// a text plainly not a revision of the essay in the database is
	// refused before it is analysed
	matched, err := store.CheckRevision(ctx, *db, doc, src, opts)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%s: %w before anything was written", path, errStopped)
		}
		return unrelated(err)
	}
	opts.Matched = matched // the matching, if it ran whole, is not made twice
	a, err := extract(ctx, doc)
	if err != nil {
		return fmt.Errorf("%s: %w before anything was written", path, err)
	}
	res, err := store.IngestWith(ctx, *db, a, src, opts)
	if err != nil && ctx.Err() != nil {
		// the new database is renamed over the old one only when whole
		return fmt.Errorf("%s: %w while writing; %s is as it was", path, errStopped, *db)
	}
	if err != nil {
		return unrelated(err)
	}
	for _, name := range res.Swept {
		fmt.Fprintf(stdout, "removed %s, left by an ingest that was stopped\n", name)
	}
	if !res.Changed {
		fmt.Fprintf(stdout, "%s: unchanged, still revision %d in %s\n", path, res.Revision, *db)
		return nil
	}
	fmt.Fprintf(stdout, "%s: revision %d in %s: %s\n", path, res.Revision, *db, summary(a))
	if res.Revision > 1 {
		for i, c := range res.Changes {
			if i == listedChanges {
				fmt.Fprintf(stdout, "  … and %d more changes\n", len(res.Changes)-i)
				break
			}
			line := "  ¶" + c.PID + " " + c.What
			if c.Note != "" {
				line += ": " + c.Note
			}
			fmt.Fprintln(stdout, line)
		}
	}
	return nil
}

// listedChanges is how many of a revision's changes ingest prints, one a
// line (a long essay revised throughout has one a paragraph).
const listedChanges = 20

// summary counts what an analysis holds.
func summary(a *argument.Analysis) string {
	n := map[argument.Role]int{}
	sentences := 0
	for _, p := range a.Paragraphs {
		for _, s := range p.Sentences {
			n[s.Role]++
			sentences++
		}
	}
	return fmt.Sprintf("%d paragraphs, %d sentences (%d thesis, %d claims, %d evidence), %d relations, %d figures",
		len(a.Paragraphs), sentences, n[argument.MajorClaim], n[argument.Claim], n[argument.Evidence], len(a.Relations), len(a.Figures))
}

// errStopped is the error of a command that a signal stopped.
var errStopped = errors.New("stopped by a signal")

// extract is argument.Extract(doc), given up when ctx ends first (SIGINT
// or SIGTERM): the analysis of a long essay takes a while, and nothing it
// holds needs undoing.
func extract(ctx context.Context, doc *essay.Document) (*argument.Analysis, error) {
	return untilStopped(ctx, func() (*argument.Analysis, error) { return argument.Extract(doc), nil })
}

// untilStopped returns f's result, or errStopped as soon as ctx ends
// first. It is for work that writes nothing that would need undoing
// before it returns (an analysis, a training run, an evaluation): its
// work goes on until the process exits, which the command's return
// brings.
func untilStopped[T any](ctx context.Context, f func() (T, error)) (T, error) {
	var zero T
	if ctx.Err() != nil {
		return zero, errStopped
	}
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return zero, errStopped
	}
}

func cmdExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("extract", stderr)
	if err := parseFlags(fs, args, 1, false); err != nil {
		return err
	}
	path := fs.Arg(0)
	var doc *essay.Document
	var err error
	if path == "-" {
		path = stdinName
		doc, err = readStdin(ctx, os.Stdin, int64(essay.DefaultLimits.MaxBytes))
	} else {
		doc, _, err = readEssay(path, int64(essay.DefaultLimits.MaxBytes))
	}
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	a, err := extract(ctx, doc)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := enc.Encode(a); err != nil {
		return err
	}
	// the warnings are for a command that succeeds: a failure is one
	// line on stderr
	warnLayout(stderr, "extract", path, doc)
	return nil
}

// loadSite opens a database read-only and renders its site. With search,
// the site answers /search from the database, which stays open: the
// caller closes it with the returned function. Without, the database is
// closed before loadSite returns (an export cannot search).
func loadSite(ctx context.Context, db string, opts server.Options, search bool) (*server.Site, func() error, error) {
	d, err := store.Open(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	snap, err := d.Snapshot(ctx)
	if err != nil {
		_ = d.Close()
		return nil, nil, fmt.Errorf("%s: %w", db, err)
	}
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	if search {
		opts.Search = d
	}
	site, err := server.NewSite(snap, opts)
	if err != nil || !search {
		if cerr := d.Close(); err == nil && cerr != nil {
			err = cerr
		}
		if err != nil {
			return nil, nil, err
		}
		return site, func() error { return nil }, nil
	}
	return site, d.Close, nil
}

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	db := fs.String("db", defaultDB, "SQLite database written by argmap ingest")
	addr := fs.String("addr", "localhost:8080", "address to listen on")
	base := fs.String("base", "", "public base URL for canonical links and citations (default http://ADDR)")
	t := serveTimeouts{}
	fs.DurationVar(&t.readHeader, "read-header-timeout", 5*time.Second, "longest time to read a request's headers")
	fs.DurationVar(&t.read, "read-timeout", 10*time.Second, "longest time to read a whole request")
	fs.DurationVar(&t.write, "write-timeout", 30*time.Second, "longest time to write a response, or for a download, to write its next chunk")
	fs.DurationVar(&t.idle, "idle-timeout", 120*time.Second, "longest time a kept-alive connection waits for its next request")
	maxConns := fs.Int("max-conns", 1024, "most connections open at once; idle ones are closed sooner from half of it")
	shortIdle := fs.Duration("short-idle-timeout", 2*time.Second, "idle timeout from half of -max-conns on")
	maxSearches := fs.Int("max-searches", server.DefaultMaxSearches, "most searches running at once; more answer 503 with Retry-After")
	cacheMB := fs.Int("cache-mb", server.DefaultCacheBytes>>20, "memory for rendered pages kept for reuse, in MiB")
	watch := fs.Duration("watch", 250*time.Millisecond, "how often to look for a new revision of the database file")
	// 56 MiB: what a serving site keeps live is the page cache (-cache-mb)
	// and the pages being rendered, not the essay, so a lower soft limit
	// costs little collection and keeps the resident memory of a 50,000
	// paragraph essay's crawl at 74-77 MiB (80 MiB let it reach 101).
	memLimit := fs.Int("memory-limit-mb", 56, "soft memory limit of the Go runtime, in MiB (GOMEMLIMIT): past it the collector works harder")
	accessLog := fs.Bool("access-log", true, "log every request (structured, on stderr)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file (for make bench)")
	if err := parseFlags(fs, args, 0, false); err != nil {
		return err
	}
	if err := checkDBFlag(fs, *db); err != nil {
		return err
	}
	if *maxConns < 1 || *maxSearches < 1 || *cacheMB < 1 || *watch <= 0 || *shortIdle <= 0 {
		fmt.Fprintln(stderr, "argmap serve: -max-conns, -max-searches, -cache-mb, -watch and -short-idle-timeout must be positive")
		return errUsage
	}
	// Listen first: a port already in use is the first thing said.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	defer ln.Close()
	// A missing or foreign file is refused before anything is served.
	if err := checkDB(ctx, *db); err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stdout, "stopped") // SIGINT or SIGTERM while starting
			return nil
		}
		return err
	}
	stop, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	if *memLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(*memLimit) << 20)
		if os.Getenv("GOGC") == "" {
			// Collect only as the heap nears the limit: what serve keeps
			// live is a few MiB (the page cache fills slowly), so the
			// default GOGC=100 collected every few thousand requests.
			debug.SetGCPercent(-1)
		}
	}
	if *base == "" {
		*base = defaultBase(listenedAddr(*addr, ln.Addr()))
	}
	logw := server.NewLogWriter(stderr, 250*time.Millisecond)
	defer logw.Close()
	logger := slog.New(slog.NewTextHandler(logw, nil))
	var access *slog.Logger
	if *accessLog {
		// The same format as logger, written without slog's general path.
		access = slog.New(server.NewAccessLogHandler(logw, false))
	}
	opts := server.Options{BaseURL: strings.TrimRight(*base, "/"), Logger: logger, AccessLog: access,
		MaxSearches: *maxSearches, CacheBytes: int64(*cacheMB) << 20, WriteTimeout: t.write}
	if _, err := server.NewSite(emptySnapshot(), opts); err != nil {
		return err // a bad -base, said before anything is served
	}
	live := server.NewLive(*db, opts)
	defer live.Close() //nolint:errcheck // a read-only database has nothing to lose
	guard := server.NewConnGuard(*maxConns, *shortIdle)
	srv := newHTTPServer(live, t, logger)
	srv.ConnState = guard.ConnState
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(guard.Listener(ln)) }()
	go guard.Run(ctx, srv)
	// Until the snapshot is read, requests are answered 503 "starting".
	if err := live.Load(ctx); err != nil {
		_ = srv.Close()
		if ctx.Err() != nil {
			fmt.Fprintln(stdout, "stopped")
			return nil
		}
		return err
	}
	go live.Watch(ctx, *watch)
	fmt.Fprintf(stdout, "serving %s on http://%s\n", *db, ln.Addr())
	return serveUntilDone(ctx, srv, errc, stdout)
}

// checkDB refuses a database file that is missing or not argmap's.
func checkDB(ctx context.Context, path string) error {
	d, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	return d.Close()
}

// emptySnapshot is the snapshot of an essay with nothing in it, to check
// site options before the real one is read.
func emptySnapshot() *store.Snapshot { return &store.Snapshot{} }

// serveTimeouts are the http.Server timeouts, set by flags.
type serveTimeouts struct {
	readHeader, read, write, idle time.Duration
}

// newHTTPServer wraps h in an http.Server with timeouts and a header size
// limit, logging its own errors (bad requests, TLS noise) as warnings.
func newHTTPServer(h http.Handler, t serveTimeouts, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.readHeader,
		ReadTimeout:       t.read,
		WriteTimeout:      t.write,
		IdleTimeout:       t.idle,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// serveUntilDone waits until ctx is done (SIGINT or SIGTERM) or the
// server fails (errc), then shuts down gracefully: requests in flight
// finish, within 10 seconds.
func serveUntilDone(ctx context.Context, srv *http.Server, errc <-chan error, stdout io.Writer) error {
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	fmt.Fprintln(stdout, "stopped")
	return nil
}

// listenedAddr is addr with the port the system chose for it when addr
// asks for any port ("HOST:0"), so that a default base URL names the port
// the server listens on.
func listenedAddr(addr string, got net.Addr) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || (port != "0" && port != "") {
		return addr
	}
	if tcp, ok := got.(*net.TCPAddr); ok {
		return net.JoinHostPort(host, strconv.Itoa(tcp.Port))
	}
	return addr
}

// defaultBase is the base URL of a server listening on addr: a wildcard or
// empty host becomes localhost.
func defaultBase(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stderr)
	db := fs.String("db", defaultDB, "SQLite database written by argmap ingest")
	out := fs.String("out", "", "folder to write the static site into (required)")
	base := fs.String("base", "http://localhost:8080", "public base URL for canonical links and citations")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the export to this file")
	if err := parseFlags(fs, args, 0, false); err != nil {
		return err
	}
	if err := checkDBFlag(fs, *db); err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprintln(stderr, "argmap export: -out DIR is required")
		return errUsage
	}
	stop, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	// The site reads each page from the database as it is written, as
	// `serve` does (the same bytes), so that the export's memory does not
	// grow with the essay.
	d, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer d.Close() //nolint:errcheck // opened read-only
	site, err := server.NewServingSite(ctx, d, server.Options{BaseURL: strings.TrimRight(*base, "/")})
	if err != nil {
		return fmt.Errorf("%s: %w", *db, err)
	}
	if err := site.Export(ctx, *out); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%s: %w: it holds part of the export; export again", *out, errStopped)
		}
		return fmt.Errorf("%s: %w", *out, err)
	}
	fmt.Fprintf(stdout, "exported %s to %s\n", *db, *out)
	return nil
}
