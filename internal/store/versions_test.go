package store

import (
	"reflect"
	"strings"
	"testing"
)

// TestVersionsAndNeighbours follows one database through four revisions
// and checks the versions every paragraph id keeps and where removed
// paragraphs' neighbours are.
func TestVersionsAndNeighbours(t *testing.T) {
	path := dbPath(t)
	p4b := strings.Replace(p4, "warn", "caution", 1)
	revs := [][]para{
		baseEssay(),                                 // 1
		essayOf(tTitle, p1, p2, p4, p5, p6),         // 2: ¶3 removed
		essayOf(tTitle, p1, p4b, p5, p6),            // 3: ¶2 removed, ¶4 edited
		essayOf(tTitle, p1, p4, p5, p6),             // 4: ¶4 back to its first text
		essayOf(tTitle, p1, p4, p5, p6, "The end."), // 5: a paragraph added
	}
	var s *Snapshot
	for _, ps := range revs {
		ingestParas(t, path, ps)
		s = snapshot(t, path)
	}
	if s.Current.Number != 5 {
		t.Fatalf("current revision = %d, want 5", s.Current.Number)
	}
	wantRuns := map[string][]int{
		"title": {1}, "1": {1}, "2": {1}, "3": {1}, "4": {1, 3, 4}, "5": {1}, "6": {1}, "7": {5},
	}
	if len(s.Versions) != len(wantRuns) {
		t.Errorf("Versions has %d paragraphs, want %d: %v", len(s.Versions), len(wantRuns), s.Versions)
	}
	for pid, want := range wantRuns {
		var got []int
		for _, v := range s.Versions[pid] {
			got = append(got, v.Revision)
			if v.PID != pid {
				t.Errorf("Versions[%s] holds a version of %s", pid, v.PID)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Versions[%s] revisions = %v, want %v", pid, got, want)
		}
	}
	if vs := s.Versions["4"]; len(vs) == 3 && (vs[0].Text != p4 || vs[1].Text != p4b || vs[2].Text != p4) {
		t.Errorf("Versions[4] texts = %q, want p4, p4 edited, p4", []string{vs[0].Text, vs[1].Text, vs[2].Text})
	}
	// Each version carries its sentences, whose texts make its text.
	for pid, vs := range s.Versions {
		for _, v := range vs {
			var texts []string
			for _, sv := range v.Sentences {
				texts = append(texts, sv.Text)
				if !strings.HasPrefix(sv.ID, pid+".") {
					t.Errorf("version %s/v/%d has sentence %s", pid, v.Revision, sv.ID)
				}
			}
			if got := strings.Join(texts, " "); got != v.Text {
				t.Errorf("version %s/v/%d: sentences make %q, want %q", pid, v.Revision, got, v.Text)
			}
		}
	}
	wantNeighbours := map[string]Neighbours{
		"3": {Before: "1", After: "4"}, // stood between ¶2 (since removed) and ¶4
		"2": {Before: "1", After: "4"},
	}
	if !reflect.DeepEqual(s.Neighbours, wantNeighbours) {
		t.Errorf("Neighbours = %v, want %v", s.Neighbours, wantNeighbours)
	}
}

// TestNeighboursAtTheEnds checks removed first and last paragraphs.
func TestNeighboursAtTheEnds(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, baseEssay())
	ingestParas(t, path, essayOf(p1, p2, p3, p4, p5))
	s := snapshot(t, path)
	want := map[string]Neighbours{"title": {After: "1"}, "6": {Before: "5"}}
	if !reflect.DeepEqual(s.Neighbours, want) {
		t.Errorf("Neighbours = %v, want %v", s.Neighbours, want)
	}
}
