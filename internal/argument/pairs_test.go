package argument

import (
	"math/rand/v2"
	"testing"
)

// TestPairIndex: the indexed pair features are what their definitions say,
// found by scanning, on a hand-made essay and on random ones.
func TestPairIndex(t *testing.T) {
	// paragraphs:      0            1                    2
	roles := []Role{MajorClaim, Background, Claim, Evidence, Claim, Evidence, Evidence}
	para := []int{0, 0, 1, 1, 1, 2, 2}
	x := newPairIndex(roles, 0, func(i int) int { return para[i] })
	sides := make([]PairSide, len(roles))
	for i := range sides {
		sides[i].Paragraph, sides[i].BodyIndex = para[i], para[i]
	}
	for _, tt := range []struct {
		from, to                          int
		before, after, paraClaim, toFirst bool
	}{
		{3, 2, true, false, true, false},  // the claim above it, its paragraph's first
		{3, 4, false, true, false, false}, // the claim below it, its paragraph's second
		{5, 4, true, false, false, false}, // the nearest claim before, from the next paragraph
		{1, 0, true, false, false, true},  // the thesis just above
		{1, 2, false, true, true, false},  // the claim that opens the next paragraph
		{6, 0, false, false, false, true}, // the thesis, far above
		{0, 2, false, true, true, false},  // from the thesis
	} {
		p := x.pair(&sides[tt.from], &sides[tt.to], tt.from, tt.to)
		if p.NearestBefore != tt.before || p.NearestAfter != tt.after || p.ParaClaim != tt.paraClaim || p.ToFirstThesis != tt.toFirst {
			t.Errorf("pair (%d, %d): nearest before %v, after %v, paragraph's first claim %v, first thesis %v; want %v, %v, %v, %v",
				tt.from, tt.to, p.NearestBefore, p.NearestAfter, p.ParaClaim, p.ToFirstThesis, tt.before, tt.after, tt.paraClaim, tt.toFirst)
		}
	}

	isTarget := func(r Role) bool { return r == Claim || r == MajorClaim }
	all := []Role{MajorClaim, Claim, Evidence, Background, None}
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 1 + r.IntN(40)
		roles := make([]Role, n)
		para := make([]int, n)
		sides := make([]PairSide, n)
		p := 0
		for i := range n {
			roles[i] = all[r.IntN(len(all))]
			if i > 0 && r.IntN(4) == 0 {
				p++
			}
			para[i] = p
			sides[i].Paragraph = p
		}
		x := newPairIndex(roles, 0, func(i int) int { return para[i] })
		for from := range n {
			before, after := -1, -1
			for i := from - 1; i >= 0 && before < 0; i-- {
				if isTarget(roles[i]) {
					before = i
				}
			}
			for i := from + 1; i < n && after < 0; i++ {
				if isTarget(roles[i]) {
					after = i
				}
			}
			for to := range n {
				first := roles[to] == Claim
				for i := to - 1; i >= 0 && para[i] == para[to]; i-- {
					if roles[i] == Claim {
						first = false
					}
				}
				got := x.pair(&sides[from], &sides[to], from, to)
				if got.NearestBefore != (to == before) || got.NearestAfter != (to == after) || got.ParaClaim != first {
					t.Fatalf("trial %d, roles %v, paragraphs %v, pair (%d, %d): nearest before %v, after %v, first claim %v; want %v, %v, %v",
						trial, roles, para, from, to, got.NearestBefore, got.NearestAfter, got.ParaClaim, to == before, to == after, first)
				}
			}
		}
	}
}
