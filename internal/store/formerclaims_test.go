package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/argmap/argmap/internal/argument"
)

// TestFormerClaims: a sentence an earlier revision read as a claim and a
// revision does not is a former claim of that revision, with its last
// reading as a claim; one read as a claim again, or never one, is not; and
// Snapshot, Reader.FormerClaims and Reader.FormerClaim agree at every
// revision.
func TestFormerClaims(t *testing.T) {
	path := dbPath(t)
	ps := essayOf(tTitle, "Alpha is right. Alpha has grounds.", "Beta is right. Beta has grounds.")
	// publish ingests ps with the first sentence of body paragraph k
	// (from 1; 0 for none) read as evidence, and no relations.
	publish := func(k int, ps []para) {
		t.Helper()
		a := build(ps...)
		a.Relations = []argument.Relation{}
		if k > 0 {
			a.Paragraphs[k].Sentences[0].Role = argument.Evidence
		}
		src := sourceOf(ps)
		src.SHA256 += string(rune('a' + k))
		if _, err := Ingest(context.Background(), path, a, src); err != nil {
			t.Fatal(err)
		}
	}
	publish(0, ps) // 1: both claims
	publish(1, ps) // 2: Alpha's claim read as evidence
	edited := slices.Clone(ps)
	edited[2].text = "Beta is quite right. Beta has grounds."
	publish(0, edited) // 3: Alpha's a claim again; Beta's edited
	want := map[int][]FormerClaim{
		1: nil,
		2: {{SID: "1.1", PID: "1", Revision: 1, Role: argument.Claim, Text: "Alpha is right."}},
		3: {{SID: "2.1", PID: "2", Revision: 2, Role: argument.Claim, Text: "Beta is right."}},
	}
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if got := snapshot(t, path).FormerClaims; !slices.Equal(got, want[3]) {
		t.Errorf("Snapshot().FormerClaims = %+v, want %+v", got, want[3])
	}
	for rev := 1; rev <= 3; rev++ {
		r, err := d.Reader(context.Background(), rev)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.FormerClaims()
		if err != nil || !slices.Equal(got, want[rev]) {
			t.Errorf("revision %d: FormerClaims() = %+v, %v; want %+v", rev, got, err, want[rev])
		}
		for _, sid := range []string{"1.1", "2.1", "1.2", "2.3", "x"} {
			c, err := r.FormerClaim(sid)
			i := slices.IndexFunc(want[rev], func(c FormerClaim) bool { return c.SID == sid })
			switch {
			case i >= 0 && (err != nil || c != want[rev][i]):
				t.Errorf("revision %d: FormerClaim(%s) = %+v, %v; want %+v", rev, sid, c, err, want[rev][i])
			case i < 0 && !errors.Is(err, ErrNotFound):
				t.Errorf("revision %d: FormerClaim(%s) = %+v, %v; want ErrNotFound", rev, sid, c, err)
			}
		}
		r.Close()
	}
}
