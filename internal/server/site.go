// Package server renders the read-only argmap site. A Site renders each
// page (HTML and its JSON twin) when it is first asked for and keeps it in
// a cache bounded in bytes: NewServingSite, what `argmap serve` runs,
// reads what each page shows from the database in one read transaction
// (source.go), and NewSite from a store.Snapshot held in memory, the same
// bytes; Handler serves them with a chi router, and Export writes them as
// a folder of static files that any static file server serves the same
// way.
//
// Links. Every internal link is a root-relative path without a trailing
// slash ("/p/4", "/claims/4.2", "/p/4#4.2"). The server answers those
// paths directly and redirects "/p/4/" to "/p/4". Export writes an HTML page
// at path P as P/index.html ("/" as index.html) and everything else (JSON
// twins, static files) as a file at P, so a static server such as
// `python3 -m http.server` or http.FileServer answers "/p/4" by redirecting
// to "/p/4/" and serving p/4/index.html: the same links work in both.
//
// A static folder cannot send status codes: a removed paragraph's page,
// which the server answers with 410 Gone, is served there as an ordinary
// page (it still says that the paragraph was removed), and the 404 page is
// written as 404.html, which most static hosts use for unknown paths.
package server

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/store"
	"github.com/argmap/argmap/web"
)

// DefaultBaseURL is the BaseURL used when Options.BaseURL is empty.
const DefaultBaseURL = "http://localhost:8080"

// Options configure NewSite.
type Options struct {
	// BaseURL is the absolute URL of the root the site is served at, such
	// as "https://example.org" or "http://localhost:8080". It makes
	// canonical links and citation URLs. Internal links are root-relative
	// ("/p/4"), so the site must be served at the root of its host: a
	// BaseURL with a path is refused. Empty means DefaultBaseURL.
	BaseURL string
	// Now returns the time, read when the site is built, whose day is the
	// "accessed" date of citations (Live builds a new site when the day
	// changes). Nil means time.Now.
	Now func() time.Time
	// Logger receives errors and recovered panics. Nil means slog.Default().
	Logger *slog.Logger
	// AccessLog, when set, receives one record per request (see
	// Site.accessLog). Nil means no access log.
	AccessLog *slog.Logger
	// Compression is how hard NewSite compresses each body: the zero
	// value, CompressBest, is what `argmap serve` does (see brotliOptions);
	// CompressFast is for tests and tools that build many sites.
	Compression Compression
	// Search answers /search; nil serves a page that says search needs
	// the server (as an export must).
	Search Searcher
	// Versions, when set, reads the versions of a paragraph (its texts at
	// their versioned URLs) as pages need them, for a snapshot read
	// without them (store.DB.ServingSnapshot); nil uses the snapshot's.
	Versions VersionReader
	// CacheBytes bounds the memory the rendered pages kept for reuse take
	// (bodies and their compressed forms). Zero means DefaultCacheBytes.
	CacheBytes int64
	// MaxSearches is how many searches may run at once; one more answers
	// 503 with Retry-After. Zero means DefaultMaxSearches.
	MaxSearches int
	// WriteTimeout is the http.Server's WriteTimeout. A streamed download
	// (downloads.go) moves its connection's write deadline to now plus
	// WriteTimeout before each chunk it writes, so that a client that keeps
	// reading gets the whole file however long it takes, while one that
	// stops reading is cut off once a write has waited that long. Zero
	// leaves the deadline to the http.Server.
	WriteTimeout time.Duration
}

// response is one rendered answer.
type response struct {
	status      int
	contentType string
	body        []byte
	etag        string
	// page is true for HTML pages, which Export writes as …/index.html.
	page bool
	// open marks a versioned page whose text is still current, so a later
	// revision will change it: it gets the short cache policy.
	open bool
	// wire is what serving needs, computed once by prepare (serving.go).
	wire wire
}

const (
	contentHTML = "text/html; charset=utf-8"
	contentJSON = "application/json; charset=utf-8"
)

// Site is the site of one snapshot. Pages are rendered when first asked
// for, compressed, and kept in a cache bounded in bytes (pagecache.go), so
// that start-up and memory do not grow with the essay; the static files
// and error pages are rendered by NewSite. It is safe for concurrent use.
type Site struct {
	base string
	log  *slog.Logger
	// reads is where pages are read from for a serving site; nil for a
	// snapshot in memory.
	reads *dbReads
	// static holds the files of web/static, prepared once.
	static map[string]*response
	// notFound and the other error answers, HTML and JSON.
	notFound, notFoundJSON   *response
	notAllowed, notAllowJSON *response
	internal, internalJSON   *response
	busy, busyJSON           *response
	// accessLogger receives one record per request; nil for none.
	accessLogger *slog.Logger
	// search, model and tmpl answer /search as it is asked (search.go);
	// searches holds a token for each search allowed to run at once.
	search   Searcher
	searches chan struct{}
	tmpl     map[string]*template.Template
	// model is the site's model; its source is the snapshot (NewSite), or
	// none, when each render reads from db (NewServingSite) through open.
	model *model
	db    *store.DB
	// paragraphs counts the current paragraphs.
	paragraphs int
	// cache holds rendered answers; large holds a token for each answer
	// too large to cache that may be rendered at once.
	cache *pageCache
	large chan struct{}

	// compression is Options.Compression; writeTimeout
	// Options.WriteTimeout.
	compression  Compression
	writeTimeout time.Duration
	handler      http.Handler
}

// DefaultCacheBytes is the default Options.CacheBytes.
const DefaultCacheBytes = 16 << 20

// NewSite prepares the site of snap, held in memory: it indexes the
// snapshot and renders the static files and error pages; every other page
// is rendered when it is first asked for. It fails when snap has ids that
// cannot be used in URLs (CONTRACT.md allows [A-Za-z0-9._-]), ids used
// twice, or when a template fails. Tests and bench-bare use it (and serve,
// to check Options before it opens a database); serve and export use
// NewServingSite.
func NewSite(snap *store.Snapshot, opts Options) (*Site, error) {
	if snap == nil {
		return nil, errors.New("new site: nil snapshot")
	}
	base, now, err := siteBase(opts)
	if err != nil {
		return nil, fmt.Errorf("new site: %w", err)
	}
	m, err := newModel(snap, base, now)
	if err != nil {
		return nil, fmt.Errorf("new site: %w", err)
	}
	if opts.Versions != nil {
		m.src.(*memSource).reader = opts.Versions
	}
	s, err := buildSite(m, m.src.paragraphCount(), nil, opts)
	if err != nil {
		return nil, fmt.Errorf("new site: %w", err)
	}
	return s, nil
}

// NewServingSite prepares the site of the newest revision of db, which
// must stay open while the site is used: it keeps the revision's head
// (metadata and counts, store.Head) and reads what each page shows from
// db when it renders the page, in one read transaction, so that neither
// its start-up nor its memory grows with the essay. Its pages are the
// same bytes as those of NewSite on db's snapshot.
func NewServingSite(ctx context.Context, db *store.DB, opts Options) (*Site, error) {
	base, now, err := siteBase(opts)
	if err != nil {
		return nil, fmt.Errorf("new site: %w", err)
	}
	h, err := db.Head(ctx)
	if err != nil {
		return nil, fmt.Errorf("new site: %w", err)
	}
	m := &model{head: storeHead(h), base: base, accessed: now}
	s, err := buildSite(m, h.Paragraphs, &dbReads{db: db, head: h}, opts)
	if err != nil {
		return nil, fmt.Errorf("new site: %w", err)
	}
	return s, nil
}

// siteBase returns the base URL and the render time of opts.
func siteBase(opts Options) (string, time.Time, error) {
	base, err := cleanBaseURL(opts.BaseURL)
	if err != nil {
		return "", time.Time{}, err
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return base, now().UTC(), nil
}

// dbReads is where a serving site reads its pages.
type dbReads struct {
	db   *store.DB
	head *store.Head
	// marks holds, by role, the place of every markEvery-th sentence of
	// the role, read once when a deep page of its list is first asked
	// for (dbSource.claims).
	marksMu sync.Mutex
	marks   map[argument.Role][]store.Mark
}

// markEvery is how many sentences of a role lie between two marks: a page
// of the claims list, so that each page starts at a mark.
const markEvery = claimsPageSize

// marksOf returns the marks of role, reading them with read the first
// time; a failed read is not kept.
func (d *dbReads) marksOf(role argument.Role, read func() ([]store.Mark, error)) ([]store.Mark, error) {
	d.marksMu.Lock()
	defer d.marksMu.Unlock()
	if ms, ok := d.marks[role]; ok {
		return ms, nil
	}
	ms, err := read()
	if err != nil {
		return nil, err
	}
	if d.marks == nil {
		d.marks = make(map[argument.Role][]store.Mark)
	}
	d.marks[role] = ms
	return ms, nil
}

func buildSite(m *model, paragraphs int, reads *dbReads, opts Options) (*Site, error) {
	logger := opts.Logger
	if logger == nil {
		logger = slog.Default()
	}
	tmpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	static, err := staticFiles(opts.Compression)
	if err != nil {
		return nil, err
	}
	cacheBytes := opts.CacheBytes
	if cacheBytes <= 0 {
		cacheBytes = DefaultCacheBytes
	}
	maxSearches := opts.MaxSearches
	if maxSearches <= 0 {
		maxSearches = DefaultMaxSearches
	}
	s := &Site{base: m.base, log: logger, static: static, search: opts.Search, model: m, tmpl: tmpl, paragraphs: paragraphs,
		cache: newPageCache(cacheBytes), large: make(chan struct{}, 1), searches: make(chan struct{}, maxSearches)}
	if reads != nil {
		s.db, s.reads = reads.db, reads
	}
	em, done, err := s.open(context.Background())
	if err != nil {
		return nil, err
	}
	defer done()
	r := &renderer{tmpl: tmpl}
	if err := guard(func() error {
		s.notFound, s.notFoundJSON = r.errorPair(em, http.StatusNotFound, "not found")
		s.notAllowed, s.notAllowJSON = r.errorPair(em, http.StatusMethodNotAllowed, "method not allowed: this site is read-only and answers GET and HEAD")
		s.internal, s.internalJSON = r.errorPair(em, http.StatusInternalServerError, "internal error")
		s.busy, s.busyJSON = r.errorPair(em, http.StatusServiceUnavailable, "busy: too many searches at once; try again in a second")
		return r.err
	}); err != nil {
		return nil, err
	}
	s.accessLogger = opts.AccessLog
	s.compression = opts.Compression
	s.writeTimeout = opts.WriteTimeout
	if err := s.prepareFixed(); err != nil {
		return nil, err
	}
	s.handler = s.newHandler()
	return s, nil
}

// open returns the model to render one answer from, and the function to
// call when done with it: the site's own for a snapshot in memory, or one
// reading db in a read transaction of its own.
func (s *Site) open(ctx context.Context) (*model, func(), error) {
	if s.reads == nil {
		return s.model, func() {}, nil
	}
	r, err := s.db.Reader(ctx, s.reads.head.Current.Number)
	if err != nil {
		return nil, nil, err
	}
	src := newDBSource(r, s.reads.head, func() (*store.Snapshot, error) { return r.Snapshot() })
	src.reads = s.reads
	return s.model.on(src), func() { _ = r.Close() }, nil
}

// essayJSON is /essay.json: the analysis in CONTRACT.md's shape (its keys
// are promoted) with two extra keys.
type essayJSON struct {
	argument.Analysis
	Revision int    `json:"revision"`
	URL      string `json:"url"`
	// Metadata is what citations say of the essay: the metadata it was
	// ingested with, the title defaulting to its first block and the
	// author to the analysis's. The analysis's own title and author keys
	// stay the extractor's reading, as argmap extract prints them.
	Metadata essay.Meta `json:"metadata"`
}

// essayJSON returns /essay.json of the current revision with analysis a.
func (m *model) essayJSON(a argument.Analysis) essayJSON {
	return essayJSON{Analysis: a, Revision: m.head.current.Number, URL: m.abs("/"), Metadata: m.meta()}
}

func cleanBaseURL(raw string) (string, error) {
	if raw == "" {
		return DefaultBaseURL, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("base URL %q: %w", raw, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") ||
		u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("base URL %q: want an absolute http or https URL of a host's root, such as %s", raw, DefaultBaseURL)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// Paths returns every path the site answers with a page or file (not the
// error pages), sorted. It is for tests and small tools: it holds them
// all, which Export does not (EachPath); serving never lists the pages.
func (s *Site) Paths() []string {
	var out []string
	if err := s.EachPath(func(p string) error { out = append(out, p); return nil }); err != nil {
		return nil
	}
	slices.Sort(out)
	return out
}

// EachPath calls f with every path the site answers with a page or file
// (not the error pages): the static files, sorted, then the pages and
// files of the essay, read from the site's source a list page at a time
// in one read transaction, so that an export of a long essay holds
// neither the paths nor the essay. It stops at the first error of f.
func (s *Site) EachPath(f func(p string) error) error {
	static := slices.Sorted(maps.Keys(s.static))
	for _, p := range static {
		if err := f(p); err != nil {
			return err
		}
	}
	m, done, err := s.open(context.Background())
	if err != nil {
		return err
	}
	defer done()
	return guard(func() error { return m.eachPath(f) })
}

// BaseURL returns the absolute URL the site was rendered for.
func (s *Site) BaseURL() string { return s.base }

// renderer renders pages; the first error sticks. NewSite collects the
// static files and error pages in out.
type renderer struct {
	tmpl map[string]*template.Template
	out  map[string]*response
	err  error
}

func (r *renderer) add(p string, resp *response) {
	if r.err != nil {
		return
	}
	if _, dup := r.out[p]; dup {
		r.err = fmt.Errorf("two pages at %s", p)
		return
	}
	resp.etag = etag(resp.body)
	r.out[p] = resp
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func (r *renderer) execute(name string, data any) ([]byte, error) {
	t, ok := r.tmpl[name]
	if !ok {
		return nil, fmt.Errorf("no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func marshalJSON(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// errorPair renders an error page as HTML and JSON, outside the path map.
func (r *renderer) errorPair(m *model, status int, msg string) (htmlResp, jsonResp *response) {
	data := m.errorPage(status, msg)
	body, err := r.execute("error", data)
	if err != nil {
		r.err = firstErr(r.err, fmt.Errorf("render %d page: %w", status, err))
		return nil, nil
	}
	js, err := marshalJSON(map[string]any{"error": msg, "status": status})
	if err != nil {
		r.err = firstErr(r.err, err)
		return nil, nil
	}
	return &response{status: status, contentType: contentHTML, body: body, etag: etag(body)},
		&response{status: status, contentType: contentJSON, body: js, etag: etag(js)}
}

// staticFiles returns every file of web/static under /static/, prepared:
// they are the same for every site, so they are compressed once a
// process (for each Compression).
func staticFiles(c Compression) (map[string]*response, error) {
	return staticOnce[c]()
}

var staticOnce = map[Compression]func() (map[string]*response, error){
	CompressBest: sync.OnceValues(func() (map[string]*response, error) { return loadStatic(CompressBest) }),
	CompressFast: sync.OnceValues(func() (map[string]*response, error) { return loadStatic(CompressFast) }),
}

func loadStatic(c Compression) (map[string]*response, error) {
	r := &renderer{out: make(map[string]*response)}
	if err := r.static(); err != nil {
		return nil, err
	}
	for p, resp := range r.out {
		if err := prepare(p, resp, c, compressStatic); err != nil {
			return nil, err
		}
	}
	return r.out, nil
}

// static adds every file of web/static under /static/.
func (r *renderer) static() error {
	return fs.WalkDir(web.FS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(web.FS, p)
		if err != nil {
			return err
		}
		r.add("/"+p, &response{status: http.StatusOK, contentType: contentType(p), body: b})
		return nil
	})
}

func contentType(p string) string {
	switch path.Ext(p) {
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return contentJSON
	case ".html":
		return contentHTML
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".csv":
		return contentCSV
	}
	return "application/octet-stream"
}

func etag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// exportFile returns the file, relative to the export folder and with
// forward slashes, that holds the answer at URL path p (an HTML page when
// page is set).
func exportFile(p string, page bool) string {
	rel := strings.TrimPrefix(p, "/")
	if page {
		if rel == "" {
			return "index.html"
		}
		return rel + "/index.html"
	}
	return rel
}

// exportConflict returns the path whose export file would have to be a
// folder too, for the page at p, which is exported as a folder holding
// index.html: a page whose path is another page's JSON twin (an id ending
// in ".json" beside the id without it) or a static file. "" for none. The
// routes give no other way for two paths to meet (ids are
// [A-Za-z0-9._-], and the fixed paths differ), so each page is checked as
// it is written, without the list of every file.
func (s *Site) exportConflict(p string) string {
	if _, ok := s.static[p]; ok {
		return p
	}
	if stem, ok := strings.CutSuffix(p, ".json"); ok && s.isPage(stem) {
		return stem
	}
	return ""
}

// Export writes the site under dir, creating it if needed: every HTML page
// at path P as P/index.html ("/" as index.html), JSON twins and static
// files as files at their paths, and the 404 page as 404.html. Existing
// files with the same names are replaced; nothing else is removed. Pages
// are rendered one at a time, as the server renders them (the same
// bytes), and written straight to disk, and the paths are read a list
// page at a time (EachPath), so an export of a long essay holds one page
// in memory at a time: a serving site's export reads the database as it
// goes. Pages are rendered and written by one worker a core, so an
// export holds as many pages as there are cores. When ctx ends the export
// stops between two files with ctx's error, leaving the files written so
// far and the previous export's manifest (so the next export still
// removes what that one wrote and this one does not).
func (s *Site) Export(parent context.Context, dir string) error {
	g, ctx := errgroup.WithContext(parent)
	g.SetLimit(runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	written := map[string]bool{"404.html": true, exportManifest: true}
	err := s.EachPath(func(p string) error {
		if ctx.Err() != nil {
			return errExportStopped // a worker failed: g.Wait says how
		}
		g.Go(func() error {
			rel, err := s.exportPath(ctx, dir, p)
			if err == nil {
				mu.Lock()
				written[rel] = true
				mu.Unlock()
			}
			return err
		})
		return nil
	})
	if werr := g.Wait(); werr != nil {
		return werr
	}
	if err == nil {
		err = parent.Err()
	}
	if err != nil {
		if errors.Is(err, errExportStopped) && parent.Err() != nil {
			return parent.Err()
		}
		return err
	}
	if err := writeFile(dir, "404.html", s.notFound.body); err != nil {
		return fmt.Errorf("export 404 page: %w", err)
	}
	return replaceManifest(dir, written)
}

// exportManifest is the file, in an export's folder, that lists every file
// the export wrote, one a line, so that the next export into the folder
// can remove those it does not write again (the pages of a claim, a
// paragraph page or a paged list that a revision took away), which a
// static server would otherwise still answer. Files no export listed are
// never touched.
const exportManifest = ".argmap-export"

// replaceManifest removes from dir the files the previous export's
// manifest lists and written does not, with the folders that leaves
// empty, and writes the manifest of written.
func replaceManifest(dir string, written map[string]bool) error {
	old, err := os.ReadFile(filepath.Join(dir, exportManifest))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("read %s: %w", exportManifest, err)
	}
	for _, rel := range strings.Split(string(old), "\n") {
		if rel == "" || written[rel] || !filepath.IsLocal(filepath.FromSlash(rel)) {
			continue
		}
		name := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s of the previous export: %w", rel, err)
		}
		for d := filepath.Dir(name); d != filepath.Clean(dir); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break // not empty (or not there)
			}
		}
	}
	list := make([]string, 0, len(written))
	for rel := range written {
		list = append(list, rel)
	}
	slices.Sort(list)
	if err := writeFile(dir, exportManifest, []byte(strings.Join(list, "\n")+"\n")); err != nil {
		return fmt.Errorf("write %s: %w", exportManifest, err)
	}
	return nil
}

// errExportStopped stops the walk of the paths once an export worker has
// failed.
var errExportStopped = errors.New("export stopped")

// exportPath writes the page or file at p under dir and returns its path
// there, slash-separated.
func (s *Site) exportPath(ctx context.Context, dir, p string) (string, error) {
	if s.streams(p) {
		if err := s.exportDownload(dir, p); err != nil {
			return "", fmt.Errorf("export %s: %w", p, err)
		}
		return exportFile(p, false), nil
	}
	resp, err := s.render(ctx, p)
	if err != nil {
		return "", fmt.Errorf("export %s: %w", p, err)
	}
	rel := exportFile(p, resp.page)
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return "", fmt.Errorf("export: path %s cannot be exported", p)
	}
	if resp.page {
		if other := s.exportConflict(p); other != "" {
			return "", fmt.Errorf("export: paths %s and %s cannot both be exported", p, other)
		}
	}
	if err := writeFile(dir, rel, resp.body); err != nil {
		return "", fmt.Errorf("export %s: %w", p, err)
	}
	return rel, nil
}

// exportDownload writes the download at p with the writer that serves it.
func (s *Site) exportDownload(dir, p string) error {
	m, done, err := s.open(context.Background())
	if err != nil {
		return err
	}
	defer done()
	write, _ := m.download(p)
	name := filepath.Join(dir, filepath.FromSlash(exportFile(p, false)))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := guard(func() error { return write(bw) }); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeFile(dir, rel string, body []byte) error {
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, body, 0o644)
}
