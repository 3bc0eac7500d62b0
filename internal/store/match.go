package store

import (
	"cmp"
	"container/heap"
	"context"
	"math"
	"slices"
	"sort"
	"sync/atomic"

	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/lexical"
)

// Thresholds of the paragraph matcher. Similarities are Dice coefficients
// of content-word sets (see similarity).
const (
	// fuzzyThreshold is the similarity at which an edited paragraph keeps
	// its id wherever it now stands.
	fuzzyThreshold = 0.5
	// anchoredThreshold is the lower similarity enough for a paragraph of
	// the same kind whose neighbours on both sides kept their places
	// around it: a heavy rewrite in place.
	anchoredThreshold = 0.25
	// partThreshold is the share of a paragraph's words that must come from
	// the other side for it to count as a part of a split or merge.
	partThreshold = 0.6
	// epsilon absorbs floating-point noise in threshold comparisons.
	epsilon = 1e-9
)

// matchRuns counts the runs of matchBlocks, for the tests that check that a
// refusal does without it.
var matchRuns atomic.Int64

// block is a paragraph as the matcher sees it.
type block struct {
	kind  essay.Kind
	text  string
	words wordSet
	size  int // number of words, stop words included
}

// newBlock prepares a paragraph for matching.
func newBlock(kind essay.Kind, text string) block {
	b := lazyBlock(kind, text)
	b.w()
	return b
}

// lazyBlock is newBlock without the words, which w and sz find when they
// are first asked for: most paragraphs of a revision keep their text, are
// matched by it, and never need them (a long essay's word sets are hundreds
// of megabytes).
func lazyBlock(kind essay.Kind, text string) block {
	return block{kind: kind, text: text}
}

// w returns the block's content words, finding them on first use.
func (b *block) w() wordSet {
	if b.words == nil {
		all := tokens(b.text)
		b.words, b.size = contentWords(all), len(all)
	}
	return b.words
}

// sz returns the block's number of words, stop words included.
func (b *block) sz() int {
	b.w()
	return b.size
}

// matching is how the paragraphs of a new revision relate to those of the
// current one.
type matching struct {
	// newToOld[i] is the index of the old paragraph new paragraph i
	// continues, or -1 for a new paragraph.
	newToOld []int
	// oldToNew is the inverse of newToOld, -1 for a paragraph that is gone.
	oldToNew []int
	// splitFrom[i] is, for a new paragraph split off an old one, the old
	// paragraph's index.
	splitFrom map[int]int
	// mergedInto[j] is, for an old paragraph merged into a new one, the new
	// paragraph's index.
	mergedInto map[int]int
	// parts and merged index splitFrom and mergedInto the other way round
	// (splitOf, mergedFrom).
	parts, merged map[int][]int
}

// matchBlocks matches new paragraphs to old ones: identical text first
// (preferring the same kind and the nearest relative place when a text
// occurs more than once), then similar text (the most similar pair first,
// with paragraphs whose neighbours kept their places winning ties and
// needing less similarity), then splits (several new paragraphs that
// together make one old one; the part sharing most words keeps the id) and
// merges (one new paragraph made of several old ones; it keeps the id of the
// largest).
//
// It stops with ctx's error when ctx is done.
func matchBlocks(ctx context.Context, old, cur []block) (matching, error) {
	matchRuns.Add(1)
	m := matching{
		newToOld:   filled(len(cur), -1),
		oldToNew:   filled(len(old), -1),
		splitFrom:  make(map[int]int),
		mergedInto: make(map[int]int),
	}
	m.matchExact(old, cur)
	if err := m.matchFuzzy(ctx, old, cur); err != nil {
		return m, err
	}
	m.findSplits(old, cur)
	m.findMerges(old, cur)
	return m, nil
}

func filled(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func (m *matching) link(i, j int) {
	m.newToOld[i] = j
	m.oldToNew[j] = i
}

// relDistance is how far apart new paragraph i and old paragraph j stand,
// as a share of the essay's length.
func relDistance(i, n, j, o int) float64 {
	return math.Abs(float64(i)/float64(max(n, 1)) - float64(j)/float64(max(o, 1)))
}

// maxExactPairs bounds the old×new pairs of one repeated text that
// matchExact weighs one by one.
const maxExactPairs = 256

// matchExact pairs paragraphs with identical text.
func (m *matching) matchExact(old, cur []block) {
	byText := make(map[string][]int)
	for j, b := range old {
		byText[b.text] = append(byText[b.text], j)
	}
	type pair struct {
		i, j     int
		kindDiff bool
		dist     float64
	}
	newByText := make(map[string][]int)
	for i, b := range cur {
		newByText[b.text] = append(newByText[b.text], i)
	}
	var pairs []pair
	for i, b := range cur {
		olds, news := byText[b.text], newByText[b.text]
		if len(olds)*len(news) > maxExactPairs {
			// A text repeated many times (a hostile or generated file):
			// weighing every old×new pair would be quadratic, so the k-th
			// new occurrence takes the k-th old one, in reading order.
			if i == news[0] {
				for k := range min(len(olds), len(news)) {
					m.link(news[k], olds[k])
				}
			}
			continue
		}
		for _, j := range olds {
			pairs = append(pairs, pair{i, j, old[j].kind != b.kind, relDistance(i, len(cur), j, len(old))})
		}
	}
	sort.SliceStable(pairs, func(x, y int) bool {
		p, q := pairs[x], pairs[y]
		if p.kindDiff != q.kindDiff {
			return !p.kindDiff
		}
		if p.dist != q.dist {
			return p.dist < q.dist
		}
		if p.i != q.i {
			return p.i < q.i
		}
		return p.j < q.j
	})
	for _, p := range pairs {
		if m.newToOld[p.i] < 0 && m.oldToNew[p.j] < 0 {
			m.link(p.i, p.j)
		}
	}
}

// anchored reports whether new paragraph i and old paragraph j have
// neighbours that match each other on both sides (or both stand at the
// same end of the essay).
func (m *matching) anchored(i, n, j, o int) bool {
	prev := (i == 0 && j == 0) || (i > 0 && j > 0 && m.newToOld[i-1] == j-1)
	next := (i == n-1 && j == o-1) || (i+1 < n && j+1 < o && m.newToOld[i+1] == j+1)
	return prev && next
}

// matchFuzzy pairs the remaining paragraphs by similarity, the best pair
// first, until no acceptable pair is left. A pair's score is its
// similarity, raised a little when its neighbours kept their places around
// it and when its kind is unchanged; of equal scores (but for rounding)
// the pair whose places in the two essays are nearer wins, then the
// earlier new paragraph, then the earlier old one.
//
// The candidates are the pairs at least anchoredThreshold similar (only
// those can ever be accepted), found among every free old paragraph for
// each free new one while there are at most maxFuzzyPairs such pairs to
// weigh; past that (a long essay heavily rewritten) among the free old
// paragraphs nearest its relative place (fuzzyWindow), keeping the most
// similar (fuzzyPerParagraph), so that the cost grows with the essay, not
// with its square. The best pair is kept in a
// heap: linking a pair can only make the pairs beside it anchored, and
// those are scored again.
func (m *matching) matchFuzzy(ctx context.Context, old, cur []block) error {
	var freeNew, freeOld []int
	for i := range cur {
		if m.newToOld[i] < 0 {
			freeNew = append(freeNew, i)
		}
	}
	for j := range old {
		if m.oldToNew[j] < 0 {
			freeOld = append(freeOld, j)
		}
	}
	if len(freeNew) == 0 || len(freeOld) == 0 {
		return nil
	}
	// the content words of the free paragraphs as sorted ids, for a fast
	// intersection
	dict := make(wordIDs)
	ids := func(b *block) []int32 {
		ws := b.words
		if ws == nil {
			// made here and dropped: the later passes need the words of
			// only a few paragraphs (w keeps those)
			ws = contentWords(tokens(b.text))
		}
		out := make([]int32, 0, len(ws))
		for w := range ws {
			id, _ := dict.of(w)
			out = append(out, id)
		}
		slices.Sort(out)
		return out
	}
	oldIDs := make([][]int32, len(freeOld))
	for k, j := range freeOld {
		oldIDs[k] = ids(&old[j])
	}
	window := len(freeOld)
	if len(freeNew)*len(freeOld) > maxFuzzyPairs {
		window = max(fuzzyWindow, maxFuzzyPairs/(2*len(freeNew)))
	}
	var cands []fuzzyCandidate // in the order of i, then j
	for n, i := range freeNew {
		if n%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		a := ids(&cur[i])
		lo, hi := 0, len(freeOld)
		if window < len(freeOld) {
			// the free old paragraphs around the relative place of i
			at := sort.SearchInts(freeOld, int(float64(i)/float64(len(cur))*float64(len(old))))
			lo, hi = max(0, at-window), min(len(freeOld), at+window)
		}
		from := len(cands)
		for k := lo; k < hi; k++ {
			if s := dice(a, oldIDs[k]); s+epsilon >= anchoredThreshold {
				cands = append(cands, fuzzyCandidate{i: int32(i), j: int32(freeOld[k]), sim: s})
			}
		}
		if window < len(freeOld) && len(cands)-from > fuzzyPerParagraph {
			// in a window, only the most similar (a text of few words
			// repeated makes every pair a candidate)
			mine := cands[from:]
			slices.SortStableFunc(mine, func(x, y fuzzyCandidate) int { return cmp.Compare(y.sim, x.sim) })
			mine = mine[:fuzzyPerParagraph]
			slices.SortFunc(mine, func(x, y fuzzyCandidate) int { return cmp.Compare(x.j, y.j) })
			cands = cands[:from+fuzzyPerParagraph]
		}
	}
	// the candidates of new paragraph i are cands[start[i]:start[i+1]]
	start := make([]int, len(cur)+1)
	for i, k := 0, 0; i <= len(cur); i++ {
		for k < len(cands) && int(cands[k].i) < i {
			k++
		}
		start[i] = k
	}
	find := func(i, j int) int {
		if i < 0 || i >= len(cur) || m.newToOld[i] >= 0 {
			return -1
		}
		cs := cands[start[i]:start[i+1]]
		k, ok := sort.Find(len(cs), func(x int) int { return j - int(cs[x].j) })
		if !ok {
			return -1
		}
		return start[i] + k
	}
	// score returns the score of candidate k now, and whether it can be
	// accepted
	score := func(k int) (float64, bool) {
		c := cands[k]
		anchor := m.anchored(int(c.i), len(cur), int(c.j), len(old))
		sameKind := cur[c.i].kind == old[c.j].kind
		if c.sim+epsilon < fuzzyThreshold && !(anchor && sameKind) {
			return 0, false
		}
		s := c.sim
		if anchor {
			s += 0.1
		}
		if sameKind {
			s += 0.05
		}
		return s, true
	}
	dist := func(k int) float64 {
		return relDistance(int(cands[k].i), len(cur), int(cands[k].j), len(old))
	}
	item := func(k int, s float64) fuzzyItem {
		return fuzzyItem{k: int32(k), score: s, key: int64(math.Round(s / epsilon)), dist: dist(k)}
	}
	current := make([]float64, len(cands)) // the score in the heap, or -1
	h := &fuzzyHeap{}
	for k := range cands {
		current[k] = -1
		if s, ok := score(k); ok {
			current[k] = s
			h.items = append(h.items, item(k, s))
		}
	}
	heap.Init(h)
	for links := 0; h.Len() > 0; {
		top := heap.Pop(h).(fuzzyItem)
		c := cands[top.k]
		if m.newToOld[c.i] >= 0 || m.oldToNew[c.j] >= 0 || current[top.k] != top.score {
			continue // linked since, or scored again
		}
		m.link(int(c.i), int(c.j))
		if links++; links%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		// the pairs this link may have anchored: the one after it (its
		// previous neighbours now match) and the one before it
		for _, k := range []int{find(int(c.i)+1, int(c.j)+1), find(int(c.i)-1, int(c.j)-1)} {
			if k < 0 || m.oldToNew[cands[k].j] >= 0 {
				continue
			}
			if s, ok := score(k); ok && s != current[k] {
				current[k] = s
				heap.Push(h, item(k, s))
			}
		}
	}
	return nil
}

// Bounds on the similar-text pass of the matching (matchFuzzy).
const (
	// maxFuzzyPairs is the most free new × free old pairs weighed all
	// against all: about a thousand edited paragraphs on each side.
	maxFuzzyPairs = 1 << 20
	// fuzzyWindow is the fewest free old paragraphs, on each side of its
	// relative place, that a free new paragraph is weighed against past
	// maxFuzzyPairs.
	fuzzyWindow = 32
	// fuzzyPerParagraph is the most candidates a free new paragraph keeps
	// from its window, the most similar.
	fuzzyPerParagraph = 16
)

// fuzzyCandidate is a pair of free paragraphs similar enough to be linked.
type fuzzyCandidate struct {
	i, j int32 // new, old
	sim  float64
}

// fuzzyItem is a candidate in the heap, with its score when it was put
// there, that score in steps of epsilon (equal scores but for rounding
// have the same key) and its distance.
type fuzzyItem struct {
	k     int32
	score float64
	key   int64
	dist  float64
}

// fuzzyHeap holds the best candidate on top: the highest score, then the
// nearest places, then the earlier new paragraph and old one.
type fuzzyHeap struct{ items []fuzzyItem }

func (h *fuzzyHeap) Len() int { return len(h.items) }
func (h *fuzzyHeap) Less(x, y int) bool {
	a, b := h.items[x], h.items[y]
	if a.key != b.key {
		return a.key > b.key
	}
	if a.dist != b.dist {
		return a.dist < b.dist
	}
	return a.k < b.k
}
func (h *fuzzyHeap) Swap(x, y int) { h.items[x], h.items[y] = h.items[y], h.items[x] }
func (h *fuzzyHeap) Push(x any)    { h.items = append(h.items, x.(fuzzyItem)) }
func (h *fuzzyHeap) Pop() any {
	e := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return e
}

// dice is the Dice coefficient of two sorted sets of word ids, as
// similarity computes it for word sets.
func dice(a, b []int32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for x, y := 0, 0; x < len(a) && y < len(b); {
		switch {
		case a[x] < b[y]:
			x++
		case a[x] > b[y]:
			y++
		default:
			n++
			x++
			y++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}

// findSplits looks for old paragraphs now spread over several adjacent new
// ones.
func (m *matching) findSplits(old, cur []block) {
	near := m.seedRange(m.oldToNew, m.newToOld)
	for j := range old {
		seed := m.oldToNew[j]
		if seed >= 0 && cur[seed].text == old[j].text {
			continue
		}
		if seed < 0 {
			// No single part was similar enough: start from the unmatched
			// new paragraph that shares the most words with it.
			best := 0
			lo, hi := near(j)
			for i := lo; i < hi; i++ {
				if m.newToOld[i] >= 0 || m.isSplitPart(i) {
					continue
				}
				shared := cur[i].w().intersect(old[j].w())
				if containment(cur[i].w(), old[j].w())+epsilon >= partThreshold && shared > best {
					seed, best = i, shared
				}
			}
			if seed < 0 {
				continue
			}
		}
		lo, hi := m.grow(seed, cur, &old[j], func(k int) bool {
			return m.newToOld[k] < 0 && !m.isSplitPart(k)
		})
		if lo == hi {
			continue
		}
		parts := union(cur, lo, hi)
		if similarity(parts, old[j].w())+epsilon < fuzzyThreshold {
			continue
		}
		keeper := lo
		for k := lo; k <= hi; k++ {
			if cur[k].w().intersect(old[j].w()) > cur[keeper].w().intersect(old[j].w()) {
				keeper = k
			}
		}
		if prev := m.oldToNew[j]; prev >= 0 {
			m.newToOld[prev] = -1
		}
		m.link(keeper, j)
		for k := lo; k <= hi; k++ {
			if k != keeper {
				m.splitFrom[k] = j
			}
		}
	}
}

// seedRange returns, for the search of findSplits (or findMerges) for a
// part of an unlinked paragraph x of one side (links: its links to the
// other side), the range of paragraphs of the other side (others: their
// links) to look in: all of them while there are at most maxFuzzyPairs
// unlinked pairs, else those around x's relative place, as matchFuzzy
// does.
func (m *matching) seedRange(links, others []int) func(x int) (lo, hi int) {
	seekers, targets := unlinked(links), unlinked(others)
	if seekers*targets <= maxFuzzyPairs {
		return func(int) (int, int) { return 0, len(others) }
	}
	window := max(fuzzyWindow, maxFuzzyPairs/(2*seekers))
	return func(x int) (int, int) {
		at := int(float64(x) / float64(len(links)) * float64(len(others)))
		return max(0, at-window), min(len(others), at+window)
	}
}

// unlinked counts the paragraphs that links leaves unlinked (-1).
func unlinked(links []int) int {
	n := 0
	for _, l := range links {
		if l < 0 {
			n++
		}
	}
	return n
}

func (m *matching) isSplitPart(i int) bool {
	_, ok := m.splitFrom[i]
	return ok
}

// findMerges looks for new paragraphs made of several adjacent old ones.
func (m *matching) findMerges(old, cur []block) {
	near := m.seedRange(m.newToOld, m.oldToNew)
	for i := range cur {
		if m.isSplitPart(i) {
			continue
		}
		seed := m.newToOld[i]
		if seed >= 0 && cur[i].text == old[seed].text {
			continue
		}
		if seed >= 0 {
			if _, split := m.splitOf(seed); split {
				continue
			}
		}
		if seed < 0 {
			best := 0
			lo, hi := near(i)
			for j := lo; j < hi; j++ {
				if m.oldToNew[j] >= 0 || m.isMerged(j) {
					continue
				}
				shared := old[j].w().intersect(cur[i].w())
				if containment(old[j].w(), cur[i].w())+epsilon >= partThreshold && shared > best {
					seed, best = j, shared
				}
			}
			if seed < 0 {
				continue
			}
		}
		lo, hi := m.grow(seed, old, &cur[i], func(k int) bool {
			return m.oldToNew[k] < 0 && !m.isMerged(k)
		})
		if lo == hi {
			continue
		}
		if similarity(union(old, lo, hi), cur[i].w())+epsilon < fuzzyThreshold {
			continue
		}
		keeper := lo
		for k := lo; k <= hi; k++ {
			if old[k].sz() > old[keeper].sz() {
				keeper = k
			}
		}
		if prev := m.newToOld[i]; prev >= 0 {
			m.oldToNew[prev] = -1
		}
		m.link(i, keeper)
		for k := lo; k <= hi; k++ {
			if k != keeper {
				m.mergedInto[k] = i
			}
		}
	}
}

// splitOf reports whether old paragraph j was split, and into which new
// paragraphs besides the one that kept its id. It is asked once the splits
// are found (findMerges, describe).
func (m *matching) splitOf(j int) ([]int, bool) {
	if m.parts == nil {
		m.parts = invert(m.splitFrom)
	}
	parts := m.parts[j]
	return parts, len(parts) > 0
}

// mergedFrom returns the old paragraphs merged into new paragraph i,
// besides the one whose id it kept. It is asked once the matching is done.
func (m *matching) mergedFrom(i int) []int {
	if m.merged == nil {
		m.merged = invert(m.mergedInto)
	}
	return m.merged[i]
}

// invert returns, for each value of m, its keys in order.
func invert(m map[int]int) map[int][]int {
	out := make(map[int][]int)
	for k, v := range m {
		out[v] = append(out[v], k)
	}
	for _, ks := range out {
		sort.Ints(ks)
	}
	return out
}

func (m *matching) isMerged(j int) bool {
	_, ok := m.mergedInto[j]
	return ok
}

// grow extends the run [seed, seed] of paragraphs on one side (blocks),
// left and right, with free neighbours (as free reports) whose words mostly
// come from target and that bring the run closer to it. It returns the
// run's bounds. Words are looked at only for free neighbours: in a revision
// edited throughout, most runs have none, and their word sets (a long
// essay's are hundreds of megabytes) are never made.
func (m *matching) grow(seed int, blocks []block, target *block, free func(int) bool) (lo, hi int) {
	lo, hi = seed, seed
	var run wordSet // the run's words, once a neighbour is weighed
	for {
		grew := false
		for _, k := range []int{lo - 1, hi + 1} {
			if k < 0 || k >= len(blocks) || !free(k) {
				continue
			}
			w := blocks[k].w()
			if containment(w, target.w())+epsilon < partThreshold {
				continue
			}
			if run == nil {
				run = union(blocks, lo, hi)
			}
			next := run.clone()
			next.add(w)
			if similarity(next, target.w()) <= similarity(run, target.w())+epsilon {
				continue
			}
			run = next
			if k < lo {
				lo = k
			} else {
				hi = k
			}
			grew = true
		}
		if !grew {
			return lo, hi
		}
	}
}

// union returns the words of blocks[lo..hi].
func union(blocks []block, lo, hi int) wordSet {
	u := make(wordSet)
	for k := lo; k <= hi; k++ {
		u.add(blocks[k].w())
	}
	return u
}

// wordSet is a set of lower-case words (a lexical.Set).
type wordSet map[string]struct{}

func (s wordSet) clone() wordSet { return wordSet(lexical.Set(s).Clone()) }

func (s wordSet) add(t wordSet) { lexical.Set(s).Add(lexical.Set(t)) }

// intersect returns the number of words s and t share.
func (s wordSet) intersect(t wordSet) int { return lexical.Set(s).Intersect(lexical.Set(t)) }

// similarity is the Dice coefficient of two word sets: 1 for the same
// words, 0 for none in common or when either is empty.
func similarity(a, b wordSet) float64 { return lexical.Dice(lexical.Set(a), lexical.Set(b)) }

// containment is the share of a's words that are also in b.
func containment(a, b wordSet) float64 { return lexical.Containment(lexical.Set(a), lexical.Set(b)) }

// tokens splits text into lower-case words of letters and digits.
func tokens(text string) []string { return lexical.Tokens(text) }

// contentWords returns the words of a paragraph that say something: words
// of two or more characters that are not common English function words.
// A paragraph made only of such words keeps them all.
func contentWords(words []string) wordSet { return wordSet(lexical.KeyWords(words)) }

// quickShared is the cheap first pass of the paragraph matching, enough to
// refuse a text that is plainly not a revision before anything costly
// (the similar-text passes of matchBlocks, which compare every unmatched
// paragraph with every other, and the analysis of the new text) runs. It
// returns how many new paragraphs matchBlocks links by their text alone
// (its first pass), and how many more its later passes could link at
// most. A new paragraph A can be linked by them only if some old paragraph
// B left unlinked has similarity 0.5 with it, or 0.25 with both of A's
// neighbours linkable so (an anchored rewrite), or holds 0.6 of A's words
// (a split), or if the old paragraphs with 0.6 of their words in A share a
// third of A's words (a merge). The pairs that can reach those shares are
// found through an index of the old paragraphs' words, rarest first, so
// that common words are hardly looked up (prefix filtering); when that
// would still cost more than a few passes over the text, every paragraph
// is counted as possible (the whole matching decides).
func quickShared(old, cur []block) (exact, more int) {
	m, exact := firstPass(old, cur)
	return exact, m.couldLink(old, cur, exact)
}

// firstPass is matchBlocks's first pass (matchExact) alone, and the number
// of new paragraphs it links.
func firstPass(old, cur []block) (matching, int) {
	m := matching{newToOld: filled(len(cur), -1), oldToNew: filled(len(old), -1)}
	m.matchExact(old, cur)
	exact := 0
	for _, j := range m.newToOld {
		if j >= 0 {
			exact++
		}
	}
	return m, exact
}

// wordIDs numbers words, each distinct word with the next id.
type wordIDs map[string]int32

// of returns w's id, giving it the next one (added) when it has none.
func (d wordIDs) of(w string) (id int32, added bool) {
	if id, ok := d[w]; ok {
		return id, false
	}
	id = int32(len(d))
	d[w] = id
	return id, true
}

// couldLink is the second count of quickShared, for the links m of the
// first pass, of which there are exact.
func (m *matching) couldLink(old, cur []block, exact int) (more int) {
	if exact == len(cur) {
		return 0
	}
	// the words of the free old paragraphs, as ids; df counts the
	// paragraphs that have each
	ids := make(wordIDs)
	var df []int32
	sets := make([][]int32, len(old))
	words := 0
	for j := range old {
		if m.oldToNew[j] >= 0 {
			continue
		}
		ws := contentWords(tokens(old[j].text))
		set := make([]int32, 0, len(ws))
		for w := range ws {
			id, added := ids.of(w)
			if added {
				df = append(df, 0)
			}
			df[id]++
			set = append(set, id)
		}
		sets[j] = set
		words += len(set)
	}
	rarestFirst := func(s []int32) {
		sort.Slice(s, func(x, y int) bool {
			if df[s[x]] != df[s[y]] {
				return df[s[x]] < df[s[y]]
			}
			return s[x] < s[y]
		})
	}
	// posting lists: every free old paragraph under each of its words, and
	// under the words that a paragraph with 0.6 of its words in another
	// must share with it (all but its commonest need-1)
	all := make([][]int32, len(df))
	part := make([][]int32, len(df))
	for j, set := range sets {
		if len(set) == 0 {
			continue
		}
		rarestFirst(set)
		for _, id := range set {
			all[id] = append(all[id], int32(j))
		}
		for _, id := range set[:len(set)-need(len(set), partThreshold)+1] {
			part[id] = append(part[id], int32(j))
		}
	}
	budget := 8*words + 1<<20 // comparisons allowed: a few passes over the text
	mark := make([]int32, len(df))
	seen := make([]int32, len(old))     // visited by pairs
	seenPart := make([]int32, len(old)) // visited for a merge
	var stamp int32
	// start makes the words in of a new paragraph the ones overlap counts
	start := func(in []int32) {
		stamp++
		for _, id := range in {
			mark[id] = stamp
		}
	}
	overlap := func(j int32) int {
		n := 0
		for _, id := range sets[j] {
			if mark[id] == stamp {
				n++
			}
		}
		budget -= len(sets[j])
		return n
	}
	// pairs calls do(x, b) for every free old paragraph that shares at
	// least need(a, share) of the a words of a new paragraph, of which in
	// are those the old text has (rarest first): such a paragraph has one
	// of the a-need+1 rarest, and those the old text lacks come first
	pairs := func(a int, in []int32, share float64, do func(x, b int)) {
		start(in)
		probe := len(in) - need(a, share) + 1
		for _, id := range in[:max(0, min(probe, len(in)))] {
			for _, j := range all[id] {
				if seen[j] != stamp {
					seen[j] = stamp
					do(overlap(j), len(sets[j]))
				}
			}
		}
	}
	const slack = 1e-6               // below the matcher's epsilon, above rounding
	strong := make([]bool, len(cur)) // linkable by similarity 0.5, a split or a merge
	words7 := make([][]int32, len(cur))
	sizes := make([]int, len(cur))
	for i := range cur {
		if m.newToOld[i] >= 0 {
			continue
		}
		ws := contentWords(tokens(cur[i].text))
		a := len(ws)
		var in []int32
		for w := range ws {
			if id, ok := ids[w]; ok {
				in = append(in, id)
			}
		}
		// every pass needs a seventh of A's words in free old paragraphs,
		// all but an anchored rewrite a third
		if a == 0 || float64(len(in))/float64(a)+slack < 1.0/7 {
			continue
		}
		rarestFirst(in)
		if float64(len(in))/float64(a)+slack < 1.0/3 {
			words7[i], sizes[i] = in, a
			continue
		}
		pairs(a, in, 1.0/3, func(x, b int) {
			if 2*float64(x)/float64(a+b)+slack >= fuzzyThreshold || float64(x)/float64(a)+slack >= partThreshold {
				strong[i] = true
			}
		})
		if !strong[i] {
			shared := 0 // A's words in the old paragraphs that could merge into it
			for _, id := range in {
				for _, j := range part[id] {
					if seenPart[j] != stamp {
						seenPart[j] = stamp
						if x := overlap(j); float64(x)/float64(len(sets[j]))+slack >= partThreshold {
							shared += x
						}
					}
				}
			}
			strong[i] = float64(shared)/float64(a)+slack >= 1.0/3
		}
		if !strong[i] {
			words7[i], sizes[i] = in, a
		}
		if budget < 0 {
			return len(cur) - exact // too costly to tell: the whole matching decides
		}
	}
	// linkable reports whether paragraph i could stand linked beside an
	// anchored one when it is matched: linked by text, or strong; or past
	// either end
	linkable := func(i int) bool { return i < 0 || i >= len(cur) || m.newToOld[i] >= 0 || strong[i] }
	for i := range cur {
		switch {
		case m.newToOld[i] >= 0:
		case strong[i]:
			more++
		case words7[i] != nil && linkable(i-1) && linkable(i+1):
			a, weak := sizes[i], false
			pairs(a, words7[i], 1.0/7, func(x, b int) {
				weak = weak || 2*float64(x)/float64(a+b)+slack >= anchoredThreshold
			})
			if weak {
				more++
			}
			if budget < 0 {
				return len(cur) - exact
			}
		}
	}
	return more
}

// need is the fewest of n words that make a share of them, as the matcher
// compares shares (with its epsilon), and at least one.
func need(n int, share float64) int {
	return max(1, int(math.Ceil(share*float64(n)-1e-6)))
}
