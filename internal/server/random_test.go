package server

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRandomSeedRevisions publishes random revisions of the seed essay
// (paragraphs inserted, deleted, edited, moved, split and merged, a few at
// a time) and checks after each that every URL an earlier site issued
// answers 200 or 410, that versioned pages never change and that unchanged
// sentences keep their ids (issued.visit). It stands in for revisions
// nobody wrote by hand.
func TestRandomSeedRevisions(t *testing.T) {
	steps := 8
	if testing.Short() {
		steps = 3
	}
	for seed := uint64(1); seed <= randomSeeds; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 4))
			db := filepath.Join(t.TempDir(), "argmap.db")
			is := newIssued()
			lines := seedLines(t)
			vocabulary := strings.Fields(strings.Join(lines, " "))
			for step := 0; step <= steps; step++ {
				if step > 0 {
					for n := 1 + rng.IntN(3); n > 0; n-- {
						lines = reviseLines(rng, lines, vocabulary)
					}
				}
				ingestText(t, db, seedName, []byte(strings.Join(lines, "\n")+"\n"))
				snap := openSnapshot(t, db)
				is.visit(t, snap)
				if t.Failed() {
					t.Fatalf("after step %d; the text was:\n%s", step, strings.Join(lines, "\n"))
				}
				if step == steps {
					t.Logf("%d revisions, %d URLs issued, %d paragraphs removed", snap.Current.Number, len(is.urls), len(snap.Removed))
				}
			}
		})
	}
}

// randomSeeds is how many random histories the test follows.
var randomSeeds uint64 = 4

// reviseLines applies one random change to the paragraphs of an essay,
// leaving the title (the first line) alone.
func reviseLines(rng *rand.Rand, lines, vocabulary []string) []string {
	lines = slices.Clone(lines)
	body := func() int { return 1 + rng.IntN(len(lines)-1) }
	switch op := rng.IntN(6); {
	case op == 0: // insert a paragraph of words from the essay
		words := make([]string, 8+rng.IntN(20))
		for i := range words {
			words[i] = vocabulary[rng.IntN(len(vocabulary))]
		}
		lines = slices.Insert(lines, body(), "Inserted: "+strings.Join(words, " ")+".")
	case op == 1 && len(lines) > 4: // delete
		i := body()
		lines = slices.Delete(lines, i, i+1)
	case op == 2: // edit one word
		i := body()
		words := strings.Fields(lines[i])
		words[rng.IntN(len(words))] = vocabulary[rng.IntN(len(vocabulary))]
		lines[i] = strings.Join(words, " ")
	case op == 3 && len(lines) > 3: // move
		i := body()
		l := lines[i]
		lines = slices.Delete(lines, i, i+1)
		lines = slices.Insert(lines, body(), l)
	case op == 4: // split at a sentence boundary
		i := body()
		if k := strings.Index(lines[i], ". "); k > 0 {
			lines = slices.Insert(lines, i+1, lines[i][k+2:])
			lines[i] = lines[i][:k+1]
		}
	case op == 5 && len(lines) > 3: // merge with the next paragraph
		if i := body(); i+1 < len(lines) {
			lines[i] += " " + lines[i+1]
			lines = slices.Delete(lines, i+1, i+2)
		}
	}
	return lines
}

// BenchmarkNewSiteRevisions renders the whole site of the seed after 20
// random revisions: every paragraph page, every versioned text and 410
// page, with their twins.
func BenchmarkNewSiteRevisions(b *testing.B) {
	db := filepath.Join(b.TempDir(), "argmap.db")
	rng := rand.New(rand.NewPCG(7, 4))
	lines := seedLines(b)
	vocabulary := strings.Fields(strings.Join(lines, " "))
	for step := 0; step <= 20; step++ {
		if step > 0 {
			lines = reviseLines(rng, lines, vocabulary)
		}
		ingestText(b, db, seedName, []byte(strings.Join(lines, "\n")+"\n"))
	}
	snap := openSnapshot(b, db)
	var site *Site
	for b.Loop() {
		var err error
		if site, err = NewSite(snap, Options{BaseURL: testBase, Compression: CompressFast}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(site.Paths())), "paths")
	b.ReportMetric(float64(snap.Current.Number), "revisions")
}
