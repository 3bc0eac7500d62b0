package argument

import (
	"math"
	"sort"
)

// PairFeatures is what the relation models know about a sentence (From)
// and a sentence it may point at (To): where each stands, the roles the
// decoder gave them, and how close they are.
type PairFeatures struct {
	From, To         *PairSide
	FromRole, ToRole Role
	// ToThesis is true when To is a thesis sentence; ToFirstThesis when
	// it is the first of them.
	ToThesis, ToFirstThesis bool
	SamePara                bool
	// ParaDist is To's argument-paragraph index minus From's.
	ParaDist int
	// SentDist is the number of sentences between them, signed like
	// ParaDist.
	SentDist int
	// NearestBefore and NearestAfter are true when To is the closest
	// claim or thesis sentence before (or after) From.
	NearestBefore, NearestAfter bool
	// ParaClaim is true when To is the first claim of its paragraph.
	ParaClaim bool
	// Sim is the cosine of their content words.
	Sim float64
}

// PairSide is what the relation models read of one sentence of a pair: a
// small part of its SentenceFeatures, so that the relations of a long
// essay are decoded without holding every whole record.
type PairSide struct {
	Paragraph int // index into the document's paragraphs
	BodyIndex int // 0-based index among argument paragraphs (-1 for none)
	*SentenceMarkers
	PrevConcession, NextContrast, Question bool

	words termSet
}

// Side returns the part of f that the relation models read.
func (f *SentenceFeatures) Side() PairSide {
	return PairSide{
		Paragraph: f.Paragraph, BodyIndex: f.BodyIndex, SentenceMarkers: f.SentenceMarkers,
		PrevConcession: f.PrevConcession, NextContrast: f.NextContrast, Question: f.Question,
		words: f.words,
	}
}

// PairIndex holds what a pair's features need from the rest of an essay,
// computed once for its sentences and their roles, so that each pair is
// read in constant time: the nearest claim or thesis sentence before and
// after each sentence, and which claims are their paragraph's first. (A
// scan per pair made a long essay with few claims cost its length squared.)
type PairIndex struct {
	roles      []Role
	first      int     // the first thesis sentence
	prev, next []int32 // the nearest claim or thesis sentence before, after (-1: none)
	paraFirst  []bool  // a claim with no claim before it in its paragraph
}

// NewPairIndex indexes the sentences fs, whose roles the decoder gave;
// first is the first thesis sentence.
func NewPairIndex(fs []SentenceFeatures, roles []Role, first int) *PairIndex {
	return newPairIndex(roles, first, func(i int) int { return fs[i].Paragraph })
}

// newPairIndex is NewPairIndex with para giving the paragraph of a sentence.
func newPairIndex(roles []Role, first int, para func(i int) int) *PairIndex {
	n := len(roles)
	x := &PairIndex{roles: roles, first: first, prev: make([]int32, n), next: make([]int32, n), paraFirst: make([]bool, n)}
	isTarget := func(r Role) bool { return r == Claim || r == MajorClaim }
	last := int32(-1)
	for i := range n {
		x.prev[i] = last
		if isTarget(roles[i]) {
			last = int32(i)
		}
	}
	last = -1
	for i := n - 1; i >= 0; i-- {
		x.next[i] = last
		if isTarget(roles[i]) {
			last = int32(i)
		}
	}
	claimSeen := false
	for i := range n {
		if i == 0 || para(i) != para(i-1) {
			claimSeen = false
		}
		if roles[i] == Claim {
			x.paraFirst[i] = !claimSeen
			claimSeen = true
		}
	}
	return x
}

// Pair computes the features of the pair (from, to) of fs.
func (x *PairIndex) Pair(fs []SentenceFeatures, from, to int) PairFeatures {
	f, t := fs[from].Side(), fs[to].Side()
	return x.pair(&f, &t, from, to)
}

// pair computes the features of the pair (from, to) whose sides are f and t.
func (x *PairIndex) pair(f, t *PairSide, from, to int) PairFeatures {
	roles := x.roles
	return PairFeatures{
		From: f, To: t, FromRole: roles[from], ToRole: roles[to],
		ToThesis: roles[to] == MajorClaim, ToFirstThesis: to == x.first,
		SamePara:      f.Paragraph == t.Paragraph,
		ParaDist:      t.BodyIndex - f.BodyIndex,
		SentDist:      to - from,
		Sim:           f.words.cosine(t.words),
		NearestBefore: int(x.prev[from]) == to,
		NearestAfter:  int(x.next[from]) == to,
		ParaClaim:     x.paraFirst[to],
	}
}

// A pairFeature is one named number the relation models read from a
// PairFeatures record, with its words for a reader.
type pairFeature struct {
	name, why string
	value     func(p *PairFeatures) float64
}

func roleIs(r Role, want Role) float64 { return boolf(r == want) }

// attachFeatures is the vector of the attachment model, which scores how
// likely From points at To.
var attachFeatures = []pairFeature{
	{"to.thesis", "points at the thesis", func(p *PairFeatures) float64 { return boolf(p.ToThesis) }},
	{"to.first_thesis", "points at the first statement of the thesis", func(p *PairFeatures) float64 { return boolf(p.ToFirstThesis) }},
	{"same_para", "in the same paragraph", func(p *PairFeatures) float64 { return boolf(p.SamePara) }},
	{"prev_para", "the paragraph before", func(p *PairFeatures) float64 { return boolf(p.ParaDist == -1) }},
	{"far", "far away", func(p *PairFeatures) float64 { return math.Log1p(math.Abs(float64(p.ParaDist))) }},
	{"after", "comes after it", func(p *PairFeatures) float64 { return boolf(p.SentDist > 0) }},
	{"nearest_before", "the nearest claim before it", func(p *PairFeatures) float64 { return boolf(p.NearestBefore) }},
	{"nearest_after", "the nearest claim after it", func(p *PairFeatures) float64 { return boolf(p.NearestAfter) }},
	{"same_para.nearest_before", "the claim above it in its paragraph", func(p *PairFeatures) float64 { return boolf(p.SamePara && p.NearestBefore) }},
	{"same_para.nearest_after", "the claim below it in its paragraph", func(p *PairFeatures) float64 { return boolf(p.SamePara && p.NearestAfter) }},
	{"para_claim", "its paragraph's point", func(p *PairFeatures) float64 { return boolf(p.ParaClaim) }},
	{"claim.to_thesis", "from a claim to the thesis", func(p *PairFeatures) float64 { return roleIs(p.FromRole, Claim) * boolf(p.ToThesis) }},
	{"claim.to_claim", "from a claim to another claim", func(p *PairFeatures) float64 { return roleIs(p.FromRole, Claim) * roleIs(p.ToRole, Claim) }},
	{"claim.same_para", "a second claim of the paragraph", func(p *PairFeatures) float64 { return roleIs(p.FromRole, Claim) * boolf(p.SamePara) }},
	{"evidence.to_thesis", "from evidence to the thesis", func(p *PairFeatures) float64 { return roleIs(p.FromRole, Evidence) * boolf(p.ToThesis) }},
	{"evidence.same_para", "evidence in the claim's paragraph", func(p *PairFeatures) float64 { return roleIs(p.FromRole, Evidence) * boolf(p.SamePara) }},
	{"background.to_thesis", "from context to the thesis", func(p *PairFeatures) float64 { return roleIs(p.FromRole, Background) * boolf(p.ToThesis) }},
	{"background.same_para", "context in the claim's paragraph", func(p *PairFeatures) float64 { return roleIs(p.FromRole, Background) * boolf(p.SamePara) }},
	{"sim", "shares words with it", func(p *PairFeatures) float64 { return p.Sim }},
	{"from.reason", "gives a reason for it", func(p *PairFeatures) float64 { return has(p.From.Reason) * boolf(p.SentDist < 0) }},
	{"contrast.nearest_before", "answers the claim before it", func(p *PairFeatures) float64 {
		return boolf(p.From.Contrast != "" && p.NearestBefore && !p.ToThesis)
	}},
	{"contrast.to_thesis", "opens with a contrast and points at the thesis", func(p *PairFeatures) float64 { return boolf(p.From.Contrast != "" && p.ToThesis) }},
	{"from.contrast.prev", "answers it", func(p *PairFeatures) float64 {
		return boolf(p.From.Contrast != "" && p.SentDist < 0 && p.SentDist > -3)
	}},
}

// attackFeatures is the vector of the attack model, which says whether a
// chosen relation attacks rather than supports.
var attackFeatures = []pairFeature{
	{"bias", "", func(*PairFeatures) float64 { return 1 }},
	{"from.contrast", "opens with a contrast", func(p *PairFeatures) float64 { return has(p.From.Contrast) }},
	{"from.contrast_in", "turns inside", func(p *PairFeatures) float64 { return has(p.From.ContrastInner) }},
	{"from.concession", "concedes", func(p *PairFeatures) float64 { return has(p.From.Concession) }},
	{"from.opposing", "reports an opposing view", func(p *PairFeatures) float64 { return has(p.From.Opposing) }},
	{"from.reported", "reports what others think", func(p *PairFeatures) float64 { return has(p.From.Reported) }},
	{"from.prev_concession", "answers a concession", func(p *PairFeatures) float64 { return boolf(p.From.PrevConcession) }},
	{"from.next_contrast", "is then overturned", func(p *PairFeatures) float64 { return boolf(p.From.NextContrast) }},
	{"from.hedge", "hedged", func(p *PairFeatures) float64 { return has(p.From.Hedge) }},
	{"from.question", "a question", func(p *PairFeatures) float64 { return boolf(p.From.Question) }},
	{"from.claim", "from a claim", func(p *PairFeatures) float64 { return roleIs(p.FromRole, Claim) }},
	{"from.background", "from context", func(p *PairFeatures) float64 { return roleIs(p.FromRole, Background) }},
	{"to.thesis", "at the thesis", func(p *PairFeatures) float64 { return boolf(p.ToThesis) }},
	{"to.opposing", "at an opposing view", func(p *PairFeatures) float64 { return has(p.To.Opposing) + has(p.To.Concession) }},
	{"to.next_contrast", "at a sentence the next one overturns", func(p *PairFeatures) float64 { return boolf(p.To.NextContrast) }},
	{"contrast.to_claim", "opens with a contrast and points at a claim", func(p *PairFeatures) float64 { return boolf(p.From.Contrast != "" && !p.ToThesis) }},
	{"contrast.to_thesis", "opens with a contrast and points at the thesis", func(p *PairFeatures) float64 { return boolf(p.From.Contrast != "" && p.ToThesis) }},
	{"adjacent", "right after it", func(p *PairFeatures) float64 { return boolf(p.SentDist == -1) }},
	{"m.deontic", "says what ought to be", func(p *PairFeatures) float64 { return has(p.From.Deontic) }},
	{"m.negation", "denies", func(p *PairFeatures) float64 { return boolf(p.From.Evaluative != "" && p.From.Contrast != "") }},
}

// pairVector returns p's vector under fs.
func pairVector(fs []pairFeature, p *PairFeatures) []float64 {
	v := make([]float64, len(fs))
	for i, d := range fs {
		v[i] = d.value(p)
	}
	return v
}

// AttachVector returns the attachment model's vector of p.
func (p *PairFeatures) AttachVector() []float64 { return pairVector(attachFeatures, p) }

// AttackVector returns the attack model's vector of p.
func (p *PairFeatures) AttackVector() []float64 { return pairVector(attackFeatures, p) }

// AttachFeatureNames and AttackFeatureNames return the names of the
// relation models' features.
func AttachFeatureNames() []string { return pairNames(attachFeatures) }

// AttackFeatureNames returns the names of the attack model's features.
func AttackFeatureNames() []string { return pairNames(attackFeatures) }

func pairNames(fs []pairFeature) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.name
	}
	return out
}

// candidateWindow is how many argument paragraphs back (and one forward)
// a relation may reach, besides the thesis, which any sentence may reach.
const candidateWindow = 3

// CandidateIndex finds the sentences a sentence may point at: every
// thesis sentence, and the claims of the paragraphs from candidateWindow
// before its own to one after.
type CandidateIndex struct {
	theses []int
	// claims are the claim sentences of argument paragraphs in reading
	// order, and from[b] the first of them in argument paragraph b or
	// after it; outside are those of other paragraphs (BodyIndex -1)
	claims  []int32
	from    []int32
	outside []int32
}

// NewCandidateIndex indexes the thesis and claim sentences of roles.
func NewCandidateIndex(fs []SentenceFeatures, roles []Role) *CandidateIndex {
	return newCandidateIndex(func(j int) int { return fs[j].BodyIndex }, roles)
}

// newCandidateIndex is NewCandidateIndex with body giving a sentence's
// argument-paragraph index.
func newCandidateIndex(body func(j int) int, roles []Role) *CandidateIndex {
	x := &CandidateIndex{}
	for j, r := range roles {
		switch r {
		case MajorClaim:
			x.theses = append(x.theses, j)
		case Claim:
			b := body(j)
			if b < 0 {
				x.outside = append(x.outside, int32(j))
				continue
			}
			for len(x.from) <= b {
				x.from = append(x.from, int32(len(x.claims)))
			}
			x.claims = append(x.claims, int32(j))
		}
	}
	return x
}

// inBody returns the claims of argument paragraph b.
func (x *CandidateIndex) inBody(b int) []int32 {
	if b == -1 {
		return x.outside
	}
	if b < 0 || b >= len(x.from) {
		return nil
	}
	end := int32(len(x.claims))
	if b+1 < len(x.from) {
		end = x.from[b+1]
	}
	return x.claims[x.from[b]:end]
}

// Candidates returns the sentences that sentence i of fs may point at, in
// reading order.
func (x *CandidateIndex) Candidates(fs []SentenceFeatures, i int) []int {
	return x.candidates(fs[i].BodyIndex, i)
}

// candidates returns the sentences that sentence i, of argument paragraph
// b, may point at, in reading order.
func (x *CandidateIndex) candidates(b, i int) []int {
	var out []int
	for _, j := range x.theses {
		if j != i {
			out = append(out, j)
		}
	}
	for d := -candidateWindow; d <= 1; d++ {
		if b >= 0 && b+d < 0 {
			continue // before the first argument paragraph, not outside the argument
		}
		for _, j := range x.inBody(b + d) {
			if int(j) != i {
				out = append(out, int(j))
			}
		}
	}
	sort.Ints(out)
	return out
}
