package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/store"
)

// servingFixtures are databases that between them have every kind of
// page: the seed, the hand-enriched seed in two revisions (figures,
// quotes, an edit, a removal), the injection essay, five revisions with an
// insertion, a removal, an edit and its revert, and a long essay (paged
// lists, streamed downloads).
func servingFixtures(t *testing.T) map[string]string {
	t.Helper()
	seed := seedLines(t)
	body := len(seed) / 2
	inserted := append(append(append([]string{}, seed[:body]...), "A paragraph added later says that the plan was dropped."), seed[body:]...)
	removed := append(append([]string{}, inserted[:body+2]...), inserted[body+3:]...)
	edited := append([]string{}, removed...)
	edited[body-1] += " It was later revised."
	revisions := filepath.Join(t.TempDir(), "argmap.db")
	for _, lines := range [][]string{seed, inserted, removed, edited, removed} {
		ingestText(t, revisions, seedName, []byte(strings.Join(lines, "\n")+"\n"))
	}
	long := filepath.Join(t.TempDir(), "argmap.db")
	ingestText(t, long, "long.txt", longEssay(260))
	rich := readSeed(t)
	var richLines []string
	for _, line := range strings.Split(string(rich), "\n") {
		switch {
		case strings.HasPrefix(line, "The news about North Korean troops"):
			line += " The debate is far from over."
		case strings.HasPrefix(line, "At present, army recruiters"):
			continue
		}
		richLines = append(richLines, line)
	}
	return map[string]string{
		"seed": storedDB(t, version{name: seedName, data: rich}),
		"rich": storedDB(t, version{name: seedName, data: rich, edit: enrich},
			version{name: seedName, data: []byte(strings.Join(richLines, "\n")), edit: enrich}),
		"injection": storedDB(t, version{name: "injection.txt", data: []byte(injectionEssay)}),
		"revisions": revisions,
		"long":      long,
	}
}

// TestServingSiteSamePages: a site that reads each page from the database
// (NewServingSite, what `argmap serve` runs) renders every page, twin and
// download exactly as a site over the whole snapshot in memory (NewSite,
// what `argmap export` and the golden tests use), with the same paths,
// statuses, redirects of versioned URLs and streamed downloads.
// newServedSite opens the database at path and returns its serving site,
// with newSite's test options (testBase, testNow, fast compression); the
// database is closed when t ends.
func newServedSite(t testing.TB, path string) *Site {
	t.Helper()
	ctx := context.Background()
	d, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	site, err := NewServingSite(ctx, d, Options{BaseURL: testBase, Now: func() time.Time { return testNow }, Compression: CompressFast})
	if err != nil {
		t.Fatal(err)
	}
	return site
}

func TestServingSiteSamePages(t *testing.T) {
	ctx := context.Background()
	for name, db := range servingFixtures(t) {
		t.Run(name, func(t *testing.T) {
			full := newSite(t, openSnapshot(t, db))
			served := newServedSite(t, db)
			paths := full.Paths()
			if a, b := strings.Join(paths, " "), strings.Join(served.Paths(), " "); a != b {
				t.Fatalf("paths differ:\nin memory %s\nserved    %s", a, b)
			}
			for _, p := range paths {
				a, err := full.render(ctx, p)
				if err != nil {
					t.Fatal(err)
				}
				b, err := served.render(ctx, p)
				if err != nil {
					t.Fatalf("served render %s: %v", p, err)
				}
				if !bytes.Equal(a.body, b.body) || a.status != b.status || a.open != b.open || a.page != b.page {
					t.Errorf("%s: served %d, %d bytes (open %v), in memory %d, %d bytes (open %v)", p, b.status, len(b.body), b.open, a.status, len(a.body), a.open)
				}
				if full.isPage(p) != served.isPage(p) {
					t.Errorf("isPage(%s) differs", p)
				}
				if isDownload(p) {
					var sb bytes.Buffer
					m, done, err := served.open(ctx)
					if err != nil {
						t.Fatal(err)
					}
					write, _ := m.download(p)
					err = guard(func() error { return write(&sb) })
					done()
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(sb.Bytes(), a.body) {
						t.Errorf("%s streamed from the database: %d bytes, whole in memory: %d bytes, not the same", p, sb.Len(), len(a.body))
					}
				}
			}
			for _, p := range []string{"/p/1/v/3", "/p/1/v/5.json", "/p/2/v/2", "/p/nope", "/claims/nope", "/p/1/v/99"} {
				ta, oka := full.versionAlias(ctx, p)
				tb, okb := served.versionAlias(ctx, p)
				if ta != tb || oka != okb {
					t.Errorf("versionAlias(%s): served %q %v, in memory %q %v", p, tb, okb, ta, oka)
				}
				_, errA := full.render(ctx, p)
				_, errB := served.render(ctx, p)
				if (errA == nil) != (errB == nil) {
					t.Errorf("render(%s): served %v, in memory %v", p, errB, errA)
				}
			}
		})
	}
}

// TestCSVStreamSameBytes: the CSV downloads, written row by row from the
// database, are the bytes the whole-table writer they replaced wrote
// (csv.Writer.WriteAll of every row, each cell through safeCell).
func TestCSVStreamSameBytes(t *testing.T) {
	ctx := context.Background()
	for name, db := range servingFixtures(t) {
		t.Run(name, func(t *testing.T) {
			snap := openSnapshot(t, db)
			full := newSite(t, snap)
			m := full.model
			want := map[string][]byte{"/sentences.csv": wholeSentencesCSV(t, m, snap.Analysis), "/figures.csv": wholeFiguresCSV(t, m, snap.Analysis)}
			served := newServedSite(t, db)
			for p, w := range want {
				sm, done, err := served.open(ctx)
				if err != nil {
					t.Fatal(err)
				}
				write, _ := sm.download(p)
				var b bytes.Buffer
				err = guard(func() error { return write(&b) })
				done()
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(b.Bytes(), w) {
					t.Errorf("%s streamed: %d bytes, written whole: %d bytes, not the same", p, b.Len(), len(w))
				}
			}
		})
	}
}

// writeWholeCSV is the writer the CSV downloads had before they were
// streamed: every row in memory, then csv.Writer.WriteAll.
func writeWholeCSV(t *testing.T, rows [][]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	for _, row := range rows {
		for i, cell := range row {
			row[i] = safeCell(cell)
		}
	}
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func wholeSentencesCSV(t *testing.T, m *model, a argument.Analysis) []byte {
	rows := [][]string{append([]string{}, sentencesCSVHeader...)}
	for _, p := range a.Paragraphs {
		for j, s := range p.Sentences {
			var supports, attacks []string
			for _, r := range a.Relations {
				if r.From != s.ID {
					continue
				}
				if r.Kind == argument.Attack {
					attacks = append(attacks, r.To)
				} else {
					supports = append(supports, r.To)
				}
			}
			rows = append(rows, []string{s.ID, p.ID, string(p.Kind), strconv.Itoa(j + 1), string(s.Role), s.Text, s.Why,
				strings.Join(supports, " "), strings.Join(attacks, " "), m.abs(sentencePath(p.ID, s.ID))})
		}
	}
	return writeWholeCSV(t, rows)
}

func wholeFiguresCSV(t *testing.T, m *model, a argument.Analysis) []byte {
	rows := [][]string{append([]string{}, figuresCSVHeader...)}
	for i := range a.Figures {
		v := m.figureView(i)
		f := v.Figure
		url := ""
		if v.URL != "" {
			url = m.abs(v.URL)
		}
		rows = append(rows, []string{v.ID, f.Sentence, v.PID, string(f.Kind), f.Text, f.Value.String(), f.Qualifier,
			f.Counts, f.Source, f.Speaker, f.SpeakerRole, f.When, url, f.Currency})
	}
	return writeWholeCSV(t, rows)
}

// heapAfterOpen returns the heap in use after opening a serving site on a
// database of an essay of n paragraphs and rendering its first page.
func heapAfterOpen(t *testing.T, n int) (uint64, *Site, *store.DB) {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "argmap.db")
	ingestText(t, db, "long.txt", longEssay(n))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	site, err := NewServingSite(ctx, d, Options{BaseURL: testBase, Compression: CompressFast})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := site.render(ctx, "/"); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if after.HeapInuse < before.HeapInuse {
		return 0, site, d
	}
	return after.HeapInuse - before.HeapInuse, site, d
}

// TestServingSiteMemoryFlat: what a serving site keeps in memory does not
// grow with the essay: the heap it adds for an essay of 20,000 paragraphs
// is within a small margin of what it adds for 2,000 (a site holding the
// analysis added about 1.2 KB a paragraph: 10 times as much for 10 times
// the paragraphs).
func TestServingSiteMemoryFlat(t *testing.T) {
	small, s1, _ := heapAfterOpen(t, 2000)
	large, s2, _ := heapAfterOpen(t, 20000)
	t.Logf("heap added by a serving site: %d KiB for 2,000 paragraphs, %d KiB for 20,000", small>>10, large>>10)
	// Both sites stay reachable until the measures are taken.
	runtime.KeepAlive(s1)
	runtime.KeepAlive(s2)
	if large > 2*small+(1<<20) {
		t.Errorf("a serving site of 20,000 paragraphs adds %d KiB of heap, of 2,000 %d KiB: it grows with the essay", large>>10, small>>10)
	}
}

// TestServingExportSameFiles: an export of a serving site, which reads
// each page and the list of paths from the database as it goes (what
// `argmap export` runs), writes the same files with the same bytes as an
// export of the whole snapshot in memory.
func TestServingExportSameFiles(t *testing.T) {
	fixtures := servingFixtures(t)
	for _, name := range []string{"revisions", "long"} {
		t.Run(name, func(t *testing.T) {
			db := fixtures[name]
			served := newServedSite(t, db)
			a, b := t.TempDir(), t.TempDir()
			if err := newSite(t, openSnapshot(t, db)).Export(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			if err := served.Export(context.Background(), b); err != nil {
				t.Fatal(err)
			}
			files := func(dir string) map[string][]byte {
				out := map[string][]byte{}
				err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
					if err != nil || e.IsDir() {
						return err
					}
					body, err := os.ReadFile(p)
					rel, _ := filepath.Rel(dir, p)
					out[rel] = body
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				return out
			}
			want, got := files(a), files(b)
			if len(want) < 100 {
				t.Fatalf("the export has %d files: too few to show anything", len(want))
			}
			for f, body := range want {
				if g, ok := got[f]; !ok {
					t.Errorf("%s: not in the serving site's export", f)
				} else if !bytes.Equal(g, body) {
					t.Errorf("%s: %d bytes from the database, %d from memory", f, len(g), len(body))
				}
			}
			for f := range got {
				if _, ok := want[f]; !ok {
					t.Errorf("%s: only in the serving site's export", f)
				}
			}
		})
	}
}
