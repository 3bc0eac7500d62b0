package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/argmap/argmap/internal/store"
)

// Live serves the newest snapshot of a database file and follows the file:
// when an ingest publishes a new revision (it renames a new file over the
// path), Live opens it, checks that it is an argmap database, builds its
// site and switches to it atomically. Every request is answered from one
// snapshot, pages and search alike (the site and the open database travel
// together); requests in flight when the switch happens finish on the old
// one, whose database is closed once the last of them is done. A missing,
// foreign or broken file keeps the old snapshot serving: /healthz says
// "degraded" with the reason, and the log says so once.
type Live struct {
	path string
	opts Options
	log  *slog.Logger

	cur atomic.Pointer[generation]

	mu sync.Mutex
	// problem is why the file at path is not what is served ("" when it
	// is); since is when it began. failed is the file a load failed on, so
	// that it is not tried again every poll.
	problem string
	since   time.Time
	failed  os.FileInfo
	// retiring counts the old generations waiting for their last requests.
	retiring sync.WaitGroup
}

// generation is one snapshot being served: its site and its database.
type generation struct {
	site *Site
	db   *store.DB
	info os.FileInfo
	rev  int
	// refs counts the requests using it; retired is set when a newer one
	// replaced it.
	refs    atomic.Int64
	retired atomic.Bool
}

// NewLive returns a Live for the database at path whose sites are built
// with opts (opts.Search is set to each snapshot's database). Nothing is
// served until Load succeeds: until then every request but /healthz is
// answered 503 with Retry-After.
func NewLive(path string, opts Options) *Live {
	logger := opts.Logger
	if logger == nil {
		logger = slog.Default()
	}
	return &Live{path: path, opts: opts, log: logger}
}

// Load opens the file at the path and serves it. It is what start-up
// calls: its error (a missing file, a file that is not an argmap
// database) is the reason serve refuses to start.
func (l *Live) Load(ctx context.Context) error {
	info, err := os.Stat(l.path)
	if err != nil {
		return fmt.Errorf("open database %s: %w", l.path, err)
	}
	g, err := l.open(ctx, info)
	if err != nil {
		return err
	}
	l.swap(g)
	return nil
}

// open builds the generation of the file at the path, whose stat was info.
func (l *Live) open(ctx context.Context, info os.FileInfo) (*generation, error) {
	db, err := store.Open(ctx, l.path)
	if err != nil {
		return nil, err
	}
	opts := l.opts
	opts.Search = db
	site, err := NewServingSite(ctx, db, opts)
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("%s: %w", l.path, err)
	}
	return &generation{site: site, db: db, info: info, rev: site.model.head.current.Number}, nil
}

// swap makes g the generation served and retires the one before: its
// database is closed when its last request is done.
func (l *Live) swap(g *generation) {
	old := l.cur.Swap(g)
	if old == nil {
		return
	}
	old.retired.Store(true)
	l.retiring.Go(func() {
		for old.refs.Load() > 0 {
			time.Sleep(20 * time.Millisecond)
		}
		if err := old.db.Close(); err != nil {
			l.log.Warn("close the previous snapshot", "err", err)
		}
	})
}

// acquire returns the generation to answer a request from, counted until
// release; nil before the first Load.
func (l *Live) acquire() *generation {
	for {
		g := l.cur.Load()
		if g == nil {
			return nil
		}
		g.refs.Add(1)
		// A generation retired between the Load and the Add may be
		// closing: let it go and take the new one.
		if !g.retired.Load() {
			return g
		}
		g.refs.Add(-1)
	}
}

func (g *generation) release() { g.refs.Add(-1) }

// Watch polls the file every interval until ctx is done, switching to a
// new file when one is published (see Live). A switch happens within an
// interval plus the time to read the new snapshot.
func (l *Live) Watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			l.Check(ctx)
		}
	}
}

// sameDay reports whether g's site was built on the day (UTC) it is now:
// its pages' citations give that day as their accessed date, so a server
// running past midnight rebuilds the site of the same file.
func (l *Live) sameDay(g *generation) bool {
	now := time.Now
	if l.opts.Now != nil {
		now = l.opts.Now
	}
	y1, m1, d1 := now().UTC().Date()
	y2, m2, d2 := g.site.model.accessed.Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

// sameFile reports whether a and b describe the same file, unchanged.
func sameFile(a, b os.FileInfo) bool {
	return a != nil && b != nil && os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// Check looks at the file once, as each poll of Watch does, and switches
// to it when it is a new argmap database.
func (l *Live) Check(ctx context.Context) {
	g := l.cur.Load()
	if g == nil {
		return
	}
	info, err := os.Stat(l.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.report(fmt.Sprintf("database file %s is missing", l.path), g)
		return
	case err != nil:
		l.report(fmt.Sprintf("database file %s cannot be read: %v", l.path, err), g)
		return
	case sameFile(info, g.info) && l.sameDay(g):
		l.report("", g)
		return
	}
	l.mu.Lock()
	failed := sameFile(info, l.failed)
	l.mu.Unlock()
	if failed {
		return
	}
	ng, err := l.open(ctx, info)
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		l.mu.Lock()
		l.failed = info
		l.mu.Unlock()
		l.report(fmt.Sprintf("new file at %s refused: %v", l.path, err), g)
		return
	}
	l.swap(ng)
	if sameFile(info, g.info) {
		l.log.Info("rebuilt the site for a new day's accessed date", "db", l.path, "revision", ng.rev)
	} else {
		l.log.Info("switched to a new snapshot", "db", l.path, "revision", ng.rev, "previous_revision", g.rev)
	}
	l.report("", ng)
}

// report records the current problem ("" for none) and logs it when it
// changes: once when it starts, once when it ends.
func (l *Live) report(problem string, g *generation) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if problem == l.problem {
		return
	}
	if problem == "" {
		l.log.Info("database file is served again", "db", l.path, "revision", g.rev)
		l.failed = nil
	} else {
		l.log.Warn("keeping the snapshot already served", "problem", problem, "revision", g.rev)
	}
	l.problem, l.since = problem, time.Now().UTC()
}

// Health is what /healthz reports.
type Health struct {
	// Status is "ok", "degraded" (serving, but the file at the path is
	// missing or could not be served) or "starting".
	Status   string `json:"status"`
	Revision int    `json:"revision,omitempty"`
	DB       string `json:"db"`
	Problem  string `json:"problem,omitempty"`
	Since    string `json:"since,omitempty"`
}

// Health returns the state /healthz reports.
func (l *Live) Health() Health {
	h := Health{Status: "starting", DB: l.path}
	g := l.cur.Load()
	if g == nil {
		return h
	}
	h.Status, h.Revision = "ok", g.rev
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.problem != "" {
		h.Status, h.Problem, h.Since = "degraded", l.problem, l.since.Format(time.RFC3339)
	}
	return h
}

// ServeHTTP answers r from the generation served now. /healthz and
// /healthz.json answer 200 with "ok" or "degraded: REASON" (plain text)
// or Health (JSON) while a snapshot is served, and 503 before the first.
func (l *Live) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/healthz" || r.URL.Path == "/healthz.json" {
		l.serveHealth(w, r)
		return
	}
	g := l.acquire()
	if g == nil {
		setSecurityHeaders(w.Header())
		w.Header().Set("Retry-After", retryAfter)
		w.Header().Set("Cache-Control", cacheNone)
		http.Error(w, "starting: the snapshot is being read", http.StatusServiceUnavailable)
		return
	}
	defer g.release()
	g.site.Handler().ServeHTTP(w, r)
}

func (l *Live) serveHealth(w http.ResponseWriter, r *http.Request) {
	hs := l.Health()
	h := w.Header()
	setSecurityHeaders(h)
	h["Cache-Control"] = hdrNone
	var body []byte
	if r.URL.Path == "/healthz.json" {
		body, _ = json.Marshal(hs) // a struct of strings and an int
		body = append(body, '\n')
		h.Set("Content-Type", contentJSON)
	} else {
		text := hs.Status
		if hs.Problem != "" {
			text += ": " + hs.Problem
		}
		body = []byte(text + "\n")
		h["Content-Type"] = hdrText
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if hs.Status == "starting" {
		h.Set("Retry-After", retryAfter)
		w.WriteHeader(http.StatusServiceUnavailable)
	} else {
		w.WriteHeader(http.StatusOK)
	}
	if r.Method != http.MethodHead {
		w.Write(body) //nolint:errcheck // the client went away
	}
}

// Close waits for the old snapshots' last requests and closes every
// database; call it after the HTTP server has shut down.
func (l *Live) Close() error {
	l.retiring.Wait()
	g := l.cur.Swap(nil)
	if g == nil {
		return nil
	}
	return g.db.Close()
}
