package argument

import "github.com/argmap/argmap/internal/essay"

// Extract analyses a parsed essay with the embedded model: it gives every
// sentence a role, a calibrated confidence and the reason for it, links
// evidence to claims and claims to the thesis, and pulls out cited
// figures. Paragraph ids are provisional (see PositionalIDs). Extract
// never fails: a document with no paragraphs gives an empty analysis.
func Extract(doc *essay.Document) *Analysis { return ExtractWith(doc, DefaultModel()) }

// ExtractWith is Extract with a given model. The pipeline has four stages:
// features (ComputeFeatures), the model's scores, the decoder
// (DecodeRoles, DecodeRelations) and the explanations built from the
// model's arithmetic.
//
// It gives the same analysis as those stages run one after the other over
// the whole essay, but holds less: the roles of a paragraph depend only on
// its own sentences and on the thesis statements, so once the thesis is
// decided (from the few paragraphs where an essay states it) each
// paragraph's feature records are made, decided, explained and let go in
// turn, and only what the relations read of them (PairSide) is kept.
func ExtractWith(doc *essay.Document, m *Model) *Analysis {
	a := &Analysis{Paragraphs: []Paragraph{}, Relations: []Relation{}, Figures: []Figure{}}
	if doc == nil {
		return a
	}
	a.Author = doc.Author()
	c := newFeatureContext(doc)
	major, restates, zone := m.thesisOf(c)
	n := c.sentences
	roles := make([]Role, n)
	sides := make([]PairSide, n)
	linked := make([]bool, n)
	// the roles' whys are said once the relations are made, from their
	// reasons and unrounded confidences
	type later struct {
		r    reasons
		conf float64
	}
	whys := make([]later, n)
	figs := make([][]Figure, len(doc.Paragraphs))
	a.Paragraphs = make([]Paragraph, len(doc.Paragraphs))
	ids := c.ids
	inner := 1 // the paragraphs are read in parallel, each on one goroutine
	if len(doc.Paragraphs) < 2*parallelBatch {
		inner = 0 // too few paragraphs to share out: the sentences of each are read in parallel
	}
	parallel(len(doc.Paragraphs), func(pi int) {
		p := &doc.Paragraphs[pi]
		fs, ok := zone[pi]
		if !ok {
			fs = c.paragraph(nil, pi, inner)
		}
		ds := make([]Decision, len(fs))
		at := c.first[pi] // reading-order index of the paragraph's first sentence
		for j := range fs {
			ds[j].x = fs[j].Vector() // once: the decisions and whys of the paragraph read it
			ds[j].probs = m.Roles.Probs(ds[j].x)
			if major[at+j] {
				ds[j].Role = MajorClaim
				ds[j].Restates = restates[at+j]
			}
		}
		m.decideParagraph(fs, ds, false)
		ap := Paragraph{ID: ids[pi], Kind: p.Kind, Text: p.Text, Sentences: make([]Sentence, len(fs))}
		for j := range fs {
			f, d, k := &fs[j], &ds[j], at+j
			ap.Sentences[j] = Sentence{
				ID: f.ID, Text: f.Text, Role: d.Role, Confidence: round3(d.Confidence),
				Why: d.Why, Restates: d.Restates,
			}
			figs[pi] = appendListed(figs[pi], f.figs, f.ID)
			if d.Why == "" {
				whys[k] = later{d.reasons, d.Confidence}
			}
			roles[k], sides[k] = d.Role, f.Side()
			linked[k] = m.linked(f, d.Role, d.x)
		}
		a.Paragraphs[pi] = ap
	})
	for _, p := range a.Paragraphs {
		if p.Kind == essay.Title && a.Title == "" {
			a.Title = p.Text
		}
	}
	zone = nil
	// past the paragraphs, the document is not needed (a.Paragraphs holds
	// its texts): nothing below refers to it or to c
	first := c.first
	nf := 0
	for _, fs := range figs {
		nf += len(fs)
	}
	a.Figures = make([]Figure, 0, nf)
	for i, fs := range figs {
		a.Figures = append(a.Figures, fs...)
		figs[i] = nil
	}
	n, links := m.decodeRelations(sides, roles, linked)
	a.Relations = make([]Relation, 0, n)
	sid := func(k int) string { // the id of the k-th sentence
		pi := sides[k].Paragraph
		return a.Paragraphs[pi].Sentences[k-first[pi]].ID
	}
	for l := range links {
		a.Relations = append(a.Relations, Relation{
			From: sid(l.From), To: sid(l.To), Kind: l.Kind,
			Confidence: round3(l.Confidence), Why: l.Why,
		})
	}
	for pi := range a.Paragraphs {
		ss := a.Paragraphs[pi].Sentences
		for j := range ss {
			if s := &ss[j]; s.Why == "" {
				w := &whys[first[pi]+j]
				s.Why = sayWhy(&w.r, s.Text, s.Role, s.Restates, w.conf)
			}
		}
	}
	return a
}

// thesisOf decides the thesis statements of the essay of c from the
// sentences that stand where an essay states its thesis (ThesisZone): it
// returns, by reading-order index, which sentences are statements and,
// for each statement but the thesis, the id of the thesis it restates; and
// the records of those paragraphs, by paragraph, not to be made twice.
func (m *Model) thesisOf(c *featureContext) (major []bool, restates map[int]string, records map[int][]SentenceFeatures) {
	records = make(map[int][]SentenceFeatures)
	iMajor := roleIndex(MajorClaim)
	var zone []int // reading-order index of each sentence of the zone
	var zids []string
	var pMajor []float64
	var para []int
	for pi := range c.doc.Paragraphs {
		switch c.zone[pi] {
		case ZoneStandfirst, ZoneIntro, ZoneConclusion, ZoneSingle:
		default:
			continue
		}
		fs := c.paragraph(nil, pi, 0)
		records[pi] = fs
		ps := make([]float64, len(fs))
		parallel(len(fs), func(j int) { ps[j] = m.Roles.Probs(fs[j].Vector())[iMajor] })
		for j := range fs {
			zone = append(zone, c.first[pi]+j)
			zids = append(zids, fs[j].ID)
			pMajor = append(pMajor, ps[j])
			para = append(para, pi)
		}
	}
	stated, primary := m.Statements(pMajor, para)
	major = make([]bool, c.sentences)
	restates = make(map[int]string)
	for k, i := range zone {
		if stated[k] {
			major[i] = true
			if k != primary {
				restates[i] = zids[primary]
			}
		}
	}
	return major, restates, records
}

// round3 keeps three decimals of a confidence.
func round3(v float64) float64 { return float64(int(v*1000+0.5)) / 1000 }

// appendListed appends to list the figures of sentence id that an analysis
// lists (see figure.Figure.Listed), each with its sentence id, and returns
// the extended list. The features read all of a sentence's figures: a
// relative date ("last year") is a dated fact to them, though it has no
// value to list.
func appendListed(list, figs []Figure, id string) []Figure {
	for _, f := range figs {
		if f.Listed() {
			f.Sentence = id
			list = append(list, f)
		}
	}
	return list
}
