package server

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestDistinct: distinct keeps the first of each (from, to, kind), in
// order, on relations with no two from one sentence (the one-pass path)
// and with repeats (the sorted path, which a valid analysis never takes),
// as a set of those seen does.
func TestDistinct(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for _, c := range []struct {
		name    string
		n, rels int
	}{{"none", 10, 0}, {"one from each", 50, 50}, {"repeats", 6, 200}, {"few repeats", 1000, 300}} {
		t.Run(c.name, func(t *testing.T) {
			var rels []mapRelation
			if c.rels == c.n {
				for from := range int32(c.n) {
					rels = append(rels, mapRelation{from, (from + 1 + r.Int32N(int32(c.n-1))) % int32(c.n), r.IntN(2) == 0})
				}
				r.Shuffle(len(rels), func(i, j int) { rels[i], rels[j] = rels[j], rels[i] })
			} else {
				for range c.rels {
					rels = append(rels, mapRelation{r.Int32N(int32(c.n)), r.Int32N(int32(c.n)), r.IntN(2) == 0})
				}
			}
			var want []mapRelation
			seen := map[mapRelation]bool{}
			for _, rel := range rels {
				if !seen[rel] {
					seen[rel] = true
					want = append(want, rel)
				}
			}
			got := distinct(slices.Clone(rels), c.n)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("distinct(%v) = %v, want %v", rels, got, want)
			}
			if c.name == "repeats" && len(want) == len(rels) {
				t.Fatal("the repeats case has no repeats")
			}
		})
	}
}
