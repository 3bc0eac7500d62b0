package argument

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unique"
)

// This file is the decoder: it turns the models' scores into one
// consistent argument. One thesis, stated in the opening or the closing,
// with its restatements marked; each paragraph's claim chosen by the point
// model; one outgoing relation a sentence, forming a tree rooted at the
// thesis (a maximum spanning arborescence over the attachment scores), each
// relation then typed support or attack.

// lowConfidence is the confidence under which a decision is shown as
// uncertain.
const lowConfidence = 0.5

// maxStatements is the most sentences decoded as statements of the thesis
// (the thesis and its restatements). It bounds the relation candidates,
// which include every statement, so that decoding stays linear.
const maxStatements = 8

// Decision is the decoder's output for one sentence.
type Decision struct {
	Role       Role
	Confidence float64
	Why        string
	// Restates is the id of the thesis sentence this one restates, or "".
	Restates string
	// probs are the role model's probabilities, in roleClasses order.
	probs []float64
	// point is the point model's probability that the sentence states its
	// paragraph's claim, when it was chosen so.
	point float64
}

// Link is the decoder's output for one relation, by sentence index.
type Link struct {
	From, To   int
	Kind       RelationKind
	Confidence float64
	Why        string
}

func roleIndex(r Role) int {
	for i, c := range roleClasses {
		if c == r {
			return i
		}
	}
	return -1
}

// DecodeRoles gives every sentence of fs a role.
func (m *Model) DecodeRoles(fs []SentenceFeatures) []Decision {
	ds := make([]Decision, len(fs))
	parallel(len(fs), func(i int) {
		x := fs[i].Vector()
		ds[i] = Decision{probs: m.Roles.Probs(x)}
	})
	iMajor, iClaim := roleIndex(MajorClaim), roleIndex(Claim)
	// the thesis: the likeliest thesis sentence where an essay states it
	thesis := -1
	for i := range fs {
		if fs[i].thesisZone() && (thesis < 0 || ds[i].probs[iMajor] > ds[thesis].probs[iMajor]) {
			thesis = i
		}
	}
	// the thesis statements: the likeliest, and every other sentence of
	// the opening or the closing whose thesis probability reaches the
	// learned threshold (an essay states its thesis there, ANNOTATION.md)
	for i := range fs {
		d := &ds[i]
		switch {
		case !fs[i].Argument():
			d.Role, d.Confidence = None, 1
			d.Why = "none: " + noneKinds[fs[i].Kind]
		case i == thesis || (fs[i].thesisZone() && ds[i].probs[iMajor] >= m.ThesisThreshold):
			d.Role = MajorClaim
		}
	}
	// an essay states its thesis a few times, not dozens: past
	// maxStatements the least likely statements are decoded as the rest
	var stated []int
	for i := range ds {
		if ds[i].Role == MajorClaim {
			stated = append(stated, i)
		}
	}
	if len(stated) > maxStatements {
		sort.SliceStable(stated, func(a, b int) bool { return ds[stated[a]].probs[iMajor] > ds[stated[b]].probs[iMajor] })
		for _, i := range stated[maxStatements:] {
			ds[i].Role = ""
		}
	}
	// the thesis is the likeliest statement of the first paragraph that
	// states it (the standfirst or introduction, as opinion writing goes);
	// the other statements restate it
	primary := -1
	for i := range ds {
		if ds[i].Role != MajorClaim {
			continue
		}
		if primary >= 0 && fs[i].Paragraph != fs[primary].Paragraph {
			break
		}
		if primary < 0 || ds[i].probs[iMajor] > ds[primary].probs[iMajor] {
			primary = i
		}
	}
	for i := range ds {
		if ds[i].Role == MajorClaim && i != primary {
			ds[i].Restates = fs[primary].ID
		}
	}
	// claims, paragraph by paragraph
	for start := 0; start < len(fs); {
		end := start
		for end < len(fs) && fs[end].Paragraph == fs[start].Paragraph {
			end++
		}
		if fs[start].Argument() {
			m.decodeParagraph(fs[start:end], ds[start:end], iMajor, iClaim)
		}
		start = end
	}
	for i := range ds {
		d := &ds[i]
		if d.Why != "" {
			continue
		}
		k := roleIndex(d.Role)
		d.Confidence = d.probs[k]
		if d.point > 0 {
			// the paragraph's point: its confidence is the point model's
			d.Confidence = d.point
		}
		d.Why = m.explainRole(&fs[i], d, k)
	}
	return ds
}

// decodeParagraph chooses the claims of one paragraph. The point model
// picks the sentence that states the paragraph's point, if its probability
// reaches the learned threshold (or else none); a second
// sentence is a claim too when the role model, on its own, finds claim its
// likeliest role. Every other sentence takes its likeliest role among
// evidence, background and none. Thesis sentences keep their role.
func (m *Model) decodeParagraph(fs []SentenceFeatures, ds []Decision, iMajor, iClaim int) {
	var cands []int
	var logits []float64
	for j := range ds {
		if ds[j].Role == MajorClaim {
			continue
		}
		p := ds[j].probs
		other := -1
		for c := range p {
			if c == iClaim || c == iMajor {
				continue
			}
			if other < 0 || p[c] > p[other] {
				other = c
			}
		}
		ds[j].Role = roleClasses[other]
		cands = append(cands, j)
		logits = append(logits, m.Point.Scores(fs[j].PointVector())[0])
	}
	if len(cands) == 0 {
		return
	}
	logits = append(logits, m.Point.Scores(fs[cands[0]].NullPointVector())[0])
	probs := Softmax(logits, m.Point.temperature())
	best := 0
	for k := range cands {
		if probs[k] > probs[best] {
			best = k
		}
	}
	if probs[best] < m.PointThreshold {
		return // no claim in this paragraph
	}
	j := cands[best]
	ds[j].Role, ds[j].point = Claim, probs[best]
	second, secondP := -1, 0.0
	for _, k := range cands {
		if k == j {
			continue
		}
		if p := ds[k].probs; p[iClaim] > 0.5 && p[iClaim] > secondP {
			second, secondP = k, p[iClaim]
		}
	}
	if second >= 0 {
		ds[second].Role = Claim
	}
}

// explainRole builds a role's why from the largest contributions to its
// score over the runner-up's: "claim, 0.82: opens with a contrast marker
// 'However', first sentence of a body paragraph".
func (m *Model) explainRole(f *SentenceFeatures, d *Decision, k int) string {
	runner := -1
	for c, p := range d.probs {
		if c != k && (runner < 0 || p > d.probs[runner]) {
			runner = c
		}
	}
	label := roleLabel(d.Role)
	if d.Restates != "" {
		label = "restates the thesis " + d.Restates
	}
	x := f.Vector() // again: a long essay's vectors are not all kept
	say := func(i int) string { return explainFeature(sentenceFeatures, i, x[i], f) }
	var reasons []string
	if d.point > 0 {
		// chosen as its paragraph's point: the point model's reasons
		reasons = topContributions(m.Point.Weights[0][:len(x)], nil, x, 3, say)
	} else {
		reasons = topContributions(m.Roles.Weights[k], m.Roles.Weights[runner], x, 3, say)
	}
	why := fmt.Sprintf("%s, %.2f", label, d.Confidence)
	if d.Confidence < lowConfidence {
		why += " (uncertain)"
	}
	if len(reasons) > 0 {
		why += ": " + strings.Join(reasons, ", ")
	}
	return why
}

// intern returns the one copy of a relation's why that every relation with
// the same why shares: they are made of a few phrases and a confidence, so
// an essay repeats most of them (the 2,392 relations of the silver corpus
// have 428 whys), and a long essay holds each once. A role's why quotes
// its sentence's cues and is mostly its own (2,979 of 3,344): it is not
// interned.
func intern(why string) string { return unique.Make(why).Value() }

// roleLabel names a role for a why.
func roleLabel(r Role) string {
	if r == MajorClaim {
		return "thesis"
	}
	return string(r)
}

// topContributions returns the words of the n features that add most to
// the score of row w over row v for x (positive contributions only).
func topContributions(w, v, x []float64, n int, say func(int) string) []string {
	type c struct {
		i int
		v float64
	}
	var cs []c
	for i := range x {
		d := x[i] * (w[i] - vAt(v, i))
		if d > 0.05 {
			cs = append(cs, c{i, d})
		}
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].v > cs[b].v })
	var out []string
	for _, c := range cs {
		s := say(c.i)
		if s == "" || sameCue(out, s) {
			continue
		}
		out = append(out, s)
		if len(out) == n {
			break
		}
	}
	return out
}

// sameCue reports whether reason s names, in quotes, a cue that one of
// the reasons already chosen names ("opens with 'but'" after "opens with a
// contrast marker 'But'"): one cue is one reason.
func sameCue(chosen []string, s string) bool {
	q := quoted(s)
	if q == "" {
		return false
	}
	for _, c := range chosen {
		if strings.EqualFold(quoted(c), q) {
			return true
		}
	}
	return false
}

// quoted returns the text between the first pair of single quotes of s,
// or "".
func quoted(s string) string {
	i := strings.IndexByte(s, '\'')
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i+1:], '\'')
	if j < 0 {
		return ""
	}
	return s[i+1 : i+1+j]
}

func vAt(v []float64, i int) float64 {
	if v == nil {
		return 0
	}
	return v[i]
}

// DecodeRelations links the sentences of fs under the decided roles: a
// tree rooted at the thesis. Claims choose their target by a maximum
// spanning arborescence (Chu-Liu/Edmonds) over the attachment scores;
// evidence, and the context the linked model links, take their best
// target, since nothing points at them.
func (m *Model) DecodeRelations(fs []SentenceFeatures, ds []Decision) []Link {
	roles := make([]Role, len(ds))
	first := -1
	for i, d := range ds {
		roles[i] = d.Role
		if d.Role == MajorClaim && first < 0 {
			first = i
		}
	}
	if first < 0 {
		return nil
	}
	idx := NewCandidateIndex(fs, roles)
	// a sentence's best target, and a claim's every candidate with its
	// probability (a sentence that nothing points at needs only its best:
	// a long essay keeps 40 bytes a sentence here)
	type target struct {
		to int32 // -1: no target
		p  float64
	}
	best := make([]target, len(fs))
	cands := make([][]target, len(fs))
	parallel(len(fs), func(i int) {
		best[i].to = -1
		switch roles[i] {
		case Claim, Evidence:
		case Background:
			if p := m.Linked.Probs(fs[i].Vector()); p[1] <= 0.5 {
				return
			}
		default:
			return
		}
		cs := idx.Candidates(fs, i)
		if len(cs) == 0 {
			return
		}
		logits := make([]float64, len(cs))
		for k, j := range cs {
			p := NewPairFeatures(fs, roles, i, j, first)
			logits[k] = m.Attach.Scores(p.AttachVector())[0]
		}
		probs := Softmax(logits, m.Attach.temperature())
		bk := 0
		for k := range probs {
			if probs[k] > probs[bk] {
				bk = k
			}
		}
		best[i] = target{int32(cs[bk]), probs[bk]}
		if roles[i] == Claim {
			ts := make([]target, len(cs))
			for k, j := range cs {
				ts[k] = target{int32(j), probs[k]}
			}
			cands[i] = ts
		}
	})
	// claims: a spanning arborescence over claims and the thesis node
	// (every thesis sentence is one node, the root)
	var claims []int
	node := make([]int32, len(fs)) // sentence → node (0: not a claim; the thesis is node 0)
	for i, r := range roles {
		if r == Claim && cands[i] != nil {
			claims = append(claims, i)
			node[i] = int32(len(claims))
		}
	}
	n := len(claims) + 1
	// the arcs (parent node, child node), each with the best
	// log-probability among its sentences, sorted by child then parent
	var edges []arc
	var from []arc // one child's arcs, before merging
	for c, i := range claims {
		from = from[:0]
		for _, t := range cands[i] {
			p := int32(0)
			if roles[t.to] == Claim {
				if p = node[t.to]; p == 0 {
					continue
				}
			}
			from = append(from, arc{u: p, v: int32(c + 1), w: math.Log(t.p + 1e-12)})
		}
		slices.SortStableFunc(from, func(a, b arc) int { return cmp.Compare(a.u, b.u) })
		for _, e := range from {
			if last := len(edges) - 1; last >= 0 && edges[last].v == e.v && edges[last].u == e.u {
				edges[last].w = max(edges[last].w, e.w)
				continue
			}
			edges = append(edges, e)
		}
	}
	parent := maxArborescence(n, edges)
	var links []Link
	add := func(i int, t target) {
		pf := NewPairFeatures(fs, roles, i, int(t.to), first)
		p := &pf
		att := m.Attack.Probs(p.AttackVector())
		kind, conf := Support, att[0]
		if att[1] > 0.5 {
			kind, conf = Attack, att[1]
		}
		l := Link{From: i, To: int(t.to), Kind: kind, Confidence: t.p * conf}
		l.Why = intern(m.explainLink(p, kind, l.Confidence))
		links = append(links, l)
	}
	for c, i := range claims {
		pn := parent[c+1]
		if pn < 0 {
			continue
		}
		// the best candidate inside the chosen node
		bk := -1
		for k, t := range cands[i] {
			j := int(t.to)
			in := (pn == 0 && roles[j] == MajorClaim) || (pn > 0 && claims[pn-1] == j)
			if in && (bk < 0 || t.p > cands[i][bk].p) {
				bk = k
			}
		}
		if bk >= 0 {
			add(i, cands[i][bk])
		}
	}
	for i, t := range best {
		if t.to >= 0 && roles[i] != Claim {
			add(i, t)
		}
	}
	sort.Slice(links, func(a, b int) bool { return links[a].From < links[b].From })
	return links
}

// explainLink says why a relation was chosen: its kind, its confidence, and
// the largest contributions to the attachment and to the kind.
func (m *Model) explainLink(p *PairFeatures, kind RelationKind, conf float64) string {
	x := p.AttachVector()
	reasons := topContributions(m.Attach.Weights[0], nil, x, 2, func(i int) string { return attachFeatures[i].why })
	ax := p.AttackVector()
	a, b := 0, 1
	if kind == Attack {
		a, b = 1, 0
	}
	reasons = append(reasons, topContributions(m.Attack.Weights[a], m.Attack.Weights[b], ax, 1, func(i int) string { return attackFeatures[i].why })...)
	why := fmt.Sprintf("%s, %.2f", kind, conf)
	if conf < lowConfidence {
		why += " (uncertain)"
	}
	if len(reasons) > 0 {
		why += ": " + strings.Join(reasons, ", ")
	}
	return why
}

// maxArborescence returns, for the graph of n nodes and the given edges,
// the parent of each node in a maximum spanning arborescence rooted at node
// 0 (Chu-Liu/Edmonds); parent[0] is -1, and a node that no edge reaches
// gets -1. The edges' ids are ignored.
func maxArborescence(n int, edges []arc) []int {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = -1
	}
	es := make([]arc, 0, len(edges))
	for k, e := range edges {
		if e.v != 0 && e.u != e.v && !math.IsInf(e.w, -1) {
			es = append(es, arc{e.u, e.v, e.w, int32(k)})
		}
	}
	for _, k := range edmonds(n, 0, es) {
		parent[edges[k].v] = int(edges[k].u)
	}
	return parent
}

// arc is an edge of edmonds' graph; id is its index in the graph one level
// up (the caller's edges at the top). Nodes and ids are 32-bit, so that a
// long essay's graph stays small.
type arc struct {
	u, v int32
	w    float64
	id   int32
}

// edmonds returns the ids of the arcs of a maximum spanning arborescence of
// the nodes of the n-node graph es that root reaches (Chu-Liu/Edmonds: take
// every node's best incoming arc; contract each cycle, reweigh the arcs
// into it, solve the smaller graph, expand).
func edmonds(n, root int, es []arc) []int {
	in := make([]int, n) // best incoming arc, index into es
	for i := range in {
		in[i] = -1
	}
	for k, e := range es {
		if int(e.v) == root || e.u == e.v {
			continue
		}
		if in[e.v] < 0 || e.w > es[in[e.v]].w {
			in[e.v] = k
		}
	}
	comp := make([]int, n)
	seen := make([]int, n)
	for i := range comp {
		comp[i], seen[i] = -1, -1
	}
	cycles := 0
	for v := range n {
		x := v
		for x != root && seen[x] < 0 && in[x] >= 0 {
			seen[x] = v
			x = int(es[in[x]].u)
		}
		if x != root && in[x] >= 0 && seen[x] == v && comp[x] < 0 {
			for y := x; comp[y] < 0; y = int(es[in[y]].u) {
				comp[y] = cycles
			}
			cycles++
		}
	}
	if cycles == 0 {
		var out []int
		for v, k := range in {
			if v != root && k >= 0 {
				out = append(out, int(es[k].id))
			}
		}
		return out
	}
	onCycle := make([]bool, n)
	for v := range n {
		if comp[v] >= 0 {
			onCycle[v] = true
		} else {
			comp[v] = cycles
			cycles++
		}
	}
	next := make([]arc, 0, len(es))
	for k, e := range es {
		cu, cv := comp[e.u], comp[e.v]
		if cu == cv {
			continue
		}
		w := e.w
		if onCycle[e.v] {
			w -= es[in[e.v]].w
		}
		next = append(next, arc{int32(cu), int32(cv), w, int32(k)})
	}
	chosen := edmonds(cycles, comp[root], next) // indices into es
	entered := make([]bool, n)
	var out []int
	for _, k := range chosen {
		out = append(out, int(es[k].id))
		entered[es[k].v] = true
	}
	for v, k := range in {
		if onCycle[v] && !entered[v] {
			out = append(out, int(es[k].id))
		}
	}
	return out
}
