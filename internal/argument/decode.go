package argument

import (
	"cmp"
	"fmt"
	"iter"
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

// uncertain reports whether a decision of confidence conf is shown as
// uncertain: its confidence as the analysis gives it (three decimals) is
// under lowConfidence, as Sentence.Uncertain has it.
func uncertain(conf float64) bool { return round3(conf) < lowConfidence }

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
	// reasons are those of Why, when decideParagraph was asked to keep
	// them instead of Why.
	reasons reasons
	// x is the sentence's feature vector while its paragraph is decided,
	// or nil (it is made again when needed: a long essay's vectors are
	// not all kept).
	x []float64
}

// vector returns the feature vector of the sentence f of d.
func (d *Decision) vector(f *SentenceFeatures) []float64 {
	if d.x != nil {
		return d.x
	}
	return f.Vector()
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
	iMajor := roleIndex(MajorClaim)
	var zone []int // the sentences that stand where an essay states its thesis
	var pMajor []float64
	var para []int
	for i := range fs {
		if fs[i].ThesisZone() {
			zone = append(zone, i)
			pMajor = append(pMajor, ds[i].probs[iMajor])
			para = append(para, fs[i].Paragraph)
		}
	}
	major, primary := m.Statements(pMajor, para)
	for k, i := range zone {
		if major[k] {
			ds[i].Role = MajorClaim
			if k != primary {
				ds[i].Restates = fs[zone[primary]].ID
			}
		}
	}
	// claims, paragraph by paragraph
	for start := 0; start < len(fs); {
		end := start
		for end < len(fs) && fs[end].Paragraph == fs[start].Paragraph {
			end++
		}
		m.decideParagraph(fs[start:end], ds[start:end], true)
		start = end
	}
	return ds
}

// Statements decides the thesis statements among the sentences that stand
// where an essay states its thesis (ThesisZone), given in reading order by
// their thesis probabilities pMajor and their paragraphs para: which are
// statements, and which of them is the thesis that the others restate (-1
// when there is none).
func (m *Model) Statements(pMajor []float64, para []int) (major []bool, primary int) {
	major = make([]bool, len(pMajor))
	// the thesis: the likeliest thesis sentence where an essay states it
	thesis := -1
	for k := range pMajor {
		if thesis < 0 || pMajor[k] > pMajor[thesis] {
			thesis = k
		}
	}
	// the thesis statements: the likeliest, and every other sentence of
	// the opening or the closing whose thesis probability reaches the
	// learned threshold (an essay states its thesis there, ANNOTATION.md);
	// a text of one paragraph has no opening and closing apart to restate
	// it in, so its thesis is stated once
	onePara := len(para) > 0 && para[0] == para[len(para)-1]
	var stated []int
	for k := range pMajor {
		if k == thesis || (!onePara && pMajor[k] >= m.ThesisThreshold) {
			major[k] = true
			stated = append(stated, k)
		}
	}
	// an essay states its thesis a few times, not dozens: past
	// maxStatements the least likely statements are decoded as the rest
	if len(stated) > maxStatements {
		sort.SliceStable(stated, func(a, b int) bool { return pMajor[stated[a]] > pMajor[stated[b]] })
		for _, k := range stated[maxStatements:] {
			major[k] = false
		}
	}
	// the thesis is the likeliest statement of the first paragraph that
	// states it (the standfirst or introduction, as opinion writing goes);
	// the other statements restate it
	primary = -1
	for k := range pMajor {
		if !major[k] {
			continue
		}
		if primary >= 0 && para[k] != para[primary] {
			break
		}
		if primary < 0 || pMajor[k] > pMajor[primary] {
			primary = k
		}
	}
	return major, primary
}

// decideParagraph decides the roles of the sentences fs of one paragraph,
// whose decisions ds have the role model's probabilities and the thesis
// statements already, and explains each: the roles of a paragraph depend
// on nothing else. Unless explain is set, a decision keeps the reasons of
// its why (Decision.reasons) and its Why is left empty, to be said with
// sayWhy; but for a why its reasons cannot say again (see roleReasons).
func (m *Model) decideParagraph(fs []SentenceFeatures, ds []Decision, explain bool) {
	if len(fs) == 0 {
		return
	}
	if !fs[0].Argument() {
		for i := range ds {
			d := &ds[i]
			d.Role, d.Confidence = None, 1
			d.Why = "none: " + noneKinds[fs[i].Kind]
			if why, ok := creditWhy[fs[i].Credits]; ok {
				d.Why = "none: " + why
			}
		}
		return
	}
	m.decodeParagraph(fs, ds, roleIndex(MajorClaim), roleIndex(Claim))
	for i := range ds {
		d := &ds[i]
		k := roleIndex(d.Role)
		d.Confidence = d.probs[k]
		if d.point > 0 {
			// the paragraph's point: its confidence is the point model's
			d.Confidence = d.point
		}
		if d.Role == MajorClaim && d.Restates == "" {
			// the thesis: the chance that it is the text's thesis
			d.Confidence = m.ThesisCalibration.Apply(d.Confidence)
		}
		if explain {
			d.Why = m.explainRole(&fs[i], d, k)
			continue
		}
		r, ok, words := m.roleReasons(&fs[i], d, k)
		if d.reasons = r; !ok {
			d.Why = roleWhy(d.Role, d.Restates, d.Confidence, words)
		}
	}
}

// sayWhy returns the why of a role whose reasons were kept (see
// decideParagraph), for a sentence of text text whose confidence
// (unrounded) is conf.
func sayWhy(r *reasons, text string, role Role, restates string, conf float64) string {
	return roleWhy(role, restates, conf, r.words(text))
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
		logits = append(logits, m.Point.Scores(pointVector(ds[j].vector(&fs[j])))[0])
	}
	if len(cands) == 0 {
		return
	}
	logits = append(logits, m.Point.Scores(fs[cands[0]].NullPointVector())[0])
	probs := Softmax(logits, m.Point.temperature())
	best := likeliest(probs[:len(cands)]) // the likeliest sentence, "no claim" aside
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
		if p := ds[k].probs; likeliest(p) == iClaim && p[iClaim] > secondP {
			second, secondP = k, p[iClaim]
		}
	}
	if second >= 0 {
		ds[second].Role = Claim
	}
}

// likeliest returns the index of the largest of p (the first, on a tie).
func likeliest(p []float64) int {
	best := 0
	for c := range p {
		if p[c] > p[best] {
			best = c
		}
	}
	return best
}

// explainRole builds a role's why from the largest contributions to its
// score over the runner-up's: "claim, 0.82: opens with a contrast marker
// 'However', first sentence of a body paragraph".
func (m *Model) explainRole(f *SentenceFeatures, d *Decision, k int) string {
	_, _, reasons := m.roleReasons(f, d, k)
	return roleWhy(d.Role, d.Restates, d.Confidence, reasons)
}

// roleReasons returns the reasons of a role's why (see explainRole) in
// words, and as reasons, which say them again with f's text alone (ok is
// false when a cue is not in the text as it stands, which the words of
// every marker and figure are).
func (m *Model) roleReasons(f *SentenceFeatures, d *Decision, k int) (r reasons, ok bool, words []string) {
	runner := -1
	for c, p := range d.probs {
		if c != k && (runner < 0 || p > d.probs[runner]) {
			runner = c
		}
	}
	x := d.vector(f)
	say := func(i int) string { return explainFeature(sentenceFeatures, i, x[i], f) }
	var idx []int
	if d.point > 0 {
		// chosen as its paragraph's point: the point model's reasons
		idx, words = topContributions(m.Point.Weights[0][:len(x)], nil, x, 3, say)
	} else {
		idx, words = topContributions(m.Roles.Weights[k], m.Roles.Weights[runner], x, 3, say)
	}
	ok = true
	for n, i := range idx {
		c := reason{feat: int16(i), low: x[i] < 0, start: -1}
		if fe := &sentenceFeatures[i]; !c.low && fe.cue != nil && strings.Contains(fe.why, "%s") {
			cue := fe.cue(f)
			at := strings.Index(f.Text, cue)
			if at < 0 {
				ok = false
			}
			c.start, c.end = int32(at), int32(at+len(cue))
		}
		r.r[n] = c
		r.n++
	}
	return r, ok, words
}

// roleWhy says a role's why: its label, its confidence and its reasons.
func roleWhy(role Role, restates string, conf float64, reasons []string) string {
	label := roleLabel(role)
	if restates != "" {
		label = "restates the thesis " + restates
	}
	return formatWhy(label, conf, reasons)
}

// formatWhy writes a why: what was decided (a role's label, a relation's
// kind), its confidence, "(uncertain)" when it is, and its reasons.
func formatWhy(what string, conf float64, reasons []string) string {
	why := fmt.Sprintf("%s, %.2f", what, conf)
	if uncertain(conf) {
		why += " (uncertain)"
	}
	if len(reasons) > 0 {
		why += ": " + strings.Join(reasons, ", ")
	}
	return why
}

// reasons are the reasons of a role's why, kept small until the why is
// written (a long essay's whys are tens of megabytes): each is a feature
// of sentenceFeatures, whether its value was below zero, and where its
// cue stands in the sentence's text.
type reasons struct {
	r [3]reason
	n uint8
}

// reason is one reason of a role's why (see reasons).
type reason struct {
	feat       int16
	low        bool
	start, end int32 // the cue in the sentence's text; start < 0: none
}

// words returns the reasons in words, as explainFeature says them, for
// the sentence whose text is text.
func (r *reasons) words(text string) []string {
	if r.n == 0 {
		return nil
	}
	out := make([]string, r.n)
	for n, c := range r.r[:r.n] {
		d := &sentenceFeatures[c.feat]
		switch {
		case c.low:
			out[n] = d.low
		case c.start < 0:
			out[n] = d.why
		default:
			out[n] = strings.Replace(d.why, "%s", quoteCue(text[c.start:c.end]), 1)
		}
	}
	return out
}

// intern returns the one copy of a relation's why that every relation with
// the same why shares: they are made of a few phrases and a confidence, so
// an essay repeats most of them (the 2,390 relations it finds in the silver corpus
// have 553 whys), and a long essay holds each once. A role's why quotes
// its sentence's cues and is mostly its own (2,978 of 3,313): it is not
// interned.
func intern(why string) string { return unique.Make(why).Value() }

// roleLabel names a role for a why.
func roleLabel(r Role) string {
	if r == MajorClaim {
		return "thesis"
	}
	return string(r)
}

// topContributions returns the n features that add most to the score of
// row w over row v for x (positive contributions only): their indexes and
// their words.
func topContributions(w, v, x []float64, n int, say func(int) string) (idx []int, out []string) {
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
	for _, c := range cs {
		s := say(c.i)
		if s == "" || sameCue(out, s) {
			continue
		}
		idx = append(idx, c.i)
		out = append(out, s)
		if len(out) == n {
			break
		}
	}
	return idx, out
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
	sides := make([]PairSide, len(fs))
	linked := make([]bool, len(fs))
	parallel(len(fs), func(i int) {
		roles[i] = ds[i].Role
		sides[i] = fs[i].Side()
		linked[i] = m.linked(&fs[i], roles[i], nil)
	})
	var links []Link
	_, all := m.decodeRelations(sides, roles, linked)
	for l := range all {
		links = append(links, l)
	}
	return links
}

// linked reports whether a sentence of role r, with features f (and their
// vector x, or nil), may point at a claim: claims and evidence do, and
// context when the linked model finds it linked.
func (m *Model) linked(f *SentenceFeatures, r Role, x []float64) bool {
	switch r {
	case Claim, Evidence:
		return true
	case Background:
		if x == nil {
			x = f.Vector()
		}
		return m.Linked.Probs(x)[1] > 0.5
	}
	return false
}

// decodeRelations is DecodeRelations over the sentences' sides, their
// roles, and whether each may point at a claim (linked). It returns how
// many relations there are and the relations, in the order of the
// sentences they leave, each made when the sequence reaches it.
func (m *Model) decodeRelations(sides []PairSide, roles []Role, linked []bool) (int, iter.Seq[Link]) {
	first := -1
	for i, r := range roles {
		if r == MajorClaim {
			first = i
			break
		}
	}
	if first < 0 {
		return 0, func(func(Link) bool) {}
	}
	idx := newCandidateIndex(func(j int) int { return sides[j].BodyIndex }, roles)
	pairs := newPairIndex(roles, first, func(j int) int { return sides[j].Paragraph })
	// a sentence's best target, and a claim's every candidate with its
	// probability (a sentence that nothing points at needs only its best:
	// a long essay keeps 40 bytes a sentence here)
	type target struct {
		to int32 // -1: no target
		p  float64
	}
	best := make([]target, len(sides))
	claimNo := make([]int32, len(sides)) // sentence → its index among the claims, or -1
	nClaims := 0
	for i, r := range roles {
		claimNo[i] = -1
		if r == Claim {
			claimNo[i] = int32(nClaims)
			nClaims++
		}
	}
	cands := make([][]target, nClaims) // by claimNo
	parallel(len(sides), func(i int) {
		best[i].to = -1
		if !linked[i] {
			return
		}
		cs := idx.candidates(sides[i].BodyIndex, i)
		if len(cs) == 0 {
			return
		}
		logits := make([]float64, len(cs))
		for k, j := range cs {
			p := pairs.pair(&sides[i], &sides[j], i, j)
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
			cands[claimNo[i]] = ts
		}
	})
	// claims: a spanning arborescence over claims and the thesis node
	// (every thesis sentence is one node, the root)
	claims := make([]int, 0, nClaims)
	node := make([]int32, len(sides)) // sentence → node (0: not a claim; the thesis is node 0)
	for i, r := range roles {
		if r == Claim && cands[claimNo[i]] != nil {
			claims = append(claims, i)
			node[i] = int32(len(claims))
		}
	}
	n := len(claims) + 1
	// the arcs (parent node, child node), each with the best
	// log-probability among its sentences, sorted by child then parent
	arcs := 0
	for _, i := range claims {
		arcs += len(cands[claimNo[i]])
	}
	edges := make([]arc, 0, arcs) // at most one a candidate: not grown by doubling
	var from []arc                // one child's arcs, before merging
	for c, i := range claims {
		from = from[:0]
		for _, t := range cands[claimNo[i]] {
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
	// a claim's target: the best candidate inside the node the
	// arborescence chose, or none
	for c, i := range claims {
		pn := parent[c+1]
		bk := -1
		if pn >= 0 {
			for k, t := range cands[claimNo[i]] {
				j := int(t.to)
				in := (pn == 0 && roles[j] == MajorClaim) || (pn > 0 && claims[pn-1] == j)
				if in && (bk < 0 || t.p > cands[claimNo[i]][bk].p) {
					bk = k
				}
			}
		}
		best[i].to = -1
		if bk >= 0 {
			best[i] = cands[claimNo[i]][bk]
		}
	}
	count := 0
	for _, t := range best {
		if t.to >= 0 {
			count++
		}
	}
	// the relations in the order of their sentences, each made when it is
	// asked for (a long essay's are not held twice)
	return count, func(yield func(Link) bool) {
		for i, t := range best {
			if t.to < 0 {
				continue
			}
			pf := pairs.pair(&sides[i], &sides[t.to], i, int(t.to))
			p := &pf
			att := m.Attack.Probs(p.AttackVector())
			kind, conf := Support, att[0]
			if att[1] > 0.5 {
				kind, conf = Attack, att[1]
			}
			l := Link{From: i, To: int(t.to), Kind: kind, Confidence: t.p * conf}
			l.Why = intern(m.explainLink(p, kind, l.Confidence))
			if !yield(l) {
				return
			}
		}
	}
}

// explainLink says why a relation was chosen: its kind, its confidence, and
// the largest contributions to the attachment and to the kind.
func (m *Model) explainLink(p *PairFeatures, kind RelationKind, conf float64) string {
	x := p.AttachVector()
	_, reasons := topContributions(m.Attach.Weights[0], nil, x, 2, func(i int) string { return attachFeatures[i].why })
	ax := p.AttackVector()
	a, b := 0, 1
	if kind == Attack {
		a, b = 1, 0
	}
	// the kind's largest contribution that says something the attachment's
	// reasons have not ("at the thesis" adds nothing to "points at the
	// thesis")
	_, kinds := topContributions(m.Attack.Weights[a], m.Attack.Weights[b], ax, len(attackFeatures), func(i int) string { return attackFeatures[i].why })
	for _, k := range kinds {
		if !saidBy(reasons, k) {
			reasons = append(reasons, k)
			break
		}
	}
	return formatWhy(string(kind), conf, reasons)
}

// reasonGlue are the words of a reason that say nothing by themselves.
var reasonGlue = map[string]bool{"a": true, "an": true, "the": true, "at": true, "to": true, "from": true, "in": true, "of": true, "it": true, "its": true, "and": true}

// saidBy reports whether every word of reason s that says something is in
// one of the reasons already chosen.
func saidBy(chosen []string, s string) bool {
	said := make(map[string]bool)
	for _, c := range chosen {
		for _, w := range strings.Fields(c) {
			said[w] = true
		}
	}
	for _, w := range strings.Fields(s) {
		if !reasonGlue[w] && !said[w] {
			return false
		}
	}
	return true
}

// maxArborescence returns, for the graph of n nodes and the given edges,
// the parent of each node in a maximum spanning arborescence rooted at node
// 0 (Chu-Liu/Edmonds); parent[0] is -1, and a node that no edge reaches
// gets -1. It works in edges, which it leaves reordered and renumbered: a
// long essay's graph is not copied.
func maxArborescence(n int, edges []arc) []int {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = -1
	}
	es := edges[:0]
	for _, e := range edges {
		if e.v != 0 && e.u != e.v && !math.IsInf(e.w, -1) {
			es = append(es, arc{e.u, e.v, e.w, int32(len(es))})
		}
	}
	// only the nodes the root reaches belong to the arborescence: a cycle
	// that no arc from them enters would otherwise be kept whole
	reached := reachable(n, es)
	kept := es[:0]
	for _, e := range es {
		if reached[e.u] {
			kept = append(kept, arc{e.u, e.v, e.w, int32(len(kept))})
		}
	}
	es = kept
	for _, k := range edmonds(n, 0, es) {
		parent[es[k].v] = int(es[k].u)
	}
	return parent
}

// reachable reports, for each of the n nodes, whether node 0 reaches it
// along the arcs es.
func reachable(n int, es []arc) []bool {
	out := make([]int, n+1) // arcs leaving each node, as offsets into by
	for _, e := range es {
		out[e.u+1]++
	}
	for i := range n {
		out[i+1] += out[i]
	}
	by := make([]int32, len(es))
	at := slices.Clone(out[:n])
	for _, e := range es {
		by[at[e.u]] = e.v
		at[e.u]++
	}
	reached := make([]bool, n)
	if n == 0 {
		return reached
	}
	reached[0] = true
	stack := []int32{0}
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, v := range by[out[u]:out[u+1]] {
			if !reached[v] {
				reached[v] = true
				stack = append(stack, v)
			}
		}
	}
	return reached
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
