package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/argmap/argmap/internal/essay"
)

// TestMeta: metadata is stored with the revision, read back by Snapshot,
// kept by a later ingest that gives none, and a change of metadata alone
// publishes a revision.
func TestMeta(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "argmap.db")
	ps := searchEssay()
	src := sourceOf(ps)
	src.Meta = essay.Meta{Author: "A. Writer", Date: "2024-11-05", URL: "https://example.org/e"}
	if _, err := Ingest(ctx, path, build(ps...), src); err != nil {
		t.Fatal(err)
	}
	snap := func() *Snapshot {
		t.Helper()
		d, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		s, err := d.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if got := snap().Meta; got != src.Meta {
		t.Errorf("Snapshot().Meta = %+v, want %+v", got, src.Meta)
	}
	// the snapshot a server reads has it too
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	served, err := d.ServingSnapshot(ctx)
	d.Close()
	if err != nil {
		t.Fatal(err)
	}
	if served.Meta != src.Meta {
		t.Errorf("ServingSnapshot().Meta = %+v, want %+v", served.Meta, src.Meta)
	}
	// Same file, no metadata: unchanged, metadata kept.
	plain := sourceOf(ps)
	res, err := Ingest(ctx, path, build(ps...), plain)
	if err != nil || res.Changed {
		t.Fatalf("re-ingest without metadata = %+v, %v; want unchanged", res, err)
	}
	// Same file, a publisher added: a new revision with every field.
	more := sourceOf(ps)
	more.Meta = essay.Meta{Publisher: "Example Review"}
	res, err = Ingest(ctx, path, build(ps...), more)
	if err != nil || !res.Changed || res.Revision != 2 {
		t.Fatalf("re-ingest with a publisher = %+v, %v; want revision 2", res, err)
	}
	want := src.Meta
	want.Publisher = "Example Review"
	if got := snap().Meta; got != want {
		t.Errorf("Meta after revision 2 = %+v, want %+v", got, want)
	}
}
