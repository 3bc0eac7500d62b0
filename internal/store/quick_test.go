package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/argmap/argmap/internal/essay"
)

// parasBlocks returns hand-built paragraphs as the matcher sees them.
func parasBlocks(ps []para) []block {
	bs := make([]block, len(ps))
	for i, p := range ps {
		bs[i] = lazyBlock(p.kind, p.text)
	}
	return bs
}

// eachRandomRevision calls f with 600 cases of an essay and a text to
// match with it: 300 random essays, each with a random revision of it
// (edits, moves, splits, merges, duplicates) and with an unrelated essay
// of the same words.
func eachRandomRevision(f func(seed uint64, old, cur []para)) {
	for seed := range uint64(300) {
		e := newRandomEssay(seed)
		old := e.initial()
		revised := old
		for range 1 + int(seed%12) {
			revised = e.revise(revised)
		}
		for _, cur := range [][]para{revised, e.initial()} {
			f(seed, old, cur)
		}
	}
}

// TestQuickSharedBound checks quickShared against the whole matching, on
// random revisions (edits, moves, splits, merges, duplicates) and on
// unrelated essays of the same words: its first count is what the first
// pass links, and the whole matching never links more than it allows.
func TestQuickSharedBound(t *testing.T) {
	fuzzy := 0 // cases where the later passes linked paragraphs
	eachRandomRevision(func(seed uint64, old, cur []para) {
		exact, more := quickShared(parasBlocks(old), parasBlocks(cur))
		first := matching{newToOld: filled(len(cur), -1), oldToNew: filled(len(old), -1)}
		first.matchExact(parasBlocks(old), parasBlocks(cur))
		shared := linkedCount(mustMatch(t, parasBlocks(old), parasBlocks(cur)))
		if exact != linkedCount(first) || shared < exact || shared > exact+more {
			t.Fatalf("seed %d: quickShared = %d, %d; the first pass links %d, the whole matching %d", seed, exact, more, linkedCount(first), shared)
		}
		if shared > exact {
			fuzzy++
		}
	})
	if fuzzy == 0 {
		t.Error("no case linked a paragraph by more than its text: the bound was not tried")
	}
	t.Logf("%d of 600 cases linked paragraphs by similarity, split or merge", fuzzy)
}

// TestQuickRefusal ingests a long essay, then a long essay of other words
// into the same database file: CheckRevision and IngestWith both refuse it
// without running the paragraph matching (matchRuns), with the error the
// whole matching would give, and the database is left as it was.
func TestQuickRefusal(t *testing.T) {
	path := dbPath(t)
	first := bigEssay(1)
	ingestParas(t, path, first)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	other := []para{title("Harbours and lighthouses")}
	e := newRandomEssay(2)
	for range 1500 {
		other = append(other, body(e.paragraph()))
	}
	src := sourceOf(other)
	src.Name = "other.txt"
	doc := &essay.Document{}
	for _, p := range other {
		doc.Paragraphs = append(doc.Paragraphs, essay.Paragraph{Kind: p.kind, Text: p.text})
	}

	runs := matchRuns.Load()
	_, checked := CheckRevision(context.Background(), path, doc, src, IngestOptions{})
	_, ingested := IngestWith(context.Background(), path, build(other...), src, IngestOptions{})
	if n := matchRuns.Load() - runs; n != 0 {
		t.Errorf("the refusals ran the matching %d times, want 0", n)
	}
	var ue *UnrelatedError
	if !errors.As(checked, &ue) || !errors.Is(ingested, ErrUnrelated) {
		t.Fatalf("CheckRevision = %v, IngestWith = %v, want *UnrelatedError", checked, ingested)
	}
	if checked.Error() != ingested.Error() {
		t.Errorf("CheckRevision = %q, IngestWith = %q, want the same", checked, ingested)
	}
	// the count is the one the whole matching finds
	shared := linkedCount(mustMatch(t, parasBlocks(first), parasBlocks(other)))
	if want := (&UnrelatedError{Source: "other.txt", Shared: shared, Of: len(first), Current: ue.Current, Title: "A long essay"}); ue.Error() != want.Error() {
		t.Errorf("refusal %q, want %q", ue.Error(), want.Error())
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Error("the refused ingest changed the database")
	}
	// with Rewrite, or a text that keeps enough, CheckRevision lets IngestWith decide
	if _, err := CheckRevision(context.Background(), path, doc, src, IngestOptions{Rewrite: true}); err != nil {
		t.Errorf("CheckRevision with Rewrite = %v, want nil", err)
	}
	kept := &essay.Document{}
	for _, p := range first[:400] {
		kept.Paragraphs = append(kept.Paragraphs, essay.Paragraph{Kind: p.kind, Text: p.text})
	}
	if _, err := CheckRevision(context.Background(), path, kept, Source{Name: "kept.txt", SHA256: "x"}, IngestOptions{}); err != nil {
		t.Errorf("CheckRevision of a text that keeps 400 paragraphs = %v, want nil", err)
	}
	if _, err := CheckRevision(context.Background(), path+".missing", doc, src, IngestOptions{}); err != nil {
		t.Errorf("CheckRevision without a database = %v, want nil", err)
	}
	// a cancelled context is an error, not "IngestWith decides"
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if m, err := CheckRevision(cancelled, path, kept, Source{Name: "kept.txt", SHA256: "x"}, IngestOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("CheckRevision(cancelled) = %v, %v; want context.Canceled", m, err)
	}
}

// TestCheckRevisionWholeMatching ingests a long essay, then a text of
// other paragraphs with a few of its paragraphs, edited, among them: the
// first pass cannot prove the refusal (the edited ones could be linked),
// so CheckRevision runs the whole matching, before any analysis, and
// refuses the text with the error IngestWith gives.
func TestCheckRevisionWholeMatching(t *testing.T) {
	path := filepath.Join(t.TempDir(), "argmap.db")
	first := bigEssay(1)
	ingestParas(t, path, first)
	other := []para{title("Harbours and lighthouses")}
	e := newRandomEssay(2)
	for k := range 600 {
		other = append(other, body(e.paragraph()))
		if k%100 == 50 {
			// a paragraph of the first essay with a word added
			other = append(other, body(first[k].text+" Harbours."))
		}
	}
	src := sourceOf(other)
	src.Name = "other.txt"
	doc := &essay.Document{}
	for _, p := range other {
		doc.Paragraphs = append(doc.Paragraphs, essay.Paragraph{Kind: p.kind, Text: p.text})
	}
	if exact, more := quickShared(parasBlocks(first), parasBlocks(other)); exact != 0 || more == 0 {
		t.Fatalf("quickShared = %d, %d: the first pass can decide, the case is not tried", exact, more)
	}
	runs := matchRuns.Load()
	_, checked := CheckRevision(context.Background(), path, doc, src, IngestOptions{})
	if n := matchRuns.Load() - runs; n != 1 {
		t.Errorf("CheckRevision ran the matching %d times, want 1", n)
	}
	_, ingested := IngestWith(context.Background(), path, build(other...), src, IngestOptions{})
	var ue *UnrelatedError
	if !errors.As(checked, &ue) || !errors.Is(ingested, ErrUnrelated) {
		t.Fatalf("CheckRevision = %v, IngestWith = %v, want *UnrelatedError", checked, ingested)
	}
	if checked.Error() != ingested.Error() {
		t.Errorf("CheckRevision = %q, IngestWith = %q, want the same", checked, ingested)
	}
	if ue.Shared == 0 {
		t.Errorf("refusal %q: the edited paragraphs were not linked", ue)
	}
}

// TestCheckRevisionMatchingReused: for a revision that edits every
// paragraph (the first pass cannot decide), CheckRevision runs the whole
// matching and IngestWith reuses it, giving the ids and changes an ingest
// that matches afresh gives; after another ingest has published in
// between, the matching it kept is not used.
func TestCheckRevisionMatchingReused(t *testing.T) {
	dir := t.TempDir()
	e := newRandomEssay(3)
	first := []para{title("Harbours and lighthouses")}
	for range 80 {
		first = append(first, body(e.paragraph()))
	}
	var revised []para
	for _, p := range first {
		revised = append(revised, para{p.kind, p.text + " Harbours."})
	}
	src := sourceOf(revised)
	doc := &essay.Document{}
	for _, p := range revised {
		doc.Paragraphs = append(doc.Paragraphs, essay.Paragraph{Kind: p.kind, Text: p.text})
	}
	if exact, _ := quickShared(parasBlocks(first), parasBlocks(revised)); exact != 0 {
		t.Fatalf("quickShared = %d: the first pass can decide, the case is not tried", exact)
	}
	ctx := context.Background()
	ingestAs := func(path string, opts IngestOptions) (*Result, []string) {
		t.Helper()
		a := build(revised...)
		res, err := IngestWith(ctx, path, a, src, opts)
		if err != nil {
			t.Fatalf("IngestWith: %v", err)
		}
		return res, ids(a)
	}
	fresh, reused, stale := filepath.Join(dir, "fresh.db"), filepath.Join(dir, "reused.db"), filepath.Join(dir, "stale.db")
	for _, p := range []string{fresh, reused, stale} {
		ingestParas(t, p, first)
	}
	want, wantIDs := ingestAs(fresh, IngestOptions{})

	runs := matchRuns.Load()
	matched, err := CheckRevision(ctx, reused, doc, src, IngestOptions{})
	if err != nil || matched == nil {
		t.Fatalf("CheckRevision = %v, %v; want the matching it made", matched, err)
	}
	got, gotIDs := ingestAs(reused, IngestOptions{Matched: matched})
	if n := matchRuns.Load() - runs; n != 1 {
		t.Errorf("CheckRevision and IngestWith ran the matching %d times, want 1", n)
	}
	if !slices.Equal(gotIDs, wantIDs) || !reflect.DeepEqual(got.Changes, want.Changes) {
		t.Errorf("with the matching reused: ids %v, changes %v; matched afresh: %v, %v", gotIDs, got.Changes, wantIDs, want.Changes)
	}

	matched, err = CheckRevision(ctx, stale, doc, src, IngestOptions{})
	if err != nil || matched == nil {
		t.Fatalf("CheckRevision = %v, %v; want the matching it made", matched, err)
	}
	between := append(slices.Clone(first), body("A paragraph another ingest added."))
	ingestParas(t, stale, between)
	runs = matchRuns.Load()
	ingestAs(stale, IngestOptions{Matched: matched})
	if n := matchRuns.Load() - runs; n != 1 {
		t.Errorf("after another revision was published, IngestWith ran the matching %d times, want 1 (the kept one is stale)", n)
	}
}
