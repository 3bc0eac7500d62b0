package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestIngestRevisionReport ingests the seed and then a revision of it, and
// checks that the second ingest says what it changed, paragraph by
// paragraph.
func TestIngestRevisionReport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "argmap.db")
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errs := argmap(t, "ingest", "-db", db, seed); code != 0 {
		t.Fatalf("ingest seed: exit %d: %s", code, errs)
	}
	var kept []string
	removed := ""
	for _, l := range strings.Split(string(data), "\n") {
		if removed == "" && strings.Count(l, ". ") > 1 && len(kept) > 3 {
			removed = l
			continue
		}
		kept = append(kept, l)
	}
	revised := filepath.Join(dir, "revised.txt")
	if err := os.WriteFile(revised, []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := argmap(t, "ingest", "-db", db, revised)
	if code != 0 {
		t.Fatalf("ingest revision: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "revision 2 in") || !regexp.MustCompile(`(?m)^  ¶\S+ removed$`).MatchString(out) {
		t.Errorf("ingest of a revision printed %q, want revision 2 and a line saying which paragraph was removed", out)
	}
}
