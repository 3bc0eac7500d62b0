package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
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

// TestIngestRevisionReportLong revises every paragraph of a long essay:
// ingest lists the first 20 changes and counts the rest on one line.
func TestIngestRevisionReportLong(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "argmap.db")
	first := filepath.Join(dir, "essay.txt")
	data := generatedEssay(12<<10, 5)
	if err := os.WriteFile(first, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := argmap(t, "ingest", "-db", db, first); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	edited := strings.Count(string(data), " ends here.")
	revised := filepath.Join(dir, "revised.txt")
	if err := os.WriteFile(revised, []byte(strings.ReplaceAll(string(data), " ends here.", " ends right here.")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := argmap(t, "ingest", "-db", db, revised)
	if code != 0 {
		t.Fatalf("ingest revision: exit %d: %s", code, errs)
	}
	listed := regexp.MustCompile(`(?m)^  ¶\S+ edited$`).FindAllString(out, -1)
	more := regexp.MustCompile(`(?m)^  … and (\d+) more changes`).FindStringSubmatch(out)
	if len(listed) != listedChanges || more == nil {
		t.Fatalf("ingest of a revision editing %d paragraphs printed %d change lines and no count of the rest: %q", edited, len(listed), out)
	}
	if n, _ := strconv.Atoi(more[1]); n+listedChanges != edited {
		t.Errorf("ingest listed %d changes and %s more, want %d in all: %q", listedChanges, more[1], edited, out)
	}
}

// TestIngestRefusesOtherEssay ingests a different essay into a database
// that holds the seed: it is refused with exit 1 and one line naming the
// new file, the current essay and the way to mean it, the database
// unchanged; with -rewrite it becomes revision 2.
func TestIngestRefusesOtherEssay(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "argmap.db")
	if code, _, errs := argmap(t, "ingest", "-db", db, seed); code != 0 {
		t.Fatalf("ingest seed: exit %d: %s", code, errs)
	}
	before := fileSum(t, db)
	other := filepath.Join(dir, "other.txt")
	if err := os.WriteFile(other, generatedEssay(4<<10, 3), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := argmap(t, "ingest", "-db", db, other)
	if code != 1 || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
		t.Fatalf("ingest of another essay: exit %d, stderr %q; want exit 1 and one line", code, errs)
	}
	snap := snapshotOf(t, db)
	for _, want := range []string{other, seed, snap.Analysis.Title, "-rewrite"} {
		if !strings.Contains(errs, want) {
			t.Errorf("the refusal %q does not name %q", errs, want)
		}
	}
	if fileSum(t, db) != before {
		t.Error("the refused ingest changed the database")
	}
	if code, out, errs := argmap(t, "ingest", "-rewrite", "-db", db, other); code != 0 || !strings.Contains(out, "revision 2 in") {
		t.Errorf("ingest -rewrite: exit %d, %q, %q; want revision 2", code, out, errs)
	}
}
