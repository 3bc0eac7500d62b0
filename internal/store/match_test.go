package store

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/argmap/argmap/internal/essay"
)

func TestMatchBlocks(t *testing.T) {
	b := func(kind essay.Kind, text string) block { return newBlock(kind, text) }
	tests := []struct {
		name     string
		old, cur []block
		want     []int // newToOld
	}{
		{
			name: "same text, kind decides",
			old:  []block{b(essay.Title, "Same words here"), b(essay.Body, "Same words here")},
			cur:  []block{b(essay.Body, "Same words here"), b(essay.Title, "Same words here")},
			want: []int{1, 0},
		},
		{
			name: "same text twice, nearest place wins",
			old:  []block{b(essay.Body, "alpha beta"), b(essay.Body, "gamma"), b(essay.Body, "alpha beta")},
			cur:  []block{b(essay.Body, "delta"), b(essay.Body, "alpha beta"), b(essay.Body, "gamma"), b(essay.Body, "alpha beta")},
			want: []int{-1, 0, 1, 2},
		},
		{
			name: "most similar first",
			old:  []block{b(essay.Body, "red green blue yellow"), b(essay.Body, "red green blue yellow purple orange")},
			cur:  []block{b(essay.Body, "red green blue yellow purple pink")},
			want: []int{1},
		},
		{
			// B' shares a quarter of its words with B: kept in place only
			// once its neighbours on both sides are linked, the one after
			// it by similarity
			name: "a rewrite in place, anchored by the link after it",
			old:  []block{b(essay.Body, "kept as it was"), b(essay.Body, "alpha beta gamma delta"), b(essay.Body, "red green blue yellow")},
			cur:  []block{b(essay.Body, "kept as it was"), b(essay.Body, "alpha epsilon zeta theta"), b(essay.Body, "red green blue pink")},
			want: []int{0, 1, 2},
		},
		{
			name: "a rewrite in place, anchored by the link before it",
			old:  []block{b(essay.Body, "red green blue yellow"), b(essay.Body, "alpha beta gamma delta"), b(essay.Body, "kept as it was")},
			cur:  []block{b(essay.Body, "red green blue pink"), b(essay.Body, "alpha epsilon zeta theta"), b(essay.Body, "kept as it was")},
			want: []int{0, 1, 2},
		},
		{
			name: "nothing alike",
			old:  []block{b(essay.Body, "red green blue yellow")},
			cur:  []block{b(essay.Body, "cats dogs mice"), b(essay.Body, "* * *")},
			want: []int{-1, -1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustMatch(t, tt.old, tt.cur).newToOld; !slices.Equal(got, tt.want) {
				t.Errorf("matchBlocks() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSimilarity(t *testing.T) {
	words := func(s string) wordSet { return newBlock(essay.Body, s).words }
	tests := []struct {
		a, b string
		want float64
	}{
		{"The war in Ukraine.", "the WAR in ukraine", 1},
		{"Migrants work in Russia.", "Migrants fight in Ukraine.", 1.0 / 3},
		{"of the and", "of the and", 1}, // only function words: they count
		{"", "anything", 0},
		{"Russia's war", "Russia war", 1}, // a lone "s" is not a word
	}
	for _, tt := range tests {
		if got := similarity(words(tt.a), words(tt.b)); got < tt.want-1e-9 || got > tt.want+1e-9 {
			t.Errorf("similarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestLessPID(t *testing.T) {
	pids := []string{"10", "standfirst", "2", "x", "title", "1"}
	slices.SortFunc(pids, func(a, b string) int {
		if lessPID(a, b) {
			return -1
		}
		if lessPID(b, a) {
			return 1
		}
		return 0
	})
	if want := []string{"title", "standfirst", "x", "1", "2", "10"}; !slices.Equal(pids, want) {
		t.Errorf("sorted pids = %v, want %v", pids, want)
	}
}

// mustMatch runs matchBlocks, failing t on an error.
func mustMatch(t testing.TB, old, cur []block) matching {
	t.Helper()
	m, err := matchBlocks(context.Background(), old, cur)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// matchFuzzyScan is the similar-text pass as it was first written, which
// matchFuzzy must agree with below maxFuzzyPairs: every free pair scored
// against every other, and the whole list scanned again for each link.
func (m *matching) matchFuzzyScan(old, cur []block) {
	type candidate struct {
		i, j int
		sim  float64
	}
	var cands []candidate
	for i := range cur {
		if m.newToOld[i] >= 0 {
			continue
		}
		for j := range old {
			if m.oldToNew[j] >= 0 {
				continue
			}
			if s := similarity(cur[i].w(), old[j].w()); s+epsilon >= anchoredThreshold {
				cands = append(cands, candidate{i, j, s})
			}
		}
	}
	for {
		best := -1
		var bestScore, bestDist float64
		for k, c := range cands {
			if m.newToOld[c.i] >= 0 || m.oldToNew[c.j] >= 0 {
				continue
			}
			anchor := m.anchored(c.i, len(cur), c.j, len(old))
			sameKind := cur[c.i].kind == old[c.j].kind
			if c.sim+epsilon < fuzzyThreshold && !(anchor && sameKind) {
				continue
			}
			score := c.sim
			if anchor {
				score += 0.1
			}
			if sameKind {
				score += 0.05
			}
			dist := relDistance(c.i, len(cur), c.j, len(old))
			if best < 0 || score > bestScore+epsilon || (math.Abs(score-bestScore) <= epsilon && dist < bestDist) {
				best, bestScore, bestDist = k, score, dist
			}
		}
		if best < 0 {
			return
		}
		m.link(cands[best].i, cands[best].j)
	}
}

// TestMatchFuzzySameAsScan checks that the heap of matchFuzzy links the
// same pairs as the scan it replaced, on random revisions (edits, moves,
// splits, merges, duplicates) and on unrelated essays of the same words.
func TestMatchFuzzySameAsScan(t *testing.T) {
	fuzzy := 0
	eachRandomRevision(func(seed uint64, old, cur []para) {
		ob, cb := parasBlocks(old), parasBlocks(cur)
		want := matching{newToOld: filled(len(cb), -1), oldToNew: filled(len(ob), -1)}
		want.matchExact(ob, cb)
		exact := linkedCount(want)
		want.matchFuzzyScan(ob, cb)
		got := matching{newToOld: filled(len(cb), -1), oldToNew: filled(len(ob), -1)}
		got.matchExact(ob, cb)
		if err := got.matchFuzzy(context.Background(), ob, cb); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.newToOld, want.newToOld) {
			t.Fatalf("seed %d: matchFuzzy links %v, the scan %v", seed, got.newToOld, want.newToOld)
		}
		if linkedCount(want) > exact {
			fuzzy++
		}
	})
	if fuzzy < 50 {
		t.Errorf("only %d cases linked paragraphs by similarity: the pass was hardly tried", fuzzy)
	}
}

// TestMatchCancelled checks that the matching stops when its context is
// done.
func TestMatchCancelled(t *testing.T) {
	e := newRandomEssay(1)
	old := parasBlocks(e.initial())
	cur := parasBlocks(e.revise(e.revise(e.initial())))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := matchBlocks(ctx, old, cur); !errors.Is(err, context.Canceled) {
		t.Errorf("matchBlocks(cancelled) = %v, want context.Canceled", err)
	}
}

// TestMatchFuzzyWindow checks the matching of a long essay with every
// paragraph edited, past maxFuzzyPairs free pairs, where each paragraph is
// weighed only against the free ones near its place: each keeps its id,
// also when a stretch of them moved by less than the window.
func TestMatchFuzzyWindow(t *testing.T) {
	e := newRandomEssay(3)
	const n = 1100 // n*n > maxFuzzyPairs
	var old, cur []block
	for range n {
		old = append(old, newBlock(essay.Body, e.paragraph()))
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	// paragraphs 500-509 now stand after 510-519
	copy(order[500:], append(slices.Clone(order[510:520]), order[500:510]...))
	for _, j := range order {
		cur = append(cur, newBlock(essay.Body, old[j].text+" Edited."))
	}
	if n*n <= maxFuzzyPairs {
		t.Fatal("the essay is too short to try the window")
	}
	m := mustMatch(t, old, cur)
	if !slices.Equal(m.newToOld, order) {
		t.Errorf("matchBlocks() links %d paragraphs elsewhere than they came from", n-countEqual(m.newToOld, order))
	}
}

func countEqual(a, b []int) int {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return n
}
