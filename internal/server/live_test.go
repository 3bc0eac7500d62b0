package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/store"
)

// newWord is a word that is in the revised seed only.
const newWord = "Quixotrellis"

// revisedSeed is the seed with newWord added to its last body paragraph:
// the same essay, one paragraph edited.
func revisedSeed(t testing.TB) []byte {
	t.Helper()
	lines := strings.Split(strings.TrimRight(string(readSeed(t)), "\n"), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if len(lines[i]) > 200 {
			lines[i] += " The " + newWord + " plan was dropped."
			return []byte(strings.Join(lines, "\n") + "\n")
		}
	}
	t.Fatal("no long paragraph in the seed")
	return nil
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// liveSite ingests the seed into a new database and serves it with a Live
// on loopback; it returns the database path, the Live, the server's root
// URL and the log.
func liveSite(t *testing.T) (string, *Live, string, *syncBuffer) {
	t.Helper()
	return liveSiteAt(t, func() time.Time { return testNow })
}

// liveSiteAt is liveSite with the clock now.
func liveSiteAt(t *testing.T, now func() time.Time) (string, *Live, string, *syncBuffer) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "argmap.db")
	ingestText(t, db, seedName, readSeed(t))
	logs := &syncBuffer{}
	l := NewLive(db, Options{BaseURL: testBase, Now: now, Compression: CompressFast,
		Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err := l.Load(context.Background()); err != nil {
		t.Fatalf("Load: %v", err)
	}
	ts := httptest.NewServer(l)
	t.Cleanup(func() {
		ts.Close()
		if err := l.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db, l, ts.URL, logs
}

// httpGet fetches root+path and returns the status and body (no t.Fatal, for
// goroutines).
func httpGet(c *http.Client, root, path string) (int, string, error) {
	resp, err := c.Get(root + path)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

func health(t *testing.T, root string) Health {
	t.Helper()
	status, body, err := httpGet(http.DefaultClient, root, "/healthz.json")
	if err != nil || status != http.StatusOK {
		t.Fatalf("GET /healthz.json = %d, %v", status, err)
	}
	var h Health
	if err := json.Unmarshal([]byte(body), &h); err != nil {
		t.Fatalf("GET /healthz.json: %v in %s", err, body)
	}
	return h
}

var revisionRE = regexp.MustCompile(`<a href="/revisions">revision (\d+)</a>`)

// revisionOf returns the revision number an HTML page's footer names.
func revisionOf(body string) string {
	m := revisionRE.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// TestLiveSwitch re-ingests a revision under a running Live, which
// switches to it: the new text is on the pages and in search, the old
// snapshot's database is closed once no request uses it, and a request
// that held the old snapshot across the switch still finishes on it.
func TestLiveSwitch(t *testing.T) {
	db, l, root, logs := liveSite(t)
	if h := health(t, root); h.Status != "ok" || h.Revision != 1 {
		t.Fatalf("health before = %+v, want ok at revision 1", h)
	}
	held := l.acquire() // a request in flight across the switch
	ingestText(t, db, seedName, revisedSeed(t))
	l.Check(context.Background())
	if h := health(t, root); h.Status != "ok" || h.Revision != 2 {
		t.Fatalf("health after = %+v, want ok at revision 2", h)
	}
	_, body, err := httpGet(http.DefaultClient, root, "/")
	if err != nil || !strings.Contains(body, newWord) || revisionOf(body) != "2" {
		t.Errorf("GET / after the switch: revision %q, has %s: %v (%v); want revision 2 with it", revisionOf(body), newWord, strings.Contains(body, newWord), err)
	}
	_, body, _ = httpGet(http.DefaultClient, root, "/search.json?q="+newWord)
	if !strings.Contains(body, newWord) {
		t.Errorf("search for %s after the switch found nothing: %s", newWord, body)
	}
	// The held request still reads its own snapshot, database included.
	if hits, err := held.db.Search(context.Background(), newWord, 10); err != nil || len(hits) != 0 {
		t.Errorf("old snapshot's search for %s = %d hits, %v; want 0 hits, no error", newWord, len(hits), err)
	}
	rec := httptest.NewRecorder()
	held.site.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), newWord) {
		t.Errorf("old snapshot's / = %d (has %s: %v), want 200 without it", rec.Code, newWord, strings.Contains(rec.Body.String(), newWord))
	}
	held.release()
	l.retiring.Wait()
	if _, err := held.db.Search(context.Background(), "war", 10); err == nil {
		t.Errorf("old snapshot's database still open after its last request")
	}
	if !strings.Contains(logs.String(), "switched to a new snapshot") {
		t.Errorf("log has no switch:\n%s", logs.String())
	}
}

// TestLiveWatch is the switch as serve does it: Watch polls the file and
// switches within a second of the rename.
func TestLiveWatch(t *testing.T) {
	db, l, root, _ := liveSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go l.Watch(ctx, 50*time.Millisecond)
	ingestText(t, db, seedName, revisedSeed(t))
	deadline := time.Now().Add(10 * time.Second) // a bound for a loaded machine, not the measure
	for health(t, root).Revision != 2 {
		if time.Now().After(deadline) {
			t.Fatal("no switch to revision 2")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestSearchDuringReingest searches for a word only the new revision has
// while it is ingested and served: every answer comes from one snapshot,
// so a search that finds the word is on a page of revision 2, and every
// result's paragraph answers 200; no request fails.
func TestSearchDuringReingest(t *testing.T) {
	db, l, root, _ := liveSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go l.Watch(ctx, 20*time.Millisecond)
	var stop atomic.Bool
	var wg sync.WaitGroup
	var mu sync.Mutex
	var problems []string
	var found, searches atomic.Int64
	report := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 10 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	hrefRE := regexp.MustCompile(`<li class="result">.*?<a href="(/p/[^"#]*)`)
	for range 4 {
		wg.Go(func() {
			c := &http.Client{}
			for !stop.Load() {
				status, body, err := httpGet(c, root, "/search?q="+url.QueryEscape(newWord))
				searches.Add(1)
				if err != nil || status != http.StatusOK {
					report("GET /search = %d, %v", status, err)
					continue
				}
				rev := revisionOf(body)
				links := hrefRE.FindAllStringSubmatch(body, -1)
				if len(links) > 0 {
					found.Add(1)
					if rev != "2" {
						report("search found %s on a page of revision %q", newWord, rev)
					}
				}
				for _, m := range links {
					if s, _, err := httpGet(c, root, m[1]); err != nil || s != http.StatusOK {
						report("result link %s = %d, %v", m[1], s, err)
					}
				}
			}
		})
	}
	time.Sleep(100 * time.Millisecond)
	ingestText(t, db, seedName, revisedSeed(t))
	deadline := time.Now().Add(10 * time.Second)
	for found.Load() < 20 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	stop.Store(true)
	wg.Wait()
	for _, p := range problems {
		t.Error(p)
	}
	if found.Load() == 0 {
		t.Errorf("%d searches, none found %s after the re-ingest", searches.Load(), newWord)
	}
	t.Logf("%d searches, %d found the new word", searches.Load(), found.Load())
}

// TestLiveMissingAndForeign removes the database file, then puts a file
// argmap did not write in its place: the old snapshot keeps serving, with
// no 5xx, /healthz says degraded with the reason, and the log says so
// once per problem, however many polls see it. A good file brings it back.
func TestLiveMissingAndForeign(t *testing.T) {
	db, l, root, logs := liveSite(t)
	ctx := context.Background()
	check := func(what, wantStatus, wantProblem string) {
		t.Helper()
		for range 5 {
			l.Check(ctx)
		}
		for _, p := range []string{"/", "/claims", "/search?q=war", "/healthz"} {
			if status, _, err := httpGet(http.DefaultClient, root, p); err != nil || status != http.StatusOK {
				t.Errorf("%s: GET %s = %d, %v; want 200", what, p, status, err)
			}
		}
		h := health(t, root)
		if h.Status != wantStatus || !strings.Contains(h.Problem, wantProblem) || h.Revision != 1 {
			t.Errorf("%s: health = %+v, want %s with %q at revision 1", what, h, wantStatus, wantProblem)
		}
		_, text, _ := httpGet(http.DefaultClient, root, "/healthz")
		if !strings.HasPrefix(text, wantStatus) {
			t.Errorf("%s: /healthz says %q, want it to start with %q", what, text, wantStatus)
		}
	}
	saved := filepath.Join(t.TempDir(), "saved.db")
	if err := os.Rename(db, saved); err != nil {
		t.Fatal(err)
	}
	check("missing", "degraded", "missing")
	if err := os.WriteFile(db, []byte("SQLite format 3\x00 but not really an argmap database, just a text file that starts like one.........."), 0o644); err != nil {
		t.Fatal(err)
	}
	check("foreign", "degraded", "not an argmap database")
	if err := os.Rename(saved, db); err != nil {
		t.Fatal(err)
	}
	check("back", "ok", "")
	out := logs.String()
	for _, want := range []string{"missing", "not an argmap database"} {
		if n := strings.Count(out, want); n != 1 {
			t.Errorf("log names %q %d times, want once:\n%s", want, n, out)
		}
	}
	if n := strings.Count(out, "served again"); n != 1 {
		t.Errorf("log says served again %d times, want once:\n%s", n, out)
	}
}

// TestLiveStarting: before the first snapshot is read, pages and /healthz
// answer 503 with Retry-After.
func TestLiveStarting(t *testing.T) {
	l := NewLive(filepath.Join(t.TempDir(), "none.db"), Options{BaseURL: testBase})
	ts := httptest.NewServer(l)
	defer ts.Close()
	for _, p := range []string{"/", "/healthz"} {
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Errorf("GET %s before Load = %d, Retry-After %q; want 503 with it", p, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	}
	if err := l.Load(context.Background()); err == nil {
		t.Error("Load of a missing file succeeded")
	}
}

// TestServingSnapshotSamePages: a site over the snapshot a server reads
// (no versions in memory, read from the store as pages need them) renders
// every page of a database with several revisions (an insertion, a
// removal, an edit and its revert) exactly as one over the full snapshot.
func TestServingSnapshotSamePages(t *testing.T) {
	db := filepath.Join(t.TempDir(), "argmap.db")
	seed := seedLines(t)
	body := len(seed) / 2
	inserted := append(append(append([]string{}, seed[:body]...), "A paragraph added later says that the plan was dropped."), seed[body:]...)
	removed := append(append([]string{}, inserted[:body+2]...), inserted[body+3:]...)
	edited := append([]string{}, removed...)
	edited[body-1] += " It was later revised."
	for _, lines := range [][]string{seed, inserted, removed, edited, removed} {
		ingestText(t, db, seedName, []byte(strings.Join(lines, "\n")+"\n"))
	}
	ctx := context.Background()
	d, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	full := newSite(t, openSnapshot(t, db))
	snap, err := d.ServingSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Versions != nil {
		t.Error("ServingSnapshot read the versions")
	}
	lean, err := NewSite(snap, Options{BaseURL: testBase, Now: func() time.Time { return testNow }, Compression: CompressFast, Versions: d})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := strings.Join(full.Paths(), " "), strings.Join(lean.Paths(), " "); a != b {
		t.Fatalf("paths differ:\nfull %s\nlean %s", a, b)
	}
	for _, p := range full.Paths() {
		a, err := full.render(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := lean.render(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.body, b.body) || a.status != b.status || a.open != b.open {
			t.Errorf("%s: lean site renders %d %d bytes (open %v), full site %d %d bytes (open %v)", p, b.status, len(b.body), b.open, a.status, len(a.body), a.open)
		}
	}
	for _, p := range []string{"/p/1/v/3", "/p/1/v/5.json"} {
		ta, oka := full.model.versionAlias(p)
		tb, okb := lean.model.versionAlias(p)
		if ta != tb || oka != okb {
			t.Errorf("versionAlias(%s): lean %q %v, full %q %v", p, tb, okb, ta, oka)
		}
	}
}

// TestLiveAccessedDate checks that a served citation's accessed date is the
// day it is served, not the day the server started: a server left running
// past midnight gives the new day, with no new ingest.
func TestLiveAccessedDate(t *testing.T) {
	var now atomic.Pointer[time.Time]
	day1 := time.Date(2026, 3, 1, 23, 59, 0, 0, time.UTC)
	now.Store(&day1)
	_, l, root, _ := liveSiteAt(t, func() time.Time { return *now.Load() })
	accessed := func() string {
		t.Helper()
		status, body, err := httpGet(http.DefaultClient, root, "/p/1.json")
		if err != nil || status != http.StatusOK {
			t.Fatalf("GET /p/1.json = %d, %v", status, err)
		}
		var p struct {
			Citation struct {
				Accessed string `json:"accessed"`
				Text     string `json:"text"`
			} `json:"citation"`
		}
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Fatalf("GET /p/1.json: %v", err)
		}
		return p.Citation.Accessed + " | " + p.Citation.Text
	}
	if got := accessed(); !strings.HasPrefix(got, "2026-03-01 |") || !strings.Contains(got, "accessed 1 March 2026") {
		t.Fatalf("citation on day 1 = %q, want accessed 2026-03-01", got)
	}
	day2 := day1.Add(2 * time.Minute)
	now.Store(&day2)
	l.Check(context.Background()) // a poll of Watch
	if got := accessed(); !strings.HasPrefix(got, "2026-03-02 |") || !strings.Contains(got, "accessed 2 March 2026") {
		t.Errorf("citation the next day = %q, want accessed 2026-03-02", got)
	}
}
