package argument

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// bruteArborescence tries every parent assignment and returns the best
// total weight of a spanning arborescence rooted at 0 (-Inf if none).
func bruteArborescence(w [][]float64) float64 {
	n := len(w)
	parent := make([]int, n)
	best := math.Inf(-1)
	var rec func(v int)
	rec = func(v int) {
		if v == n {
			// check acyclic: every node reaches 0
			for x := 1; x < n; x++ {
				y, steps := x, 0
				for y != 0 && steps <= n {
					y, steps = parent[y], steps+1
				}
				if y != 0 {
					return
				}
			}
			s := 0.0
			for x := 1; x < n; x++ {
				s += w[parent[x]][x]
			}
			best = max(best, s)
			return
		}
		for u := range n {
			if u != v && !math.IsInf(w[u][v], -1) {
				parent[v] = u
				rec(v + 1)
			}
		}
	}
	rec(1)
	return best
}

func TestMaxArborescence(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 400 {
		n := 2 + r.IntN(5)
		w := make([][]float64, n)
		for u := range w {
			w[u] = make([]float64, n)
			for v := range w[u] {
				w[u][v] = math.Inf(-1)
				if u != v && v != 0 && (u == 0 || r.Float64() < 0.8) {
					w[u][v] = float64(r.IntN(20)) - 10
				}
			}
		}
		var edges []arc
		for u := range w {
			for v := range w[u] {
				edges = append(edges, arc{u: int32(u), v: int32(v), w: w[u][v]})
			}
		}
		parent := maxArborescence(n, edges)
		got := 0.0
		for v := 1; v < n; v++ {
			if parent[v] < 0 {
				t.Fatalf("trial %d: node %d has no parent", trial, v)
			}
			got += w[parent[v]][v]
		}
		// the result must be a tree
		for v := 1; v < n; v++ {
			y, steps := v, 0
			for y != 0 && steps <= n {
				y, steps = parent[y], steps+1
			}
			if y != 0 {
				t.Fatalf("trial %d: parents %v have a cycle", trial, parent)
			}
		}
		if want := bruteArborescence(w); math.Abs(got-want) > 1e-9 {
			t.Fatalf("trial %d: maxArborescence weight = %v, want %v (parents %v)", trial, got, want, parent)
		}
	}
}

// TestMaxArborescenceUnreached: on graphs where the root does not reach
// every node, the nodes it does not reach get no parent (a cycle among
// them used to be kept whole), and the rest is a maximum tree.
func TestMaxArborescenceUnreached(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	unreached := 0
	for trial := range 2000 {
		n := 2 + r.IntN(6)
		w := make([][]float64, n)
		var edges []arc
		for u := range w {
			w[u] = make([]float64, n)
			for v := range w[u] {
				w[u][v] = math.Inf(-1)
				if u != v && v != 0 && r.Float64() < 0.5 {
					w[u][v] = float64(r.IntN(20)) - 10
					edges = append(edges, arc{u: int32(u), v: int32(v), w: w[u][v]})
				}
			}
		}
		// the nodes the root reaches, by a search of w
		reached := make([]bool, n)
		reached[0] = true
		for changed := true; changed; {
			changed = false
			for u := range n {
				for v := range n {
					if reached[u] && !reached[v] && !math.IsInf(w[u][v], -1) {
						reached[v], changed = true, true
					}
				}
			}
		}
		parent := maxArborescence(n, edges)
		for v := 1; v < n; v++ {
			if !reached[v] {
				unreached++
				if parent[v] != -1 {
					t.Fatalf("trial %d: node %d, which the root does not reach, has parent %d (parents %v)", trial, v, parent[v], parent)
				}
				continue
			}
			y, steps := v, 0
			for y > 0 && steps <= n {
				y, steps = parent[y], steps+1
			}
			if y != 0 {
				t.Fatalf("trial %d: node %d does not lead to the root (parents %v)", trial, v, parent)
			}
		}
		if want := bruteArborescence(w); !math.IsInf(want, -1) {
			got := 0.0
			for v := 1; v < n; v++ {
				got += w[parent[v]][v]
			}
			if math.Abs(got-want) > 1e-9 {
				t.Fatalf("trial %d: maxArborescence weight = %v, want %v (parents %v)", trial, got, want, parent)
			}
		}
	}
	if unreached == 0 {
		t.Fatal("no graph had a node the root does not reach: a poor test")
	}
}

// TestPairWordsSayNoKind: the attachment model says where a sentence
// points, not whether it supports or attacks, and a feature of the kind
// model can weigh toward either kind, so the words of their features name
// no kind: a relation's why must not read "attack: … backs the thesis"
// nor "support: … turns against the thesis".
func TestPairWordsSayNoKind(t *testing.T) {
	for _, fs := range [][]pairFeature{attachFeatures, attackFeatures} {
		for _, f := range fs {
			for _, w := range []string{"back", "support", "for the", "attack", "against"} {
				if strings.Contains(f.why, w) {
					t.Errorf("pair feature %s says %q, which names a kind (%q)", f.name, f.why, w)
				}
			}
		}
	}
}

// TestSaidBy: a relation's why does not add a kind reason whose words the
// attachment's reasons already say.
func TestSaidBy(t *testing.T) {
	chosen := []string{"points at the first statement of the thesis", "from a claim to the thesis"}
	for s, want := range map[string]bool{
		"at the thesis":  true,
		"from a claim":   true,
		"from context":   false,
		"concedes":       false,
		"right after it": false,
	} {
		if got := saidBy(chosen, s); got != want {
			t.Errorf("saidBy(%q) = %v, want %v", s, got, want)
		}
	}
	if saidBy(nil, "at the thesis") {
		t.Error("saidBy(nothing chosen) = true, want false")
	}
}

// TestUncertainAsShown: a why says "(uncertain)" exactly when the
// confidence the analysis shows (three decimals) is under one half, so
// that a why never calls uncertain a decision of confidence 0.5 that the
// pages do not mark (0.4996 is shown as 0.5).
func TestUncertainAsShown(t *testing.T) {
	m := DefaultModel()
	side := &PairSide{SentenceMarkers: &SentenceMarkers{}}
	p := PairFeatures{From: side, To: side, FromRole: Evidence, ToRole: Claim}
	for _, conf := range []float64{0.3, 0.4994, 0.4995, 0.4996, 0.4999, 0.5, 0.5004, 0.7} {
		shown := Sentence{Confidence: round3(conf)}
		if got := strings.Contains(roleWhy(Evidence, "", conf, nil), "(uncertain)"); got != shown.Uncertain() {
			t.Errorf("confidence %v (shown %v): role why says uncertain = %v, the pages mark it %v", conf, shown.Confidence, got, shown.Uncertain())
		}
		if got := strings.Contains(m.explainLink(&p, Support, conf), "(uncertain)"); got != shown.Uncertain() {
			t.Errorf("confidence %v (shown %v): relation why says uncertain = %v, want %v", conf, shown.Confidence, got, shown.Uncertain())
		}
	}
}

// TestCandidatesWindow: a sentence may point at every thesis sentence and
// at the claims from candidateWindow argument paragraphs back to one
// ahead; a claim outside the argument (in a heading) is not in the window
// of an early paragraph, whose window reaches "paragraph -1".
func TestCandidatesWindow(t *testing.T) {
	d := doc(title("T"), standfirst("Cities should plant trees."),
		heading("Trees are good for cities"),
		body("Trees cool streets. Shade saves energy."),
		body("Trees cost little. A tree costs 50 dollars."),
		body("Cities should plant trees."))
	fs := ComputeFeatures(d)
	by := make(map[string]int)
	for i, f := range fs {
		by[f.ID] = i
	}
	roles := make([]Role, len(fs))
	for i := range roles {
		roles[i] = Evidence
	}
	roles[by["title.1"]] = None
	roles[by["standfirst.1"]], roles[by["4.1"]] = MajorClaim, MajorClaim
	roles[by["1.1"]], roles[by["2.1"]], roles[by["3.1"]] = Claim, Claim, Claim // 1.1: a claim in the heading
	x := NewCandidateIndex(fs, roles)
	for from, want := range map[string][]string{
		"2.2": {"standfirst.1", "2.1", "3.1", "4.1"},
		"3.2": {"standfirst.1", "2.1", "3.1", "4.1"},
	} {
		var got []string
		for _, j := range x.Candidates(fs, by[from]) {
			got = append(got, fs[j].ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("candidates of %s = %v, want %v", from, got, want)
		}
	}
}
