package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestIngestRefusesUnrelated ingests a different essay into a database:
// it is refused with one line naming both texts, the database is left as
// it was, and IngestOptions.Rewrite publishes it all the same.
func TestIngestRefusesUnrelated(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, baseEssay())
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	other := essayOf("Football and Finance", "Clubs sell tickets. Fans pay more.", "Stadiums age. Repairs cost 5 million.",
		p4, "Leagues grow. Players move.", "Coaches change. Owners stay.")
	src := sourceOf(other)
	src.Name = "football.txt"
	_, err = Ingest(context.Background(), path, build(other...), src)
	var ue *UnrelatedError
	if !errors.Is(err, ErrUnrelated) || !errors.As(err, &ue) {
		t.Fatalf("Ingest of another essay = %v, want an *UnrelatedError", err)
	}
	msg := err.Error()
	for _, want := range []string{"football.txt", "essay.txt", tTitle, "revision 1", "shares 1 of 6 paragraphs"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", msg, want)
		}
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("error %q is not one line", msg)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Error("the refused ingest changed the database")
	}
	res, err := IngestWith(context.Background(), path, build(other...), src, IngestOptions{Rewrite: true})
	if err != nil || res.Revision != 2 {
		t.Fatalf("Ingest with Rewrite = %+v, %v, want revision 2", res, err)
	}
}

// TestIngestSharedThreshold checks the edge of MinShared: a revision that
// keeps a fifth of the paragraphs is a revision, one that keeps fewer is not.
func TestIngestSharedThreshold(t *testing.T) {
	var base []string
	for i := range 9 {
		base = append(base, fmt.Sprintf("Paragraph %d of the first essay talks about rivers. Rivers flow %d miles.", i, i))
	}
	fresh := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("Unrelated text %d concerns music and art. Bands play %d songs.", i, i))
		}
		return out
	}
	tests := []struct {
		name string
		keep int // body paragraphs kept, of 9 (the title changes): of 10 paragraphs
		ok   bool
	}{
		{"keeps two of ten paragraphs", 2, true},
		{"keeps one of ten paragraphs", 1, false},
		{"keeps none", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := dbPath(t)
			ingestParas(t, path, essayOf(append([]string{"Rivers"}, base...)...))
			texts := append([]string{"Music"}, base[:tt.keep]...)
			texts = append(texts, fresh(9-tt.keep)...)
			_, err := Ingest(context.Background(), path, build(essayOf(texts...)...), Source{Name: "next.txt", SHA256: "x"})
			if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrUnrelated)) {
				t.Errorf("Ingest = %v, want ok %v", err, tt.ok)
			}
		})
	}
}

// TestConcurrentIngests runs ingests of different revisions at once, in
// goroutines: each holds the lock on its own open file, so they take turns
// and every one that reports success is in the history.
func TestConcurrentIngests(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, baseEssay())
	const n = 6
	var wg sync.WaitGroup
	revs := make([]int, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			ps := essayOf(tTitle, p1, p2, p3, p4, p5, p6, fmt.Sprintf("A closing note, number %d.", i))
			src := sourceOf(ps)
			src.Name = fmt.Sprintf("rev%d.txt", i)
			res, err := Ingest(context.Background(), path, build(ps...), src)
			if err == nil {
				revs[i] = res.Revision
			}
			errs[i] = err
		})
	}
	wg.Wait()
	s := snapshot(t, path)
	var sources []string
	for _, r := range s.Revisions {
		sources = append(sources, r.Source)
	}
	for i := range n {
		if errs[i] != nil {
			t.Errorf("ingest %d: %v", i, errs[i])
			continue
		}
		if !slices.Contains(sources, fmt.Sprintf("rev%d.txt", i)) {
			t.Errorf("ingest %d reported revision %d, but the history %v does not have it", i, revs[i], sources)
		}
	}
	if len(s.Revisions) != n+1 {
		t.Errorf("history has %d revisions, want %d", len(s.Revisions), n+1)
	}
}

// TestIngestWaitsForLock holds the lock and checks that an ingest waits
// for it, and gives up when its context ends.
func TestIngestWaitsForLock(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, baseEssay())
	unlock, err := lockDatabase(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	ps := essayOf(tTitle, p1, p2, p3, p4, p5)
	waited := 0
	_, err = IngestWith(ctx, path, build(ps...), sourceOf(ps), IngestOptions{Waiting: func() { waited++ }})
	if !errors.Is(err, context.DeadlineExceeded) || waited != 1 {
		t.Errorf("Ingest while the lock is held = %v, Waiting called %d times; want it to wait until its context ends, and say so once", err, waited)
	}
	unlock()
	if res, err := Ingest(context.Background(), path, build(ps...), sourceOf(ps)); err != nil || res.Revision != 2 {
		t.Errorf("Ingest after the lock is released = %+v, %v, want revision 2", res, err)
	}
}

// TestIngestSweepsTemp leaves files such as killed ingests leave beside the
// database, and others that only look alike: the next ingest removes the
// first and keeps the others.
func TestIngestSweepsTemp(t *testing.T) {
	path := dbPath(t)
	dir := filepath.Dir(path)
	ingestParas(t, path, baseEssay())
	stale := []string{".argmap.db.123456.tmp", ".argmap.db.123456.tmp-journal", ".argmap.db.9.tmp"}
	kept := []string{".argmap.db.12x.tmp", ".argmap.db..tmp", ".other.db.123.tmp", "argmap.db.123.tmp", ".argmap.db.123.tmp.bak", "notes.tmp"}
	for _, name := range append(slices.Clone(stale), kept...) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("left over"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ps := essayOf(tTitle, p1, p2, p3, p4, p5)
	res, err := Ingest(context.Background(), path, build(ps...), sourceOf(ps))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(res.Swept)
	slices.Sort(stale)
	if !slices.Equal(res.Swept, stale) {
		t.Errorf("Swept = %v, want %v", res.Swept, stale)
	}
	noTempFiles(t, dir, append(kept, "argmap.db", "argmap.db.lock")...)
}

// TestIsTempName checks the names the sweep takes for argmap's own.
func TestIsTempName(t *testing.T) {
	path := "/srv/my.db"
	f, err := os.CreateTemp(t.TempDir(), tempPrefix(path)+"*"+tempSuffix)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	tests := map[string]bool{
		filepath.Base(f.Name()):  true, // what os.CreateTemp makes
		".my.db.1.tmp-journal":   true,
		".my.db.tmp":             false,
		".my.db.a1.tmp":          false,
		".my.db.1.tmp~":          false,
		".my.dbx.1.tmp":          false,
		"my.db":                  false,
		".my.db.1.tmp-journal-x": false,
	}
	for name, want := range tests {
		if got := isTempName(name, path); got != want {
			t.Errorf("isTempName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestFailedIngestKeepsAnalysis makes the write of a revision fail after
// the analysis was renumbered (a trigger refuses its last rows): the
// database is unchanged and the analysis has its provisional ids again.
func TestFailedIngestKeepsAnalysis(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, baseEssay())
	db, err := sql.Open("sqlite3", dsn(path, ""))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON changes BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ps := essayOf(tTitle, p2, p1, p3, p4, p5, p6, "A new closing paragraph. It has 2 sentences.")
	a := build(ps...)
	want := cloneAnalysis(a)
	if _, err := Ingest(context.Background(), path, a, sourceOf(ps)); err == nil || !strings.Contains(err.Error(), "refused by the test") {
		t.Fatalf("Ingest = %v, want the trigger's refusal", err)
	}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("after a failed ingest the analysis has ids %v, want its provisional ids %v", ids(a), ids(want))
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Error("the failed ingest changed the database")
	}
}
