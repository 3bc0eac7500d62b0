// Package train fits the extractor's model (argument.Model) to annotated
// corpora: multinomial logistic regressions for roles, for support or
// attack and for whether context is linked, a conditional logit for which
// claim a sentence points at, and the distribution of claims per
// paragraph. Fitting is deterministic: the same texts in the same order
// give the same weights, and the weights are rounded so that the model file
// is the same bytes on any machine.
package train

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/argmap/argmap/internal/argument"
	"github.com/argmap/argmap/internal/corpus"
)

// Options are the settings of a training run.
type Options struct {
	// L2 is the penalty on the squared weights.
	L2 float64
	// Folds is the number of folds whose held-out predictions calibrate
	// the temperatures (at least 2).
	Folds int
	// Weight scales the texts of a corpus (default 1).
	Weight map[string]float64
	// Reparagraph, when above 0, adds to the silver texts a copy of each
	// paragraphed as news is, in paragraphs of at most this many sentences
	// (corpus.Doc.Reparagraphed), weighted as Weight[corpus.Reparagraphed]
	// says: an essay's roles do not depend on where its writer broke the
	// paragraphs, and essays of short paragraphs are rare in the corpora.
	Reparagraph int
}

// DefaultOptions are the settings `argmap train` uses: a re-paragraphed
// copy counts half a text, web-discourse's texts 0.3.
var DefaultOptions = Options{L2: 1, Folds: 5, Reparagraph: 2,
	Weight: map[string]float64{corpus.WebDiscourse: 0.3, corpus.Reparagraphed: 0.5}}

// example is one text made ready for training: its features and gold.
type example struct {
	doc   *corpus.Doc
	fs    []argument.SentenceFeatures
	first int // the first gold thesis sentence, or -1
}

// prepare computes the features of every text.
func prepare(docs []*corpus.Doc) []example {
	out := make([]example, len(docs))
	for i, d := range docs {
		fs := argument.ComputeFeatures(d.Essay)
		if len(fs) != len(d.Roles) {
			panic(fmt.Sprintf("train: %s: %d features for %d sentences", d.ID, len(fs), len(d.Roles)))
		}
		first := -1
		for j, r := range d.Roles {
			if r == argument.MajorClaim {
				first = j
				break
			}
		}
		out[i] = example{doc: d, fs: fs, first: first}
	}
	return out
}

// sentences calls do for every argument sentence of e with a gold role:
// its features, the index of its role among argument.RoleClasses, whether
// it is background, and whether it has a gold relation.
func (e example) sentences(do func(x []float64, role int, background, linked bool)) {
	classes := argument.RoleClasses()
	linked := make(map[int]bool)
	for _, l := range e.doc.Links {
		linked[l.From] = true
	}
	for i := range e.fs {
		r := e.doc.Roles[i]
		if r == "" || !e.fs[i].Argument() {
			continue
		}
		do(e.fs[i].Vector(), slices.Index(classes, r), r == argument.Background, linked[i])
	}
}

// Train fits a model to docs.
func Train(docs []*corpus.Doc, opt Options) (*argument.Model, error) {
	if len(docs) == 0 {
		return nil, fmt.Errorf("train: no texts")
	}
	var kept []*corpus.Doc
	for _, d := range docs {
		if opt.weight(d) > 0 {
			kept = append(kept, d)
		}
	}
	docs = kept
	exs := prepare(docs)
	// copies re-paragraphed news-style, each with the index of its text
	var copies []*corpus.Doc
	var source []int
	if opt.Reparagraph > 0 && opt.corpusWeight(corpus.Reparagraphed) > 0 {
		for i, d := range docs {
			if d.Corpus != corpus.Silver {
				continue
			}
			if c := d.Reparagraphed(opt.Reparagraph); c != nil {
				copies, source = append(copies, c), append(source, i)
			}
		}
	}
	extra := prepare(copies)
	m := fit(append(slices.Clip(exs), extra...), opt)
	// calibrate on held-out folds of the texts as they are; a copy trains
	// with its text and is never held out
	folds := max(opt.Folds, 2)
	var cal calibration
	for k := range folds {
		var in, out []example
		for i, e := range exs {
			if i%folds == k {
				out = append(out, e)
			} else {
				in = append(in, e)
			}
		}
		for j, e := range extra {
			if source[j]%folds != k {
				in = append(in, e)
			}
		}
		if len(in) == 0 || len(out) == 0 {
			continue
		}
		cal.add(fit(in, opt), out)
	}
	m.Roles.Temperature = fitTemperature(cal.roles, cal.roleGold)
	m.Attach.Temperature = fitTemperature(cal.attach, cal.attachGold)
	m.Attack.Temperature = fitTemperature(cal.attack, cal.attackGold)
	m.Linked.Temperature = fitTemperature(cal.linked, cal.linkedGold)
	m.Point.Temperature = fitTemperature(cal.point, cal.pointGold)
	m.PointThreshold = pointThreshold(cal.point, cal.pointGold, m.Point.Temperature)
	m.ThesisThreshold = thesisThreshold(cal.roles, cal.roleGold, m.Roles.Temperature)
	m.ThesisCalibration = thesisCalibration(cal.theses, m)
	m.TrainedOn = describe(append(slices.Clip(docs), copies...))
	round(m)
	if err := m.Check(); err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	return m, nil
}

// describe names what the model learned from, corpus by corpus.
func describe(docs []*corpus.Doc) []string {
	type count struct{ texts, sents int }
	by := make(map[string]*count)
	var names []string
	for _, d := range docs {
		c, ok := by[d.Corpus]
		if !ok {
			c = &count{}
			by[d.Corpus] = c
			names = append(names, d.Corpus)
		}
		c.texts++
		c.sents += d.Sentences()
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		out = append(out, fmt.Sprintf("%s: %d texts, %d sentences", n, by[n].texts, by[n].sents))
	}
	return out
}

// weight returns the weight of d's corpus.
func (o Options) weight(d *corpus.Doc) float64 { return o.corpusWeight(d.Corpus) }

// corpusWeight returns the weight of the texts of the named corpus.
func (o Options) corpusWeight(name string) float64 {
	if w, ok := o.Weight[name]; ok {
		return w
	}
	return 1
}

// fit fits every part of the model to exs (temperatures 1).
func fit(exs []example, opt Options) *argument.Model {
	m := &argument.Model{Version: argument.ModelVersion}
	classes := argument.RoleClasses()
	// roles: every argument sentence with a gold role
	var xs [][]float64
	var ys []int
	var ws []float64
	var lx [][]float64
	var ly []int
	var lw []float64
	for _, e := range exs {
		w := opt.weight(e.doc)
		e.sentences(func(x []float64, role int, background, linked bool) {
			xs = append(xs, x)
			ys = append(ys, role)
			ws = append(ws, w)
			if background {
				lx = append(lx, x)
				ly = append(ly, b2i(linked))
				lw = append(lw, w)
			}
		})
	}
	names := argument.SentenceFeatureNames()
	m.Roles = argument.Linear{Features: names, Weights: fitMultinomial(xs, ys, ws, len(classes), len(names), opt.L2)}
	for _, c := range classes {
		m.Roles.Classes = append(m.Roles.Classes, string(c))
	}
	m.Linked = argument.Linear{Classes: []string{"unlinked", "linked"}, Features: names, Weights: fitMultinomial(lx, ly, lw, 2, len(names), opt.L2)}
	// relations
	var gs []group
	var ax [][]float64
	var ay []int
	var aw []float64
	for _, e := range exs {
		if e.first < 0 {
			continue
		}
		w := opt.weight(e.doc)
		idx := argument.NewCandidateIndex(e.fs, e.doc.Roles)
		pairs := argument.NewPairIndex(e.fs, e.doc.Roles, e.first)
		for _, l := range e.doc.Links {
			cands := idx.Candidates(e.fs, l.From)
			g := group{gold: slices.Index(cands, l.To), weight: w}
			if g.gold < 0 {
				continue
			}
			for _, j := range cands {
				p := pairs.Pair(e.fs, l.From, j)
				g.xs = append(g.xs, p.AttachVector())
				if j == l.To {
					ax = append(ax, p.AttackVector())
					ay = append(ay, b2i(l.Kind == argument.Attack))
					aw = append(aw, w)
				}
			}
			gs = append(gs, g)
		}
	}
	m.Attach = argument.Linear{Classes: []string{"target"}, Features: argument.AttachFeatureNames(), Weights: [][]float64{fitConditional(gs, len(argument.AttachFeatureNames()), opt.L2)}}
	m.Attack = argument.Linear{Classes: []string{"support", "attack"}, Features: argument.AttackFeatureNames(), Weights: fitMultinomial(ax, ay, aw, 2, len(argument.AttackFeatureNames()), opt.L2)}
	m.Point = argument.Linear{Classes: []string{"point"}, Features: argument.PointFeatureNames(), Weights: [][]float64{fitConditional(pointGroups(exs, opt), len(argument.PointFeatureNames()), opt.L2)}}
	return m
}

// pointGroups makes one group a paragraph for the point model: the
// paragraph's sentences that are not thesis sentences, and "no claim";
// the right answer is its first gold claim, or "no claim". A second
// claim is left out of the candidates, so that it counts neither for nor
// against.
func pointGroups(exs []example, opt Options) []group {
	var gs []group
	for _, e := range exs {
		w := opt.weight(e.doc)
		for start := 0; start < len(e.fs); {
			end := start
			for end < len(e.fs) && e.fs[end].Paragraph == e.fs[start].Paragraph {
				end++
			}
			if g, ok := pointGroup(e, start, end); ok {
				g.weight = w
				gs = append(gs, g)
			}
			start = end
		}
	}
	return gs
}

// pointGroup makes the group of the paragraph fs[start:end] of e.
func pointGroup(e example, start, end int) (group, bool) {
	g := group{gold: -1}
	if !e.fs[start].Argument() {
		return g, false
	}
	for i := start; i < end; i++ {
		switch e.doc.Roles[i] {
		case "":
			return g, false
		case argument.MajorClaim:
			continue
		case argument.Claim:
			if g.gold >= 0 {
				continue
			}
			g.gold = len(g.xs)
		}
		g.xs = append(g.xs, e.fs[i].PointVector())
	}
	if len(g.xs) == 0 {
		return g, false
	}
	if g.gold < 0 {
		g.gold = len(g.xs)
	}
	g.xs = append(g.xs, e.fs[start].NullPointVector())
	return g, true
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// calibration collects held-out scores and gold answers.
type calibration struct {
	roles, attach, attack, linked, point                    [][]float64
	roleGold, attachGold, attackGold, linkedGold, pointGold []int
	// theses are the held-out texts' sentences where an essay states its
	// thesis, to calibrate the confidence of the one decoded as the thesis
	theses []thesisCal
}

// thesisCal is one held-out text's sentences where an essay states its
// thesis (ThesisZone): their role scores, their paragraphs and whether
// each is a gold thesis sentence.
type thesisCal struct {
	scores [][]float64
	para   []int
	gold   []bool
}

// add scores the held-out texts out with m.
func (c *calibration) add(m *argument.Model, out []example) {
	for _, e := range out {
		var tc thesisCal
		for i := range e.fs {
			if r := e.doc.Roles[i]; r != "" && e.fs[i].ThesisZone() {
				tc.scores = append(tc.scores, m.Roles.Scores(e.fs[i].Vector()))
				tc.para = append(tc.para, e.fs[i].Paragraph)
				tc.gold = append(tc.gold, r == argument.MajorClaim)
			}
		}
		if len(tc.scores) > 0 {
			c.theses = append(c.theses, tc)
		}
		e.sentences(func(x []float64, role int, background, linked bool) {
			c.roles = append(c.roles, m.Roles.Scores(x))
			c.roleGold = append(c.roleGold, role)
			if background {
				c.linked = append(c.linked, m.Linked.Scores(x))
				c.linkedGold = append(c.linkedGold, b2i(linked))
			}
		})
		for _, g := range pointGroups([]example{e}, Options{}) {
			s := make([]float64, len(g.xs))
			for k, x := range g.xs {
				s[k] = m.Point.Scores(x)[0]
			}
			c.point = append(c.point, s)
			c.pointGold = append(c.pointGold, g.gold)
		}
		if e.first < 0 {
			continue
		}
		idx := argument.NewCandidateIndex(e.fs, e.doc.Roles)
		pairs := argument.NewPairIndex(e.fs, e.doc.Roles, e.first)
		for _, l := range e.doc.Links {
			cands := idx.Candidates(e.fs, l.From)
			gold := slices.Index(cands, l.To)
			if gold < 0 {
				continue
			}
			s := make([]float64, len(cands))
			for k, j := range cands {
				p := pairs.Pair(e.fs, l.From, j)
				s[k] = m.Attach.Scores(p.AttachVector())[0]
				if j == l.To {
					c.attack = append(c.attack, m.Attack.Scores(p.AttackVector()))
					c.attackGold = append(c.attackGold, b2i(l.Kind == argument.Attack))
				}
			}
			c.attach = append(c.attach, s)
			c.attachGold = append(c.attachGold, gold)
		}
	}
}

// round keeps four decimals of every weight and of the temperatures and
// prior, so the model file is the same bytes wherever it is trained.
func round(m *argument.Model) {
	r := func(v float64) float64 { return math.Round(v*1e4) / 1e4 }
	for _, l := range []*argument.Linear{&m.Roles, &m.Attach, &m.Attack, &m.Linked, &m.Point} {
		for _, w := range l.Weights {
			for i := range w {
				w[i] = r(w[i])
			}
		}
		l.Temperature = r(l.Temperature)
	}
	m.PointThreshold = r(m.PointThreshold)
	m.ThesisThreshold = r(m.ThesisThreshold)
	m.ThesisCalibration.Scale = r(m.ThesisCalibration.Scale)
	m.ThesisCalibration.Shift = r(m.ThesisCalibration.Shift)
}

// thresholds tried for the decoder's decisions.
var thresholds = func() []float64 {
	var ts []float64
	for t := 0.10; t < 0.901; t += 0.02 {
		ts = append(ts, math.Round(t*100)/100)
	}
	return ts
}()

// bestThreshold returns the threshold of thresholds whose decisions have the
// highest F1, where counts(t) gives the true positives, predictions and
// gold positives at t; ties go to the higher threshold.
func bestThreshold(counts func(t float64) (tp, pred, gold int)) float64 {
	best, bestF := 0.5, -1.0
	for _, t := range thresholds {
		tp, pred, gold := counts(t)
		f := 0.0
		if pred+gold > 0 {
			f = 2 * float64(tp) / float64(pred+gold)
		}
		if f >= bestF {
			best, bestF = t, f
		}
	}
	return best
}

// pointThreshold learns the probability above which the point model's
// likeliest sentence is taken as its paragraph's claim: the one that
// maximises claim F1 on the held-out paragraphs (the optimal F1 threshold
// is below one half: Lipton, Elkan and Naryanaswamy 2014).
func pointThreshold(scores [][]float64, gold []int, temp float64) float64 {
	return bestThreshold(func(t float64) (tp, pred, golds int) {
		for n, s := range scores {
			p := argument.Softmax(s, temp)
			null := len(s) - 1
			best := 0
			for k := range null {
				if p[k] > p[best] {
					best = k
				}
			}
			if gold[n] != null {
				golds++
			}
			if null > 0 && p[best] >= t {
				pred++
				if best == gold[n] {
					tp++
				}
			}
		}
		return tp, pred, golds
	})
}

// thesisThreshold learns the probability of the thesis class above which a
// sentence is a statement of the thesis, maximising thesis F1 over every
// held-out argument sentence. The decoder applies it only where an essay
// states its thesis, beside the likeliest sentence there; learned that way
// it did worse on the silver folds (docs/model.md, Tried and not shipped).
func thesisThreshold(scores [][]float64, gold []int, temp float64) float64 {
	major := slices.Index(argument.RoleClasses(), argument.MajorClaim)
	return bestThreshold(func(t float64) (tp, pred, golds int) {
		for n, s := range scores {
			p := argument.Softmax(s, temp)[major]
			g := gold[n] == major
			if g {
				golds++
			}
			if p >= t {
				pred++
				if g {
					tp++
				}
			}
		}
		return tp, pred, golds
	})
}

// thesisCalibration fits the confidence of the thesis as the decoder
// chooses it (Model.Statements, with m's temperature and threshold) on the
// held-out texts: a logistic regression of whether it is a gold thesis
// sentence on the logit of its thesis probability (Platt scaling), with a
// weak prior at the identity (a penalty of (scale − 1)² + shift², the
// weight of one text) so that a few texts cannot make it degenerate.
// Without held-out texts, or should the fit not rise with p, it is the
// identity.
func thesisCalibration(texts []thesisCal, m *argument.Model) argument.Platt {
	major := slices.Index(argument.RoleClasses(), argument.MajorClaim)
	var xs, ys []float64
	for _, t := range texts {
		p := make([]float64, len(t.scores))
		for k, s := range t.scores {
			p[k] = argument.Softmax(s, m.Roles.Temperature)[major]
		}
		_, primary := m.Statements(p, t.para)
		if primary < 0 {
			continue
		}
		xs = append(xs, argument.Logit(p[primary]))
		ys = append(ys, float64(b2i(t.gold[primary])))
	}
	if len(xs) == 0 {
		return argument.Platt{Scale: 1}
	}
	theta := minimize(func(theta, grad []float64) float64 {
		f := (theta[0]-1)*(theta[0]-1) + theta[1]*theta[1]
		if grad != nil {
			grad[0], grad[1] = 2*(theta[0]-1), 2*theta[1]
		}
		for n, x := range xs {
			z := theta[0]*x + theta[1]
			// log loss of σ(z) against ys[n], written stably
			f += math.Max(z, 0) - z*ys[n] + math.Log1p(math.Exp(-math.Abs(z)))
			if grad != nil {
				d := 1/(1+math.Exp(-z)) - ys[n]
				grad[0] += d * x
				grad[1] += d
			}
		}
		return f
	}, 2)
	if !(theta[0] > 0) {
		return argument.Platt{Scale: 1}
	}
	return argument.Platt{Scale: theta[0], Shift: theta[1]}
}
